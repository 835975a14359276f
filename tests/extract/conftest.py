"""Fixtures for extraction tests: the hand-written reports in tests/fixtures/reports/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
PUBLISHED = date(2016, 12, 13)  # a Tuesday


@pytest.fixture
def report():
    """extract_claims over a fixture report, by file name, published 2016-12-13."""
    from tawthiq.cli.extract import read_report_file
    from tawthiq.extract import extract_claims

    def run(name: str, published: date = PUBLISHED):
        text, title = read_report_file(REPORTS / name)
        return extract_claims(text, published, title=title)

    return run

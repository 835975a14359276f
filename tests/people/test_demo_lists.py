"""The demo lists import cleanly and link close to their answer key (truth.csv).

The lists are invented (see src/tawthiq/demo/lists/generate.py); truth.csv says which
records are one person. This is the path `tawthiq demo` takes, so it must stay green.
"""

from __future__ import annotations

import csv
import itertools

import pytest

from tawthiq.cli._demo import DEMO_LISTS as LISTS  # the lists `tawthiq demo` imports
from tawthiq.demo import LISTS as DEMO


def _pairs(groups) -> set[tuple]:
    return {pair for members in groups for pair in itertools.combinations(sorted(members), 2)}


@pytest.fixture
def demo_workspace(cli, workspace):
    for file, name in LISTS:
        cli(workspace, "people", "import", str(DEMO / file), "--list", name, "--yes")
    return workspace


def test_demo_lists_import_without_refused_rows(cli_json, workspace):
    for file, name in LISTS:
        out = cli_json(workspace, "people", "import", str(DEMO / file), "--list", name, "--yes")
        assert out["errors"] == [] and out["stored"] == out["rows"] >= 40
        assert "record_id" in out["mapping"].values()


def test_demo_lists_link_close_to_the_answer_key(cli, cli_json, demo_workspace):
    """Links made must be right; a true link not made must at least wait in the review queue."""
    cli(demo_workspace, "people", "link")
    persons = cli_json(demo_workspace, "people", "persons")
    linked = _pairs([(r["list"], r["record_id"]) for r in p["records"]] for p in persons)
    queued = _pairs(
        [(q[x]["list"], q[x]["record_id"]) for x in "ab"]
        for q in cli_json(demo_workspace, "people", "review")
    )
    with (DEMO / "truth.csv").open(encoding="utf-8") as fh:
        truth: dict[str, list[tuple[str, str]]] = {}
        for row in csv.DictReader(fh):
            truth.setdefault(row["person"], []).append((row["list"], row["record_id"]))
    true = _pairs(truth.values())
    precision = len(linked & true) / max(1, len(linked))
    found = len((linked | queued) & true) / len(true)
    assert precision >= 0.95, f"precision {precision:.3f}: {len(linked - true)} false links"
    assert found >= 0.9, f"linked or queued {found:.3f}: {len(true - linked - queued)} true links lost"

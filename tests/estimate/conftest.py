"""Fixtures for the estimation tests: small tables written here, and the shared MSE tables when present.

Sampler settings are short (a few thousand iterations, 2 chains) so the suite stays fast; the long runs
are in ``benchmarks/mse_coverage.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.estimate import LcmcrSettings

MSE_DIR = Path(__file__).resolve().parents[2] / "../shared/data/mse"

# Short chains: enough for a 4-list table with about a thousand people to settle.
QUICK = LcmcrSettings(iterations=6000, thin=5, chains=2, seed=11)


@pytest.fixture
def quick() -> LcmcrSettings:
    return QUICK


@pytest.fixture
def mse_dir() -> Path:
    if not MSE_DIR.is_dir():
        pytest.skip(f"shared MSE tables not found at {MSE_DIR} (they live beside the repository)")
    return MSE_DIR


@pytest.fixture
def write_csv(tmp_path: Path):
    def write(text: str, name: str = "table.csv") -> Path:
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        return p

    return write

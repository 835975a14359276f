"""The demo's own estimate of the killed covers the true number while its review queue is still open.

Issue 20's target: the demo once printed 264 (224–390) killed against a true 170, because the pairs left
in review were counted as different people. This runs the demo's people and estimate steps as
`tawthiq demo` runs them (the four bundled lists imported and linked, nobody reviewing the queue; then
LCMCR and log-linear with the demo's settings) and checks every interval it prints against the truth the
lists were generated from (``tawthiq/demo/lists/generate.py``), not against a number copied here.
"""

from __future__ import annotations

import random
import re

import pytest

from tawthiq.cli._demo import DEMO_STEPS
from tawthiq.demo import run_demo
from tawthiq.demo.lists.generate import SEED, people

PRINTED = re.compile(r"(\d+) killed, 95% interval (\d+)–(\d+) \((\d+) documented\)")


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    steps = [s for s in DEMO_STEPS if s.name in ("people", "estimate")]
    assert [s.name for s in steps] == ["people", "estimate"]
    path = tmp_path_factory.mktemp("demo") / "ws"
    return path, run_demo(path, steps=steps)


@pytest.fixture(scope="module")
def demo_summary(demo_run):
    return demo_run[1]


def test_the_demo_keeps_its_estimate_for_the_web_to_show(demo_run):
    """The demo printed its estimate but did not keep it: the web's /estimates said "no saved
    estimate yet" on the demo workspace."""
    from tawthiq.app.estimate import saved_estimates
    from tawthiq.store import open_workspace

    path, summary = demo_run
    with open_workspace(path) as ws:
        [saved] = saved_estimates(ws)
    assert saved["status"] == "killed"
    printed = {
        k: int(PRINTED.fullmatch(v).group(1)) for k, v in summary.items() if k.startswith("estimate (")
    }
    kept = {f"estimate ({e['method']})": round(e["N"]) for e in saved["estimates"]}
    assert kept == printed


def test_demo_interval_covers_the_true_number_of_killed_with_pairs_left_in_review(demo_summary):
    killed, _ = people(random.Random(SEED))  # everyone killed, on a list or not
    assert demo_summary["pairs to review"] > 0  # the queue is left open, as a documenter would
    shown = {k: v for k, v in demo_summary.items() if k.startswith("estimate (")}
    assert set(shown) == {"estimate (lcmcr)", "estimate (loglinear)"}, shown
    for method, text in shown.items():
        m = PRINTED.fullmatch(text)
        assert m, f"{method} is not reportable: {text}"
        n, low, high, documented = map(int, m.groups())
        assert documented < len(killed)  # the lists missed people: the estimate has something to find
        assert low <= len(killed) <= high, f"{method}: {text}; {len(killed)} killed in truth"
        assert low <= n <= high

#!/usr/bin/env python
"""The public view's first request after a data change, at 100,000 incidents (issue 18).

In: a workspace built by ``benchmarks/web_load.py`` (``--keep DIR`` builds it once; 70 % of the
claims accepted, so the public view has incidents to show). Out: wall and CPU seconds, printed,
of what the first ``/public/incidents.json`` after a change computes in the server process
(``WebData.public.page`` for the first page and ``WebData.public.withheld``): cold, warm,
and cold again after one claim review (a write moves the data version, so the public caches
are rebuilt). Never: sends network traffic; it writes one review (the same claim accepted) per run.

    PYTHONPATH=src .venv/bin/python benchmarks/public_first.py --keep /tmp/wl [--incidents 100000]

To compare with another checkout, run it with that checkout's ``src`` on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from web_load import build

from tawthiq.app.claims import review_claim
from tawthiq.app.roles import Operator
from tawthiq.store import open_workspace
from tawthiq.store.browse import IncidentFilter
from tawthiq.web._data import WebData


def first_page(data: WebData) -> tuple[float, float, int, dict]:
    """(wall s, CPU s, total public incidents, withheld tally) of one public list request's data."""
    t, c = time.perf_counter(), time.process_time()
    _, total = data.public.page(IncidentFilter(), 0, 50)
    withheld = data.public.withheld()
    return time.perf_counter() - t, time.process_time() - c, total, withheld


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--keep", type=Path, required=True, help="the web_load.py workspace folder")
    ap.add_argument("--incidents", type=int, default=100_000)
    args = ap.parse_args()
    path = args.keep / "ws"
    if not (args.keep / "token").exists():
        token, _ = build(path, args.incidents)
        (args.keep / "token").write_text(token)
    ws = open_workspace(path)
    data = WebData(ws)
    print(f"workspace {path} · load average {os.getloadavg()[0]:.1f}")
    for label in ("cold (first request after start)", "warm (same data)"):
        wall, cpu, total, withheld = first_page(data)
        print(
            f"{label:40} wall {wall:7.2f} s  CPU {cpu:7.2f} s  public {total:,} of {withheld['incidents']:,}"
        )
    review_claim(ws, 1, "accepted", Operator(actor="benchmark", role="admin"))
    wall, cpu, total, withheld = first_page(data)
    label = "cold (after one claim review)"
    print(f"{label:40} wall {wall:7.2f} s  CPU {cpu:7.2f} s  public {total:,} of {withheld['incidents']:,}")
    print(f"withheld: {withheld['withheld']:,} {withheld['by_rule']} · load average {os.getloadavg()[0]:.1f}")
    ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

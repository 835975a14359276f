"""Export throughput on synthetic incidents (no database): prints figures, asserts nothing.

Run: .venv/bin/python benchmarks/bench_exports.py [N]
Measures the policy + writer for each public format, and signing/verifying the folder.
The machine may be shared: repeat and read the figures as rough.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tawthiq.entities import Claim, Count, Fatalities, Incident, PlaceRef, Report, TimeSpan
from tawthiq.evidence import verify_export, write_signed_manifest
from tawthiq.export import ExportContext, exporters
from tawthiq.policy import Policy


def synthetic(n: int) -> ExportContext:
    incidents, claims, reports = [], {}, {}
    for i in range(1, n + 1):
        day = date(2016, 7, 1) + timedelta(days=i % 180)
        place = PlaceRef(
            name=f"Place {i % 150}",
            lat=36.15 + (i % 97) / 1000,
            lon=37.1 + (i % 89) / 1000,
            precision="exact" if i % 5 == 0 else "neighbourhood",
        )
        reports[i] = Report(
            id=i,
            sha256=f"{i:064x}",
            channel="chat" if i % 7 == 0 else "file",
            title=f"Report {i}",
            published_at=day,
        )
        claims[i] = Claim(
            id=i,
            report_id=i,
            quote=f"claim {i}",
            places=(place,),
            time=TimeSpan(start=day, end=day, precision="day"),
            fatalities=Count(low=i % 40, high=i % 40),
            review_status="accepted",
        )
        incidents.append(
            Incident(
                id=i,
                key=f"k{i}",
                event_type="attack.shelling",
                places=(place,),
                time=TimeSpan(start=day, end=day, precision="day"),
                fatalities=Fatalities(best=i % 40, low=i % 40, high=i % 40),
                grade="fair",
                claim_ids=(i,),
                origins=("A", "B"),
            )
        )
    return ExportContext(
        incidents=incidents,
        claims=claims,
        reports=reports,
        policy=Policy(),
        now=datetime(2017, 6, 1, tzinfo=UTC),
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    ctx = synthetic(n)
    reg = exporters()
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        for fmt in ("acled", "ged", "hxl", "geojson"):
            out = Path(tmp) / fmt
            out.mkdir()
            t0 = time.perf_counter()
            reg[fmt].write(ctx, out)
            t1 = time.perf_counter()
            write_signed_manifest(out, workspace=ws, export=fmt, audit_head=None)
            t2 = time.perf_counter()
            ok = verify_export(out).ok
            t3 = time.perf_counter()
            size = sum(p.stat().st_size for p in out.iterdir())
            print(
                f"{fmt:8s} {n} incidents: write {t1 - t0:6.2f} s ({n / (t1 - t0):8.0f}/s), "
                f"sign {t2 - t1:5.2f} s, verify {t3 - t2:5.2f} s ({ok}), {size / 1e6:6.1f} MB"
            )


if __name__ == "__main__":
    main()

"""Benchmark: cluster and grade 100,000 synthetic claims; print wall time, peak memory, accuracy.

    .venv/bin/python benchmarks/corroborate_bench.py [--claims 100000] [--reports-for-copies 20000]

Synthetic world (made here, no data read): 20 towns, each with 15 neighbourhoods a few km
apart, two years of days. True events are drawn at random; each is told by 1 to 12 claims
(skewed: most by one or two) with the noise real reports have — a neighbourhood named or
only the town, "on Monday" or "in recent days", tolls that differ, some attributed to a
monitor, some denied — plus 8% tallies and a few status claims. Prints the time of
``build_incidents`` (origins, blocking, complete linkage, tolls, grades), the peak resident
memory of the process, and pairwise precision/recall against the synthetic truth.
Target (issue 4): 100,000 claims in under 5 minutes on this 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from itertools import combinations

from tawthiq.corroborate import build_incidents, find_copies
from tawthiq.entities import Claim, Count, PlaceRef, Report, ReportRef, SourcedClaim, TimeSpan

EVENT_TYPES = [
    "attack.air_strike",
    "attack.shelling",
    "killing.execution",
    "attack.medical",
    "detention.arbitrary",
    "attack.ground",
]
ATTRIBUTIONS = [
    None,
    None,
    None,
    "SOHR",
    "the Syrian Observatory",
    "activists",
    "the UN human rights office",
    "a Syrian military source",
    "White Helmets",
    "residents",
]
SYLLABLES = ["bar", "kan", "sul", "dar", "mir", "tal", "zah", "qas", "nur", "haj", "sha", "lim", "rud", "fat"]


def world(rng: random.Random):
    towns = []
    for t in range(20):
        lat, lon = 33.0 + rng.random() * 4, 36.0 + rng.random() * 4
        name = "".join(rng.choice(SYLLABLES) for _ in range(2)).title() + f" {t}"
        town = PlaceRef(name=name, lat=lat, lon=lon, precision="town")
        nbhds = []
        for k in range(15):
            nm = "Hay " + "".join(rng.choice(SYLLABLES) for _ in range(3)).title() + f" {t}-{k}"
            nbhds.append(
                PlaceRef(
                    name=nm,
                    lat=lat + rng.uniform(-0.04, 0.04),
                    lon=lon + rng.uniform(-0.04, 0.04),
                    precision="neighbourhood",
                )
            )
        towns.append((town, nbhds))
    return towns


def synthesize(n: int, seed: int = 7) -> tuple[list[SourcedClaim], list[int]]:
    rng = random.Random(seed)
    towns = world(rng)
    start = date(2015, 1, 1)
    claims: list[SourcedClaim] = []
    truth: list[int] = []  # event number per claim, -1 for tallies
    event = 0
    cid = 0
    while len(claims) < n:
        town, nbhds = rng.choice(towns)
        nb = rng.choice(nbhds)
        day = start + timedelta(days=rng.randrange(730))
        etype = rng.choice(EVENT_TYPES)
        toll = max(1, int(rng.paretovariate(1.3) * 3))
        tellers = min(12, max(1, int(rng.paretovariate(1.6))))
        for _ in range(tellers):
            if len(claims) >= n:
                break
            specific = rng.random() < 0.8
            places = (nb, town) if specific else (town,)
            prec = rng.choices(["day", "days"], [0.85, 0.15])[0]
            t = TimeSpan(start=day if prec == "day" else day - timedelta(days=2), end=day, precision=prec)
            q = rng.choices(["exact", "at_least", None], [0.5, 0.35, 0.15])[0]
            fat = (
                None
                if q is None
                else Count(low=max(1, round(toll * rng.uniform(0.8, 1.25))), high=None, qualifier=q)
            )
            if fat is not None and q == "exact":
                fat = Count(low=fat.low, high=fat.low, qualifier="exact")
            certainty = rng.choices(
                ["reported", "unconfirmed", "denied", "confirmed"], [0.8, 0.1, 0.04, 0.06]
            )[0]
            cid += 1
            claim = Claim(
                id=cid,
                kind="incident",
                event_type=etype,
                places=places,
                time=t,
                fatalities=fat,
                attributed_to=rng.choice(ATTRIBUTIONS),
                certainty=certainty,
                span=(0, 50),
                quote=f"claim {cid}",
            )
            outlet = f"outlet {rng.randrange(300)}"
            sha = f"{cid:064x}"
            claims.append(
                SourcedClaim(
                    claim=claim,
                    report=ReportRef(file=f"r{cid}.txt", sha256=sha),
                    published=day + timedelta(days=rng.randrange(3)),
                    source_label=outlet,
                )
            )
            truth.append(event)
        event += 1
        if rng.random() < 0.08 and len(claims) < n:  # a tally about the town's month
            cid += 1
            tally = Claim(
                id=cid,
                kind="tally",
                event_type=etype,
                places=(town,),
                quote=f"tally {cid}",
                time=TimeSpan(start=day - timedelta(days=30), end=day, precision="month"),
                fatalities=Count(low=100, qualifier="vague"),
                span=(0, 10),
            )
            claims.append(
                SourcedClaim(
                    claim=tally,
                    report=ReportRef(file=f"r{cid}.txt", sha256=f"{cid:064x}"),
                    published=day,
                    source_label="outlet t",
                )
            )
            truth.append(-1)
    return claims, truth


def pairwise(groups: list[list[int]], truth: list[int]) -> tuple[float, float]:
    pred = {p for g in groups for p in combinations(sorted(g), 2)}
    by_event: dict[int, list[int]] = defaultdict(list)
    for i, e in enumerate(truth):
        if e >= 0:
            by_event[e].append(i)
    gold = {p for g in by_event.values() for p in combinations(sorted(g), 2)}
    tp = len(pred & gold)
    return (tp / len(pred) if pred else 1.0), (tp / len(gold) if gold else 1.0)


def bench_copies(n: int, rng: random.Random) -> float:
    words = [f"w{i}" for i in range(5000)]
    reports = []
    for i in range(n):
        if i and rng.random() < 0.3:  # a rewrite of an earlier report: a few words changed
            body = reports[rng.randrange(len(reports))].body.split()
            for _ in range(5):
                body[rng.randrange(len(body))] = rng.choice(words)
            text = " ".join(body)
        else:
            text = " ".join(rng.choice(words) for _ in range(250))
        reports.append(Report(sha256=f"{i:064x}", body=text, published_at=date(2016, 1, 1)))
    t0 = time.perf_counter()
    find_copies(reports)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--reports-for-copies", type=int, default=20_000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    claims, truth = synthesize(args.claims)
    print(f"synthesized {len(claims)} claims in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    t0, c0 = time.perf_counter(), time.process_time()
    incidents = build_incidents(claims)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    index = {sc.claim.id: i for i, sc in enumerate(claims)}
    groups = [[index[c] for c in (*inc.claim_ids, *inc.contradicting_claim_ids)] for inc in incidents]
    p, r = pairwise(groups, truth)
    grades = defaultdict(int)
    for inc in incidents:
        grades[inc.grade] += 1
    print(f"claims: {len(claims)}  incidents: {len(incidents)}  true events: {max(truth) + 1}")
    print(
        f"build_incidents wall time: {wall:.1f} s, CPU time {cpu:.1f} s  (target < 300 s; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores while it ran)"
    )
    print(f"peak resident memory (whole process): {peak_mb:.0f} MB")
    print(f"pairwise precision {p:.3f}  recall {r:.3f} against the synthetic truth")
    print("grades: " + ", ".join(f"{g} {n}" for g, n in sorted(grades.items())))
    if args.reports_for_copies:
        secs = bench_copies(args.reports_for_copies, random.Random(3))
        print(f"find_copies (MinHash LSH) on {args.reports_for_copies} report bodies: {secs:.1f} s")


if __name__ == "__main__":
    main()

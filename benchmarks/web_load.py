#!/usr/bin/env python
"""Load test of the web workspace: 100,000 incidents, 20 concurrent clients on loopback.

In: nothing (it builds a throwaway workspace in a temp folder: incidents, claims and reports
bulk-inserted with SQLAlchemy Core, synthetic and invented, spread over Aleppo's gazetteer
neighbourhoods and Nov-Dec 2016). Out: p50/p95/max latency per scenario, printed to stdout.
Never: sends traffic anywhere but 127.0.0.1; every loop is bounded in requests and seconds.

    .venv/bin/python benchmarks/web_load.py [--incidents 100000] [--clients 20] [--requests 40]
    .venv/bin/python benchmarks/web_load.py --ab [--concurrency 1,5,20] [--ab-requests 400] [--keepalive]

``--ab`` (issue 18) measures what a user gets: the default command, ``tawthiq serve WORKSPACE``
with no option (so its default worker count), loaded by ApacheBench (``ab``, Debian's
apache2-utils: a C client whose CPU cost is negligible beside the server's) at 1, 5 and 20
concurrent clients on ``/public/incidents.json``, the incidents list and an incident page;
it prints requests per second and p50/p95/max from ab's own percentile table, and the server's
CPU per request.

The server is ``tawthiq serve``'s own uvicorn app in a subprocess (``--workers``, default 2),
so the clients do not share its interpreter; they do share the machine's cores. The clients
are aiohttp sessions on uvloop, one event loop in this process: about 1 ms of CPU per request,
where httpx took 3.5-4 ms of the same two cores. Besides the latencies it prints the CPU the
server spent per request (all its processes, from /proc) and the CPU this client process spent
per request: both are less load-dependent than latency.
The last column is the machine's 1-minute load average after each scenario.
Target (issue 7): p95 < 200 ms for the filtered incidents list's first page and for an
incident page. Timings on a shared 2-core machine are noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import aiohttp
import httpx
import uvloop
from sqlalchemy import insert

from tawthiq.entities import EVENT_TYPES
from tawthiq.store import init_workspace, tokens, users
from tawthiq.store.tables import ClaimRow, IncidentClaimRow, IncidentRow, ReportRow

GRADES = ("confirmed", "fair", "weak", "contested", "discounted")


def _neighbourhoods() -> list[dict]:
    from tawthiq.gazetteer import load_gazetteer

    out = [
        {
            "name": p.name_en,
            "name_ar": p.name_ar,
            "lat": p.lat,
            "lon": p.lon,
            "precision": "neighbourhood",
            "place_id": p.id,
        }
        for p in load_gazetteer()
        if p.kind == "neighbourhood" and p.lat is not None
    ]
    return out or [{"name": "Aleppo", "lat": 36.2, "lon": 37.16, "precision": "town"}]


def build(path: Path, n: int, seed: int = 7, reviewed: float = 0.7) -> tuple[str, list[int]]:
    """A workspace with ``n`` incidents (one claim each, one report per 10 claims); returns a token.

    A share ``reviewed`` of the claims is accepted, so the public view has incidents to show
    (an unreviewed claim is never published); the others stay unreviewed.
    """
    rng = random.Random(seed)
    places = _neighbourhoods()
    ws = init_workspace(path)
    t0 = time.perf_counter()
    now = datetime.now(UTC)
    day0 = date(2016, 11, 1)
    with ws.session(actor="benchmark") as s:
        n_reports = max(1, n // 10)
        s.execute(
            insert(ReportRow),
            [
                {
                    "id": i + 1,
                    "status": "stored",
                    "sha256": f"{i:064x}",
                    "received_at": now,
                    "channel": "file",
                    "title": f"Synthetic report {i}",
                    "body": "synthetic text " * 20,
                    "language": "en",
                }
                for i in range(n_reports)
            ],
        )
        batch = 20_000
        for start in range(0, n, batch):
            inc_rows, claim_rows, links = [], [], []
            for i in range(start, min(n, start + batch)):
                place = rng.choice(places)
                day = day0 + timedelta(days=rng.randrange(61))
                etype = rng.choice(EVENT_TYPES)
                killed = rng.choice((None, 1, 2, 5, 12, 40))
                inc_rows.append(
                    {
                        "id": i + 1,
                        "key": f"bench-{i}",
                        "event_type": etype,
                        "places": [place],
                        "time_start": day,
                        "time_end": day,
                        "time_precision": "day",
                        "fatalities_best": killed,
                        "fatalities_low": killed,
                        "fatalities_high": killed,
                        "fatalities_rule": "",
                        "grade": rng.choice(GRADES),
                        "rationale": "synthetic",
                        "origins": ["o1"],
                        "outlets": ["outlet"],
                    }
                )
                claim_rows.append(
                    {
                        "id": i + 1,
                        "report_id": (i % n_reports) + 1,
                        "span_start": 0,
                        "span_end": 14,
                        "quote": "synthetic text",
                        "kind": "incident",
                        "event_type": etype,
                        "places": [place],
                        "time_start": day,
                        "time_end": day,
                        "time_precision": "day",
                        "victims": [],
                        "perpetrators": [],
                        "certainty": "reported",
                        "method": "rules",
                        "confidence": 0.5,
                        "review_status": "accepted" if rng.random() < reviewed else "unreviewed",
                    }
                )
                links.append({"incident_id": i + 1, "claim_id": i + 1, "role": "supporting"})
            s.execute(insert(IncidentRow), inc_rows)
            s.execute(insert(ClaimRow), claim_rows)
            s.execute(insert(IncidentClaimRow), links)
        users.add_user(s, "bench", "viewer", "benchmark-password")
        token = tokens.create_token(s, "bench", "web_load")
    ws.close()
    print(f"built {n:,} incidents in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return token, list(range(1, n + 1))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(path: Path, port: int, workers: int | None) -> subprocess.Popen:
    """``tawthiq serve`` in its own process group; ``workers=None``: the default command."""
    tawthiq = Path(sys.executable).with_name("tawthiq")
    command = [str(tawthiq), "serve", str(path), "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    proc = subprocess.Popen(command, start_new_session=True)
    deadline = time.monotonic() + 180  # workers import the whole stack: slow on a busy machine
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/public", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    stop(proc)
    raise SystemExit("the server did not start within 180 s")


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM to the server's process group (uvicorn's supervisor and its workers), then SIGKILL."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


async def scenario(base: str, token: str, paths, clients: int, per_client: int, max_seconds: float):
    """``clients`` concurrent clients, at most ``per_client`` requests each; stops after ``max_seconds``.

    Each latency is from sending the request to having read the whole body. Every client's
    session (its connection pool) is made before the clock starts: making one costs the client
    tens of milliseconds of CPU (httpx loaded an SSL context per client), and made inside the
    timed loop it was charged to other clients' first requests as ~1 s "stalls".
    """
    latencies: list[float] = []
    errors = 0
    headers = {"authorization": f"Bearer {token}"}
    timeout = aiohttp.ClientTimeout(total=30)
    sessions = [aiohttp.ClientSession(base, headers=headers, timeout=timeout) for _ in range(clients)]

    async def client(k: int, http: aiohttp.ClientSession) -> None:
        nonlocal errors
        rng = random.Random(k)
        for _ in range(per_client):
            if time.monotonic() > deadline:
                return
            path = paths(rng)
            t = time.perf_counter()
            try:
                async with http.get(path) as r:
                    await r.read()
                    status = r.status
            except (aiohttp.ClientError, TimeoutError):  # a timeout counts as an error, with its wait
                latencies.append((time.perf_counter() - t) * 1000)
                errors += 1
                continue
            latencies.append((time.perf_counter() - t) * 1000)
            if status != 200:
                errors += 1

    try:
        deadline = time.monotonic() + max_seconds
        t0 = time.perf_counter()
        await asyncio.gather(*(client(k, http) for k, http in enumerate(sessions)))
        return latencies, errors, time.perf_counter() - t0
    finally:
        for http in sessions:
            await http.close()


def server_cpu_seconds(pgid: int, pids: set[int] | None = None) -> float:
    """User+system CPU of every process in the server's group (Linux /proc): a load-independent cost.

    ``pids``, when given, collects the group's process ids: a new one during a run is a worker
    that uvicorn's supervisor killed and restarted (it missed its 5 s health check).
    """
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # field 5 of stat: process group
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
            if pids is not None:
                pids.add(int(entry))
    return total


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def run_ab(url: str, token: str | None, clients: int, requests: int, keepalive: bool) -> dict[str, float]:
    """One ab run: requests/s, p50/p95/max ms (ab's percentile table), failed and non-2xx counts."""
    import re

    command = ["ab", "-q", "-n", str(requests), "-c", str(clients), "-s", "60"]
    if keepalive:
        command.append("-k")
    if token:
        command += ["-H", f"Authorization: Bearer {token}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, timeout=600, check=True).stdout

    def number(pattern: str) -> float:
        m = re.search(pattern, out, re.M)
        return float(m.group(1)) if m else 0.0

    return {
        "rps": number(r"^Requests per second:\s+([\d.]+)"),
        "p50": number(r"^\s+50%\s+(\d+)"),
        "p95": number(r"^\s+95%\s+(\d+)"),
        "max": number(r"^\s+100%\s+(\d+)"),
        "failed": number(r"^Failed requests:\s+(\d+)"),
        "non2xx": number(r"^Non-2xx responses:\s+(\d+)"),
    }


def main_ab(args: argparse.Namespace, path: Path, token: str, ids: list[int]) -> None:
    """The default ``tawthiq serve`` under ab at each concurrency (issue 18)."""
    import shutil

    if shutil.which("ab") is None:
        raise SystemExit("ab not found: apt-get install apache2-utils")
    port = _free_port()
    proc = serve(path, port, args.workers)  # None: the default command, no --workers
    base = f"http://127.0.0.1:{port}"
    mid = ids[len(ids) // 2]
    first_public = httpx.get(f"{base}/public/incidents.json", timeout=180).json()["items"]
    targets = {
        "/public/incidents.json": (f"{base}/public/incidents.json", None),
        "/public (HTML list)": (f"{base}/public", None),
        "/incidents (list, first page)": (f"{base}/incidents", token),
        f"/incidents/{mid} (incident page)": (f"{base}/incidents/{mid}", token),
    }
    if first_public:  # a public incident page (anonymous), if anything is published
        pid = first_public[0]["id"]
        targets[f"/public/incidents/{pid} (public page)"] = (f"{base}/public/incidents/{pid}", None)
    levels = [int(x) for x in args.concurrency.split(",")]
    try:
        auth = {"authorization": f"Bearer {token}"}
        for _ in range(2 * (args.workers or 1)):  # warm every worker: the index, the caches, the page
            for url, tok in targets.values():
                httpx.get(url, headers=auth if tok else {}, timeout=180)
        how = "with default options" if args.workers is None else f"--workers {args.workers}"
        print(
            f"{args.incidents:,} incidents · `tawthiq serve` {how} · ab, "
            f"{args.ab_requests} requests per run{' · keep-alive' if args.keepalive else ''} · loopback · "
            "shared 2-core machine"
        )
        print(
            f"{'path':40} {'clients':>7} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
            f"{'srv CPU ms/req':>14} {'fail':>5} load"
        )
        for name, (url, tok) in targets.items():
            for clients in levels:
                cpu0 = server_cpu_seconds(proc.pid)
                r = run_ab(url, tok, clients, args.ab_requests, args.keepalive)
                cpu_ms = (server_cpu_seconds(proc.pid) - cpu0) * 1000 / args.ab_requests
                print(
                    f"{name:40} {clients:7d} {r['rps']:8.1f} {r['p50']:7.0f} {r['p95']:7.0f} {r['max']:7.0f} "
                    f"{cpu_ms:14.1f} {int(r['failed'] + r['non2xx']):5d} {os.getloadavg()[0]:4.1f}"
                )
    finally:
        stop(proc)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=40, help="requests per client per scenario")
    ap.add_argument(
        "--workers",
        type=int,
        default=None,
        help="server processes (tawthiq serve --workers); default: 2, and with --ab serve's own default",
    )
    ap.add_argument("--keep", type=Path, help="build the workspace here once and reuse it on later runs")
    ap.add_argument("--max-seconds", type=float, default=60.0, help="time limit per scenario")
    ap.add_argument("--ab", action="store_true", help="the default `tawthiq serve` under ab (issue 18)")
    ap.add_argument("--concurrency", default="1,5,20", help="ab: concurrent clients per run")
    ap.add_argument("--ab-requests", type=int, default=400, help="ab: requests per run")
    ap.add_argument("--keepalive", action="store_true", help="ab: reuse connections (-k)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = (args.keep or Path(tmp)) / "ws"
        if args.keep and (args.keep / "token").exists():
            token, ids = (args.keep / "token").read_text(), list(range(1, args.incidents + 1))
        else:
            token, ids = build(path, args.incidents)
            if args.keep:
                (args.keep / "token").write_text(token)
        if args.ab:
            main_ab(args, path, token, ids)
            return 0
        port = _free_port()
        args.workers = args.workers or 2
        proc = serve(path, port, args.workers)
        base = f"http://127.0.0.1:{port}"
        scenarios = {
            "incidents list, first page": lambda rng: "/incidents",
            "incidents list, first page, filtered (grade+type)": lambda rng: (
                "/incidents?grade=fair&type=" + rng.choice(EVENT_TYPES)
            ),
            "incidents list, filtered by date range": lambda rng: "/incidents?from=2016-12-01&to=2016-12-15",
            "incident page": lambda rng: f"/incidents/{rng.choice(ids)}",
            "map, one neighbourhood in view (bbox JSON)": lambda rng: (
                "/map/incidents.json?bbox=37.16,36.19,37.17,36.20"
            ),
        }
        try:
            auth = {"authorization": f"Bearer {token}"}
            for _ in range(2 * args.workers):  # warm up every worker, map index included
                httpx.get(base + "/incidents", headers=auth, timeout=120)
                httpx.get(
                    base + "/map/incidents.json?bbox=37.16,36.19,37.17,36.20", headers=auth, timeout=120
                )
            print(
                f"{args.incidents:,} incidents · {args.workers} server worker(s) · "
                f"{args.clients} concurrent clients · ≤{args.requests} requests each · loopback · "
                "shared 2-core machine (noisy)"
            )
            print(
                f"{'scenario':52} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7} "
                f"{'srv CPU ms/req':>14} {'client CPU ms/req':>17} err  load"
            )
            pids: set[int] = set()
            server_cpu_seconds(proc.pid, pids)
            started = set(pids)
            for name, paths in scenarios.items():
                cpu0, client0 = server_cpu_seconds(proc.pid, pids), time.process_time()
                lat, errors, secs = uvloop.run(
                    scenario(base, token, paths, args.clients, args.requests, args.max_seconds)
                )
                cpu_ms = (server_cpu_seconds(proc.pid, pids) - cpu0) * 1000 / max(1, len(lat))
                client_ms = (time.process_time() - client0) * 1000 / max(1, len(lat))
                print(
                    f"{name:52} {len(lat):5d} {pct(lat, 50):8.1f} {pct(lat, 95):8.1f} {max(lat):8.1f} "
                    f"{len(lat) / secs:7.1f} {cpu_ms:14.1f} {client_ms:17.1f} {errors:3d} "
                    f"{os.getloadavg()[0]:5.1f}"
                )
            # A process not there at the start: uvicorn's supervisor restarted a worker.
            print(f"server processes: {len(started)}; restarted during the run: {len(pids - started)}")
        finally:
            stop(proc)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())

"""Long fuzz run of every reader (issue 21): generated inputs until the time is up.

    PYTHONPATH=src .venv/bin/python benchmarks/fuzz.py --minutes 10 [--targets text,pfif] [--seed 1]

Targets and the mutator are shared with the bounded suite (``tests/fuzz/_fuzz_targets.py``):
text, chat, html, email and JSON-lines ingest; CSV, TSV, JSON-lines and XLSX lists; PFIF;
the policy YAML and the column-mapping YAML. Each input is a byte-level mutation of a seed
(``tests/fixtures/fuzz/seeds/``) or of an earlier input the reader accepted (so the run goes
deeper than one mutation), round-robin over the targets.

An input is a **crash** when the reader raises anything but ``InputError`` or returns text no
database can hold, and a **hang** when it takes over ``--hang`` seconds of CPU (default 10; an alarm
stops it at 6× in wall time). Crashes and hangs are kept as regression fixtures in
``tests/fixtures/fuzz/crashes/<target>/`` (up to three per distinct exception site), which the
suite replays (``tests/fuzz/test_fuzz_readers.py``). Prints, per target: inputs, accepted,
refused, crashes (distinct sites), hangs, and the slowest input in CPU milliseconds.

Put the inputs on a memory file system (``TMPDIR=/dev/shm``): each input is written to a file,
and on the shared machine's disk that took ten times the reading (5 ms a file against 0.5 ms).
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "fuzz"))

from _fuzz_targets import CRASHES, TARGETS, mutate, run_target, seed_bytes

from tawthiq.ingest import decode_text


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang


def _site(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    inner = next((f for f in reversed(frames) if "/tawthiq/" in f.filename), frames[-1] if frames else None)
    where = f"{Path(inner.filename).name}:{inner.lineno}" if inner else "?"
    return f"{type(exc).__name__}@{where}"


def _keep(target, data: bytes, site: str, kept: Counter) -> Path | None:
    if kept[(target.name, site)] >= 3:
        return None
    kept[(target.name, site)] += 1
    folder = CRASHES / target.name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(data).hexdigest()[:16]}{target.suffix}"
    path.write_bytes(data)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--targets", default=",".join(TARGETS))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--hang", type=float, default=10.0, help="seconds after which an input is a hang")
    ap.add_argument("--max-size", type=int, default=2_000_000, help="inputs above this are cut")
    args = ap.parse_args()
    targets = [TARGETS[t] for t in args.targets.split(",")]
    rng = random.Random(args.seed)
    corpus = {t.name: seed_bytes(t) for t in targets}
    stats = {t.name: Counter() for t in targets}
    slowest = defaultdict(float)
    sites: dict[str, set[str]] = defaultdict(set)
    kept: Counter = Counter()
    signal.signal(signal.SIGALRM, _alarm)
    logging.disable(logging.WARNING)  # the store targets' ingest logs each refused record
    deadline = time.monotonic() + args.minutes * 60
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for t in targets:  # warm up (lazy imports) so the first input is not timed as slow
            for data in corpus[t.name]:
                run_target(t, data, folder)
        # charset-normalizer imports every codec on its first call (0.7 s, 12 s on a loaded box)
        decode_text("قصف على حي الكلاسة في حلب".encode("cp1256") * 4, "warm-up")
        while time.monotonic() < deadline:
            for t in targets:
                pool = corpus[t.name]
                data = mutate(rng.choice(pool), rng, pool)[: args.max_size]
                start = time.process_time()  # CPU time: other users of the machine do not count
                signal.alarm(int(args.hang * 6) + 1)
                try:
                    outcome = run_target(t, data, folder)
                except Hang:
                    outcome = "hang"
                    site = "hang"
                except Exception as exc:
                    outcome = "crash"
                    site = _site(exc)
                finally:
                    signal.alarm(0)
                took = time.process_time() - start
                if outcome == "ok" and took > args.hang:
                    outcome, site = "hang", "slow"
                stats[t.name][outcome] += 1
                stats[t.name]["inputs"] += 1
                slowest[t.name] = max(slowest[t.name], took)
                if outcome in ("crash", "hang"):
                    new = site not in sites[t.name]
                    sites[t.name].add(site)
                    kept_at = _keep(t, data, site, kept)
                    if new:
                        print(f"{t.name}: {outcome} {site} -> {kept_at}", flush=True)
                elif outcome == "ok" and len(pool) < 500 and rng.random() < 0.1:
                    pool.append(data)  # an accepted input becomes a seed: later mutations go deeper
    print(f"\n{'target':<12}{'inputs':>9}{'accepted':>10}{'refused':>9}{'crashes':>9}{'sites':>7}"
          f"{'hangs':>7}{'slowest ms':>12}")  # fmt: skip
    total = Counter()
    for t in targets:
        s = stats[t.name]
        total.update(s)
        print(f"{t.name:<12}{s['inputs']:>9}{s['ok']:>10}{s['refused']:>9}{s['crash']:>9}"
              f"{len(sites[t.name]):>7}{s['hang']:>7}{slowest[t.name] * 1000:>12.0f}")  # fmt: skip
    print(f"{'total':<12}{total['inputs']:>9}{total['ok']:>10}{total['refused']:>9}{total['crash']:>9}"
          f"{sum(len(v) for v in sites.values()):>7}{total['hang']:>7}")  # fmt: skip
    sys.exit(1 if total["crash"] or total["hang"] else 0)


if __name__ == "__main__":
    main()

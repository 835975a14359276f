#!/usr/bin/env python3
"""Reports per CPU-second over the shared corpus, and a check that a speed change left every claim alone.

In: the 108 corpus texts (../shared/data/corpus/{en,ar}/*.txt), the dev reports
(../shared/data/dev/reports/*.txt) and our fixture reports (tests/fixtures/reports/*.txt); the
publication date and title come from each text's header as benchmarks/extract_eval.py takes them.
Out: the CPU time of this process (time.process_time) for one warm pass over the corpus, best of
--repeat passes, as texts/s and characters/s; with --dump FILE every claim of every text (the whole
``Claim``, spans and confidences included) as JSON lines, and with --check FILE the texts whose
claims differ from such a dump. --profile prints the top cProfile entries of one warm pass.
Never: writes into the project. A dump holds quotes from the shared texts: keep it outside the
project (e.g. in /tmp) and never commit it.

    python benchmarks/extract_corpus_speed.py                      # texts/s, best of 3
    python benchmarks/extract_corpus_speed.py --dump /tmp/before.jsonl
    python benchmarks/extract_corpus_speed.py --check /tmp/before.jsonl
    python benchmarks/extract_corpus_speed.py --profile 30
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import annotations as ann

DEV = ann.SHARED / "data" / "dev" / "reports"
FIXTURES = ann.ROOT / "tests" / "fixtures" / "reports"


def texts(include_other: bool) -> list[tuple[str, str]]:
    """(name, text) of every corpus text, then (when asked) the dev and fixture reports."""
    files = sorted((ann.CORPUS / "en").glob("*.txt")) + sorted((ann.CORPUS / "ar").glob("*.txt"))
    if include_other:
        files += sorted(DEV.glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
    return [(str(p.relative_to(p.parents[1])), p.read_text(encoding="utf-8")) for p in files]


def inputs(text: str) -> tuple[date | None, str | None]:
    head = ann.header(text)
    published = head.get("DATE")
    try:
        day = date.fromisoformat(published) if published and published != "unknown" else None
    except ValueError:
        day = None
    return day, ann.title(text)


def run(items: list[tuple[str, str, date | None, str | None]]) -> dict[str, list | str]:
    """Each text's claims, or the error it raised (some fixtures are bad input on purpose)."""
    from tawthiq.errors import TawthiqError
    from tawthiq.extract import extract_claims

    out: dict[str, list | str] = {}
    for name, text, day, title in items:
        try:
            out[name] = extract_claims(text, day, title=title)
        except TawthiqError as exc:
            out[name] = f"{type(exc).__name__}: {exc}"
    return out


def forget_sentences() -> None:
    """Empty the caches that hold a report's own sentences, so that a timed pass reads every text
    as a new report (the caches of names, which new reports share, stay warm)."""
    from tawthiq.text import arabic

    cached = getattr(arabic, "_fold_arabic_cached", None)  # (absent before 2026-12-07)
    if cached is not None:
        cached.cache_clear()


def _plain(claims: list | str) -> list | str:
    return claims if isinstance(claims, str) else [c.model_dump(mode="json") for c in claims]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="warm passes to time (the best is printed)")
    ap.add_argument("--dump", type=Path, help="write every claim of every text here (JSON lines)")
    ap.add_argument("--check", type=Path, help="compare every claim with a dump; exit 1 on a difference")
    ap.add_argument("--by-language", action="store_true", help="also time English and Arabic texts apart")
    ap.add_argument("--profile", type=int, metavar="N", help="print the N costliest functions of one pass")
    args = ap.parse_args(argv)
    if not ann.CORPUS.exists():
        print(f"skipped: {ann.CORPUS} is absent (the shared corpus is needed)")
        return 0
    from tawthiq.gazetteer import load_gazetteer

    load_gazetteer()
    corpus = [(n, t, *inputs(t)) for n, t in texts(include_other=False)]
    others = [(n, t, *inputs(t)) for n, t in texts(include_other=True)][len(corpus) :]
    if args.dump or args.check:
        got = run(corpus + others)
        lines = {
            n: json.dumps(
                cs if isinstance(cs, str) else [c.model_dump(mode="json") for c in cs], ensure_ascii=False
            )
            for n, cs in got.items()
        }
        if args.dump:
            args.dump.write_text(
                "".join(json.dumps([n, v], ensure_ascii=False) + "\n" for n, v in lines.items())
            )
            print(f"dumped the claims of {len(lines)} texts to {args.dump}")
        if args.check:
            before = dict(json.loads(ln) for ln in args.check.read_text(encoding="utf-8").splitlines())
            differ = sorted(n for n in set(before) | set(lines) if before.get(n) != lines.get(n))
            for n in differ:
                print(f"DIFFERS: {n}")
            print(f"{len(lines) - len(differ)} of {len(lines)} texts identical")
            if differ:
                return 1
    run(corpus)  # warm: tables, the world layer, regexes, caches
    chars = sum(len(t) for _, t, _, _ in corpus)
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        run(corpus)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)
        return 0
    best = None
    for _ in range(args.repeat):
        forget_sentences()
        t0 = time.process_time()
        run(corpus)
        took = time.process_time() - t0
        best = took if best is None else min(best, took)
    assert best is not None
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    print(
        f"{len(corpus)} corpus texts, {chars:,} characters: best of {args.repeat} warm passes "
        f"{best:.3f} CPU s = {len(corpus) / best:.1f} texts/s, {chars / best:,.0f} characters/s (load {load})"
    )
    if args.by_language:
        # issue 16: Arabic within 2x English per character; the two languages timed in turn, best of N
        rate = {}
        for lang in ("en", "ar"):
            part = [item for item in corpus if item[0].startswith(f"{lang}/")]
            n = sum(len(t) for _, t, _, _ in part)
            took = None
            for _ in range(args.repeat):
                forget_sentences()
                t0 = time.process_time()
                run(part)
                spent = time.process_time() - t0
                took = spent if took is None else min(took, spent)
            assert took
            rate[lang] = n / took
            print(f"  {lang}: {len(part)} texts, {n:,} characters, {rate[lang]:,.0f} characters/CPU-second")
        print(f"  Arabic takes {rate['en'] / rate['ar']:.2f}x English's time per character")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

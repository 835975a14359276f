"""Reader time against input shape (issue 21): does doubling a shape double the time?

    PYTHONPATH=src .venv/bin/python benchmarks/reader_shapes.py [--scale 1.0] [--repeat 3]

For each shape the input is built at n, 2n, 4n and 8n and read by the pure reader (no store);
the best of ``--repeat`` runs is kept. Printed per shape: the time at each size and the growth
ratios t(2n)/t(n) — about 2 for linear time, 4 for quadratic. Shapes: nested ``<blockquote>``
(the 8,000 that took 27 s), a flat page of paragraphs, WhatsApp exports (with messages per
second: the target is at least 5,000), one long line in a text, a chat message, a JSON line
and an e-mail, CSV and JSON-lines victim lists by rows, one long CSV cell, and PFIF persons.
Then a WhatsApp export *stored* (``ingest_paths`` into a fresh workspace each run: the reader,
the sealed original, the report rows, the source contacts and their audit events), at n, 2n, 4n
and 8n messages, with messages per second by wall clock and by this process's CPU time (on a
shared machine the CPU figure is the one to compare; the target is 5,000 messages/s).
``--only stored`` runs that part alone, ``--only read`` the readers alone.
Exit 1 when a ratio is over 3.0 at sizes where the time is measurable (over 50 ms).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tawthiq.ingest import read_file
from tawthiq.people import build_records, guess_mapping, read_table
from tawthiq.people.pfif import parse_pfif, to_records

TMP = Path(tempfile.mkdtemp(prefix="shapes-"))


def _file(name: str, data: bytes) -> Path:
    p = TMP / name
    p.write_bytes(data)
    return p


def nested_blockquotes(n: int) -> Callable[[], object]:
    html = "<html><body>" + "<blockquote>q " * n + "x" + "</blockquote>" * n + "</body></html>"
    p = _file("nested.html", html.encode())
    return lambda: read_file(p)


def flat_paragraphs(n: int) -> Callable[[], object]:
    body = "".join(f"<p>Shelling on Bustan al-Qasr, paragraph {i}.</p>" for i in range(n))
    p = _file("flat.html", f"<html><body><article>{body}</article></body></html>".encode())
    return lambda: read_file(p)


def chat_messages(n: int) -> Callable[[], object]:
    lines = (
        f"{1 + i % 28}/12/16, {i % 24}:{i % 60:02d} - Abu Omar {i % 7}: shelling on Fardous again, "
        f"message {i} ما زال القصف مستمراً"
        for i in range(n)
    )
    p = _file("chat.txt", "\n".join(lines).encode())
    return lambda: read_file(p)


def long_text_line(n: int) -> Callable[[], object]:
    p = _file("long.txt", ("Ten civilians were killed in shelling on Aleppo. " * n).encode())
    return lambda: read_file(p)


def long_chat_message(n: int) -> Callable[[], object]:
    body = "shelling on Fardous again " * n
    p = _file("longchat.txt", f"13/12/16, 21:04 - Abu Omar: {body}\n".encode())
    return lambda: read_file(p)


def long_json_line(n: int) -> Callable[[], object]:
    p = _file("long.jsonl", (json.dumps({"body": "قصف على حي الكلاسة " * n}) + "\n").encode())
    return lambda: read_file(p)


def long_email_line(n: int) -> Callable[[], object]:
    head = b"From: a@example.org\nSubject: s\nDate: Tue, 13 Dec 2016 18:22:00 +0200\n\n"
    p = _file("long.eml", head + b"Residents report the bakery was hit. " * n + b"\n")
    return lambda: read_file(p)


def _list(path: Path) -> Callable[[], object]:
    def run() -> object:
        table = read_table(path)
        return build_records(table, guess_mapping(table.headers, table.rows), "bench")

    return run


def csv_rows(n: int) -> Callable[[], object]:
    rows = "".join(
        f"A-{i},Ahmad Khalil {i % 97},{'m' if i % 2 else 'f'},{i % 90},{1 + i % 28}/12/2016,Fardous,killed\n"
        for i in range(n)
    )
    return _list(_file("list.csv", ("id,name,sex,age,date of death,place,status\n" + rows).encode()))


def jsonl_rows(n: int) -> Callable[[], object]:
    rows = "".join(
        json.dumps({"id": f"F{i}", "name": f"Selim al-Farra {i % 97}", "age": i % 90, "status": "killed"})
        + "\n"
        for i in range(n)
    )
    return _list(_file("list.jsonl", rows.encode()))


def long_csv_cell(n: int) -> Callable[[], object]:
    cell = "Saliheen near the mosque " * n  # kept under the 131,072-character cell limit
    return _list(_file("cell.csv", f'id,name,place\n1,Ahmad,"{cell}"\n'.encode()))


def pfif_persons(n: int) -> Callable[[], object]:
    persons = "".join(
        f"<pfif:person><pfif:person_record_id>example.org/p.{i}</pfif:person_record_id>"
        f"<pfif:source_date>2016-12-20T10:00:00Z</pfif:source_date><pfif:full_name>Karim {i}</pfif:full_name>"
        f"<pfif:note><pfif:note_record_id>example.org/n.{i}</pfif:note_record_id>"
        f"<pfif:author_name>D</pfif:author_name><pfif:source_date>2016-12-21T10:00:00Z</pfif:source_date>"
        f"<pfif:status>believed_missing</pfif:status><pfif:text>seen</pfif:text></pfif:note></pfif:person>"
        for i in range(n)
    )
    data = f'<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">{persons}</pfif:pfif>'.encode()
    return lambda: to_records(parse_pfif(data), "bench")


SHAPES: list[tuple[str, Callable[[int], Callable[[], object]], int, str]] = [
    ("nested <blockquote>", nested_blockquotes, 1000, "levels"),
    ("flat <p> page", flat_paragraphs, 5000, "paragraphs"),
    ("WhatsApp export", chat_messages, 6250, "messages"),
    ("text: one long line", long_text_line, 20000, "sentences"),
    ("chat: one long message", long_chat_message, 20000, "phrases"),
    ("JSONL: one long line", long_json_line, 20000, "phrases"),
    ("e-mail: one long line", long_email_line, 20000, "sentences"),
    ("CSV list", csv_rows, 5000, "rows"),
    ("JSONL list", jsonl_rows, 5000, "rows"),
    ("CSV: one long cell", long_csv_cell, 600, "phrases"),
    ("PFIF persons", pfif_persons, 1000, "persons"),
]


def _chat_file(n: int, name: str) -> Path:
    lines = (
        f"{1 + i % 28}/12/16, {i % 24}:{i % 60:02d} - Abu Omar {i % 7}: shelling on Fardous again, "
        f"message {i} ما زال القصف مستمراً"
        for i in range(n)
    )
    return _file(name, "\n".join(lines).encode())


def chat_stored(n: int) -> tuple[float, float]:
    """(wall, CPU) seconds to ingest an export of ``n`` messages into a fresh workspace."""
    from tawthiq.ingest import ingest_paths
    from tawthiq.store import init_workspace, verify_chain

    path = _chat_file(n, f"stored-{n}.txt")
    ws = init_workspace(Path(tempfile.mkdtemp(prefix="ws-", dir=TMP)))
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        [out] = ingest_paths(ws, [path])
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        assert out.status == "stored" and len(out.report_ids) == n, out
        with ws.session() as s:
            assert verify_chain(s).ok
    finally:
        ws.close()
    return wall, cpu


def _stored(base: int) -> None:
    print(f"\n{'stored':<24}{'messages':>9} {'wall':>8} {'CPU':>8} {'msg/s wall':>11} {'msg/s CPU':>10}")
    chat_stored(200)  # warm up: imports, plugin manager, first workspace
    for k in range(4):
        n = base * 2**k
        wall, cpu = chat_stored(n)
        print(
            f"{'WhatsApp export stored':<24}{n:>9} {wall:>7.2f}s {cpu:>7.2f}s "
            f"{n / wall:>11,.0f} {n / cpu:>10,.0f}",
            flush=True,
        )


def _best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every base size")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", choices=["read", "stored"], help="run one part only")
    args = ap.parse_args()
    if args.only != "read":
        _stored(max(1, int(2500 * args.scale)))
        if args.only == "stored":
            return
    worst = 0.0
    print(f"{'shape':<24}{'n':>8} {'t(n)':>8} {'t(2n)':>8} {'t(4n)':>8} {'t(8n)':>8}   ratios (2 = linear)")
    for name, make, base, unit in SHAPES:
        n = max(1, int(base * args.scale))
        times = []
        for k in range(4):
            fn = make(n * 2**k)
            fn()  # warm up
            times.append(_best(fn, args.repeat))
        ratios = [b / a if a > 0 else float("nan") for a, b in itertools.pairwise(times)]
        measured = [r for r, a in zip(ratios, times, strict=False) if a > 0.05]
        worst = max([worst, *measured])
        extra = f"  {n * 8 / times[-1]:,.0f} {unit}/s" if unit == "messages" else ""
        print(
            f"{name:<24}{n:>8} " + " ".join(f"{t * 1000:>7.0f}ms" for t in times)
            + "   " + " ".join(f"{r:.2f}" for r in ratios) + f"  ({unit}){extra}",
            flush=True,
        )  # fmt: skip
    print(f"\nworst measured growth ratio: {worst:.2f}")
    sys.exit(1 if worst > 3.0 else 0)


if __name__ == "__main__":
    main()

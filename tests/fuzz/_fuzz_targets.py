"""Fuzz targets: one per reader, shared by the bounded suite and ``benchmarks/fuzz.py``.

A target takes bytes, writes them to a file with the reader's suffix, and runs the reader the
way a command does (``read_file``, ``read_table`` + ``build_records``, ``read_pfif`` +
``to_records``, ``load_policy``, ``mapping_from_yaml``). Its contract (issue 21):

* it returns, or raises :class:`~tawthiq.errors.InputError` — anything else is a crash;
* what it returns can be stored: no NUL, no lone surrogate in any text.

Two targets write: ``store_jsonl`` and ``store_chat`` ingest into a workspace as
``tawthiq ingest`` does, and check that nothing is lost or half-written (every file a stored
report, a duplicate or a failed intake, its sealed bytes exactly the file's, the audit chain
intact).

:func:`mutate` is the byte-level mutator (bit flips, interesting bytes, inserts, deletes,
chunk repeats that grow a shape, splices of two seeds, truncation), seeded for replay.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.errors import InputError

if TYPE_CHECKING:
    from tawthiq.store import Workspace

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "fixtures" / "fuzz" / "seeds"
CRASHES = ROOT / "tests" / "fixtures" / "fuzz" / "crashes"

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class Unstorable(AssertionError):
    """A reader returned text no database can hold (silent damage further down)."""


def _check_text(value: object, where: str) -> None:
    if isinstance(value, str) and _UNSTORABLE.search(value):
        raise Unstorable(f"{where} holds a NUL or a lone surrogate")


def _ingest(path: Path) -> None:
    from tawthiq.ingest import read_file

    for d in read_file(path):
        for name in ("body", "title", "language", "source"):
            _check_text(getattr(d, name), name)
        if d.sender is not None:
            _check_text(d.sender.reveal(), "sender")


class Lost(AssertionError):
    """An ingest lost input or left it half-written: a file with no row, a row without its bytes,
    sealed bytes that differ from the file's, or a broken audit chain."""


_WORKSPACES: dict[Path, Workspace] = {}
_CHAIN_EVERY = 250  # the audit chain is re-verified every this many inputs (verifying is O(events))
_INGESTED = [0]


def _ingest_store(path: Path) -> None:
    """``tawthiq ingest FILE`` into a workspace (one SQLite workspace per folder, kept between
    inputs): whatever the bytes, the file ends stored, duplicate or as a failed intake whose sealed
    bytes are exactly the file's, every row it names is there, and the audit chain verifies."""
    from tawthiq.evidence import read_evidence
    from tawthiq.ingest import IngestOptions, ingest_file
    from tawthiq.store import find_reports_by_sha256, init_workspace, verify_chain

    ws = _WORKSPACES.get(path.parent)
    if ws is None:
        ws = _WORKSPACES[path.parent] = init_workspace(path.parent / f"ws-{len(_WORKSPACES)}")
    out = ingest_file(ws, path, IngestOptions())
    _INGESTED[0] += 1
    if out.status not in ("stored", "duplicate", "failed") or not out.report_ids or out.sha256 is None:
        raise Lost(f"outcome {out.status} with report ids {out.report_ids}")
    with ws.session() as s:
        rows = {r.id for r in find_reports_by_sha256(s, out.sha256)}
        if not set(out.report_ids) <= rows or any(f.report_id not in rows for f in out.failures):
            raise Lost(f"{out.status}: rows {sorted(rows)}, outcome names {out.report_ids}")
        if read_evidence(ws.evidence_dir, out.sha256, ws.cipher) != path.read_bytes():
            raise Lost("the sealed evidence is not the file's bytes")
        if _INGESTED[0] % _CHAIN_EVERY == 0 and not verify_chain(s).ok:
            raise Lost("the audit chain does not verify")


def _list(path: Path) -> None:
    from tawthiq.people import build_records, guess_mapping, read_table

    table = read_table(path)
    result = build_records(table, guess_mapping(table.headers, table.rows), "fuzz")
    for rec in result.records:
        for name, value in rec.model_dump().items():
            _check_text(value, name)


def _pfif(path: Path) -> None:
    from tawthiq.people.pfif import from_records, read_pfif, to_records, write_pfif

    # the lenient read `people pfif import` does by default: more records reach the mapping
    persons = read_pfif(path.read_bytes(), path=path).persons
    items = to_records(persons, "fuzz")
    write_pfif(from_records(items, domain="fuzz.example"))  # what came in can go out


def _policy(path: Path) -> None:
    from tawthiq.policy import load_policy

    load_policy(path)


def _mapping(path: Path) -> None:
    from tawthiq.people import mapping_from_yaml

    mapping_from_yaml(path)


@dataclass(frozen=True)
class Target:
    name: str
    suffix: str
    run: Callable[[Path], None]
    seeds: tuple[str, ...]


TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        Target("text", ".txt", _ingest, ("report_plain.txt", "report_header.txt")),
        Target("chat", ".txt", _ingest, ("chat_android.txt", "chat_ios.txt")),
        Target("html", ".html", _ingest, ("page.html",)),
        Target("email", ".eml", _ingest, ("email_plain.eml", "multipart.eml")),
        Target("jsonl", ".jsonl", _ingest, ("reports.jsonl", "reports_ar.jsonl")),
        Target("store_jsonl", ".jsonl", _ingest_store, ("reports.jsonl", "reports_ar.jsonl")),
        Target("store_chat", ".txt", _ingest_store, ("chat_android.txt", "report_header.txt")),
        Target("list_csv", ".csv", _list, ("list_arabic.csv", "list_tabs_quoted_multiline.tsv")),
        Target("list_tsv", ".tsv", _list, ("list_tabs_quoted_multiline.tsv", "list_arabic.csv")),
        Target("list_jsonl", ".jsonl", _list, ("list_families.jsonl", "reports_ar.jsonl")),
        Target("list_xlsx", ".xlsx", _list, ("list.xlsx",)),
        Target("pfif", ".xml", _pfif, ("pfif_1_4.xml", "pfif_1_2.xml")),
        Target("policy", ".yaml", _policy, ("policy.yaml",)),
        Target("mapping", ".yaml", _mapping, ("mapping.yaml",)),
    )
}


def seed_bytes(target: Target) -> list[bytes]:
    return [(SEEDS / s).read_bytes() for s in target.seeds]


def run_target(target: Target, data: bytes, folder: Path) -> str:
    """``ok`` or ``refused``; any other exception propagates (the caller calls it a crash)."""
    path = folder / f"input{target.suffix}"
    path.write_bytes(data)
    try:
        target.run(path)
    except InputError as exc:
        str(exc)  # the message itself must render
        return "refused"
    return "ok"


_INTERESTING = [b"\x00", b"\xff", b"\x80", b"\xc3", b"\xed\xa0\x80", b'"', b"'", b",", b";", b"\t",
                b"\n", b"\r", b"\r\n", b"<", b">", b"[", b"]", b"{", b"}", b"\\", b"\\ud800", b"\\u0000",
                b"=", b":", b"-", b"/", b"9" * 40, b"&", b"]]>", b"<!--", b"*", b"&a",
                b"!!python/object"]  # fmt: skip


def mutate(data: bytes, rng: random.Random, others: list[bytes] = ()) -> bytes:
    """One to eight byte-level mutations of ``data``."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(9)
        pos = rng.randint(0, len(buf))
        if op == 0 and buf:  # flip a bit
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1 and buf:  # replace a byte
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        elif op == 2:  # insert an interesting token
            buf[pos:pos] = rng.choice(_INTERESTING)
        elif op == 3 and buf:  # delete a range
            buf[pos : pos + rng.randint(1, 16)] = b""
        elif op == 4 and buf:  # duplicate a chunk, sometimes many times (grow a shape)
            j = rng.randint(pos, min(len(buf), pos + 64))
            buf[pos:pos] = buf[pos:j] * rng.choice((1, 2, 10, 200))
        elif op == 5 and others:  # splice in part of another seed
            other = rng.choice(others)
            k = rng.randint(0, len(other))
            buf[pos:pos] = other[k : k + rng.randint(1, 200)]
        elif op == 6:  # truncate
            del buf[pos:]
        elif op == 7:  # random bytes
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 8 and buf:  # swap two ranges' order (lines out of place)
            j = rng.randint(pos, len(buf))
            buf[pos:j] = bytes(reversed(buf[pos:j])) if rng.random() < 0.2 else buf[pos:j]
    return bytes(buf)

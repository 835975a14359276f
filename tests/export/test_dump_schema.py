"""A dump written by an older Tawthiq restores with its data migrated (not refused, not guessed).

A dump is a backup. The backup a team made last year, before a migration added columns, must
restore in today's Tawthiq: the loader restores it at its own schema revision and brings it to
head through the same Alembic migrations a workspace goes through. A dump written by a NEWER
Tawthiq than the one restoring it is refused naming dump.json and its schema.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tawthiq.cli.main import app

LIST = "record_id,name_latin,sex,event_date\nr1,Test Person One,m,2016-12-12\nr2,Test Person Two,f,\n"
ADDED_BY_0002 = ("birth_date_precision", "event_date_precision")
ADDED_BY_0003 = ("published_precision",)  # reports (issue 17 item 5)
ADDED_BY_0004 = ("rationale_phrases",)  # incidents (issue 18)
ADDED_BY_0005 = ("url", "header_metadata")  # reports (issue 15 item 5)
ADDED_BY_0006 = ("time_basis",)  # claims (issue 15: how a claim's day was found)


@pytest.fixture
def dumped(runner, demo, tmp_path) -> Path:
    csv = tmp_path / "list.csv"
    csv.write_text(LIST, encoding="utf-8")
    res = runner.invoke(
        app, ["people", "import", str(csv), "--list", "fixture", "--yes", "-w", str(demo.path)]
    )
    assert res.exit_code == 0, res.output + res.stderr
    out = tmp_path / "dump"
    res = runner.invoke(app, ["export", "dump", "--out", str(out), "-w", str(demo.path)])
    assert res.exit_code == 0, res.output
    return out


def _resign(dump: Path, demo) -> None:
    from tawthiq.evidence import MANIFEST_FILE, verify_export, write_signed_manifest

    old = json.loads((dump / MANIFEST_FILE).read_text("utf-8"))
    write_signed_manifest(
        dump, workspace=demo.path, export="dump", audit_head=old["audit_head"], details=old["details"]
    )
    assert verify_export(dump).ok


def _drop_columns(dump: Path, table: str, columns: tuple[str, ...]) -> None:
    """Every row of the dump's ``table`` without ``columns`` (each row must have held them)."""
    path = dump / "tables" / f"{table}.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert rows and all(set(columns) <= set(r) for r in rows)
    path.write_text(
        "".join(json.dumps({k: v for k, v in r.items() if k not in columns}) + "\n" for r in rows),
        encoding="utf-8",
    )


def _as_before_0002(dump: Path, demo, *, keep_schema: str | None) -> None:
    """The dump as Tawthiq wrote it at revision 0001: no precision columns, no 'schema' key."""
    _drop_columns(dump, "person_records", ADDED_BY_0002)
    meta = json.loads((dump / "dump.json").read_text("utf-8"))
    meta.pop("schema", None)
    if keep_schema is not None:
        meta["schema"] = keep_schema
    (dump / "dump.json").write_text(json.dumps(meta), encoding="utf-8")
    # nor the report date's precision, added after it (0003), nor its header's URL and keys (0005)
    _drop_columns(dump, "reports", (*ADDED_BY_0003, *ADDED_BY_0005))
    _drop_columns(dump, "incidents", ADDED_BY_0004)  # nor the rationale's phrases (0004)
    _drop_columns(dump, "claims", ADDED_BY_0006)  # nor how a claim's day was found (0006)
    _resign(dump, demo)


def _report_precisions(target: Path) -> set[tuple[bool, str | None]]:
    from tawthiq.store import open_workspace
    from tawthiq.store.tables import ReportRow

    with open_workspace(target) as ws, ws.session() as s:
        return {(r.published_at is not None, r.published_precision) for r in s.query(ReportRow)}


def _report_headers(target: Path) -> set[tuple[str | None, object]]:
    from tawthiq.store import open_workspace
    from tawthiq.store.tables import ReportRow

    with open_workspace(target) as ws, ws.session() as s:
        return {(r.url, r.header_metadata) for r in s.query(ReportRow)}


def _claim_time_bases(target: Path) -> set[str | None]:
    from tawthiq.store import open_workspace
    from tawthiq.store.tables import ClaimRow

    with open_workspace(target) as ws, ws.session() as s:
        return {r.time_basis for r in s.query(ClaimRow)}


def _restore(runner, demo, dump: Path, target: Path):
    from tawthiq.store import init_workspace

    init_workspace(target).close()
    args = ["import-dump", str(dump), "-w", str(target), "--source-key", str(demo.ws.key_file), "--json"]
    return runner.invoke(app, args)


def _precisions(target: Path) -> dict[str, tuple[str | None, str | None]]:
    from tawthiq.store import open_workspace
    from tawthiq.store.people import load_records

    with open_workspace(target) as ws, ws.session() as s:
        return {
            r.record_id: (r.event_date.isoformat() if r.event_date else None, r.event_date_precision)
            for r in load_records(s, ["fixture"])
        }


@pytest.mark.parametrize("recorded", [None, "0001"], ids=["schema-unrecorded", "schema-0001"])
def test_a_dump_from_before_a_migration_restores_with_the_migration_applied(
    runner, demo, dumped, tmp_path, recorded
):
    _as_before_0002(dumped, demo, keep_schema=recorded)
    res = _restore(runner, demo, dumped, tmp_path / "target")
    assert res.exit_code == 0, res.output + res.stderr
    # the migration's own data step: a full date stored before 0002 is known to the day
    assert _precisions(tmp_path / "target") == {"r1": ("2016-12-12", "day"), "r2": (None, None)}
    # and 0003's: a report's full date stored before it is known to the day
    assert _report_precisions(tmp_path / "target") == {(True, "day")}
    # 0005 has no data step: a report stored before it has no URL and no other header keys
    assert _report_headers(tmp_path / "target") == {(None, None)}
    # 0006 has no data step: a claim stored before it says nothing of how its day was found
    assert _claim_time_bases(tmp_path / "target") == {None}
    # 0004 has no data step: each rationale keeps its text; its phrases, not in the old dump, are
    # left unknown (None: the web reads them back from the text) rather than guessed
    before, after = _rationales(demo.ws), _rationales(tmp_path / "target")
    assert before
    assert after == {i: (text, None) for i, (text, _) in before.items()}


def _rationales(ws_or_path) -> dict[int, tuple[str, object]]:
    from tawthiq.store import open_workspace
    from tawthiq.store.browse import find_incidents

    ws = open_workspace(ws_or_path) if isinstance(ws_or_path, Path) else ws_or_path
    try:
        with ws.session() as s:
            return {i.id: (i.rationale, i.rationale_phrases) for i in find_incidents(s, order="id")}
    finally:
        if ws is not ws_or_path:
            ws.close()


def test_a_dump_written_today_records_its_schema_and_restores_as_is(runner, demo, dumped, tmp_path):
    from tawthiq.store.dump import dump_schema

    assert json.loads((dumped / "dump.json").read_text("utf-8"))["schema"] == dump_schema()
    res = _restore(runner, demo, dumped, tmp_path / "target")
    assert res.exit_code == 0, res.output + res.stderr
    assert _precisions(tmp_path / "target")["r1"] == ("2016-12-12", "day")


def test_a_dump_from_a_newer_tawthiq_is_refused_naming_its_schema(runner, demo, dumped, tmp_path):
    meta = json.loads((dumped / "dump.json").read_text("utf-8"))
    meta["schema"] = "0099_from_the_future"
    (dumped / "dump.json").write_text(json.dumps(meta), encoding="utf-8")
    _resign(dumped, demo)
    res = _restore(runner, demo, dumped, tmp_path / "target")
    assert res.exit_code == 1
    assert "dump.json" in res.stderr and "'schema'" in res.stderr and "0099_from_the_future" in res.stderr

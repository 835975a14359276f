"""Kill -9 and concurrency for writing commands other than ingest (issue 21 item 6).

``tests/ingest/test_crash.py`` kills an ingest mid-batch. Here, as a user's shell would run
them (the real CLI in a subprocess): ``import-dump`` killed mid-transaction writes nothing and a
re-run restores every row; ``export dump`` killed mid-way leaves no folder that verifies and the
workspace untouched; ``people import``, ``people link`` and ``corroborate`` killed inside their
transaction, rows already written, keep none of them, and a re-run gives what an uninterrupted
run gives; two writers (``ingest`` and ``people import``) and a reader on one workspace at once
lose nothing, and the reader only ever sees whole files and a chain that verifies. Slow (tens of
seconds on a loaded machine): marked ``slow``.

``import-dump`` is killed when the SQLite write-ahead log has grown (its one large transaction
spills to the log as it goes); the others are held at one of their writing statements
(:data:`HOLD_WRITES`), since a smaller transaction reaches the log only at its commit. These run
on SQLite; the writers and reader run on PostgreSQL too when ``TAWTHIQ_TEST_PG_URL`` is set.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tawthiq.ingest import ingest_paths
from tawthiq.store import init_workspace, list_events, open_workspace, verify_chain
from tawthiq.store.dump import is_empty
from tawthiq.store.tables import Base, PersonRecordRow, ReportRow

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-c", "from tawthiq.cli.main import app; app()"]
MESSAGES = 20_000  # about 80,000 rows: an import-dump of several seconds, long enough to kill


def _env() -> dict[str, str]:
    # the subprocess imports this checkout's tawthiq, as the test process does
    src = str(Path(__file__).resolve().parents[2] / "src")
    return {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _chat(path: Path, n: int, tag: str) -> Path:
    lines = (f"{1 + i % 28}/12/16, 10:{i % 60:02d} - Sender {i % 5}: {tag} message {i}" for i in range(n))
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _counts(ws) -> dict[str, int]:
    with ws.session() as s:
        return {
            t.name: s.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables
        }


def _kill_when(proc: subprocess.Popen, ready, what: str) -> None:
    deadline = time.monotonic() + 180
    while not ready() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.fail(f"{what} finished before the kill (exit {proc.returncode}): make the workspace larger")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A workspace with a chat export of MESSAGES messages, and its dump."""
    root = tmp_path_factory.mktemp("big")
    with init_workspace(root / "ws") as ws:
        [out] = ingest_paths(ws, [_chat(root / "chat.txt", MESSAGES, "big")])
        assert out.status == "stored"
        counts = _counts(ws)
    dump = root / "dump"
    r = subprocess.run(
        [*CLI, "export", "dump", "--out", str(dump), "-w", str(root / "ws")],
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    return root / "ws", dump, counts


def test_kill_9_during_import_dump_writes_nothing_and_a_rerun_restores_every_row(big, tmp_path):
    src, dump, counts = big
    init_workspace(tmp_path / "target").close()
    target = tmp_path / "target"
    args = [*CLI, "import-dump", str(dump), "-w", str(target), "--source-key", str(src / "key")]
    proc = subprocess.Popen(args, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = target / "tawthiq.db-wal"
    _kill_when(proc, lambda: wal.exists() and wal.stat().st_size > 4_000_000, "import-dump")

    with open_workspace(target) as ws, ws.session() as s:
        assert is_empty(s) == [], "a killed import-dump left rows behind"
        assert verify_chain(s).ok
    r = subprocess.run([*args, "--json"], env=_env(), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    with open_workspace(target) as ws:
        after = _counts(ws)
        with ws.session() as s:
            assert verify_chain(s).ok
            assert list_events(s, last=1)[0].action == "dump.import"
    # every row of the dump, once: the import adds its own dump.import event and nothing else
    assert after == {**counts, "audit_events": counts["audit_events"] + 1}


def test_kill_9_during_export_leaves_no_folder_that_verifies_and_the_workspace_untouched(big, tmp_path):
    src, _, _ = big
    with open_workspace(src) as ws:
        before = _counts(ws)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [*CLI, "export", "dump", "--out", str(out), "-w", str(src)],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _kill_when(proc, lambda: (out / "tables").is_dir() and any((out / "tables").iterdir()), "export")
    assert not (out / "manifest.json").exists(), "the kill landed after signing: make the workspace larger"

    check = subprocess.run([*CLI, "verify-export", str(out)], env=_env(), capture_output=True, text=True)
    assert check.returncode == 1, "a half-written export verified"
    with open_workspace(src) as ws:
        assert _counts(ws) == before, "a killed export wrote to the workspace"
        with ws.session() as s:
            assert verify_chain(s).ok
    again = subprocess.run(
        [*CLI, "export", "dump", "--out", str(out), "-w", str(src)],
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert again.returncode == 1 and "not an empty folder" in again.stderr  # never mixed with the rest
    fresh = tmp_path / "out2"
    ok = subprocess.run(
        [*CLI, "export", "dump", "--out", str(fresh), "-w", str(src)],
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert (
        subprocess.run([*CLI, "verify-export", str(fresh)], env=_env(), capture_output=True).returncode == 0
    )


READER = """
import json, sys, time
from pathlib import Path
from collections import defaultdict
from sqlalchemy import func, select
from tawthiq.store import open_workspace, verify_chain
from tawthiq.store.tables import ReportRow
ws = open_workspace(Path(sys.argv[1]), sys.argv[2] or None)
stop = Path(sys.argv[3])
seen = []
while True:
    last = stop.exists()
    with ws.session() as s:  # one snapshot: the chain and the reports as one moment saw them
        parts = defaultdict(int)
        for sha, n in s.execute(select(ReportRow.sha256, func.count()).group_by(ReportRow.sha256)):
            parts[sha] = n
        check = verify_chain(s)
    seen.append({"ok": check.ok, "events": check.events, "files": sorted(set(parts.values()))})
    if last:
        break
    time.sleep(0.05)
print(json.dumps(seen))
"""


def test_two_writers_and_a_reader_on_one_workspace_lose_nothing(workspace, tmp_path):
    files, per_file, rows = 30, 40, 3000
    folder = tmp_path / "chats"
    folder.mkdir()
    for i in range(files):
        _chat(folder / f"chat-{i:02d}.txt", per_file, f"file {i}")
    people = tmp_path / "list.csv"
    people.write_text(
        "id,name,sex,age,date of death,place\n"
        + "".join(
            f"R{i},Person Number{i} Invented,m,{20 + i % 50},2016-12-{1 + i % 28:02d},Fardous\n"
            for i in range(rows)
        ),
        "utf-8",
    )
    db = (
        []
        if workspace.engine.dialect.name == "sqlite"
        else ["--db", workspace.engine.url.render_as_string(hide_password=False)]
    )
    where = ["-w", str(workspace.path), *db]
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(workspace.path), db[1] if db else "", str(stop)],
        env=_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    writers = [
        subprocess.Popen(
            [*CLI, "ingest", *where, str(folder)], env=_env(), stderr=subprocess.PIPE, text=True
        ),
        subprocess.Popen(
            [*CLI, "people", "import", str(people), "--list", "invented", "--yes", *where],
            env=_env(),
            stderr=subprocess.PIPE,
            text=True,
        ),
    ]
    errors = [w.communicate(timeout=600)[1] for w in writers]
    stop.touch()
    snapshots = json.loads(reader.communicate(timeout=600)[0])
    assert [w.returncode for w in writers] == [0, 0], errors

    with workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(ReportRow)) == files * per_file
        assert s.scalar(select(func.count()).select_from(PersonRecordRow)) == rows
        assert verify_chain(s).ok
    assert all(snap["ok"] for snap in snapshots), "the reader saw a broken chain"
    assert all(snap["files"] in ([], [per_file]) for snap in snapshots), "the reader saw a half-written file"
    events = [snap["events"] for snap in snapshots]
    assert events == sorted(events) and len(snapshots) >= 2


# ------------------------------------------------------------------ people import and people link

GIVEN = ["Ahmad", "Mohammad", "Omar", "Khaled", "Yusuf", "Hasan", "Ali", "Samir", "Fatima", "Maryam", "Huda"]
FAMILY = ["Haddad", "Najjar", "Halabi", "Homsi", "Tahhan", "Sabbagh", "Khatib", "Masri", "Shami", "Attar"]


def _invented_list(path: Path, n: int, seed: int, offset: int = 0) -> Path:
    """An invented victim list: names drawn from small pools (so linking has work), dates, places."""
    import random

    rnd = random.Random(seed)
    rows = []
    for i in range(offset, offset + n):
        person = random.Random(i)  # the same invented person on every list that holds number i
        name = f"{person.choice(GIVEN)} {person.choice(GIVEN)} {person.choice(FAMILY)}"
        if rnd.random() < 0.2:
            name = name.replace("a", "e", 1)  # a spelling variant, as lists have
        rows.append(
            f"R{i},{name},{person.choice('mf')},{18 + person.randrange(60)},2016-12-{1 + i % 28:02d}\n"
        )
    path.write_text("id,name,sex,age,date of death\n" + "".join(rows), "utf-8")
    return path


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], env=_env(), capture_output=True, text=True)


def _link_state(ws) -> tuple[int, int, list[int]]:
    """(persons, record links, how many persons each linked record belongs to, distinct)."""
    from tawthiq.store.tables import PersonRecordLinkRow, PersonRow

    with ws.session() as s:
        persons = s.scalar(select(func.count()).select_from(PersonRow)) or 0
        links = s.scalar(select(func.count()).select_from(PersonRecordLinkRow)) or 0
        per_record = (
            select(func.count().label("n"))
            .select_from(PersonRecordLinkRow)
            .group_by(PersonRecordLinkRow.record_id)
        ).subquery()
        shares = sorted({n for (n,) in s.execute(select(per_record.c.n).distinct())})
        assert verify_chain(s).ok
    return persons, links, shares


def _uninterrupted(ws_path: Path, command: list[str], state):
    """``state`` of a copy of the workspace after ``command`` ran to its end (the reference)."""
    import shutil

    reference = ws_path.parent / f"{ws_path.name}-reference"
    shutil.copytree(ws_path, reference)
    r = _cli(*command, "-w", str(reference))
    assert r.returncode == 0, r.stderr
    with open_workspace(reference) as ws:
        return state(ws)


# Loaded into the killed command only (a sitecustomize on its PYTHONPATH): at its Nth writing
# statement the command marks a file and waits, inside its open transaction, for the kill. Watching
# the log is no signal here: SQLite keeps an uncommitted transaction in memory and writes the log at
# the commit (`people link` writes its 850 KB in about 10 ms, between two looks at the file).
HOLD_WRITES = """
import os, time
from pathlib import Path
from sqlalchemy import event
from sqlalchemy.engine import Engine

_mark = Path(os.environ["TAWTHIQ_TEST_WRITING"])
_hold_at = int(os.environ["TAWTHIQ_TEST_HOLD_AT"])
_writes = 0

@event.listens_for(Engine, "before_cursor_execute")
def _hold(conn, cursor, statement, parameters, context, executemany):
    global _writes
    if statement.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
        _writes += 1
        if _writes == _hold_at:
            _mark.touch()
            time.sleep(120)
"""


def _killed_then_rerun(ws_path: Path, command: list[str], state, hold_at: int = 20):
    """``state`` after ``command`` was killed at its ``hold_at``-th writing statement, in the
    middle of its writing (:data:`HOLD_WRITES`), and ``state`` after a re-run to the end."""
    hook = ws_path.parent / "hold-writes"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(HOLD_WRITES, "utf-8")
    writing = ws_path.parent / "writing"
    env = {**_env(), "TAWTHIQ_TEST_WRITING": str(writing), "TAWTHIQ_TEST_HOLD_AT": str(hold_at)}
    env["PYTHONPATH"] = str(hook) + os.pathsep + env["PYTHONPATH"]
    proc = subprocess.Popen(
        [*CLI, *command, "-w", str(ws_path)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _kill_when(proc, writing.exists, " ".join(command))
    with open_workspace(ws_path) as ws:
        killed = state(ws)
    r = _cli(*command, "-w", str(ws_path))
    assert r.returncode == 0, r.stderr
    with open_workspace(ws_path) as ws:
        return killed, state(ws)


def _people_state(ws) -> tuple[int, int]:
    """(person records, lists) and the chain verified."""
    from tawthiq.store.tables import PersonListRow

    with ws.session() as s:
        records = s.scalar(select(func.count()).select_from(PersonRecordRow)) or 0
        lists = s.scalar(select(func.count()).select_from(PersonListRow)) or 0
        assert verify_chain(s).ok
    return records, lists


def test_kill_9_during_people_import_writes_nothing_and_a_rerun_imports_every_row(tmp_path):
    big = _invented_list(tmp_path / "big.csv", 40_000, seed=1)
    ws_path = tmp_path / "ws"
    init_workspace(ws_path).close()
    command = ["people", "import", str(big), "--list", "invented", "--yes"]
    # its writes: the list, its 40,000 records (one statement), the audit event: held at the last
    killed, rerun = _killed_then_rerun(ws_path, command, _people_state, hold_at=3)
    assert killed == (0, 0), "half a list was kept"
    assert rerun == (40_000, 1)


def test_kill_9_during_people_link_leaves_the_last_whole_linkage_and_a_rerun_gives_the_same_persons(tmp_path):
    ws_path = tmp_path / "ws"
    init_workspace(ws_path).close()
    lists = {
        "list-a": _invented_list(tmp_path / "a.csv", 4_000, seed=2),
        "list-b": _invented_list(tmp_path / "b.csv", 4_000, seed=3, offset=2_000),  # half the same people
    }
    for name, path in lists.items():
        r = _cli("people", "import", str(path), "--list", name, "--yes", "-w", str(ws_path))
        assert r.returncode == 0, r.stderr
    expected = _uninterrupted(ws_path, ["people", "link"], _link_state)
    assert expected[0] > 0 and expected[2] == [1], expected
    killed, rerun = _killed_then_rerun(ws_path, ["people", "link"], _link_state)
    # killed inside its transaction, after writing some rows: none of them is kept
    assert killed == (0, 0, []), "a killed link left a partial linkage"
    assert rerun == expected


# ------------------------------------------------------------------ corroborate


def _invented_claims(ws, reports: int, per_report: int, seed: int) -> None:
    """Invented reports and claims (no text of any real report): strikes in 12 neighbourhoods over
    60 days, each report telling several, so corroboration has incidents to build."""
    import random
    from datetime import UTC, date, datetime, timedelta

    from tawthiq.entities import Source
    from tawthiq.store import get_or_create_source
    from tawthiq.store.tables import ClaimRow

    rnd = random.Random(seed)
    places = [
        {
            "name": f"Neighbourhood {i}",
            "lat": 36.15 + i * 0.01,
            "lon": 37.10 + i * 0.01,
            "precision": "neighbourhood",
        }
        for i in range(12)
    ]
    with ws.session(actor="test") as s:
        sources = [
            get_or_create_source(s, Source(label=f"Outlet {i}", kind="media", origin_group=f"Outlet {i}"))
            for i in range(8)
        ]
        for r in range(reports):
            report = ReportRow(
                sha256=f"{r:064x}",
                file_name=f"invented-{r}.txt",
                source_id=sources[r % len(sources)].id,
                received_at=datetime(2016, 12, 20, tzinfo=UTC),
                body="invented",
            )
            s.add(report)
            s.flush()
            rows = []
            for _ in range(per_report):
                day = date(2016, 10, 1) + timedelta(days=rnd.randrange(60))
                n = rnd.randrange(1, 40)
                rows.append(
                    ClaimRow(
                        report_id=report.id,
                        span_start=0,
                        span_end=8,
                        quote="invented",
                        kind="incident",
                        event_type=rnd.choice(["attack.air_strike", "attack.shelling"]),
                        places=[rnd.choice(places)],
                        time_start=day,
                        time_end=day,
                        time_precision="day",
                        fatalities_low=n,
                        fatalities_high=n,
                        fatalities_qualifier="exact",
                        review_status="accepted",
                    )
                )
            s.add_all(rows)


def _incident_state(ws) -> tuple[int, list[tuple[int, ...]]]:
    """(incidents, the claims of each incident as sorted groups) and the chain verified."""
    from collections import defaultdict

    from tawthiq.store.tables import IncidentClaimRow, IncidentRow

    with ws.session() as s:
        incidents = s.scalar(select(func.count()).select_from(IncidentRow)) or 0
        groups: dict[int, list[int]] = defaultdict(list)
        for inc, claim in s.execute(select(IncidentClaimRow.incident_id, IncidentClaimRow.claim_id)):
            groups[inc].append(claim)
        assert verify_chain(s).ok
    return incidents, sorted(tuple(sorted(g)) for g in groups.values())


def test_kill_9_during_corroborate_leaves_no_incidents_or_all_and_a_rerun_builds_the_same(tmp_path):
    ws_path = tmp_path / "ws"
    with init_workspace(ws_path) as ws:
        _invented_claims(ws, reports=200, per_report=20, seed=4)
    expected = _uninterrupted(ws_path, ["corroborate"], _incident_state)
    assert expected[0] > 100, expected[0]
    killed, rerun = _killed_then_rerun(ws_path, ["corroborate"], _incident_state)
    assert killed == (0, []), "a killed corroborate left part of the incidents"
    assert rerun == expected

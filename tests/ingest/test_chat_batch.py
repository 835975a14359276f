"""A chat export is stored in batches (issue 21 item 5): one multi-row insert for its reports, one
for its contacts, one batch of audit events. What must not change: every message is a report in
file order, every message is one contact with its sender's source pointing to that report, every
write has its audit event, and the chain still verifies — also when single events come before
and after a batch. (Speed is measured by ``benchmarks/reader_shapes.py --only stored``.)"""

from __future__ import annotations

import itertools
from collections import Counter

from sqlalchemy import select

from tawthiq.entities import Report
from tawthiq.ingest import ingest_paths
from tawthiq.store import add_reports, list_events, list_reports, record_event, verify_chain
from tawthiq.store.tables import SourceContactRow, SourceIndexRow

SENDERS = ("Planted Sender A", "Planted Sender B", "Planted Sender C")


def _chat(path, n):
    lines = [f"{1 + i % 28}/12/16, 10:{i % 60:02d} - {SENDERS[i % 3]}: message number {i}" for i in range(n)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_every_message_is_a_report_a_contact_and_an_event_in_file_order(workspace, tmp_path):
    n = 250
    [out] = ingest_paths(workspace, [_chat(tmp_path / "chat.txt", n)])
    assert out.status == "stored" and len(out.report_ids) == n
    with workspace.session() as s:
        reps = list_reports(s)
        assert [r.part for r in reps] == list(range(n)), "reports out of file order"
        assert [r.id for r in reps] == out.report_ids
        assert all(r.body == f"message number {r.part}" for r in reps), "a body landed on another part"
        contacts = s.execute(select(SourceContactRow.report_id, SourceContactRow.source_id)).all()
        assert sorted(rid for rid, _ in contacts) == sorted(out.report_ids), "one contact per message"
        by_report = dict(contacts)
        # the messages of one sender are contact with one source, three senders three sources
        sources = {by_report[r.id] for r in reps if r.part % 3 == 0}
        assert len(sources) == 1
        assert len({by_report[r.id] for r in reps}) == 3 == len(s.scalars(select(SourceIndexRow)).all())
        actions = Counter(e.action for e in list_events(s))
        assert actions["report.ingest"] == n and actions["source.contact"] == n
        ingested = [e.object_id for e in list_events(s, action="report.ingest")]
        assert ingested == [str(i) for i in out.report_ids], "events out of report order"
        assert verify_chain(s).ok


def test_single_events_before_and_after_a_batch_keep_one_chain(workspace, tmp_path):
    with workspace.session() as s:
        record_event(s, "test.before", "test", 1)
    ingest_paths(workspace, [_chat(tmp_path / "chat.txt", 30)])
    with workspace.session() as s:
        add_reports(s, [Report(sha256="ab" * 32, body="one more")])
        record_event(s, "test.after", "test", 2)
    with workspace.session() as s:
        events = list_events(s)
        assert events[0].action == "test.before" and events[-1].action == "test.after"
        assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(events))
        assert verify_chain(s).ok


def test_a_second_export_from_the_same_senders_reuses_their_sources(workspace, tmp_path):
    ingest_paths(workspace, [_chat(tmp_path / "one.txt", 9)])
    (tmp_path / "two.txt").write_text(
        "\n".join(f"2/1/17, 09:{i:02d} - {SENDERS[i % 3]}: later message {i}" for i in range(6)) + "\n",
        "utf-8",
    )
    ingest_paths(workspace, [tmp_path / "two.txt"])
    with workspace.session() as s:
        assert len(set(s.scalars(select(SourceContactRow.source_id)))) == 3
        assert len(s.scalars(select(SourceContactRow.id)).all()) == 15
        assert verify_chain(s).ok

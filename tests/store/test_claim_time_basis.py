"""A stored claim keeps how its day was found (``Claim.time_basis``, migration 0006).

Trap: corroboration reads a day the extractor borrowed from a follow-up report's context as its
report's own day; a workspace corroborates the claims it stored, and without the column a lent day
came back from the store read as exact (the incidents of session 23's drop). A reviewer's dates are
no longer borrowed ones. A workspace from before 0006 upgrades keeping its claims, basis not said.
"""

from __future__ import annotations

from datetime import date

REPORT = (
    "According to residents reached by telephone, gunmen stormed the village of Taldou on Friday, "
    "killing 32 civilians.\n\n"
    "The United Nations condemned the killings in a statement.\n\n"
    "Government forces shelled the town of Kafr Nabl, killing 4 people.\n"
)


def _extracted(workspace, cli, cli_json, tmp_path) -> list[dict]:
    path = tmp_path / "follow_up.txt"
    path.write_text(REPORT, "utf-8")
    cli(workspace, "ingest", str(path), "--published", "2016-05-29")
    cli(workspace, "extract")
    return sorted(cli_json(workspace, "claims", "list")["items"], key=lambda c: c["span"][0])


def test_a_stored_claim_keeps_the_day_it_borrowed_and_says_so(workspace, cli, cli_json, tmp_path):
    told, lent = _extracted(workspace, cli, cli_json, tmp_path)
    assert (told["time"]["start"], told["time_basis"]) == ("2016-05-27", "sentence")
    assert (lent["time"]["start"], lent["time_basis"]) == ("2016-05-27", "context")
    from tawthiq.store.claims import load_claims

    with workspace.session() as s:
        bases = sorted(c.time_basis or "" for c in load_claims(s))
    assert bases == ["context", "sentence"]


def test_a_reviewer_s_dates_are_no_longer_a_borrowed_day(workspace, cli, cli_json, tmp_path):
    _, lent = _extracted(workspace, cli, cli_json, tmp_path)
    from tawthiq.store.review import review_claim

    with workspace.session() as s:
        same = review_claim(
            s, lent["id"], "accepted", actor="t", corrections={"event_type": "attack.air_strike"}
        )
        assert same.time_basis == "context"  # another field corrected: the day is still the lent one
        fixed = review_claim(
            s, lent["id"], "corrected", actor="t", corrections={"time_start": date(2016, 5, 28)}
        )
        assert fixed.time_basis is None and fixed.time.start == date(2016, 5, 28)


def test_a_workspace_from_before_migration_0006_upgrades_keeping_its_claims(tmp_path, db_url):
    from alembic import command
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import Session

    from tawthiq.store._migrate import alembic_config, upgrade
    from tawthiq.store.claims import claim_from_row
    from tawthiq.store.tables import ClaimRow

    engine = create_engine(db_url or f"sqlite:///{tmp_path / 'old.db'}")
    try:
        command.upgrade(alembic_config(engine), "0005_report_url_metadata")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO reports (status, sha256, size, media_type, channel, part, received_at,"
                    " published_at, title, body) VALUES ('stored', 'a', 0, 'text/plain', 'file', 0,"
                    " '2016-05-29 00:00:00', '2016-05-29', 'one', 'text')"
                )
            )
            rid = conn.execute(text("SELECT id FROM reports")).scalar_one()
            conn.execute(
                text(
                    "INSERT INTO claims (report_id, span_start, span_end, quote, kind, event_type, places,"
                    " time_start, time_end, time_precision, victims, perpetrators, certainty, method,"
                    " confidence, review_status) VALUES (:r, 0, 4, 'text', 'incident', 'attack.shelling',"
                    " '[]', '2016-05-29', '2016-05-29', 'day', '[]', '[]', 'reported', 'rules', 0.5,"
                    " 'unreviewed')"
                ),
                {"r": rid},
            )
        upgrade(engine)
        with Session(engine) as s:
            claims = [claim_from_row(r) for r in s.query(ClaimRow)]
    finally:
        engine.dispose()
    assert [(c.quote, c.time.start, c.time_basis) for c in claims] == [("text", date(2016, 5, 29), None)]

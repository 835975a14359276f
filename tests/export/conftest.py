"""A small workspace written for these tests: three incidents, a wire report and a chat message.

Traps planted on purpose (each must never reach a public output):
- an individual source whose identity and contact are protected,
- a chat message whose sender is protected and whose quote names a witness,
- an incident at a front-line neighbourhood with an exact point (must be fuzzed),
- an incident with two dead (a small count, suppressed), and a discounted one (never public).
Claims and incidents are written as rows here because the corroboration stage's store
functions are not ours; everything else goes through ``tawthiq.store``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

PLANTED = {
    "identity": "Planted Identity Qx7731",
    "contact": "+963-PLANTED-0550",
    "sender": "Planted Sender Zw4410",
    "witness": "Planted Witness Kb9902",
}
TRUE_SALAH = (36.1805, 37.1222)


@dataclass
class Demo:
    ws: object
    path: Path
    incident_ids: dict[str, int]
    claim_quotes: dict[int, str]
    evidence: dict[str, str]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _claim(
    s,
    report_id: int,
    quote: str,
    event_type: str,
    place: dict,
    day: date,
    low: int | None,
    high: int | None,
    qualifier: str = "exact",
) -> int:
    from tawthiq.store.tables import ClaimRow

    row = ClaimRow(
        report_id=report_id,
        span_start=0,
        span_end=len(quote),
        quote=quote,
        kind="incident",
        event_type=event_type,
        places=[place],
        time_start=day,
        time_end=day,
        time_precision="day",
        fatalities_low=low,
        fatalities_high=high,
        fatalities_qualifier=qualifier,
        attributed_to="a UN spokesman",
        review_status="accepted",
        certainty="reported",
    )
    s.add(row)
    s.flush()
    return row.id


def _incident(
    s,
    key: str,
    event_type: str,
    place: dict,
    day: date,
    best: int,
    grade: str,
    claims: dict[int, str],
    rationale: str,
) -> int:
    from tawthiq.store.tables import IncidentClaimRow, IncidentRow

    row = IncidentRow(
        key=key,
        event_type=event_type,
        places=[place],
        time_start=day,
        time_end=day,
        time_precision="day",
        fatalities_best=best,
        fatalities_low=best,
        fatalities_high=best,
        fatalities_rule="max of exact counts",
        grade=grade,
        rationale=rationale,
        origins=["UN OHCHR", "SOHR"],
        outlets=["Wire One", "Daily Two"],
    )
    s.add(row)
    s.flush()
    for cid, role in claims.items():
        s.add(IncidentClaimRow(incident_id=row.id, claim_id=cid, role=role))
    s.flush()
    return row.id


@pytest.fixture
def demo(workspace) -> Demo:
    from tawthiq.entities import Evidence, Report, Source
    from tawthiq.evidence import store_bytes
    from tawthiq.policy import write_default_policy
    from tawthiq.store import add_evidence, add_reports, get_or_create_source

    ws = workspace
    write_default_policy(ws.path)
    wire_text = (
        b"Wire One, 14 December 2016. A UN spokesman said at least 82 civilians were killed "
        b"by pro-government forces in four neighbourhoods of east Aleppo on 12 December."
    )
    chat_text = (
        f"[13/12/2016 21:04] {PLANTED['sender']}: they took {PLANTED['witness']} at the crossing".encode()
    )
    evidence = {}
    with ws.session(actor="test") as s:
        wire = get_or_create_source(s, Source(label="Wire One", kind="wire", origin_group="Wire One"))
        person = get_or_create_source(
            s,
            Source(
                label="Nurse in Saliheen",
                kind="individual",
                identity=PLANTED["identity"],
                contact=PLANTED["contact"],
            ),
        )
        reps = []
        for name, data, channel, src, sender in (
            ("wire.txt", wire_text, "file", wire, None),
            ("chat.txt", chat_text, "chat", person, PLANTED["sender"]),
        ):
            sha, _, _ = store_bytes(ws.evidence_dir, data, ws.cipher)
            evidence[name] = sha
            add_evidence(
                s,
                Evidence(
                    sha256=sha,
                    media_type="text/plain",
                    size=len(data),
                    captured_at=datetime(2016, 12, 14, tzinfo=UTC),
                    file_name=name,
                ),
            )
            reps += add_reports(
                s,
                [
                    Report(
                        sha256=sha,
                        file_name=name,
                        size=len(data),
                        channel=channel,
                        source_id=src.id,
                        published_at=date(2016, 12, 14),
                        title=name,
                        body=data.decode(),
                        sender=sender,
                    )
                ],
            )
        fardous = {
            "name": "Fardous",
            "lat": 36.1905,
            "lon": 37.1553,
            "precision": "neighbourhood",
            "place_id": None,
            "name_ar": "الفردوس",
        }
        salah = {
            "name": "Salah al-Din",
            "lat": TRUE_SALAH[0],
            "lon": TRUE_SALAH[1],
            "precision": "exact",
            "place_id": None,
            "name_ar": "صلاح الدين",
        }
        q1 = "at least 82 civilians were killed by pro-government forces in four neighbourhoods"
        q2 = f"they took {PLANTED['witness']} at the crossing"
        q3 = "two men were shot at the checkpoint in Salah al-Din"
        c1 = _claim(s, reps[0].id, q1, "killing.execution", fardous, date(2016, 12, 12), 82, None, "at_least")
        c2 = _claim(s, reps[1].id, q2, "killing.execution", fardous, date(2016, 12, 12), None, None)
        c3 = _claim(s, reps[0].id, q3, "killing.execution", salah, date(2016, 12, 10), 2, 2)
        c4 = _claim(
            s,
            reps[0].id,
            "a rumour later shown false",
            "attack.shelling",
            fardous,
            date(2016, 12, 11),
            40,
            40,
        )
        ids = {
            "fardous": _incident(
                s,
                "inc-fardous",
                "killing.execution",
                fardous,
                date(2016, 12, 12),
                82,
                "fair",
                {c1: "supporting", c2: "supporting"},
                "two independent origins agree",
            ),
            "salah": _incident(
                s,
                "inc-salah",
                "killing.execution",
                salah,
                date(2016, 12, 10),
                2,
                "weak",
                {c3: "supporting"},
                "a single origin",
            ),
            "false": _incident(
                s,
                "inc-false",
                "attack.shelling",
                fardous,
                date(2016, 12, 11),
                40,
                "discounted",
                {c4: "supporting"},
                "shown false",
            ),
        }
    return Demo(
        ws=ws, path=ws.path, incident_ids=ids, claim_quotes={c1: q1, c2: q2, c3: q3}, evidence=evidence
    )


def _all_text(folder: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def all_text():
    """Every file under a folder decoded leniently (PDF text streams are compressed: see tests)."""
    return _all_text


@pytest.fixture
def planted() -> dict[str, str]:
    return dict(PLANTED)


@pytest.fixture
def true_salah() -> tuple[float, float]:
    return TRUE_SALAH

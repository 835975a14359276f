"""A day borrowed from a follow-up report's context is read loosely after the claims are stored.

Trap: extraction says how it found a claim's day (``Claim.time_basis``) and corroboration reads a
day borrowed from the report's context as loosely as the report's own day, but the claims table had
no column for it. Claims read back from a workspace lost it, so ``tawthiq corroborate`` read the
borrowed day as exact and split the incident that the same claims formed in memory (the benchmark's
path). Migration 0006 stores it (tests/store/test_claim_time_basis.py checks the column); this
checks what the user sees: ``tawthiq corroborate`` on the workspace builds the incidents the same
claims build in memory. Texts written for this test (no report's words).
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.corroborate import build_incidents
from tawthiq.entities import ReportRef, SourcedClaim
from tawthiq.extract import extract_claims

PUBLISHED = date(2016, 5, 29)  # a Sunday
FOLLOW_UP = (
    "According to residents reached by telephone, gunmen stormed the village of Taldou {day}, "
    "killing 32 civilians.\n\nThe United Nations condemned the killings in a statement.\n\n"
    "Government forces shelled the town of Kafr Nabl, killing 4 people.\n"
)
OTHER = "Government forces shelled the town of Kafr Nabl on Sunday, killing 4 people, activists said.\n"


def _ingest(workspace, cli, tmp_path, follow_up: str) -> None:
    for name, body in (("follow.txt", follow_up), ("other.txt", OTHER)):
        path = tmp_path / name
        path.write_text(f"DATE: {PUBLISHED}\n\n{body}", "utf-8")
        cli(workspace, "ingest", str(path), "--published-from-header")
    cli(workspace, "extract")


def _in_memory(follow_up: str) -> list[list[tuple[str, int | None]]]:
    claims = []
    for name, body in (("follow.txt", follow_up), ("other.txt", OTHER)):
        for c in extract_claims(body, PUBLISHED):
            claims.append(
                SourcedClaim(
                    claim=c.model_copy(update={"id": len(claims) + 1}),
                    report=ReportRef(file=name, sha256=(name * 64)[:64]),
                    published=PUBLISHED,
                    source_label=name,
                )
            )
    by_id = {sc.claim.id: sc for sc in claims}
    return sorted(
        sorted((by_id[i].report.file, by_id[i].claim.fatalities.low) for i in inc.claim_ids)  # type: ignore[union-attr]
        for inc in build_incidents(claims)
    )


def _stored_groups(workspace, cli_json) -> list[list[tuple[str, int | None]]]:
    claims = {c["id"]: c for c in cli_json(workspace, "claims", "list")["items"]}
    files = {r["id"]: r["file_name"] for r in cli_json(workspace, "reports")}
    groups = []
    for inc in cli_json(workspace, "incidents"):
        shown = cli_json(workspace, "incident", str(inc["id"]))
        ids = [c["id"] for c in shown["claims"]]
        groups.append(sorted((files[claims[i]["report_id"]], claims[i]["fatalities"]["low"]) for i in ids))
    return sorted(groups)


@pytest.mark.parametrize("day", ["on Friday", "on 25 May", "late on Thursday"])
def test_a_borrowed_day_joins_the_same_incident_through_the_workspace_as_in_memory(
    workspace, cli, cli_json, tmp_path, day
):
    follow_up = FOLLOW_UP.format(day=day)
    _ingest(workspace, cli, tmp_path, follow_up)
    (lent,) = [c for c in extract_claims(follow_up, PUBLISHED) if c.time_basis == "context"]
    assert lent.fatalities is not None and lent.fatalities.low == 4  # the Kafr Nabl shelling
    cli(workspace, "corroborate")
    expected = _in_memory(follow_up)
    assert [("follow.txt", 4), ("other.txt", 4)] in expected  # the lent day joins the other outlet
    assert _stored_groups(workspace, cli_json) == expected

"""End to end: ingest (DATE: headers) -> extract -> corroborate -> incidents, and overrides.

The fixture folder ``tests/fixtures/multi`` holds our own reports: one air strike told by
a wire story, two rewrites and an NGO; a school shelling and the army's denial; two
killings on one day in two neighbourhoods. The claims here are the extractor's, not gold.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tawthiq.cli.main import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "multi"
CLAIM_KEYS = {
    "kind",
    "event_type",
    "quote",
    "span",
    "places",
    "time",
    "fatalities",
    "injured",
    "victims",
    "perpetrators",
    "attributed_to",
    "certainty",
}


def run(runner: CliRunner, *args: str, ok: bool = True):
    result = runner.invoke(app, list(args))
    if ok:
        assert result.exit_code == 0, (args, result.output, result.stderr if result.stderr_bytes else "")
    return result


@pytest.fixture
def built(workspace):
    runner = CliRunner()
    w = str(workspace.path)
    run(runner, "ingest", str(FIXTURES), "--published-from-header", "-w", w)
    run(runner, "extract", "-w", w)
    summary = json.loads(run(runner, "corroborate", "-w", w, "--json").stdout)
    return runner, w, summary


def _incidents(runner, w, *extra):
    return json.loads(run(runner, "incidents", "-w", w, "--json", *extra).stdout)


def _by_file(incidents, file_name):
    return [i for i in incidents if any(c["report"]["file"] == file_name for c in i["claims"])]


def test_incidents_json_is_one_array_with_the_contract_fields(built):
    runner, w, summary = built
    incidents = _incidents(runner, w)
    assert isinstance(incidents, list) and len(incidents) == summary["incidents"] > 0
    for inc in incidents:
        assert {
            "id",
            "grade",
            "rationale",
            "event_type",
            "places",
            "time",
            "fatalities",
            "origins",
            "claims",
        } <= set(inc)
        assert {"best", "low", "high"} <= set(inc["fatalities"])
        assert all(isinstance(o, str) for o in inc["origins"])
        for c in inc["claims"]:
            assert set(c) >= CLAIM_KEYS
            assert set(c["report"]) == {"file", "sha256", "title", "url"}  # url: the header's URL: (issue 15)
            raw = (FIXTURES / c["report"]["file"]).read_bytes()
            assert c["report"]["sha256"] == hashlib.sha256(raw).hexdigest()


def _holding(incidents, file_name, words):
    return [
        i
        for i in incidents
        if any(c["report"]["file"] == file_name and words in c["quote"] for c in i["claims"])
    ]


def test_wire_rewrites_and_ngo_end_to_end_make_one_fair_incident_with_two_origins(built):
    runner, w, _ = built
    incidents = _incidents(runner, w)
    market = _holding(incidents, "wire_bustan_market.txt", "23 civilians")
    assert len(market) == 1
    inc = market[0]
    files = {c["report"]["file"] for c in inc["claims"]}
    assert {
        "wire_bustan_market.txt",
        "rewrite1_bustan_market.txt",
        "rewrite2_bustan_market.txt",
        "ngo_bustan_market.txt",
    } <= files
    assert len(inc["origins"]) == 2
    assert inc["grade"] == "fair"
    assert inc["fatalities"]["low"] >= 23


def test_denial_end_to_end_is_contested(built):
    runner, w, _ = built
    school = _by_file(_incidents(runner, w), "ngo_kallaseh_school.txt")
    assert len(school) == 1
    assert school[0]["grade"] == "contested"
    assert any(c["certainty"] == "denied" for c in school[0]["claims"])


def test_two_killings_in_two_neighbourhoods_end_to_end_are_two_incidents(built):
    runner, w, _ = built
    incidents = _incidents(runner, w, "--type", "killing")
    fardous = _by_file(incidents, "fardous_executions.txt")
    nairab = _by_file(incidents, "nairab_executions.txt")
    assert len(fardous) == 1 and len(nairab) == 1
    assert fardous[0]["id"] != nairab[0]["id"]
    only_fardous = _incidents(runner, w, "--place", "Firdaws")
    assert fardous[0]["id"] in {i["id"] for i in only_fardous}
    assert nairab[0]["id"] not in {i["id"] for i in only_fardous}


def test_corroborate_twice_changes_nothing_and_keeps_ids(built, workspace):
    from tawthiq.store import list_events

    runner, w, first = built
    before = {i["key"]: i["id"] for i in _incidents(runner, w)}
    with workspace.session() as s:
        n_events = len(list_events(s))
    again = json.loads(run(runner, "corroborate", "-w", w, "--json").stdout)
    assert again["created"] == again["updated"] == again["deleted"] == 0
    assert again["unchanged"] == first["incidents"]
    assert {i["key"]: i["id"] for i in _incidents(runner, w)} == before
    with workspace.session() as s:
        assert len(list_events(s)) == n_events


def test_a_rebuild_stores_the_phrases_of_incidents_stored_before_them_and_changes_nothing_else(
    built, workspace
):
    """Migration 0004 leaves the phrases of stored incidents unknown (NULL); the next corroborate
    writes them, with the same text, and records no change (the words did not change)."""
    from tawthiq.store import list_events
    from tawthiq.store.browse import find_incidents
    from tawthiq.store.tables import IncidentRow

    runner, w, first = built
    with workspace.session() as s:
        stored = {i.id: (i.rationale, i.rationale_phrases) for i in find_incidents(s)}
        assert stored and all(p for _, p in stored.values())
    with workspace.session(actor="test") as s:  # as migration 0004 leaves them
        s.query(IncidentRow).update({IncidentRow.rationale_phrases: None})
    with workspace.session() as s:
        assert all(i.rationale_phrases is None for i in find_incidents(s))
        n_events = len(list_events(s))
    again = json.loads(run(runner, "corroborate", "-w", w, "--json").stdout)
    assert again["unchanged"] == first["incidents"] and again["updated"] == 0
    with workspace.session() as s:
        assert {i.id: (i.rationale, i.rationale_phrases) for i in find_incidents(s)} == stored
        assert len(list_events(s)) == n_events


def test_an_override_needs_a_reason_is_audited_and_survives_a_rebuild(built, workspace):
    from tawthiq.store import list_events

    runner, w, _ = built
    inc = _incidents(runner, w)[0]
    bad = run(runner, "incident", str(inc["id"]), "--override", "discounted", "-w", w, ok=False)
    assert bad.exit_code == 1 and "--reason" in bad.output
    bogus = run(
        runner, "incident", str(inc["id"]), "--override", "certain", "--reason", "x", "-w", w, ok=False
    )
    assert bogus.exit_code == 1 and "not a grade" in bogus.output
    out = json.loads(
        run(
            runner,
            "incident",
            str(inc["id"]),
            "--override",
            "discounted",
            "--reason",
            "Same event as another incident",
            "-w",
            w,
            "--json",
        ).stdout
    )
    assert out["grade"] == "discounted" and out["computed_grade"] == inc["computed_grade"]
    assert out["rationale"].startswith("Analyst override to discounted: Same event as another incident")
    with workspace.session() as s:
        events = [e for e in list_events(s) if e.action == "incident.override"]
    assert events and "Same event as another incident" in (events[-1].detail or "")
    again = json.loads(run(runner, "corroborate", "-w", w, "--json").stdout)
    assert again["overrides_kept"] == 1
    shown = json.loads(run(runner, "incident", str(inc["id"]), "-w", w, "--json").stdout)
    assert shown["grade"] == "discounted"
    assert [i["id"] for i in _incidents(runner, w, "--grade", "discounted")] == [inc["id"]]


def test_an_override_is_kept_when_a_new_claim_joins_the_incident(built, workspace):
    from tawthiq.app.corroborate import list_incidents, rebuild_incidents
    from tawthiq.corroborate import build_incidents
    from tawthiq.store.incidents import load_sourced_claims

    runner, w, _ = built
    market = _holding(_incidents(runner, w), "wire_bustan_market.txt", "23 civilians")[0]
    run(runner, "incident", str(market["id"]), "--override", "confirmed", "--reason", "Visited", "-w", w)
    with workspace.session() as s:
        claims, reports = load_sourced_claims(s)
        # the NGO statement arrives later: build once without it, then with it
        without = [c for c in claims if c.report.file != "ngo_bustan_market.txt"]
        rebuild_incidents(s, build_incidents(without, reports))
    with workspace.session() as s:
        result = rebuild_incidents(s, build_incidents(claims, reports))
        after = {i.id: i for i in list_incidents(s)}
    assert result.updated >= 1
    assert after[market["id"]].grade_override == "confirmed"
    assert len(after[market["id"]].claim_ids) == len(market["claims"])


def test_incident_shows_claims_with_quotes_and_unknown_ids_fail_cleanly(built):
    runner, w, _ = built
    inc = _incidents(runner, w)[0]
    text = run(runner, "incident", str(inc["id"]), "-w", w).stdout
    assert inc["claims"][0]["quote"][:40] in text.replace("\n", " ") or inc["claims"][0]["quote"][:20] in text
    missing = run(runner, "incident", "99999", "-w", w, ok=False)
    assert missing.exit_code == 1 and "no incident with id 99999" in missing.output
    assert "Traceback" not in missing.output


@pytest.mark.parametrize(
    ("option", "value", "field"), [("--grade", "certain", "--grade"), ("--since", "13/12/16", "--since")]
)
def test_bad_filters_are_refused_with_the_option_named(built, option, value, field):
    runner, w, _ = built
    result = run(runner, "incidents", option, value, "-w", w, ok=False)
    assert result.exit_code == 1 and field in result.output


@pytest.mark.parametrize("command", ["corroborate", "incidents", "incident"])
def test_every_command_has_help(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "--json" in result.output


def test_an_incident_without_a_toll_or_place_reads_unknown_not_none(built):
    # "killed: best None, low None, high None" and an empty "places:" were Python talking to a documenter
    runner, w, _ = built
    tolls = [i for i in _incidents(runner, w) if i["fatalities"]["best"] is None]
    assert tolls, "the fixtures must hold an incident no claim gives a toll for"
    text = run(runner, "incident", str(tolls[0]["id"]), "-w", w).stdout
    assert "killed: unknown" in text
    assert "None" not in text


def test_an_override_reason_in_brackets_is_shown_as_written(built):
    runner, w, _ = built
    inc = _incidents(runner, w)[0]
    reason = "[bold]see incident 2[/bold]"
    text = run(runner, "incident", str(inc["id"]), "--override", "weak", "--reason", reason, "-w", w).stdout
    assert reason in text.replace("\n", "")

"""ACLED actor1 / GED side_a name the perpetrator the incident's claims name (issue 17).

Run end to end on the demo corpus's wire story ("… killed by government forces …", a perpetrator
the extractor finds) and a shelling report that names none: ingest, extract, approve, corroborate,
export, read the CSV back.
"""

from __future__ import annotations

import pandas as pd

from tawthiq.demo import CORPUS
from tawthiq.policy import incident_perpetrators


def _pipeline(ws, cli, *files: str) -> None:
    cli(ws, "ingest", *(str(CORPUS / f) for f in files), "--published-from-header")
    cli(ws, "extract")
    cli(ws, "claims", "approve", "--all", "--reason", "test batch")
    cli(ws, "corroborate")


def test_acled_actor1_and_ged_side_a_carry_the_extracted_perpetrator(workspace, cli, cli_json, tmp_path):
    _pipeline(workspace, cli, "01-wire-un-82-civilians.txt", "06-jub-al-qubba-shelling.txt")
    claims = cli_json(workspace, "claims", "list", "--status", "accepted")["items"]
    named = {p for c in claims for p in c["perpetrators"]}
    assert named, "the wire story's perpetrator was not extracted: the test needs one"
    cli(workspace, "export", "acled", "--out", str(tmp_path / "a"))
    cli(workspace, "export", "ged", "--out", str(tmp_path / "g"))
    acled = pd.read_csv(tmp_path / "a" / "acled.csv", dtype=str, keep_default_na=False)
    ged = pd.read_csv(tmp_path / "g" / "ged.csv", dtype=str, keep_default_na=False)

    with_actor = acled[acled.actor1 != ""]
    assert len(with_actor) >= 1 and set(with_actor.actor1) <= named
    # the shelling report names nobody: its row's actor is left empty, never guessed
    shelling = acled[acled.tawthiq_event_type == "attack.shelling"]
    assert len(shelling) >= 1 and set(shelling.actor1) == {""}
    # a civilian-targeting event names the civilians as the second actor, in ACLED's form
    vac = acled[acled.civilian_targeting == "Civilian targeting"]
    assert set(vac.actor2) <= {"Civilians (Syria)"} and (vac.actor1 != "").all()

    assert set(ged[ged.side_a != ""].side_a) == set(with_actor.actor1)
    one_sided = ged[ged.type_of_violence == "3"]
    assert len(one_sided) >= 1 and set(one_sided.side_b) == {"Civilians"}
    # state-based (territory taken): the other side is not known, so not filled
    assert set(ged[ged.type_of_violence != "3"].side_b) <= {""}


def test_perpetrators_most_often_named_first_and_case_variants_count_once():
    named = [("government forces",), ("rebel groups", "Government  forces"), ("rebel groups",), ()]
    assert incident_perpetrators(named) == ["government forces", "rebel groups"]  # 2 each: first named first
    assert incident_perpetrators([("a",), ("b",), ("b",)]) == ["b", "a"]
    assert incident_perpetrators([]) == []


def test_a_policy_without_perpetrators_leaves_actor1_empty(workspace, cli, tmp_path):
    _pipeline(workspace, cli, "01-wire-un-82-civilians.txt")
    policy = workspace.path / "policy.yaml"
    from tawthiq.policy import DEFAULT_POLICY_YAML

    text = DEFAULT_POLICY_YAML.format(secret="ab" * 16)
    assert "\n             perpetrators]" in text
    policy.write_text(text.replace(",\n             perpetrators]", "]"), encoding="utf-8")
    cli(workspace, "export", "acled", "--out", str(tmp_path / "a"))
    acled = pd.read_csv(tmp_path / "a" / "acled.csv", dtype=str, keep_default_na=False)
    assert len(acled) >= 1 and set(acled.actor1) == {""}

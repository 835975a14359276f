"""The grade's rationale and the toll's counting rule in the interface's language (issue 18):
corroborate stores them in English (the CLI and the exports print that); the Arabic pages write
the same facts in Arabic, the names in them as written."""

from __future__ import annotations

import re

import pytest

from tawthiq.corroborate import FATALITIES_RULES, PERPETRATOR_SIDES, RATIONALE_PHRASES, read_per_origin

from .conftest import PASSWORD, add_user, login

ARABIC = re.compile(r"[\u0600-\u06ff]")


def _fixed_words(template: str) -> list[str]:
    """The English words of a phrase, without its values: what must not show in Arabic."""
    return [w.strip(" .:;,") for w in re.split(r"%\(\w+\)s", template) if len(w.strip(" .:;,")) > 3]


ENGLISH = sorted(
    {w for t in (*RATIONALE_PHRASES.values(), *FATALITIES_RULES.values()) for w in _fixed_words(t)}
)


def _dd(html: str, term: str) -> str:
    m = re.search(rf"<dt>{term}</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.S)
    assert m, f"no {term} on the page"
    return m.group(1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo workspace up to corroboration: the incidents the grader really writes."""
    from tawthiq.app.corroborate import list_incidents
    from tawthiq.cli._demo import DEMO_STEPS
    from tawthiq.demo import run_demo
    from tawthiq.store import open_workspace

    path = tmp_path_factory.mktemp("demo") / "ws"
    names = [s.name for s in DEMO_STEPS]
    run_demo(path, steps=DEMO_STEPS[: names.index("corroborate") + 1])
    ws = open_workspace(path)
    with ws.session() as s:
        incidents = list_incidents(s)
    assert incidents, "the demo made no incident"
    return ws, incidents


def test_the_arabic_incident_pages_of_the_demo_show_no_english_rationale_or_counting_rule(demo):
    from fastapi.testclient import TestClient

    from tawthiq.web import WebSettings, create_app

    ws, incidents = demo
    add_user(ws, "reader", "viewer")
    client = TestClient(create_app(ws, WebSettings()))
    login(client, "reader", PASSWORD)
    for inc in incidents:
        assert inc.rationale_phrases, inc.id  # the grader stored them: the page parses nothing
        html = client.get(f"/incidents/{inc.id}?lang=ar").text
        why, killed = _dd(html, "المبررات"), _dd(html, "القتلى")
        assert ARABIC.search(why) and ARABIC.search(killed), inc.id
        left = [w for w in ENGLISH if w in why or w in killed]
        assert left == [], f"incident {inc.id}: {left} in {why!r} / {killed!r}"
        assert "as-recorded" not in why + killed  # every phrase was one the interface knows
        for origin in inc.origins:  # names are data: shown as written, isolated; an unnamed
            per = read_per_origin(origin)  # speaker's origin says whose it is in Arabic
            shown = f"{per[0]} (نقلاً عن {per[1]})" if per else origin
            assert f"<bdi>{shown}</bdi>" in why or origin not in inc.rationale
        # the English page shows the stored text itself, which the CLI and exports print
        english = client.get(f"/incidents/{inc.id}?lang=en").text
        assert inc.rationale.replace("'", "&#39;") in english


def test_an_unknown_rationale_is_shown_as_recorded_and_marked_english(make_client, built):
    from tawthiq.store.tables import IncidentRow

    with built.ws.session(actor="test") as s:  # written by hand, or by an older build
        row = s.get(IncidentRow, built.incident_ids["shelling-fardous"])
        row.rationale, row.fatalities_rule = (
            "two independent origins agree (am, local contact)",
            "max of at-least claims",
        )
    client = make_client("viewer")
    html = client.get(f"/incidents/{built.incident_ids['shelling-fardous']}?lang=ar").text
    why = _dd(html, "المبررات")
    assert "(كما سُجّل، بالإنجليزية)" in why and '<bdi lang="en" dir="ltr">two independent origins agree' in why
    killed = _dd(html, "القتلى")
    assert '<bdi lang="en" dir="ltr">max of at-least claims</bdi>' in killed


def test_the_public_incident_page_writes_the_rationale_in_arabic(make_client, built):
    from tawthiq.corroborate import say
    from tawthiq.store.tables import IncidentRow

    rationale = say("independent_origins", n=2, origins=["am", "individual"]) + " " + say("outlet", n=1)
    with built.ws.session(actor="test") as s:
        s.get(IncidentRow, built.incident_ids["shelling-fardous"]).rationale = rationale
    client = make_client()
    html = client.get(f"/public/incidents/{built.incident_ids['shelling-fardous']}?lang=ar").text
    assert "مصدران أصليان مستقلان: <bdi>am</bdi> و<bdi>فرد</bdi>. نشرته وسيلة نشر واحدة." in html
    assert (
        client.get(f"/public/incidents/{built.incident_ids['shelling-fardous']}.json").json()["rationale"]
        == rationale
    )


def test_every_phrase_side_and_counting_rule_has_an_arabic_wording():
    from tawthiq.web._i18n import translations
    from tawthiq.web._labels import SIDE_LABELS, TOLL_RULE_LABELS, _phrases

    ar = translations("ar")
    for n in (1, 2, 3, 11, 100):
        english = _phrases(lambda m: m, lambda s, p, k: s if k == 1 else p, n)
        arabic = _phrases(ar.gettext, ar.ngettext, n)
        assert set(english) == set(RATIONALE_PHRASES)
        assert {k for k in english if arabic[k] == english[k] or not ARABIC.search(arabic[k])} == set()
        for k, text in arabic.items():  # a translation keeps every value the phrase carries
            assert set(re.findall(r"%\((\w+)\)s", text)) | {"n"} >= set(
                re.findall(r"%\((\w+)\)s", english[k])
            )
    assert set(SIDE_LABELS) == set(PERPETRATOR_SIDES)
    assert set(TOLL_RULE_LABELS) == set(FATALITIES_RULES)
    assert {v for v in (*SIDE_LABELS.values(), *TOLL_RULE_LABELS.values()) if ar.gettext(v) == v} == set()


def test_figures_sides_and_counts_are_written_the_arabic_way(make_client, built):
    from tawthiq.corroborate import say
    from tawthiq.store.tables import IncidentRow

    rationale = " ".join(
        [
            say("toll_disagrees", a="SOHR", a_figure="at least 1200", b="SANA", b_figure="10-12"),
            say(
                "perpetrators_disagree",
                a="SOHR",
                a_sides=["pro-government forces"],
                b="SANA",
                b_sides=["armed opposition"],
            ),
            say("outlets", n=3),
        ]
    )
    with built.ws.session(actor="test") as s:
        s.get(IncidentRow, built.incident_ids["shelling-fardous"]).rationale = rationale
    html = make_client("viewer").get(f"/incidents/{built.incident_ids['shelling-fardous']}?lang=ar").text
    why = _dd(html, "المبررات")
    assert "يذكر <bdi>SOHR</bdi> ما لا يقل عن 1,200" in why and "10–12" in why
    assert "يتّهم <bdi>SOHR</bdi> القوات الموالية للحكومة" in why and "المعارضة المسلحة" in why
    assert "نشرته 3 وسائل نشر." in why


SPLIT_NAME = "Local Coordination Committees; Aleppo office"


def _store_phrases(built, rationale: str, *phrases) -> int:
    """An incident whose grade the grader explained with ``phrases`` (and ``rationale`` as text)."""
    from tawthiq.store.tables import IncidentRow

    iid = built.incident_ids["shelling-fardous"]
    with built.ws.session(actor="test") as s:
        row = s.get(IncidentRow, iid)
        row.rationale = rationale
        row.rationale_phrases = [p.phrases[0].model_dump(mode="json") for p in phrases]
    return iid


def test_a_party_name_holding_a_semicolon_stays_one_name_on_the_arabic_pages(make_client, built):
    from tawthiq.corroborate import say

    phrases = (say("independent_origins", n=2, origins=[SPLIT_NAME, "SOHR"]), say("outlet", n=1))
    iid = _store_phrases(built, " ".join(phrases), *phrases)
    one_name = f"<bdi>{SPLIT_NAME}</bdi> و<bdi>SOHR</bdi>"
    why = _dd(make_client("viewer").get(f"/incidents/{iid}?lang=ar").text, "المبررات")
    assert f"مصدران أصليان مستقلان: {one_name}." in why
    public = make_client()
    assert f"مصدران أصليان مستقلان: {one_name}." in public.get(f"/public/incidents/{iid}?lang=ar").text
    # the public JSON keeps its fields: the English text, no phrases of its own
    item = public.get(f"/public/incidents/{iid}.json").json()
    assert item["rationale"] == " ".join(phrases) and "rationale_phrases" not in item


def test_the_arabic_rationale_does_not_depend_on_the_english_wording(make_client, built):
    from tawthiq.corroborate import say

    phrases = (say("single_origin", origin="SOHR"), say("outlets", n=3))
    # the English text as another build (or a reworded template) wrote it
    iid = _store_phrases(built, "Only one source: SOHR. Three outlets carried it.", *phrases)
    why = _dd(make_client("viewer").get(f"/incidents/{iid}?lang=ar").text, "المبررات")
    assert "as-recorded" not in why and "source" not in why
    assert "<bdi>SOHR</bdi>" in why and "نشرته 3 وسائل نشر." in why


def test_an_incident_stored_before_its_phrases_has_them_read_back_from_the_text(make_client, built):
    from tawthiq.corroborate import say
    from tawthiq.store.tables import IncidentRow

    iid = built.incident_ids["shelling-fardous"]
    with built.ws.session(actor="test") as s:
        row = s.get(IncidentRow, iid)
        row.rationale, row.rationale_phrases = (
            f"{say('single_origin', origin='SOHR')} {say('outlets', n=3)}",
            None,
        )
    why = _dd(make_client("viewer").get(f"/incidents/{iid}?lang=ar").text, "المبررات")
    assert "as-recorded" not in why and "<bdi>SOHR</bdi>" in why and "نشرته 3 وسائل نشر." in why

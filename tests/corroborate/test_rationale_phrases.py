"""A grade's rationale is made of fixed phrases filled with data. The grader keeps the phrases as
data (``Incident.rationale_phrases``), from which the English text is written and the web writes
the same facts in Arabic; ``read_rationale`` reads them back from the text only for an incident
stored before they were (issue 18)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_corroborate_core import sc

from tawthiq.corroborate import (
    RATIONALE_PHRASES,
    Rule,
    build_incidents,
    grade_incident,
    rationale_text,
    read_rationale,
    say,
)
from tawthiq.entities import Count, Incident


def _rebuilt(text: str) -> str:
    return " ".join(say(k, **v) if k else str(v["text"]) for k, v in read_rationale(text))


def test_every_rationale_the_grader_writes_reads_back_into_known_phrases():
    cases = [
        [sc("r1", att="SOHR"), sc("r2", att="the UN human rights office")],  # two origins
        [sc("r1", att="SOHR", certainty="confirmed"), sc("r2", att="AFP")],
        [sc("r1", att="the UN human rights office", certainty="confirmed")],  # authority
        [
            sc("r1", att="SOHR", fat=Count(low=10, high=10)),
            sc("r2", att="the UN human rights office", fat=Count(low=19, high=19)),
        ],
        [
            sc("r1", att="SOHR", perps=["Syrian government forces"]),
            sc("r2", att="state television", perps=["rebels"]),
        ],
        [sc("r1", att="SOHR"), sc("r2", att="the Syrian government", certainty="denied")],
        [sc("r1", att="SOHR"), sc("r2", att="OHCHR", certainty="unconfirmed")],  # one, and unconfirmed
        [sc("r1", att="SOHR", certainty="unconfirmed")],
    ]
    seen = set()
    for claims in cases:
        for inc in build_incidents(claims):
            phrases = read_rationale(inc.rationale)
            assert all(key for key, _ in phrases), inc.rationale
            assert _rebuilt(inc.rationale) == inc.rationale
            # the phrases the grader stores are those the text reads back into, and write it
            assert [(p.key, p.values) for p in inc.rationale_phrases] == list(phrases)
            assert rationale_text(inc.rationale_phrases) == inc.rationale
            seen |= {key for key, _ in phrases}
    assert {"independent_origins", "authority_confirms", "toll_disagrees", "perpetrators_disagree"} <= seen
    assert {"denied", "single_origin", "also_unconfirmed", "only_unconfirmed", "outlet", "outlets"} & seen


def test_confirmed_by_independent_origins_is_not_read_as_a_list_of_names_ending_in_a_sentence():
    text = say("independent_confirmed", n=2, origins=["SOHR", "AFP"]) + " " + say("outlets", n=3)
    assert read_rationale(text) == (
        ("independent_confirmed", {"n": 2, "origins": ("SOHR", "AFP")}),
        ("outlets", {"n": 3}),
    )


def test_a_name_with_full_stops_stays_one_name():
    text = say("single_origin", origin="U.S. Embassy in Damascus. Press office") + " " + say("outlet", n=1)
    assert read_rationale(text)[0] == ("single_origin", {"origin": "U.S. Embassy in Damascus. Press office"})


def test_a_figure_and_sides_come_back_as_written():
    text = say("toll_disagrees", a="SOHR", a_figure="at least 79", b="SANA", b_figure="10-12")
    assert read_rationale(text) == (
        ("toll_disagrees", {"a": "SOHR", "a_figure": "at least 79", "b": "SANA", "b_figure": "10-12"}),
    )
    text = say(
        "perpetrators_disagree",
        a="SOHR",
        a_sides=["pro-government forces"],
        b="SANA",
        b_sides=["armed opposition", "Islamic State"],
    )
    assert read_rationale(text)[0][1]["b_sides"] == ("armed opposition", "Islamic State")


def test_a_custom_rules_sentence_is_kept_as_written_beside_the_known_phrases():
    inc = build_incidents([sc("r1")], rules=(Rule("weak", "custom", lambda ev: "Custom reason."),))[0]
    assert read_rationale(inc.rationale) == (("", {"text": "Custom reason."}), ("outlet", {"n": 1}))
    assert [(p.key, p.values) for p in inc.rationale_phrases] == [
        ("", {"text": "Custom reason."}),
        ("outlet", {"n": 1}),
    ]
    assert inc.rationale == "Custom reason. Reported by 1 outlet."
    assert read_rationale("two independent origins agree (am, local contact)") == (
        ("", {"text": "two independent origins agree (am, local contact)"}),
    )
    assert read_rationale("") == ()


_name = (
    st.text(st.characters(codec="utf-8", exclude_characters=";\n\r"), min_size=1, max_size=30)
    .map(str.strip)
    .filter(lambda s: s and not s.endswith("."))
)


@settings(max_examples=200, deadline=None)
@given(
    key=st.sampled_from(sorted(RATIONALE_PHRASES)),
    names=st.lists(_name, min_size=1, max_size=3),
    n=st.integers(1, 999),
)
def test_any_phrase_with_any_names_round_trips(key, names, n):
    params = {
        "n": n,
        "deniers": names,
        "asserters": names[::-1],
        "origins": names,
        "origin": names[0],
        "a": names[0],
        "b": names[-1],
        "a_figure": f"at least {n}",
        "b_figure": str(n),
        "a_sides": names,
        "b_sides": names,
    }
    template_keys = {k for k in params if f"%({k})s" in RATIONALE_PHRASES[key]}
    used = {k: params[k] for k in template_keys}
    text = say(key, **used) + " " + say("outlets", n=n)
    read = read_rationale(text)
    assert read[0][0] == key and read[-1] == ("outlets", {"n": n})
    assert _rebuilt(text) == text


def _origin(name: str, certainty: str = "reported"):
    return sc(f"r-{name}", att=None, certainty=certainty).model_copy(
        update={"origin": name, "source_label": name}
    )


def test_a_party_name_holding_a_semicolon_is_stored_as_one_name_though_the_text_reads_as_two():
    named = "Local Coordination Committees; Aleppo office"
    inc = grade_incident(Incident(), [_origin(named), _origin("SOHR")])
    (origins, outlets) = inc.rationale_phrases
    assert (origins.key, origins.values["origins"]) == ("independent_origins", (named, "SOHR"))
    assert (outlets.key, outlets.values) == ("outlets", {"n": 2})
    # the English is unchanged: the same text the grader wrote before the phrases were kept
    assert inc.rationale == f"2 independent origins: {named}; SOHR. Reported by 2 outlets."
    # which is why parsing it back (all an incident stored before them has) splits the name
    assert read_rationale(inc.rationale)[0][1]["origins"] == (
        "Local Coordination Committees",
        "Aleppo office",
        "SOHR",
    )


def test_rules_joined_with_and_keep_the_phrases_of_both():
    rule = Rule("weak", "both", lambda ev: say("no_firm_origin")) & Rule(
        "weak", "custom", lambda ev: "Custom reason."
    )
    inc = grade_incident(Incident(), [_origin("SOHR")], rules=(rule,))
    assert [p.key for p in inc.rationale_phrases] == ["no_firm_origin", "", "outlet"]
    assert inc.rationale == "No origin states it without doubt. Custom reason. Reported by 1 outlet."

"""Coverage of the English event words: every family of DESIGN.md's taxonomy, in every inflection.

The sentences are generated from templates of our own ("X killed N civilians in PLACE on DAY") crossed
with each type's family of nouns, agents and verbs (docs/extraction.md, "Coverage round"); none is
from a report. A word missing from a family types the claim `other`, which the scorer pairs with
nothing (it pairs by event family), so one missing word costs a missed claim and a false one at once.
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims
from tawthiq.extract._events import find_events

DAY = date(2020, 5, 10)
PLACES = ("Saraqib", "Mosul", "Kharkiv", "Khan Younis")

# what did it (a noun phrase that can be the subject of "killed" and the object of "killed in")
NOUNS = {
    "attack.air_strike": (
        "an air strike",
        "an airstrike",
        "an air-strike",
        "an air raid",
        "an air attack",
        "a drone strike",
        "a drone attack",
        "a helicopter attack",
        "an aerial bombardment",
        "an aerial attack",
        "a bombing raid",
        "a barrel bomb",
        "a guided bomb",
        "aerial ordnance",
        "a helicopter gunship",
        "an unmanned aerial vehicle",
    ),
    "attack.shelling": (
        "shelling",
        "shellfire",
        "artillery fire",
        "an artillery barrage",
        "an artillery shell",
        "a howitzer shell",
        "a mortar round",
        "mortar fire",
        "a rocket",
        "rocket fire",
        "a rocket attack",
        "a Grad rocket",
        "a missile",
        "a cruise missile",
        "tank fire",
        "a barrage of shells",
    ),
    "attack.ground": (
        "a car bomb",
        "a truck bomb",
        "a suicide bombing",
        "a suicide bomber",
        "sniper fire",
        "an ambush",
        "gunfire",
        "a grenade attack",
        "an armed attack",
        "a ground assault",
    ),
    "attack.chemical": (
        "a chemical attack",
        "a chlorine attack",
        "a sarin attack",
        "a gas attack",
        "a poison gas attack",
        "a toxic gas attack",
        "a nerve agent attack",
        "a mustard gas attack",
        "a chemical weapons attack",
    ),
}
NOUN_TEMPLATES = (
    "{N} killed 12 civilians in {P} on Monday.",
    "Twelve civilians were killed in {n} in {P} on Monday.",
    "At least 12 people died when {n} hit a market in {P} on Monday.",
)

# who did it, and what they did (every inflection the press uses in the past tense)
AGENTS = {
    "attack.air_strike": (
        ("Warplanes", "Jets", "Fighter jets", "Helicopters", "Drones", "Military aircraft", "Russian jets"),
        ("bombed", "struck", "hit", "pounded", "targeted", "strafed", "raided"),
    ),
    "attack.shelling": (
        ("Artillery", "Government forces", "Troops", "Rebels", "Tanks"),
        ("shelled", "pounded", "bombarded", "fired rockets at", "fired mortars at"),
    ),
    "attack.ground": (
        ("Gunmen", "Militants", "Soldiers", "Troops", "Armed men", "Militiamen", "Police"),
        ("opened fire on", "stormed", "ambushed", "attacked", "raided", "shot at"),
    ),
}
AGENT_TEMPLATE = "{S} {V} a market in {P} on Monday, killing 12 civilians."

# killing people held or at the mercy of their killers: the verb is the manner and the toll
EXECUTION_VERBS = (
    "executed",
    "summarily executed",
    "beheaded",
    "decapitated",
    "hanged",
    "shot dead",
    "gunned down",
    "slaughtered",
    "massacred",
    "tortured to death",
)
EXECUTION_TEMPLATES = (
    "Militants {V} 12 civilians in {P} on Monday.",
    "Twelve civilians were {V} in {P} on Monday.",
)


def _cases():
    i = 0
    for etype, nouns in NOUNS.items():
        for n in nouns:
            for t in NOUN_TEMPLATES:
                i += 1
                yield etype, t.format(N=n[0].upper() + n[1:], n=n, P=PLACES[i % len(PLACES)])
    for etype, (subjects, verbs) in AGENTS.items():
        for s in subjects:
            for v in verbs:
                i += 1
                yield etype, AGENT_TEMPLATE.format(S=s, V=v, P=PLACES[i % len(PLACES)])
    for v in EXECUTION_VERBS:
        for t in EXECUTION_TEMPLATES:
            i += 1
            yield "killing.execution", t.format(V=v, P=PLACES[i % len(PLACES)])


CASES = list(_cases())


@pytest.mark.parametrize(("etype", "sentence"), CASES)
def test_every_word_of_an_event_family_types_the_toll_claim(etype, sentence):
    claims = extract_claims(sentence, DAY)
    assert [c.event_type for c in claims] == [etype]
    assert claims[0].fatalities is not None and claims[0].fatalities.low == 12


# the other families: a claim with no toll, typed by its own words in any inflection
STATUS_AND_OTHER = [
    ("detention.arbitrary", "Police arrested 40 protesters in Kharkiv on Monday."),
    ("detention.arbitrary", "Forty men were imprisoned without trial in Mosul on Monday."),
    ("detention.arbitrary", "Security forces jailed 40 students in Mosul on Monday."),
    ("detention.arbitrary", "Soldiers detained 40 men at a checkpoint in Saraqib on Monday."),
    ("disappearance.enforced", "Forty men vanished after soldiers took them from Saraqib on Monday."),
    ("disappearance.enforced", "Gunmen abducted 40 villagers near Mosul on Monday."),
    ("disappearance.enforced", "Militiamen kidnapped 40 farmers near Mosul on Monday."),
    ("disappearance.enforced", "Forty men were taken to an unknown location from Saraqib on Monday."),
    ("displacement.forced", "Thousands of families were forcibly displaced from Saraqib on Monday."),
    ("displacement.forced", "Troops expelled thousands of villagers from Khan Younis on Monday."),
    ("displacement.forced", "Thousands of residents are fleeing their homes in Kharkiv."),
    ("displacement.forced", "Monitors documented the displacement of 10,000 families from Saraqib."),
    ("territory.change", "Government forces overran the town of Saraqib on Monday."),
    ("territory.change", "Rebels seized control of Saraqib on Monday."),
    ("territory.change", "The offensive ended with the army's full control over Saraqib on Monday."),
    ("territory.change", "Troops pushed the militants out of Mosul on Monday."),
    ("armed.clash", "Skirmishes between rebels and troops continued in Saraqib on Monday."),
    ("armed.clash", "A gun battle between police and militants shook Mosul on Monday."),
    ("armed.clash", "Rebels and soldiers exchanged fire in Saraqib on Monday."),
    ("armed.clash", "Fighting broke out between the two militias in Mosul on Monday."),
    ("siege.blockade", "Troops encircled Saraqib on Monday, cutting it off from the north."),
    ("humanitarian.access_denied", "Soldiers barred aid convoys from entering Saraqib on Monday."),
    ("humanitarian.access_denied", "Aid trucks were turned back at the edge of Khan Younis on Monday."),
    ("attack.medical", "Jets pounded the maternity hospital in Saraqib on Monday."),
    ("attack.medical", "Gunmen stormed a dispensary in Mosul on Monday."),
    ("attack.medical", "Warplanes were striking a field clinic in Saraqib on Monday."),
]


@pytest.mark.parametrize(("etype", "sentence"), STATUS_AND_OTHER)
def test_every_family_of_the_taxonomy_is_read_in_its_inflections(etype, sentence):
    claims = extract_claims(sentence, DAY)
    assert claims and claims[0].event_type == etype


@pytest.mark.parametrize(
    "sentence",
    [
        "Inspectors said the murderers had not been found.",  # murderers: no murder told
        "Trucks carried 500 pounds of flour to the camp.",  # pounds of flour: no pounding
        "Gradually the camp emptied as winter came.",  # Gradually: no Grad rocket
        "Lawyers visited the detainees in the central prison.",  # detainees named: no detention told
        "He died of cardiac arrest in the camp.",  # cardiac arrest: no arrest
    ],
)
def test_a_word_that_starts_like_an_event_word_is_no_event(sentence):
    assert find_events(sentence) == []


def test_a_suicide_bomber_is_a_ground_attack_not_an_air_strike():
    (claim,) = extract_claims("A suicide bomber killed 12 civilians at a market in Mosul on Monday.", DAY)
    assert claim.event_type == "attack.ground"


def test_barrels_dropped_from_helicopters_are_an_air_strike_whatever_the_verb_before():
    s = "Government forces bombarded Saraqib on Monday by dropping barrels of explosives from helicopters."
    assert find_events(s)[0].event_type == "attack.air_strike"


def test_gunmen_who_massacred_are_a_killing_not_a_ground_attack():
    (claim,) = extract_claims("Gunmen massacred 12 villagers in Saraqib on Monday.", DAY)
    assert claim.event_type == "killing.execution"


def test_keyword_filter_never_hides_a_coverage_trigger(monkeypatch):
    """The keyword prefilter of _events is only a speed-up: with it off, every generated sentence has
    the same events (a new word added to a family without its keyword would be silently skipped)."""
    from tawthiq.extract import _events

    sentences = [s for _, s in CASES] + [s for _, s in STATUS_AND_OTHER]
    with_filter = [_events.find_events(s) for s in sentences]
    # the prefilter off: every pattern runs on every sentence
    every = set(range(len(_events._COMPILED)))
    monkeypatch.setattr(_events._TRIGGER_SET, "candidates", lambda text: every)
    assert [_events.find_events(s) for s in sentences] == with_filter
    assert sum(map(len, with_filter)) > len(sentences)


# a toll that names no manner of its own (issue 15 item 3): the scorer pairs by event family, so an
# `other` claim is a missed claim and a false one at once; it takes the manner the report leads with
def _toll_claim(text):
    claims = [c for c in extract_claims(text, DAY) if c.fatalities and c.fatalities.low == 40]
    assert len(claims) == 1
    return claims[0]


def test_a_toll_with_no_manner_takes_the_manner_the_report_leads_with():
    text = (
        "Jets pound market town\n\n"
        "Warplanes struck the market of Saraqib on Monday, residents said.\n"
        "Shops and a bakery were left in ruins.\n"
        "Forty people have died in the town since the market was hit, a doctor said."
    )
    assert _toll_claim(text).event_type == "attack.air_strike"


def test_a_toll_told_before_any_manner_stays_other():
    text = (
        "Forty people have died in Saraqib this week, a doctor said.\n"
        "Residents said the bakery was hit by shells a day later."
    )
    assert _toll_claim(text).event_type == "other"


def test_a_toll_in_a_report_that_leads_with_no_attack_stays_other():
    text = (
        "Families return to Saraqib\n\n"
        "Hundreds of families went back to Saraqib on Monday after the ceasefire.\n"
        "Forty people have died in the town this month, a doctor said."
    )
    assert _toll_claim(text).event_type == "other"


def test_a_war_long_toll_keeps_no_manner_whatever_the_lede():
    text = (
        "Jets pound market town\n\n"
        "Warplanes struck the market of Saraqib on Monday, residents said.\n"
        "The war in Syria has killed 40 people a day since 2011, monitors say."
    )
    assert _toll_claim(text).event_type == "other"


def test_an_explosion_takes_the_manner_the_report_leads_with():
    text = (
        "Jets pound market town\n\n"
        "Warplanes struck the market of Saraqib on Monday, residents said.\n"
        "A huge explosion tore through the street, killing 40 people, a doctor said."
    )
    assert _toll_claim(text).event_type == "attack.air_strike"


def test_a_landmine_keeps_its_own_type_whatever_the_lede():
    text = (
        "Jets pound market town\n\n"
        "Warplanes struck the market of Saraqib on Monday, residents said.\n"
        "A landmine killed 40 people on the road out of the town, a doctor said."
    )
    assert _toll_claim(text).event_type == "other"

"""Places the gazetteer lacks, kept by name: camps, and the words that describe a place, not name it.

Generated from templates of our own: adjectives of nation or group × type words × place names the
gazetteer holds and names it lacks (made up here, checked absent), camps the gazetteer lacks.
Traps: "the Syrian town of Saraqib" gave a place called "Syrian" beside Saraqib (and "the Iraqi
village of X" only "Iraqi"); "the Maghazi camp", "the al-Shati refugee camp" gave no place, so the
claim took the report's; "an air strike on the Zanjili district of Mosul" lost Zanjili (only "in",
"at", "near" led to a name the gazetteer lacks).
"""

from __future__ import annotations

import pytest

from tawthiq.extract._places import sentence_places
from tawthiq.gazetteer import load_gazetteer

G = load_gazetteer()

ADJECTIVES = [
    *("Syrian", "Iraqi", "Yemeni", "Palestinian", "Sudanese", "Lebanese", "Libyan", "Ukrainian"),
    *("Russian", "Turkish", "Kurdish", "Israeli", "Somali", "Afghan", "Pakistani", "Ethiopian"),
]
TYPES = ["town", "village", "area", "district", "camp", "refugee camp"]
KNOWN = ["Saraqib", "Afrin", "Zabid"]
# names no table holds (made up for these tests; asserted absent below)
UNKNOWN = ["Jubb Harasah", "Umm Tuwaynat", "Dar Kubayshat"]


@pytest.mark.parametrize("name", UNKNOWN)
def test_the_made_up_names_are_unknown(name):
    assert G.lookup(name) == [] and G.match(f"in {name}") == []


@pytest.mark.parametrize("adjective", ADJECTIVES)
@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize("town", [*KNOWN, *UNKNOWN])
def test_an_adjective_before_a_type_word_is_no_place_and_the_name_after_of_is(adjective, kind, town):
    sentence = f"Shelling hit the {adjective} {kind} of {town} on Monday, killing three."
    names = [p.ref.name for p in sentence_places(sentence, G)]
    assert adjective not in names, (sentence, names)
    assert town in names, (sentence, names)
    ids = [p.ref.place_id for p in sentence_places(sentence, G) if p.ref.name == town]
    assert (ids[0] is not None) == (town in KNOWN)  # the gazetteer's place, or by name only


@pytest.mark.parametrize("adjective", ADJECTIVES)
@pytest.mark.parametrize("kind", ["refugee camp", "camp", "area"])
def test_an_adjective_before_a_type_word_without_a_name_gives_no_place(adjective, kind):
    sentence = f"A barrel bomb was dropped on the {adjective} {kind} in the town."
    assert [p.ref.name for p in sentence_places(sentence, G)] == []


@pytest.mark.parametrize("name", [*UNKNOWN, "al-Maghazi", "Nur Shams"])
@pytest.mark.parametrize(
    "template",
    [
        "An air strike hit the {name} camp at dawn.",
        "Two children were killed in the {name} refugee camp.",
        "Artillery shelled the {name} displacement camp overnight.",
        "Drones struck {name} camp, medics said.",
    ],
)
def test_a_camp_the_gazetteer_lacks_is_kept_by_name(name, template):
    sentence = template.format(name=name)
    places = sentence_places(sentence, G)
    assert [p.ref.name for p in places] == [name], (sentence, places)
    assert places[0].ref.lat is None  # no point is made up


@pytest.mark.parametrize("name", UNKNOWN)
@pytest.mark.parametrize("verb", ["on", "hit", "struck", "shelled", "bombed", "targeted"])
def test_a_district_of_a_town_after_a_verb_keeps_both(name, verb):
    sentence = f"An air strike {verb} the {name} district of Mosul last week."
    names = [p.ref.name for p in sentence_places(sentence, G)]
    assert name in names and "Mosul" in names, (sentence, names)

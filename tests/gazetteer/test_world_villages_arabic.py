"""Villages of the nine corpus countries by their Arabic names (GeoNames cities500's Arabic-script names).

Until 2026-12-07 only towns of 5,000 people or more had their Arabic names in the world layer: a
report on south Lebanon (بنت جبيل، كفرشوبا) or the West Bank found no village. Cases are generated
from the shipped tables, in sentences written for these tests.
Traps: a village's name after a locative alone in a report that names no place of its country is
no place (a word that is a village somewhere: the guard of towns under 100,000 people); after a
place word (بلدة، قرية) it is one.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest

from tawthiq.gazetteer import load_gazetteer
from tawthiq.gazetteer._world import CORPUS_COUNTRIES

G = load_gazetteer()


def _villages() -> list[tuple[str, str]]:
    """(Arabic key, written as the name: no spaces, no article; id): villages (under 5,000 people)
    of the nine countries whose Arabic key names this one place and no Syrian place."""
    data = resources.files("tawthiq.gazetteer") / "data"
    rows = [ln.split("\t") for ln in (data / "world_ar.tsv").read_text("utf-8").split("\n")[1:] if ln]
    by_key: dict[str, set[str]] = {}
    for key, pid in rows:
        by_key.setdefault(key, set()).add(pid)
    syrian = G.arabic_index()
    out = []
    for key, ids in sorted(by_key.items()):
        if len(ids) != 1 or key in syrian or not re.fullmatch(r"[\u0621-\u064a]{4,}", key):
            continue
        (pid,) = ids
        w = G.world
        if w.kind(pid) == "town" and w.country(pid) in CORPUS_COUNTRIES and w.population(pid) < 5000:
            out.append((key, pid))
    return out


VILLAGES = _villages()
SAMPLE = VILLAGES[:: max(1, len(VILLAGES) // 60)]


def test_there_are_villages_with_arabic_names():
    assert len(VILLAGES) >= 300
    assert {G.world.country(p) for _, p in VILLAGES} >= {"PS", "YE", "LB", "IQ"}


@pytest.mark.parametrize(("name", "place_id"), SAMPLE)
@pytest.mark.parametrize("word", ["بلدة", "قرية"])
def test_a_village_after_a_place_word_is_found(name, place_id, word):
    text = f"قصفت الطائرات {word} {name} صباح اليوم وأصيب ثلاثة مدنيين."
    hits = [m for m in G.match_arabic(text) if m.place.id == place_id]
    assert hits, (text, [(m.surface, m.place.id) for m in G.match_arabic(text)])
    assert G.get(place_id).lat is not None


@pytest.mark.parametrize(("name", "place_id"), SAMPLE)
def test_a_village_after_a_locative_alone_needs_its_country_in_the_report(name, place_id):
    text = f"سقطت قذيفة في {name} مساء أمس."
    assert not [m for m in G.match_arabic(text) if m.place.id == place_id]
    country = f"world:{G.world.country(place_id)}"
    assert [m for m in G.match_arabic(text, (country,)) if m.place.id == place_id]


@pytest.mark.parametrize("name", ["بنت جبيل", "كفر شوبا", "مرجعيون", "تبنين", "علما الشعب", "حاصبيا"])
def test_south_lebanons_villages_are_found_in_lebanon(name):
    text = f"استهدفت غارة جوية أطراف بلدة {name} جنوبي لبنان."
    hits = [m for m in G.match_arabic(text) if name in m.surface]
    assert hits and G.world.country(hits[0].place.id) == "LB", [
        (m.surface, m.place.id) for m in G.match_arabic(text)
    ]

"""A name the text spells exactly is that place, never a namesake it only resembles.

The cases are generated from the gazetteer itself: every town whose name, as the gazetteer spells
it, shares its consonant key with a place spelt otherwise (UCDP's "Masaran" and Aleppo's quarter
"Ma'saraniyeh", "Midaana" and "Midan"), put into sentences written for these tests: no report's text.
Trap: the look-alike ranked higher (a neighbourhood of Aleppo, a more populous town) and won, so a
village of Idlib or Rif Dimashq named exactly was placed in Aleppo city.
"""

from __future__ import annotations

import re

import pytest

from tawthiq.gazetteer import load_gazetteer
from tawthiq.gazetteer._world import world_key

G = load_gazetteer()
CITY = "C1007"


def _spells(name: str, pid: str) -> bool:
    p = G.get(pid)
    return any(world_key(n) == world_key(name) for n in (p.name_en, *p.variants))


def _look_alikes() -> list[tuple[str, str]]:
    """(name, a place id it spells): a town's name whose candidates include a place it does not spell."""
    out = []
    for p in G:
        if p.kind != "town" or not re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", p.name_en):
            continue
        cands = G._candidates(p.name_en)
        if p.id in cands and any(not _spells(p.name_en, c) for c in cands):
            out.append((p.name_en, p.id))
    return sorted(set(out))


LOOK_ALIKES = _look_alikes()
TEMPLATES = [
    "Two houses were destroyed in {name} overnight, residents said.",
    "Regime helicopters dropped barrel bombs on {name} on Tuesday.",
    "A strike near {name} killed four farmers.",
]


def test_the_gazetteer_has_look_alikes_to_test():
    assert len(LOOK_ALIKES) >= 50
    assert ("Masaran", "ucdp:masaran-town") in LOOK_ALIKES


@pytest.mark.parametrize(("i", "name", "place_id"), [(i, n, p) for i, (n, p) in enumerate(LOOK_ALIKES)])
def test_a_name_spelt_exactly_is_never_read_as_a_place_it_only_resembles(i, name, place_id):
    text = TEMPLATES[i % len(TEMPLATES)].format(name=name)  # each phrasing over a third of the names
    hit = [m for m in G.match(text) if m.surface == name]
    assert hit, f"{name!r} not found in {text!r}"
    assert _spells(name, hit[0].place.id), (text, hit[0].place.id, G.get(hit[0].place.id).name_en)


def test_in_a_report_on_aleppos_quarters_the_quarter_in_context_still_decides():
    """The one exception: only the look-alike lies among the report's places (Aleppo city)."""
    quarters = sorted(
        {n for n, _ in LOOK_ALIKES for q in G._candidates(n) if not _spells(n, q) and G.contains(CITY, q)}
    )
    assert quarters
    for name in quarters:
        hit = [m for m in G.match(f"Shelling hit {name} on Tuesday.", (CITY,)) if m.surface == name]
        assert hit and G.contains(CITY, hit[0].place.id), (name, hit[0].place.id if hit else None)

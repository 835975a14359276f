"""Namesakes: a name several Syrian places bear is read as the one the report's own places point to.

The cases are generated from the gazetteer itself (every spelling two towns of different
governorates share, every Aleppo neighbourhood a village shares a name with, every town whose name
holds an "al-"), put into sentences written for these tests: no report's text.
Traps: without the report's context, the first reading of a name (the title's, the lede's) took
the most populous namesake and fed it back as the report's context (a report on Idlib read
"Jbala" as Latakia's Jablah); "the village of X" was read as Aleppo's neighbourhood X; "Ma’arrat
al- Nu’man" (an article written with a space after its hyphen) was cut down to "Ma’arrat", a
village of Deir ez-Zor.
"""

from __future__ import annotations

import re

import pytest

from tawthiq.gazetteer import load_gazetteer
from tawthiq.gazetteer._index import _NEVER, fold
from tawthiq.gazetteer._world import world_key
from tawthiq.text.arabic import name_key

G = load_gazetteer()


def _governorate(place_id: str) -> str | None:
    for p in [G.get(place_id), *G.ancestors(place_id)]:
        if p.kind == "governorate":
            return p.id
    return None


def _shared_spellings() -> list[tuple[str, str]]:
    """(name, governorate id): a town's name spelt alike by towns of two or more governorates."""
    by_key: dict[str, list] = {}
    for p in G:
        if p.kind == "town" and p.lat is not None and re.fullmatch(r"[A-Za-z' -]+", p.name_en):
            by_key.setdefault(world_key(p.name_en), []).append(p)
    out = []
    for towns in by_key.values():
        govs = {_governorate(p.id) for p in towns} - {None}
        if len(govs) >= 2:
            out += [(p.name_en, _governorate(p.id)) for p in towns if _governorate(p.id)]
    return sorted(set(out))  # type: ignore[arg-type]


SHARED = _shared_spellings()
TEMPLATES = [
    "{gov} province: Shelling hit the village of {name} on Tuesday, residents said.",
    "Fighting went on across {gov} province. Two houses were destroyed in {name} overnight.",
    "In {gov} province, a strike on {name} wounded four farmers.",
]


def test_the_gazetteer_has_namesakes_to_test():
    assert len(SHARED) >= 40  # 29 names at the time of writing, each in two or three governorates


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize(("name", "gov_id"), SHARED)
def test_a_namesake_is_the_one_in_the_governorate_the_text_named_before(template, name, gov_id):
    gov = G.get(gov_id)
    text = template.format(gov=gov.name_en, name=name)
    matches = G.match(text)
    assert any(m.place.id == gov_id for m in matches), f"precondition: {gov.name_en!r} is read as {gov_id}"
    hit = [m for m in matches if m.surface == name]
    assert hit, f"{name!r} not found in {text!r}"
    assert G.contains(gov_id, hit[0].place.id), (text, hit[0].place.id, _governorate(hit[0].place.id))


@pytest.mark.parametrize(("name", "gov_id"), SHARED[::3])
def test_the_reports_context_still_decides_over_the_texts_own_places(name, gov_id):
    """A sentence read with the report's context (its title and lede) keeps that context's reading,
    whatever governorate the sentence itself named before (the context is the report's, given)."""
    others = [g for n, g in SHARED if world_key(n) == world_key(name) and g != gov_id]
    text = f"{G.get(others[0]).name_en} province was quiet. Later, a strike on {name} killed two."
    hit = [m for m in G.match(text, (gov_id,)) if m.surface == name]
    assert hit and G.contains(gov_id, hit[0].place.id)


def _neighbourhood_namesakes() -> list[str]:
    out = []
    for p in G:
        if (
            p.id.startswith("aleppo-nbhd:")
            and re.fullmatch(r"[A-Za-z' -]+", p.name_en)
            and any(q.kind == "town" and not q.id.startswith("world:") for q in G.lookup(p.name_en))
        ):
            out.append(p.name_en)
    return sorted(out)


NEIGHBOURHOOD_NAMESAKES = _neighbourhood_namesakes()


@pytest.mark.parametrize("name", NEIGHBOURHOOD_NAMESAKES)
@pytest.mark.parametrize("word", ["village", "town"])
def test_the_village_of_x_is_a_town_not_the_aleppo_neighbourhood(name, word):
    hit = [m for m in G.match(f"Barrel bombs fell on the {word} of {name} at dawn.") if m.surface == name]
    assert hit and hit[0].place.kind == "town", (name, hit and hit[0].place.id)


@pytest.mark.parametrize("name", NEIGHBOURHOOD_NAMESAKES)
def test_the_neighbourhood_of_x_in_aleppo_stays_the_neighbourhood(name):
    text = f"Barrel bombs fell on the neighbourhood of {name} in Aleppo at dawn."
    hit = [m for m in G.match(text) if m.surface == name]
    assert hit and hit[0].place.id.startswith("aleppo-nbhd:"), (name, hit and hit[0].place.id)


def test_there_are_neighbourhood_namesakes_to_test():
    assert len(NEIGHBOURHOOD_NAMESAKES) >= 15


def _article_names() -> list[tuple[str, str]]:
    """(name, id) of Syrian towns whose one-word-per-part name holds "al-", found by that name."""
    out = []
    for p in G:
        name = p.name_en
        if p.kind != "town" or not re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)* al-[A-Z][a-z]+", name):
            continue
        found = G.match(f"Shells landed in {name} on Sunday.")
        if found and found[0].surface == name and found[0].place.id == p.id:
            out.append((name, p.id))
    return sorted(out)


ARTICLE_NAMES = _article_names()


def test_there_are_names_with_an_article_to_test():
    assert len(ARTICLE_NAMES) >= 10


@pytest.mark.parametrize(("name", "place_id"), ARTICLE_NAMES)
def test_an_article_with_a_space_after_its_hyphen_still_joins_the_name(name, place_id):
    spaced = name.replace(" al-", " al- ")
    found = G.match(f"Shells landed in {spaced} on Sunday.")
    assert found and found[0].surface == spaced and found[0].place.id == place_id


def test_a_report_on_idlib_reads_jbala_as_idlibs_jibala_from_its_first_mention():
    """The lede's reading is the report's context: it must already use the governorate named above."""
    text = (
        "Idlib Province:\n\nHelicopters dropped barrel bombs on the town of Jbala on the outskirts of "
        "Jabal al- Zawiya, and on the village of Kafr Nabl."
    )
    jbala = next(m for m in G.match(text) if m.surface == "Jbala")
    assert G.contains("SY07", jbala.place.id)
    zawiya = next(m for m in G.match(text) if m.surface.startswith("Jabal"))
    assert zawiya.surface == "Jabal al- Zawiya"


# Arabic: the same rule (the earlier places of the text stand for the report's context)
def _arabic_namesakes() -> list[tuple[str, str]]:
    by_key: dict[str, list] = {}
    for p in G:
        arabic = p.name_ar and re.fullmatch(r"[\u0621-\u064a ]+", p.name_ar)
        if p.kind == "town" and p.lat is not None and arabic:
            by_key.setdefault(name_key(p.name_ar), []).append(p)
    out = []
    for towns in by_key.values():
        if len({_governorate(p.id) for p in towns} - {None}) >= 2:
            out += [(p.name_ar, _governorate(p.id)) for p in towns if _governorate(p.id)]
    return sorted(set(out))  # type: ignore[arg-type]


ARABIC_SHARED = _arabic_namesakes()
ARABIC_TEMPLATES = [
    "محافظة {gov}: سقطت قذائف على بلدة {name} فجر اليوم.",
    "تواصل القصف في ريف {gov}، وتضرر منزلان في قرية {name}.",
]


@pytest.mark.parametrize("template", ARABIC_TEMPLATES)
@pytest.mark.parametrize(("name", "gov_id"), ARABIC_SHARED)
def test_an_arabic_namesake_is_the_one_in_the_governorate_named_before(template, name, gov_id):
    gov = G.get(gov_id)
    text = template.format(gov=gov.name_ar, name=name)
    matches = G.match_arabic(text)
    assert any(m.place.id == gov_id for m in matches), f"precondition: {gov.name_ar} is read as {gov_id}"
    hit = [m for m in matches if name in m.surface]
    assert hit and G.contains(gov_id, hit[0].place.id), (text, hit and hit[0].place.id)


# World towns: a name towns of several countries bear is read in the country the text named before
def _world_namesakes() -> list[tuple[str, str, str]]:
    """(name, ISO code, country name): a town of one of the nine corpus countries whose exact name a
    more populous town of another country also bears (so the size rule alone picks the other)."""
    from importlib import resources

    from tawthiq.gazetteer._world import CORPUS_COUNTRIES

    data = resources.files("tawthiq.gazetteer") / "data"
    rows = [ln.split("\t") for ln in (data / "world.tsv").read_text("utf-8").split("\n")[1:] if ln]
    countries = {r[3]: r[2] for r in rows if r[1] == "country"}
    by_name: dict[str, list[list[str]]] = {}
    for r in rows:
        if r[1] == "town" and re.fullmatch(r"[A-Z][a-z]{4,}", r[2]):
            by_name.setdefault(r[2], []).append(r)
    out = []
    for name, towns in sorted(by_name.items()):
        top = max(towns, key=lambda r: int(r[6] or 0))
        for r in towns:
            # (a Syrian name would win anyway)
            # (nor a word that is never a place: "March")
            if (
                r[3] in CORPUS_COUNTRIES
                and r[3] != top[3]
                and not G._candidates(name)
                and fold(name) not in _NEVER
            ):
                out.append((name, r[3], countries[r[3]]))
    return out


WORLD_NAMESAKES = _world_namesakes()


def test_there_are_world_namesakes_to_test():
    assert len(WORLD_NAMESAKES) >= 30


@pytest.mark.parametrize(("name", "iso", "country"), sorted(set(WORLD_NAMESAKES)))
def test_a_world_namesake_is_the_one_in_the_country_the_text_named_before(name, iso, country):
    text = f"Fighting in {country} went on. A missile hit a school in {name} on Friday."
    hit = [m for m in G.match(text) if m.surface == name]
    assert hit and G.world.country(hit[0].place.id) == iso, (text, hit and hit[0].place.id)

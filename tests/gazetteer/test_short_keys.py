"""A place whose consonant key is one letter long is found when the text spells it as the gazetteer does.

The cases are generated from the gazetteer itself: every place whose name's key (vowels, articles,
doubled letters and a final h removed) is shorter than two letters ("Foah" -> "f", "Ar-Ra'ee" -> "r",
"Qah", "Tah", "Oj"; "Ayu" has none), put into sentences written for these tests: no report's
text. Trap: the lookup refused every key shorter than two letters, so these places could never
match, however spelt. A key that short is trusted only for the same spelling (as a two-letter key
already was): another vowel ("Fiah") or a short capitalised word ("He", "Oh") is no place.
"""

from __future__ import annotations

import re

import pytest

from tawthiq.gazetteer import load_gazetteer
from tawthiq.gazetteer._names import toponym_key
from tawthiq.gazetteer._world import world_key

G = load_gazetteer()
TEMPLATES = [
    "Shelling hit {name} on Monday, residents said.",
    "Two houses were destroyed in {name} overnight.",
    "An air strike on {name} killed four farmers.",
]


def _short() -> list[tuple[str, str]]:
    """(name as the gazetteer spells it, place id) for every place whose key is under two letters."""
    out = []
    for p in G:
        for n in (p.name_en, *p.variants):
            if (
                n
                and len(toponym_key(n)) < 2
                and re.fullmatch(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?", n)
                # (another class, left: a name run together with its article, "Alyan", is indexed
                # without it and looked up with it)
                and toponym_key(n) == toponym_key(n, strip_run_together=False)
            ):
                out.append((n, p.id))
    return sorted(set(out))


SHORT = _short()


def _spells(name: str, pid: str) -> bool:
    p = G.get(pid)
    return any(world_key(n) == world_key(name) for n in (p.name_en, *p.variants))


def test_the_gazetteer_has_short_keys_to_test():
    assert len(SHORT) >= 10
    assert ("Foah", "ucdp:foah-village") in SHORT


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize(("name", "place_id"), SHORT)
def test_a_name_with_a_one_letter_key_spelt_as_the_gazetteer_does_is_found(template, name, place_id):
    text = template.format(name=name)
    hit = [m for m in G.match(text) if m.surface == name]
    assert hit, f"{name!r} not found in {text!r}"
    assert _spells(name, hit[0].place.id)


def _respelt(name: str) -> str:
    """The name with its first vowel changed: the same consonant key, another spelling."""
    m = re.search(r"[aeiou]", name[1:])
    if m is None:
        return ""
    i = m.start() + 1
    return name[:i] + ("i" if name[i] != "i" else "u") + name[i + 1 :]


@pytest.mark.parametrize(("name", "place_id"), [(n, p) for n, p in SHORT if _respelt(n)])
def test_another_spelling_of_a_one_letter_key_is_not_that_place(name, place_id):
    other = _respelt(name)
    text = TEMPLATES[0].format(name=other)
    assert all(m.place.id != place_id for m in G.match(text) if not _spells(other, m.place.id))


@pytest.mark.parametrize("word", ["He", "Oh", "Ah", "Eh", "Hi", "Yea", "Aye", "Who", "How", "Way", "Yes"])
def test_a_short_capitalised_word_is_no_place(word):
    text = f"{word} said the shelling went on all night."
    assert [m.surface for m in G.match(text) if m.surface == word and not _spells(word, m.place.id)] == []

"""The shipped Arabic->Latin name table, loaded once, and a per-letter fallback.

In: ``people/data/translit_ar_en.tsv`` (derived from TechForPalestine's public-domain
dict_ar_en.csv by ``scripts/build_name_tables.py``; see ``people/data/README.md``).
Out: :func:`latin_spellings` and :func:`transliterate_token` for one Arabic token.
Never: writes the table or reads the shared lists.

The per-letter map is hand-written on purpose: it is only the fallback for tokens the
table lacks, and a standard letter map (close to the UNGEGN romanisation without
diacritics) is twenty-eight lines, where a library would bring an unrelated alphabet set.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

__all__ = ["TABLE_FILE", "latin_spellings", "load_table", "transliterate_token"]

TABLE_FILE = "translit_ar_en.tsv"

_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "th",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "a",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w",
    "ي": "y", "ء": "", "ة": "a", "ى": "a", "أ": "a", "إ": "i", "آ": "a", "ؤ": "", "ئ": "",
}  # fmt: skip


@cache
def load_table() -> dict[str, tuple[str, ...]]:
    """Folded Arabic token -> its Latin spellings, most common first."""
    text = resources.files("tawthiq.people").joinpath("data", TABLE_FILE).read_text("utf-8")
    table: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        ar, _, en = line.partition("\t")
        table[ar] = tuple(en.split("|"))
    return table


def _fold(token: str) -> str:
    from tawthiq.people.names import fold_arabic, normalise_arabic

    return fold_arabic(normalise_arabic(token).replace(" ", ""))


def latin_spellings(token: str) -> tuple[str, ...]:
    """Every Latin spelling the table knows for an Arabic token (empty if unknown)."""
    return load_table().get(_fold(token), ())


@lru_cache(maxsize=200_000)
def transliterate_token(token: str) -> str:
    """The table's first spelling for the token, else a letter-by-letter romanisation.

    A token starting with the article and absent from the table is looked up without it.
    """
    key = _fold(token)
    table = load_table()
    hit = table.get(key)
    if hit:
        return hit[0]
    if key.startswith("ال") and key[2:] in table:
        return "al" + table[key[2:]][0]
    return "".join(_LETTERS.get(c, "") for c in key)

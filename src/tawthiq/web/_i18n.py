"""Interface language: English or Arabic, from Babel ``.po`` catalogues compiled in memory.

In: ``locale/<lang>/LC_MESSAGES/messages.po`` beside this module. Out: :class:`gettext.NullTranslations`
per language (compiled on the fly with Babel, so no build step and no stale ``.mo``), the text
direction of each language, and the language a request asked for (``?lang=`` then the ``lang``
cookie then the default). Never: translates data (names, places, quotes stay as written).
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

__all__ = ["LANGUAGES", "direction", "pick_language", "translations"]

LANGUAGES: dict[str, str] = {"en": "English", "ar": "العربية"}
_RTL = {"ar"}
_LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def direction(lang: str) -> str:
    return "rtl" if lang in _RTL else "ltr"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of ``lang``; English (the source language) is the identity."""
    po_path = _LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    if lang == "en" or not po_path.exists():
        return gettext.NullTranslations()
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def pick_language(query_lang: str | None, cookie_lang: str | None, default: str = "en") -> str:
    for cand in (query_lang, cookie_lang, default):
        if cand in LANGUAGES:
            return cand
    return "en"

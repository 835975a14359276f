"""A report's title loses its bidi marks; its body and its original keep them (session 22's walk).

The trap: a title copied from an Arabic page starts with a RIGHT-TO-LEFT MARK (U+200F), an LRM or an
embedding (U+202B … U+202C); stored as is it showed a stray gap, sorted apart from the same title
without it, and made extraction read the headline differently (the extractor matches the title
against the text's first line). Every mark, at either end, from a header's TITLE:, a first line, an
HTML page and a JSON line. The body (spans index it) and the sealed original (its SHA-256 is the
evidence) are untouched.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest

from tawthiq.extract import extract_claims_in_period
from tawthiq.text.bidi import BIDI_CONTROLS

TITLE_AR = "مقتل 12 مدنياً في غارة على حلب"
TITLE_EN = "Air strike kills 12 civilians in Aleppo"
BODY_EN = "At least 12 civilians were killed in an air strike on Aleppo on Monday, activists said.\n"
BODY_AR = "قُتل 12 مدنياً على الأقل في غارة جوية على حلب يوم الاثنين، بحسب ناشطين.\n"
MARKS = {"rlm": "\u200f", "lrm": "\u200e", "alm": "\u061c", "rle": "\u202b", "lri": "\u2066"}
PLACES = {"lead": "{m}{t}", "trail": "{t}{m}", "wrapped": "{m}{t}\u202c", "inner_space": "{m} {t} {m}"}


def _files(mark: str, place: str) -> dict[str, tuple[str, str]]:
    """file name -> (its bytes as text, the title it must get)"""
    ar = PLACES[place].format(m=mark, t=TITLE_AR)
    en = PLACES[place].format(m=mark, t=TITLE_EN)
    return {
        "header.txt": (f"TITLE: {ar}\nDATE: 2016-12-13\n\n{BODY_AR}", TITLE_AR),
        "first_line.txt": (f"{en}\n\n{BODY_EN}", TITLE_EN),
        "page.html": (
            f"<html><head><title>{ar}</title></head><body><p>{BODY_AR}</p></body></html>",
            TITLE_AR,
        ),
        "lines.jsonl": (
            json.dumps({"title": en, "body": BODY_EN, "published_at": "2016-12-13"}) + "\n",
            TITLE_EN,
        ),
    }


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("mark", sorted(MARKS))
def test_a_title_written_with_bidi_marks_is_stored_without_them_and_the_original_keeps_them(
    cli, workspace, tmp_path, mark, place
):
    folder = tmp_path / "in"
    folder.mkdir()
    files = _files(MARKS[mark], place)
    for name, (text, _) in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    cli(workspace, "ingest", str(folder), "--published-from-header")
    listed = json.loads(cli(workspace, "reports", "--json").stdout)
    rows = listed if isinstance(listed, list) else listed["reports"]
    assert len(rows) == len(files)
    for row in rows:
        shown = json.loads(cli(workspace, "reports", "show", str(row["id"]), "--json").stdout)
        text, title = files[shown["file_name"]]
        assert shown["title"] == title  # no mark left, at either end
        assert not set(shown["title"]) & set(BIDI_CONTROLS)
        # the original is the evidence: hashed as received, marks and all
        assert shown["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
        if shown["file_name"] == "first_line.txt":  # the body keeps its first line as written
            assert shown["body"].startswith(PLACES[place].format(m=MARKS[mark], t=TITLE_EN))


def _claims(text: str, title: str) -> list[tuple]:
    found = extract_claims_in_period(text, date(2016, 12, 13), "day", title=title)
    return [(c.kind, c.event_type, c.fatalities, c.span, c.attributed_to, c.places) for c in found]


# a lede that restates the headline's toll, and two that do not: there the headline is matched
# against the title to be read as the headline, and a mark in the title made it a claim of its own
LEDES = {
    "en_restated": (TITLE_EN, BODY_EN),
    "en_market": (
        TITLE_EN,
        "Warplanes struck a market in the Fardous neighbourhood of Aleppo on Monday morning, activists "
        "said. Rescue workers pulled bodies from the rubble for hours.\n",
    ),
    "en_observatory": (
        TITLE_EN,
        "Syrian and Russian jets bombed eastern Aleppo on Monday. The Syrian Observatory for Human Rights "
        "said the dead included four children.\n",
    ),
    "ar": (TITLE_AR, BODY_AR),
}


@pytest.mark.parametrize("lede", sorted(LEDES))
@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("mark", sorted(MARKS))
def test_extraction_does_not_depend_on_the_marks_of_the_title(mark, place, lede):
    title, body = LEDES[lede]
    marked = PLACES[place].format(m=MARKS[mark], t=title)
    # the headline as the text prints it, with the marks the title was copied with, or without them
    for first_line in (title, marked):
        text = f"{first_line}\n\n{body}"
        assert _claims(text, marked) == _claims(text, title)

"""Issue 16's bad Arabic input, through the front door: `tawthiq ingest` then `tawthiq extract` on a
workspace (diacritics and tatweel, bidi controls, windows-1256, visual order from a PDF), and the same
sentence with the invisible or variant characters copied text carries, which must give the same claim.
Every sentence is our own; the fixtures are hand-written (tests/fixtures/reports/ar_*)."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from tawthiq.extract import extract_claims

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"

# (fixture, the toll its one claim carries, its first place)
_READ = [
    ("ar_tatweel_and_diacritics.txt", 8, "aleppo-nbhd:sha-ar"),
    ("ar_bidi_controls.txt", 9, "aleppo-nbhd:fardous"),
    ("ar_windows_1256.txt.cp1256", 7, "aleppo-nbhd:fardous"),
]


def _ingest_and_extract(cli, workspace, *names: str):
    for name in names:
        out = cli(workspace, "ingest", str(REPORTS / name), "--published", "2016-12-13")
        assert "1 stored" in out.stdout + out.stderr, (out.stdout, out.stderr)
    return cli(workspace, "extract")


def _stored_claims(workspace) -> dict[str, list]:
    from tawthiq.store import list_reports
    from tawthiq.store.claims import load_claims

    with workspace.session() as s:
        return {r.title or "": load_claims(s, report_id=r.id) for r in list_reports(s)}


@pytest.mark.parametrize(("name", "toll", "place"), _READ)
def test_bad_arabic_input_is_read_through_ingest_and_extract(cli, workspace, name, toll, place):
    _ingest_and_extract(cli, workspace, name)
    [claims] = _stored_claims(workspace).values()
    assert [(c.fatalities.low, c.places[0].place_id) for c in claims] == [(toll, place)]


def test_arabic_in_visual_order_is_refused_by_name_and_the_rest_is_extracted(cli, workspace):
    # a text from a PDF in visual order ("هللا" for "الله") is not read backwards: the message names the
    # file and says what to do; the report stays stored, and the other report of the run is extracted
    r = _ingest_and_extract(cli, workspace, "ar_reversed_lam_alef_pdf.txt", "ar_bidi_controls.txt")
    assert "ar_reversed_lam_alef_pdf.txt" in r.stderr and "logical order" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    from tawthiq.store import list_reports

    with workspace.session() as s:
        assert len(list_reports(s)) == 2  # nothing stored is lost
    tolls = sorted(c.fatalities.low for cs in _stored_claims(workspace).values() for c in cs)
    assert tolls == [9]


# ------------------------------------------------------------------ one sentence, many encodings of it
_BASE = "قال المرصد السوري لحقوق الإنسان إن 12 مدنيا قتلوا في غارات على حي الشعار في مدينة حلب أمس."


def _presentation_forms(s: str) -> str:
    """Every letter in its isolated presentation form (Arabic Presentation Forms-B), as the text
    layer of some PDFs gives it in logical order."""
    table: dict[str, str] = {}
    for cp in range(0xFE70, 0xFEFF):
        ch = chr(cp)
        plain = unicodedata.normalize("NFKC", ch)
        if len(plain) == 1 and plain not in table and "ISOLATED" in unicodedata.name(ch, ""):
            table[plain] = ch
    return "".join(table.get(c, c) for c in s)


_VARIANTS = {
    "Persian digits": _BASE.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),
    "Arabic-Indic digits": _BASE.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
    "lam-alef ligature": _BASE.replace("لا", "\ufefb"),
    "presentation forms": _presentation_forms(_BASE),
    "zero-width non-joiner": _BASE.replace("مدنيا", "مدني\u200cا"),
    "no-break spaces": _BASE.replace(" ", "\u00a0"),
    "tatweel between digits": _BASE.replace("12", "1\u06402"),
    "alef wasla": _BASE.replace("الإنسان", "ٱلإنسان"),
    "superscript alef": _BASE.replace("الإنسان", "الإنسٰن"),
    "RLM around the count": _BASE.replace("12", "\u200f12\u200f"),
    "Arabic letter mark": _BASE.replace("12", "\u061c12"),
    "word joiner inside a name": _BASE.replace("حلب", "حل\u2060ب"),
    "byte-order mark": "\ufeff" + _BASE,
    "Persian ya and kaf": _BASE.replace("ي", "ی"),
    "decomposed (NFD)": unicodedata.normalize("NFD", _BASE),
    "isolates around the place": _BASE.replace("حي الشعار", "\u2067حي الشعار\u2069"),
}


def _signature(claims):
    return [
        (
            c.event_type,
            c.fatalities.low if c.fatalities else None,
            c.attributed_to,
            *(p.place_id for p in c.places),
        )
        for c in claims
    ]


@pytest.mark.parametrize("variant", sorted(_VARIANTS))
def test_invisible_and_variant_characters_give_the_same_claim(variant):
    text = _VARIANTS[variant]
    claims = extract_claims(text, date(2016, 12, 13))
    assert _signature(claims) == _signature(extract_claims(_BASE, date(2016, 12, 13)))
    assert _signature(claims) == [
        ("attack.air_strike", 12, "Syrian Observatory for Human Rights", "aleppo-nbhd:sha-ar", "C1007")
    ]
    assert all(text[c.span[0] : c.span[1]] == c.quote for c in claims)  # spans index the text as given


# ------------------------------------------------- the allah ligature reversed in text that runs forwards
def test_a_reversed_allah_in_forward_text_is_read_as_allah_through_ingest_and_extract(cli, workspace):
    # some PDF text layers reverse only the ligature ("عبد هللا") while the rest runs forwards: the report
    # is read (not refused as visual order), its speaker is named "عبد الله", its quote is the file's text
    r = _ingest_and_extract(cli, workspace, "ar_reversed_allah_in_logical_order.txt")
    assert "logical order" not in r.stderr
    [claims] = _stored_claims(workspace).values()
    assert [(c.fatalities.low, c.attributed_to, c.places[0].place_id) for c in claims] == [
        (6, "عبد الله الأحمد", "aleppo-nbhd:fardous")
    ]
    assert "هللا" in claims[0].quote


_ALLAH = [
    ("قال عبد هللا العلي إن 12 مدنيا قتلوا في غارات على دوما.", "عبد الله العلي"),
    ("قال عبدهللا العلي إن 12 مدنيا قتلوا في غارات على دوما.", "عبدالله العلي"),
    ("أفاد الناشط عبد هللا الحسن بمقتل 12 مدنيا في غارات على دوما.", "الناشط عبد الله الحسن"),
    ("قتل 12 مدنيا في غارات على دوما، بحسب عبد هللا العمر.", "عبد الله العمر"),
    ("قال عبد هللا العلي إن اثني عشر مدنيا قتلوا في غارات على دوما.", "عبد الله العلي"),
]


@pytest.mark.parametrize(("sentence", "speaker"), _ALLAH)
def test_a_reversed_allah_in_a_speaker_reads_as_the_name_and_the_quote_is_kept(sentence, speaker):
    claims = extract_claims(sentence, date(2018, 2, 20))
    assert [(c.fatalities.low, c.attributed_to) for c in claims] == [(12, speaker)]
    assert all(sentence[c.span[0] : c.span[1]] == c.quote for c in claims)
    # the same sentence with the ligature written right gives the same claim
    right = extract_claims(sentence.replace("هللا", "الله"), date(2018, 2, 20))
    assert [c.model_copy(update={"quote": ""}) for c in claims] == [
        c.model_copy(update={"quote": ""}) for c in right
    ]


def test_a_reversed_allah_alone_in_a_short_sentence_is_not_taken_for_visual_order():
    # a short sentence has few words with the article: "هللا" alone once sent it back as "runs backwards"
    claims = extract_claims("قتل 3 مدنيين في قصف على حي عبد هللا في دوما.", date(2018, 2, 20))
    assert [c.fatalities.low for c in claims] == [3]

"""Name parts in persons' JSON are the names as the list wrote them, not linkage's keys.

The trap: a list with one full-name column gets its given/father/grandfather/family parts from
``split_name``, which lower-cases, drops hyphens and joins compounds (``Abd al-Rahman`` ->
``abdalrahman``, ``عبد الله`` -> ``عبدالله``): right for comparing, wrong for reading.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.entities import PersonRecord
from tawthiq.people import names_as_written, split_name
from tawthiq.people._import import split_full_name
from tawthiq.people.names import arabic_tokens, is_arabic, latin_tokens

_PARTS = ("given_name", "father_name", "grandfather_name", "family_name")


def _record(full: str, **parts: str) -> PersonRecord:
    key = "name_ar" if is_arabic(full) else "name_latin"
    return PersonRecord(list_name="l", record_id="1", **{key: full}, **(parts or split_full_name(full)))


def _parts(r: PersonRecord) -> tuple[str | None, ...]:
    return tuple(getattr(r, f) for f in _PARTS)


def test_compound_and_hyphenated_latin_names_keep_their_spelling():
    shown = names_as_written(_record("Abd al-Rahman Mohammed Abu Zeid"))
    assert _parts(shown) == ("Abd al-Rahman", "Mohammed", None, "Abu Zeid")
    assert _parts(names_as_written(_record("Karim Nader al-Farra"))) == ("Karim", "Nader", None, "al-Farra")


def test_arabic_compounds_and_hamza_keep_their_spelling():
    shown = names_as_written(_record("أحمد عبد الله نور الدين الحلبي"))
    assert _parts(shown) == ("أحمد", "عبد الله", "نور الدين", "الحلبي")


def test_a_comma_between_names_is_not_part_of_a_name():
    assert names_as_written(_record("Hala, Karim al-Farra")).given_name == "Hala"


def test_parts_the_list_gave_in_their_own_columns_are_left_as_given():
    r = _record("Karim Nader al-Farra", given_name="KARIM", family_name="Farra")
    assert names_as_written(r) == r


# Written words drawn from the shapes lists use: plain, hyphenated "al-", "Abd al-" and "Abu"
# compounds, capitals, Arabic with hamza and "عبد"/"الدين" compounds.
_LATIN = st.sampled_from(["Karim", "nader", "AL-FARRA", "al-Sheikh", "Abd al-Rahman", "Abu Zeid",
                          "Mohammed", "Hasan", "Abdul Karim", "el-Masri", "O'Brien"])  # fmt: skip
_ARABIC = st.sampled_from(["أحمد", "عبد الله", "نور الدين", "الحلبي", "إبراهيم", "أبو زيد", "سليم", "الفرا"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(_LATIN, min_size=1, max_size=6), st.lists(_ARABIC, min_size=1, max_size=6)))
def test_written_parts_are_words_of_the_full_name_and_normalise_to_the_stored_parts(words):
    full = " ".join(words)
    record = _record(full)
    shown = names_as_written(record)
    tokens = arabic_tokens if is_arabic(full) else latin_tokens
    for stored, written in zip(_parts(record), _parts(shown), strict=True):
        assert (stored is None) == (written is None)
        if written is not None:
            assert written in full  # as written: a stretch of the full name
            assert "".join(tokens(written)) == stored  # and the same name linkage compares
    assert _parts(record) == tuple(
        getattr(split_name(full), p) for p in ("given", "father", "grandfather", "family")
    )


def test_persons_json_shows_names_as_written(cli, cli_json, workspace, tmp_path: Path):
    f = tmp_path / "list.csv"
    f.write_text("id,name\n1,Abd al-Rahman Mohammed Abu Zeid\n2,أحمد عبد الله نور الدين الحلبي\n", "utf-8")
    cli(workspace, "people", "import", str(f), "--list", "l", "--yes")
    cli(workspace, "people", "link")
    recs = {r["record_id"]: r for p in cli_json(workspace, "people", "persons") for r in p["records"]}
    assert (recs["1"]["given_name"], recs["1"]["family_name"]) == ("Abd al-Rahman", "Abu Zeid")
    assert (recs["2"]["father_name"], recs["2"]["grandfather_name"]) == ("عبد الله", "نور الدين")

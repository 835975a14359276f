"""Cell parsers (sex, age, dates, status) and the header guess: round trips, and never a crash."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tawthiq.people._import import guess_mapping
from tawthiq.people._values import PartialDateError, parse_age, parse_date, parse_sex, parse_status

INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
LEVANTINE = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
             "تشرين الأول", "تشرين الثاني", "كانون الأول"]  # fmt: skip
FORMATS = [
    lambda d: d.isoformat(),
    lambda d: d.strftime("%d/%m/%Y"),
    lambda d: d.strftime("%d.%m.%Y").translate(INDIC),
    lambda d: d.strftime("%d/%m/%Y").translate(INDIC),
    lambda d: f"{d.day} {d.strftime('%B')} {d.year}",
    lambda d: f"{d.day} {LEVANTINE[d.month - 1]} {d.year}".translate(INDIC),
    lambda d: f"{d.day}/{d.month}/{d.year}م",
]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)), st.sampled_from(FORMATS))
def test_dates_round_trip_through_every_written_form(d, fmt):
    assert parse_date(fmt(d)) == d


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_a_value_error_never_a_crash(text):
    with contextlib.suppress(ValueError):
        assert parse_date(text) is None or isinstance(parse_date(text), date)


@pytest.mark.parametrize("text", ["12/2016", "2016", "كانون الأول ٢٠١٦", "December 2016"])
def test_a_partial_date_is_reported_not_turned_into_the_first_of_the_month(text):
    with pytest.raises(PartialDateError):
        parse_date(text)


@given(st.integers(min_value=0, max_value=120), st.sampled_from(["{}", "{} years", "{} سنة", "{} عاما"]),
       st.booleans())  # fmt: skip
def test_ages_round_trip_in_both_digit_systems(age, fmt, indic):
    text = fmt.format(age)
    assert parse_age(text.translate(INDIC) if indic else text) == age


@pytest.mark.parametrize("cell", ["-1", " -1 ", "−1", "-٢", -1, -1.0])
def test_a_negative_age_placeholder_is_unknown_not_read_without_its_sign(cell):
    assert parse_age(cell) is None


@given(st.one_of(st.text(max_size=12), st.integers(), st.floats(allow_nan=True)))
def test_any_age_cell_is_an_age_none_or_a_value_error(cell):
    try:
        age = parse_age(cell)
    except ValueError:
        return
    assert age is None or 0 <= age <= 120


SEXES = [("ذكر", "m"), ("أنثى", "f"), ("انثى", "f"), ("أنثي", "f"), ("Male", "m"), ("F", "f"), ("", None),
         ("غير معروف", None)]  # fmt: skip
STATUSES = [("شهيد", "killed"), ("شهيدة", "killed"), ("معتقلة", "detained"), ("مفقود", "missing"),
            ("مختفي قسراً", "missing"), ("جريح", "injured"), ("Wounded", "injured"),
            ("", "unknown")]  # fmt: skip


@pytest.mark.parametrize(("cell", "sex"), SEXES)
def test_sex_in_arabic_and_english(cell, sex):
    assert parse_sex(cell) == sex


@pytest.mark.parametrize(("cell", "status"), STATUSES)
def test_status_in_arabic_and_english(cell, status):
    assert parse_status(cell) == status


def test_unknown_status_is_an_error_that_lists_the_choices():
    with pytest.raises(ValueError, match="killed, detained, missing, injured"):
        parse_status("evacuated")


def test_arabic_headers_are_guessed_and_a_bare_name_means_given_name_beside_parts():
    headers = ["م", "الاسم", "اسم الأب", "اسم الجد", "الكنية", "الجنس", "المواليد", "تاريخ الاعتقال",
               "مكان الاعتقال", "المصير", "ملاحظات"]  # fmt: skip
    assert guess_mapping(headers) == {
        "الاسم": "given_name", "اسم الأب": "father_name", "اسم الجد": "grandfather_name",
        "الكنية": "family_name", "الجنس": "sex", "المواليد": "birth_date", "تاريخ الاعتقال": "event_date",
        "مكان الاعتقال": "place", "المصير": "status",
    }  # fmt: skip


def test_a_name_column_is_arabic_or_latin_by_what_it_holds():
    rows = [(2, {"Name": "Karim Nader"}), (3, {"Name": "Hala Karim"})]
    assert guess_mapping(["Name"], rows) == {"Name": "name_latin"}
    rows = [(2, {"Name": "كريم نادر"})]
    assert guess_mapping(["Name"], rows) == {"Name": "name_ar"}

"""Property tests: number and date parsing round-trip, and bad input never crashes."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.errors import InputError
from tawthiq.extract import extract_claims, find_numbers, parse_count, parse_published, resolve_time

_WORDS = {
    1: "one",
    4: "four",
    6: "half a dozen",
    12: "twelve",
    21: "twenty-one",
    24: "two dozen",
    79: "seventy-nine",
    300: "three hundred",
}


@settings(deadline=None)  # a loaded shared machine must not fail a parser test on time
@given(st.integers(min_value=1, max_value=999_999))
def test_digits_with_thousands_separators_round_trip(n):
    c = parse_count(f"at least {n:,} civilians")
    assert (c.low, c.high, c.qualifier) == (n, None, "at_least")


@settings(deadline=None)  # a loaded shared machine must not fail a parser test on time
@given(
    st.integers(min_value=1, max_value=99_999),
    st.sampled_from([("more than", "more_than"), ("up to", "up_to"), ("about", "about"), ("", "exact")]),
)
def test_qualifiers_round_trip(n, qual):
    phrase, name = qual
    c = parse_count(f"{phrase} {n} people".strip())
    assert c.qualifier == name
    if name == "up_to":
        assert (c.low, c.high) == (None, n)
    elif name == "more_than":
        assert (c.low, c.high) == (n, None)
    else:
        assert (c.low, c.high) == (n, n)


@settings(deadline=None)  # a loaded shared machine must not fail a parser test on time
@given(st.sampled_from(sorted(_WORDS.items())))
def test_number_words(item):
    n, word = item
    assert parse_count(f"{word} people").low == n


@settings(deadline=None)  # a loaded shared machine must not fail a parser test on time
@given(st.integers(1, 5000), st.integers(1, 5000))
def test_ranges_are_low_and_high(a, b):
    lo, hi = sorted((a, b))
    hits = find_numbers(f"between {lo} and {hi} people were wounded")
    if lo < hi:
        assert hits[0].count.contract() == {"low": lo, "high": hi, "qualifier": "exact"}


@settings(deadline=None)  # a loaded shared machine must not fail a parser test on time
@given(st.text(max_size=300))
def test_any_text_never_crashes_the_number_finder(text):
    for h in find_numbers(text):
        assert 0 <= h.start < h.end <= len(text)


@settings(deadline=None)  # a loaded shared machine must not fail a parser test on time
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
def test_written_dates_round_trip(d):
    anchor = d + timedelta(days=30)
    sentence = f"The attack took place on {d.strftime('%B')} {d.day}, {d.year}, residents said."
    assert resolve_time(sentence, anchor).start == d


@settings(deadline=None)  # a loaded shared machine must not fail a parser test on time
@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
)
def test_weekdays_resolve_to_the_last_such_day_not_after_publication(anchor, day):
    t = resolve_time(f"Late on {day}, shells hit the market.", anchor)
    assert t.start <= anchor and (anchor - t.start).days < 7
    assert t.start.strftime("%A") == day


@settings(deadline=None)  # a loaded shared machine must not fail a parser test on time
@given(st.text(max_size=40))
def test_published_is_a_date_or_an_input_error(value):
    try:
        d = parse_published(value)
    except InputError as exc:
        assert "published" in str(exc)
    else:
        assert d.isoformat() == value.strip()


@settings(deadline=None)  # a loaded shared machine must not fail a parser test on time
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)), st.text(max_size=200))
def test_any_sentence_gives_a_time_span(anchor, text):
    t = resolve_time(text, anchor)
    assert t.start is None or t.end is None or t.start <= t.end


_SALAD = (
    "killed at least dozens Aleppo al-Sukkari said the on Monday shelling including women and children "
    "between 20 30 more than up to SOHR reportedly denied , . ; : - al el Fardous province overnight"
)
_WORDS_POOL = st.sampled_from(_SALAD.split())


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS_POOL, max_size=40), st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)))
def test_word_salad_never_crashes_extraction_and_spans_hold(words, published):
    text = " ".join(words)
    for c in extract_claims(text, published):
        assert text[c.span[0] : c.span[1]] == c.quote


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_never_crashes_the_gazetteer(text):
    from tawthiq.gazetteer import load_gazetteer

    for m in load_gazetteer().match(text):
        assert text[m.start : m.end] == m.surface

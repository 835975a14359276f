"""text.prefilter skips a pattern only on a text none of whose matches can exist: the traps are
optional pieces, empty matches, case folding beyond ASCII and case rules that change inside a
pattern — and the extractor's own patterns, which must give the same claims with or without it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.extract import _arabic_events, _attribution, _events, _modality, extract_claims
from tawthiq.text.prefilter import PatternSet, required_literals

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


def test_a_word_list_behind_a_lookbehind_and_optional_proclitics_requires_its_words():
    rx = re.compile(r"(?<![\u0621-\u064a])(?:و|ف|ال)?(?:قتل|قصف)(?:ت|وا)?")
    literals = required_literals(rx)
    assert literals and all("قتل" in w or "قصف" in w for w in literals)
    assert PatternSet([rx]).candidates("والقصف على الحي") == {0}
    assert PatternSet([rx]).candidates("وصلت القافلة") == set()


def test_a_pattern_that_can_match_nothing_is_always_run():
    for pattern in (r"(?:killed)?", r"\w*", r"(?:a|)", r"x{0,3}"):
        rx = re.compile(pattern)
        assert required_literals(rx) is None
        assert PatternSet([rx]).candidates("") == {0}


def test_an_optional_word_is_not_required():
    rx = re.compile(r"(?:at least )?\d+ (?:people|civilians)")
    assert required_literals(rx) == {" people", " civilians"}


def test_ignored_case_finds_the_word_in_any_case_and_with_the_kelvin_sign():
    rx = re.compile(r"\bkilled\b", re.I)
    ps = PatternSet([rx])
    assert ps.candidates("Shelling KILLED four") == {0}
    kelvin = "\u212aILLED"  # re.I takes the Kelvin sign for k
    assert rx.search(kelvin) and ps.candidates(kelvin) == {0}
    assert ps.candidates("nobody was hurt") == set()


def test_case_ignored_only_inside_a_case_sensitive_pattern_is_always_run():
    rx = re.compile(r"(?i:killed) in")
    assert rx.search("KILLED in")
    assert PatternSet([rx]).candidates("KILLED in") == {0}


def test_case_kept_inside_an_ignore_case_pattern_still_finds_it():
    rx = re.compile(r"\b(?:(?-i:may)|might) (?:be|face)\b", re.I)
    assert PatternSet([rx]).candidates("they may face it") == {0}


def _extractor_patterns() -> list[re.Pattern[str]]:
    return (
        [rx for _, rx, _ in _arabic_events._COMPILED]
        + [rx for _, rx in _arabic_events._VICTIMS_RX]
        + [rx for _, rx in _events._VICTIMS_RX]
        + [_modality._UNASSERTED]
        + _attribution._ON_THE_SENTENCE.patterns
    )


_ALL = PatternSet(_extractor_patterns())
_PIECES = sorted(
    {lit for rx in _extractor_patterns() for lit in (required_literals(rx) or ())}
    | {"و", "ال", "ب", "ت", "وا", " ", "The ", "were ", ",", "ين", "ات", "\u212a", "İ", "”", '"', ".", "UN"}
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=3)), max_size=8).map("".join))
def test_no_extractor_pattern_is_skipped_on_a_text_it_matches(text):
    maybe = _ALL.candidates(text)
    for i, rx in enumerate(_ALL.patterns):
        if rx.search(text):
            assert i in maybe, (rx.pattern[:80], text)


def test_every_extractor_trigger_has_words_to_look_for():
    """The speed comes from skipping: a trigger that promised no literal would be run everywhere."""
    assert not PatternSet(rx for _, rx, _ in _arabic_events._COMPILED).unfiltered
    assert not PatternSet(rx for _, rx in _events._VICTIMS_RX).unfiltered


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_the_claims_are_the_same_without_the_prefilter(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    try:
        with_filter = [c.model_dump() for c in extract_claims(text, None)]
    except Exception as exc:  # a fixture of bad input: it must fail the same way
        with_filter = repr(exc)
    monkeypatch.setattr(PatternSet, "candidates", lambda self, text: set(range(len(self.patterns))))
    try:
        without = [c.model_dump() for c in extract_claims(text, None)]
    except Exception as exc:
        without = repr(exc)
    assert with_filter == without

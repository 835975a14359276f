"""The words of a claim's sentence clustering reads: kinds of site struck, and further-event words.

In: a claim's quote, folded (:func:`folded`: lower case, Arabic folded, the article kept).
Out: :func:`read_words` — the kinds of site the sentence names (:data:`_SITES`: a funeral, a market,
a hospital) and whether it tells a further event (:data:`_ANOTHER_EVENT`: "another air strike",
"في حادث منفصل"), in one prefiltered pass (``text.prefilter``).
Never: reads anything but the text given.
"""

from __future__ import annotations

import re

from tawthiq.text.prefilter import PatternSet

from ._arabic import fold_arabic

__all__ = ["folded", "read_words"]

# Words naming the site struck: two reports of a strike on a funeral hall in one town on one
# day tell one event even when neither gives a toll. Folded forms (Arabic: ة → ه, no article).
_SITES: tuple[tuple[str, str], ...] = (
    ("funeral", r"\bfuneral|\bmourners|عزاء|جناز|تشييع"),
    ("wedding", r"\bwedding|عرس|زفاف"),
    ("market", r"\bmarket|\bbazaar|سوق|اسواق"),
    ("hospital", r"\bhospital|\bclinic|مستشفي|مشفي|مستوصف|مركز صحي"),
    ("school", r"\bschool|مدرسه|مدارس"),
    ("mosque", r"\bmosque|مسجد|جامع"),
    ("bakery", r"\bbakery|\bbread queue|مخبز|فرن"),
    ("camp", r"\bcamp\b|مخيم"),
    ("shelter", r"\bshelter|ملجا"),
    ("bus", r"\bbus\b|\bbuses\b|حافله|باص"),
    ("cafe", r"\bcaf[eé]|مقهي"),
    ("prison", r"\bprison|سجن"),
    ("church", r"\bchurch|كنيسه"),
    ("convoy", r"\bconvoy|قافله"),
)


# Words by which a report tells a further event apart from the ones it told before: "in a similar
# strike on the village of ...", "another explosion", "in a separate attack", "elsewhere",
# "separately", a paragraph opening on "Meanwhile, ..."; Arabic "غارة أخرى", "انفجار آخر", "في هجوم
# مماثل", "في حادث منفصل", "وفي سياق منفصل", "من جهة أخرى", "إلى ذلك", "كما استهدف", "وفي مناطق أخرى".
# Folded forms (ة → ه, أ/آ → ا, ى → ي), the article optional. "Also" alone is no such word: "the UN
# also said", "the strike also killed two children" add to one event ("helicopters also dropped barrel
# bombs on ..." was tried as one: docs/corroboration.md, Measured).
_EVENT_NOUN_EN = (
    r"(?:air ?strike|airstrike|strike|air raid|raid|attack|assault|explosion|blast|bombing|car bomb|"
    r"shelling|massacre|incident)s?"
)
_EVENT_NOUN_AR = r"(?:ال)?(?:غاره|غارات|هجوم|هجمات|انفجار|تفجير|قصف|مجزره|مجازر|حادث|حادثه|استهداف|ضربه)"
_NOT_AR = r"(?![\u0621-\u064a])"  # the Arabic word ends here
_AR_START = r"(?<![\u0621-\u064a])"
_ANOTHER_EVENT = re.compile(
    "|".join(
        (
            rf"\banother {_EVENT_NOUN_EN}\b|\b(?:similar|separate) {_EVENT_NOUN_EN}\b",
            rf"\bin (?:a|another) (?:second|third|fourth) {_EVENT_NOUN_EN}\b",
            r"\belsewhere\b|\bseparately\b|^\W*meanwhile\b",
            rf"{_EVENT_NOUN_AR} (?:ال)?(?:اخر|اخري|مماثل|مماثله|منفصل|منفصله){_NOT_AR}",
            rf"{_AR_START}(?:في|وفي) (?:سياق|حادث|حادثه) (?:منفصل|منفصله|اخر){_NOT_AR}",
            rf"{_AR_START}(?:من جهه اخري|الي ذلك){_NOT_AR}",
            rf"{_AR_START}كما (?:استهدف|استهدفت|قصف|قصفت|القي|القت|شن|شنت|اغار|اغارت|هاجم|هاجمت){_NOT_AR}",
            rf"{_AR_START}(?:في|وفي) (?:مكان|مناطق|مواقع) (?:ال)?(?:اخر|اخري){_NOT_AR}",
        )
    )
)


# The word lists above, run on a claim's sentence only when it holds one of their words (one
# Aho-Corasick pass over all of them: ``text.prefilter``); the last is :data:`_ANOTHER_EVENT`.
_WORD_LISTS = PatternSet([*(re.compile(pattern) for _, pattern in _SITES), _ANOTHER_EVENT])


def read_words(folded: str) -> tuple[frozenset[str], bool]:
    """The kinds of site struck a claim's sentence (:func:`folded`) names, and whether it tells a
    further event than the ones its report told before it (:data:`_ANOTHER_EVENT`)."""
    if not folded:
        return frozenset(), False
    hits = _WORD_LISTS.candidates(folded)
    sites = frozenset(
        name for i, (name, _) in enumerate(_SITES) if i in hits and _WORD_LISTS.patterns[i].search(folded)
    )
    return sites, len(_SITES) in hits and _ANOTHER_EVENT.search(folded) is not None


def folded(quote: str) -> str:
    """A claim's quote as the word lists here read it: lower case, Arabic folded, the article kept."""
    return fold_arabic(quote.lower(), article=False) if quote else ""

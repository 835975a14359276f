"""What a sentence is, before what it says: site clutter, and sentences that assert nothing.

In: one sentence (its text). Out: yes/no answers used by ._claims to skip a sentence or to read it as a
tally. Never: looks at other sentences, or decides a claim's fields.

- **Clutter** (annotation.md: "site clutter … is never a claim"): a report's header lines (``URL:``,
  ``OUTLET:`` …), a bare link, a tag list ("OBSERVATORY, ALEPPO, RAID, KILL, ACTIVIST"), a caption that
  introduces a picture ("Photos of the devastation …:"), "related stories" and navigation.
- **Not an assertion** (CLAIMS.md, "What is not a claim"): appeals and demands ("urges all parties to
  ensure medical evacuations", "calls for a corridor"), needs ("700 people require evacuation"), vows,
  threats and plans ("has sworn to recapture", "plans to"), forecasts and fears ("is expected to rise",
  "could face"), when the sentence states no toll that has already happened.
- **War-long totals** ("in a war that has killed tens of thousands", "since the conflict began"): a
  `tally` over the whole war, never an incident on the report's day.
"""

from __future__ import annotations

import re

from tawthiq.extract._numbers import find_numbers
from tawthiq.text.prefilter import PatternSet

__all__ = [
    "is_clutter",
    "is_labelled_massacre",
    "is_unasserted",
    "is_under_review",
    "is_war_long",
    "is_war_total",
    "may_tell_war",
]

_HEADER = re.compile(
    r"^(?:URL|OUTLET|SOURCE|DATE|PUBLISHED|LANGUAGE|CONFLICT|GENRE|SAME_EVENT_GROUP|AUTHOR|BYLINE|"
    r"SECTION|TAGS?|KEYWORDS|CATEGORY|CATEGORIES)\s*:",
    re.I,
)
_LINK = re.compile(r"^\W*(?:https?://|www\.)\S+\W*$", re.I)
_NAV = re.compile(
    r"^(?:related(?: stories| articles| news| posts| coverage)?|read (?:more|also|next)|see also|"
    r"more on this|recommended|most (?:read|popular|viewed)|you may (?:also )?like|tags?|topics?|"
    r"share(?: this)?|click here|watch|listen|photo|video|gallery|comments?)\b\s*[:|>»-]?",
    re.I,
)
_CAPTION = re.compile(
    r"^(?:photos?|pictures?|images?|video|footage|gallery)\s+(?:of|from|show)\b.*:\s*$", re.I
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|said|says|killed|died|hit|struck|dropped|fired|reported)\b", re.I
)


# a photo's credit: "REUTERS/Rodi Said", "(AP Photo/Hussein Malla)", "AFP PHOTO", "Getty Images"
_CREDIT = re.compile(
    r"\b(?:REUTERS|AFP|EPA|ANADOLU|AP)\s*/\s*[A-Z]|\((?:AP|AFP|EPA|Reuters)\s+Photo\b|\bAFP PHOTO\b|"
    r"\bGetty Images\b|\bPhoto(?:graph)?\s*(?:by|credit)\b|\bFile (?:photo|picture)\b|"
    r"(?i:\bphoto(?:graph)?)\s*:\s*(?:REUTERS|AFP|AP|EPA|ANADOLU|GETTY|[A-Z][a-z]+ [A-Z][a-z]+\s*$)"
)
_MONTH_NAME = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|April|June|July|"
    r"August|September|October|November|December"
)
# a wire photo's caption: what the picture shows, in the present or a participle, then where and the full
# date ("Smoke rising after an air strike in Raqqa, Syria, on Aug 20, 2017." — all our own words)
_PICTURE = re.compile(
    r"^(?:(?:An?|The)\s+)?(?:[\w'’-]+\s+){0,3}?(?:\w+ing|rises|billows|walks|stands|sits|looks|holds|"
    r"carries|gathers|inspects|searches|mourns|weeps|waits|reacts|flees)\b"
    rf".*,\s+(?:on\s+)?(?:(?:{_MONTH_NAME})\s+\d{{1,2}},?\s+(?:19|20)\d\d|\d{{1,2}}\s+(?:{_MONTH_NAME})\s+(?:19|20)\d\d)"
    r"\.?\s*$"
)


_SPOKEN = re.compile(r"\b(?:said|says|told|according to|reported)\b", re.I)


def is_clutter(sentence: str) -> bool:
    """A line of the page around the report: header, link, tag list, caption, navigation."""
    s = sentence.strip()
    if _HEADER.match(s) or _LINK.match(s) or _CAPTION.match(s) or _NAV.match(s):
        return True
    if _CREDIT.search(s) or (_PICTURE.match(s) and not _SPOKEN.search(s)):
        return True  # a photo's caption or credit: what a picture shows, not the report's claim
    items = [i.strip() for i in s.split(",")]
    # "OBSERVATORY, ALEPPO, RAID, KILL, ACTIVIST, RAMUS": a tag list
    return len(items) >= 4 and all(0 < len(i.split()) <= 3 for i in items) and not _FINITE.search(s)


# the main verb of the sentence asks, needs, vows, plans or fears; nothing is asserted to have happened
_UNASSERTED = re.compile(
    r"\b(?:urges?|urged|calls? (?:on|for)|called (?:on|for)|appeal(?:s|ed)? (?:to|for)|demand(?:s|ed)?|"
    r"require[sd]?|(?:need|needs|needed) (?:to|urgent|immediate)|must|should|(?:has|have) sworn to|"
    r"(?:vow|vows|vowed|pledged|promised|threatened|plans?|planned|aims?|intends?|wants?|seeks?) to|"
    r"is expected to|are expected to|"
    r"(?:could|(?-i:may)|might|would|will) (?:face|be|lead|cause|kill|die|rise|increase)|fears? (?:that|of)|"
    r"risk(?:s|ed)? (?:of|being))\b",
    re.I,
)
# an event that happened: a past or perfect verb of harm
_HAPPENED = re.compile(
    r"\b(?:were|was|have been|has been|had been)\s+(?:\w+\s+)?(?:killed|wounded|injured|hit|struck|shelled|"
    r"bombed|destroyed|executed|detained|arrested|displaced|evacuated|trapped|besieged)\b|"
    r"\b(?:killed|died|hit|struck|destroyed|bombed|shelled|fired|dropped|captured|seized|stormed|looted|"
    r"attacked|targeted)\b(?!\s+(?:if|unless))",
    re.I,
)


_PAST = re.compile(
    r"\b(?!(?:based|armed|led|united|displaced|concerned|alarmed|needed|required|wounded|injured|"
    r"besieged|detained|trapped|isolated|affected|related|alleged|suspected|reported)\b)[a-z]{3,}ed\b"
)


_UNASSERTED_WORDS = PatternSet([_UNASSERTED])


def is_unasserted(sentence: str) -> bool:
    """An appeal, a need, a vow, a plan or a forecast that asserts no harm that has already happened."""
    if not _UNASSERTED_WORDS.candidates(sentence):
        return False  # none of its words (``text.prefilter``): the pattern cannot match
    for m in _UNASSERTED.finditer(sentence):
        before = sentence[: m.start()]
        if re.search(r",\s*\w+ing\s+(?:\w+\s+)?$", before):
            continue  # "..., raising fears of a disaster": a side remark on an asserted event
        # "X imposed a siege ... and urged ...", "12 were killed, and the UN urged ...": the harm stands
        return not (_HAPPENED.search(before) or _PAST.search(before))
    return False


_WAR_LONG = re.compile(
    # "since the uprising against the president began in March 2011": words may stand between
    r"\b(?:since (?:the (?:start|beginning|outbreak) of )?(?:the|its|this) (?:war|conflict|revolt|"
    r"revolution|uprising|crisis|fighting)(?:\s+[\w'’-]+){0,6}?\s+(?:began|started|erupted|broke out)|"
    r"since the (?:start|beginning|outbreak) of (?:the|its|this) (?:[\w-]+\s+){0,2}?(?:war|conflict|revolt|"
    r"revolution|uprising|crisis)|"
    # "the humanitarian impact of the conflict ..., with 10 million displaced": the whole war's cost
    r"\b(?:impact|toll|cost|consequences) of (?:the|this|its) (?:[\w-]+\s+){0,2}?(?:war|conflict)\b|"
    r"since the coalition intervened|"
    r"in (?:a|the|its|this|Syria['’]s|Yemen['’]s|Sudan['’]s)\s+(?:[\w-]+\s+){0,3}?(?:war|conflict|revolt|"
    r"revolution|uprising)\s+(?:that|which)\s+(?:has|have|had)\s+(?:killed|left|claimed|displaced)|"
    r"(?:war|conflict|revolt|revolution|uprising)\s+(?:that|which)\s+(?:has|have|had)\s+(?:killed|claimed)|"
    # "17,129 people have been killed in Syria's 16-month-old revolt", "died in the conflict"
    r"(?:killed|died|dead|deaths|lost their lives)\s+(?:\w+\s+){0,2}?in\s+(?:a|the|its|this|\w+['’]s)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:war|conflict|revolt|revolution|uprising)\b(?!\s+(?:zone|area|region)\b)|"
    # "Since then, the conflict has resulted in ... 16,650 lives", "the war has cost"
    r"\b(?:the|this|its)\s+(?:[\w-]+\s+){0,2}?(?:war|conflict)\s+(?:has|have|had)\s+(?:also\s+)?"
    r"(?:resulted in|caused|cost|claimed)|"
    # "3,800 civilians have been killed by the airstrikes, which began in March 2015": counted up to now
    # over a campaign that began long ago
    r"\b(?:have|has)\s+(?:now\s+)?been\s+killed\b[^.;]{0,80}\b(?:which|that)\s+(?:began|started|erupted)\s+"
    r"in\s+(?:\w+\s+)?\d{4})",
    re.I,
)


# "the war has killed", "Syria's five-year conflict has displaced": the war itself as the subject of a toll
_WAR_WIDE = re.compile(
    r"\b(?:the|Syria['’]s|this|a|its)\s+(?:\w+[- ]year(?:-old)?\s+|bloody\s+)?(?:civil\s+)?(?:war|conflict)\b"
    r"[^.;]{0,80}\b(?:has|have|had)\s+(?:killed|left|displaced|claimed)",
    re.I,
)
# the war-long patterns' own required literals (``text.prefilter``), not a hand-kept list of words beside
# them that a new branch could outgrow silently (docs/extraction.md, "Lede and toll round")
_WAR_SET = PatternSet([_WAR_LONG, _WAR_WIDE])


def may_tell_war(sentence: str) -> bool:
    """False only when the sentence cannot match the war-long patterns (:data:`_WAR_LONG`,
    :data:`_WAR_WIDE`): it holds none of their required literals. A speed-up only."""
    return bool(_WAR_SET.candidates(sentence))


def is_war_long(sentence: str) -> bool:
    """A total over a whole war ("in a war that has killed tens of thousands", "since the war began")."""
    return _WAR_LONG in _WAR_SET.present(sentence) and bool(_WAR_LONG.search(sentence))


def is_war_total(sentence: str) -> bool:
    """A toll or a harm counted over a whole war: :func:`is_war_long`, or the war itself the subject
    of a toll ("the war has killed more than 300,000", :data:`_WAR_WIDE`). One automaton pass, then
    only the patterns whose literals the sentence holds."""
    return any(rx.search(sentence) for rx in _WAR_SET.present(sentence))


# "massacre" as a label put on an event, not a report of one: condemned, denounced, described as,
# accused of, "This is a massacre", a scare-quoted 'massacre' town, or massacres in general
_LABEL = re.compile(
    r"\b(?:condemn\w*|denounc\w*|deplor\w*|decr(?:y|ied|ies)|accus\w*\s+[^.;]{0,60}?\bof|"
    r"call(?:s|ed|ing)?\s+(?:it|this|that)|describ\w*\s+(?:it\s+|this\s+|that\s+)?as|"
    r"(?:this|it|that)\s+(?:is|was)|visit\w*)\s+(?:the\s+|a\s+|an\s+)?[\"“‘'”’]?\s*massacres?\b|"
    r"[\"“‘']\s*(?:a\s+|the\s+)?massacres?\s*[.!]?[\"”’']|"
    r"\b(?:many|several|numerous|countless|repeated|multiple)\s+massacres\b",
    re.I,
)
_MASSACRE_NOUN = re.compile(r"\bmassacres?\b(?!d)", re.I)


def is_labelled_massacre(sentence: str) -> bool:
    """The sentence puts the word "massacre" on an event (condemns it, quotes it, speaks of massacres
    in general) without reporting one: no toll, and no other word of harm than the label."""
    if not (_LABEL.search(sentence) and _MASSACRE_NOUN.search(sentence)):
        return False
    # "condemned the massacre of 40 farmers": a count of its victims makes it a report
    return not any(
        re.search(r"\bmassacres?\s+of\s+(?:\S+\s+){0,2}$", sentence[: h.start])
        for h in find_numbers(sentence)
    )


# a body that is looking into reports asserts nothing yet: "UNAMA is reviewing reports of civilian
# casualties from alleged airstrikes in other parts of the country"
_REVIEW = re.compile(
    r"\b(?:is|are|was|were)\s+(?:currently\s+|still\s+|now\s+)?(?:reviewing|investigating|examining|"
    r"looking into|assessing|verifying|checking)\s+(?:the\s+)?(?:reports|claims|allegations|accounts)\b",
    re.I,
)


def is_under_review(sentence: str) -> bool:
    """The sentence says reports are being looked into, not that anything happened."""
    return bool(_REVIEW.search(sentence))


# a toll that has not happened: "thousands will be killed if the offensive goes ahead", "could kill hundreds"
_FUTURE_TOLL = re.compile(
    r"\b(?:will|would|could|(?-i:may)|might|(?:is|are) likely to|(?:is|are) expected to)\s+"
    r"(?:\w+\s+)?(?:be\s+)?(?:killed|die|kill|perish|lose their lives)\b",
    re.I,
)


def is_forecast_toll(sentence: str) -> bool:
    """Every toll word of the sentence is a forecast or a warning, and no harm is told as done."""
    if not _FUTURE_TOLL.search(sentence):
        return False
    rest = _FUTURE_TOLL.sub(" ", sentence)
    return not _HAPPENED.search(rest)

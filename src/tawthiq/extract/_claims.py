"""Report text → claims: the extraction pipeline, sentence by sentence, English and Arabic.

In: a report's text, its publication date, optionally its title. Out: :class:`tawthiq.entities.Claim`
values with span, quote, kind, event type, places, time, tolls, victims, perpetrators, attribution,
certainty, method and confidence. Never: touches a database, a file or the clock; the same input
always gives the same claims.

Steps: split sentences (syntok); type each sentence by its strongest asserted trigger (._events);
split a sentence that gives separate tolls for separate places ("6 in alSha'ar and 4 in alFerdaws");
locate it (._places, falling back on the report's main place); date it (._time, relative to the
dateline or publication date); attribute it (._attribution, carrying "it said" over from the sentence
before). Then merge restatements: a headline that restates a body claim, and a body sentence that
restates, in the report's own voice, an event another sentence gives with its source.

Arabic (issue 16): the language is decided per sentence by script; Arabic sentences go to
:mod:`._arabic` (same Claim values, spans into the same text), the rest to the English rules above,
and both go through the same merge. A report with no English line outside its header skips the
English rules entirely.
"""

from __future__ import annotations

import heapq
import re
from datetime import date, timedelta

from tawthiq.entities import Claim, Count, PlaceRef, TimeBasis, TimeSpan
from tawthiq.errors import InputError
from tawthiq.extract._arabic import arabic_claims, arabic_sentences
from tawthiq.extract._arabic_time import find_dateline_ar
from tawthiq.extract._attribution import (
    canonical_party,
    find_attribution,
    find_certainty,
    named_later,
    quote_closers,
)
from tawthiq.extract._events import EventHit, find_events, find_kind, find_perpetrators, find_victims
from tawthiq.extract._filter import keep_claims
from tawthiq.extract._modality import (
    is_clutter,
    is_forecast_toll,
    is_labelled_massacre,
    is_unasserted,
    is_under_review,
    is_war_total,
)
from tawthiq.extract._numbers import find_numbers
from tawthiq.extract._places import (
    BYLINE,
    CITY,
    NOT_ALEPPO,
    dateline_en,
    is_name_tail,
    is_passing,
    sentence_places,
)
from tawthiq.extract._restate import drop_bare_retellings, merge_restatements
from tawthiq.extract._sentences import split_sentences, unwrap
from tawthiq.extract._target import retype_by_lede_target
from tawthiq.extract._time import find_dateline, resolve_time, told_time
from tawthiq.extract._tolls import find_tolls
from tawthiq.extract._wars import war_period
from tawthiq.gazetteer import Gazetteer, load_gazetteer
from tawthiq.text.arabic import arabic_share, is_arabic_mojibake, is_visual_order
from tawthiq.text.arabic import fold as fold_ar
from tawthiq.text.bidi import strip_bidi, without_bidi
from tawthiq.text.language import latin_language

__all__ = ["MAX_CHARS", "extract_claims", "latin_share", "reads_language"]

MAX_CHARS = (
    20_000_000  # as ingest's 20 MB file limit: a longer text is not one report (refused, naming the field)
)
_HARM = ("attack", "killing", "other")
# types that kill nobody by themselves: a death toll beside one of these is told of some other harm
_NO_DEATHS = ("displacement.forced", "evacuation", "territory.change")
_BOILER = re.compile(
    r"^(?:image credit|join our|thank you for|please refresh|read more|share this|follow us|"
    r"sign up|subscribe|advertisement|copyright|©)",
    re.I,
)
_VERIFY = re.compile(
    r"\b(?:could not|cannot|can't|was unable to|were unable to|has not been able to|have not been able to)\s+"
    r"(?:be\s+)?(?:independently\s+)?(?:verif|confirm)",
    re.I,
)
_NUMBERS_DOUBTED = re.compile(
    r"\b(?:number of (?:casualties|dead|deaths|victims)|casualty (?:figures|tolls?)|death tolls|"
    r"the (?:figures|tolls))\b",
    re.I,
)
_QUOTE_TRIM = " \t\n-–—:|"
_KILLED = re.compile(
    r"\b(?:killed|killing|died|dead|deaths|death toll|toll|lost their lives|loss of\b[^.;]{0,40}?\blives|"
    r"number (?:of )?(?:dead|deaths)|"
    # the dead found, counted or recovered, and the verbs of dying (docs/extraction.md, "The dead found and
    # counted"): "the monitors counted 92 bodies", "4-5 charred corpses were found", "the remains of 12
    # people", "the number of victims has risen to 281", "40 people perished"
    r"bodies|corpses|remains of|number of (?:the )?(?:victims|fatalities)|fatalities|perished)\b",
    re.I,
)
# letters are counted by deleting what is not one (twice as fast as findall's list of one-letter strings)
_NOT_LETTER = re.compile(r"[\W\d_]+")
_NOT_LATIN = re.compile(r"[^A-Za-z]+")


def _count(rx: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the negated class ``rx`` leaves."""
    return len(rx.sub("", text))


_REFERENT = (
    r"(?:attacks?|strikes?|raids?|bombings?|shelling|assaults?|explosions?|blasts?|killings?|executions?)"
)
_ANAPHORA = re.compile(
    rf"^\s*(?:The|These|Those|Both|All)\s+(?:\w+\s+)?{_REFERENT}\b|^\s*(?:It|They) (?:killed|left|wounded)|"
    rf"\b(?:the|these) {_REFERENT} (?:took place|happened|occurred|were carried out|was carried out)\b"
)
# "URL: ...", "DATE: ...", "SAME_EVENT_GROUP: ..." lines at the top: metadata, not sentences
_HEADER_BLOCK = re.compile(r"\A\ufeff?(?:[A-Z][A-Z0-9_-]{1,30}[ \t]*:[^\n]*\n)+")
_SAME_ATTACK = re.compile(
    r"\b(?:in|during|by|from|after)\s+(?:the|this|that|a similar|the same|another|a second)\s+(?:\w+\s+)?"
    r"(?:attack|strike|raid|bombing|shelling|bombardment|assault)s?\b",
    re.I,
)
_DATE_STAMP = re.compile(r"\s*date\s+(?:19|20)\d\d-[01]\d-[0-3]\d\s+")


def _stamp_end(text: str, start: int, end: int) -> int:
    m = _DATE_STAMP.match(text, start, end)
    return m.end() if m else start


_WHERE = re.compile(r"\b(?:took place|happened|occurred|carried out) in\b")
_GROUP = re.compile(
    # "6 civilians in X and 4 in Y", "14 were killed in X, 12 in Y, another six in Z"
    r"(?P<num>\b(?:(?:another|a further)\s+)?(?:\d[\d,]*|[a-z]+(?:-[a-z]+)?)\s+"
    r"(?:(?:civilians?|people|persons?|children|women|men)\s+)?"
    r"(?:(?:were|have been|had been)\s+)?(?:(?:killed|died)\s+)?"
    r"in\s+(?:the\s+(?:province|city|town|village)\s+of\s+)?)(?P<place>[^\s,;.][^,;.]{1,40}?)(?=,|;|\.|\s+and\b|$)",
    re.I,
)


def latin_share(text: str) -> float:
    """Share of letters that are Latin script (Arabic-only text gives 0.0)."""
    sample = text[:20000]
    letters = _count(_NOT_LETTER, sample)
    return _count(_NOT_LATIN, sample) / letters if letters else 0.0


# "the deaths of more than 60 army defectors and at least 48 civilians": two tolls of two victim groups,
# fighters and civilians, never one sum (annotation.md: one claim per group)
_COUNTED = (
    r"(?:(?:at least|more than|over|about|around|some|nearly|almost|up to|as many as)\s+)?"
    r"(?:\d[\d,]*|[a-z]+(?:-[a-z]+)?)"
)
_FIGHTERS = (
    r"soldiers|fighters|defectors|militants|rebels|troops|gunmen|policemen|police officers|militiamen|"
    r"servicemen|insurgents|jihadists|combatants|members of (?:the )?(?:security|armed|government) forces"
)
_CIVILIANS = r"civilians|children|women|residents|people|villagers|patients"
_TWO_GROUPS = re.compile(
    rf"\b(?P<first>{_COUNTED}\s+(?:[\w'’-]+\s+){{0,3}}?(?P<g1>{_FIGHTERS}|{_CIVILIANS}))\b,?\s+and\s+"
    rf"(?P<second>{_COUNTED}\s+(?:[\w'’-]+\s+){{0,3}}?(?P<g2>{_FIGHTERS}|{_CIVILIANS}))\b",
    re.I,
)
_FIGHTER_WORD = re.compile(rf"^(?:{_FIGHTERS})$", re.I)
_FIGHTER_ANY = re.compile(rf"\b(?:{_FIGHTERS})\b", re.I)


def _victim_groups(sentence: str) -> list[tuple[int, int, str | None]] | None:
    """One segment per victim group when a toll counts fighters and civilians apart, else None.

    Only a death toll whose verb comes first ("killed 20 soldiers and 14 civilians", "the deaths of 60
    defectors and 48 civilians"): "its 250,000 residents and around 8,000 fighters ... under siege"
    counts nobody dead."""
    if not _FIGHTER_ANY.search(sentence):
        return None
    for m in _TWO_GROUPS.finditer(sentence):
        if bool(_FIGHTER_WORD.match(m.group("g1"))) == bool(_FIGHTER_WORD.match(m.group("g2"))):
            continue  # "4 nurses and 7 patients", "12 women and 5 children": one toll, summed
        first, second = find_numbers(m.group("first")), find_numbers(m.group("second"))
        if not (first and second):
            continue
        toll = find_tolls(sentence[: m.end("first")])[0]
        if toll is None or toll != first[0].count:
            continue
        return [(0, m.end("first"), None), (m.start("second"), len(sentence), None)]
    return None


# one source's second figure: "as many as 230 or even 520", "120, or possibly 150"
_OR_EVEN = re.compile(
    r"(?P<n>\d[\d,]*)\s*,?\s+or\s+(?:even|possibly|perhaps|maybe|as many as)\s+(?P<m>\d[\d,]*)\b", re.I
)


def _alternative_toll(seg: str, toll: Count | None) -> Count | None:
    """The second figure of "N or even M" as a toll of its own, with the first figure's qualifier."""
    m = _OR_EVEN.search(seg) if toll is not None else None
    if m is None or toll is None:
        return None
    first, second = int(m.group("n").replace(",", "")), int(m.group("m").replace(",", ""))
    if first not in (toll.low, toll.high) or second <= first:
        return None
    if toll.qualifier in ("exact", "about"):
        return Count(low=second, high=second, qualifier=toll.qualifier)
    if toll.qualifier == "up_to":
        return Count(low=None, high=second, qualifier="up_to")
    return Count(low=second, high=None, qualifier=toll.qualifier)


def _segments(sentence: str, gaz: Gazetteer, ctx: tuple[str, ...]) -> list[tuple[int, int, str | None]]:
    """Split "killing 6 civilians in X and 4 civilians in Y" into one segment per toll and place, and
    "killing 20 soldiers and 14 civilians" into one per victim group.

    Returns (start, end, place text) triples; place text None means "the whole sentence's places".
    """
    groups = []
    for m in _GROUP.finditer(sentence):
        if find_numbers(m.group("num")) and sentence_places("in " + m.group("place"), gaz, ctx):
            groups.append(m)
    if len(groups) < 2:
        return _victim_groups(sentence) or [(0, len(sentence), None)]
    segs = [(0, groups[0].end(), groups[0].group("place"))]
    for g in groups[1:-1]:
        segs.append((g.start(), g.end(), g.group("place")))
    segs.append((groups[-1].start(), len(sentence), groups[-1].group("place")))
    return segs


# the report's own outlet: its header ("OUTLET: Enab Baladi (English)"), else a dateline's agency
# ("Aleppo, SANA – Eight people were killed")
_OUTLET_LINE = re.compile(r"^(?:OUTLET|SOURCE)[ \t]*:[ \t]*(\S[^\n]*)$", re.M)
_AGENCY_DATELINE = re.compile(r"^\s*[A-Z][\w' -]{1,30},\s+([A-Z]{2,10})\s+[-–—]\s", re.M)


# an outlet reposting an organisation's statement ("Iraq Business News (reposting UN Human Rights Office
# statement)", "Syrians for Truth and Justice (STJ), via docslib"): what the text says in its own voice
# is the organisation's (annotation.md, "Self-publishing organisations")
_REPOST = re.compile(
    r"\brepost(?:ing|ed)?\s+(?:of\s+)?(?:an?\s+|the\s+)?(?P<org>[^();,]+?)(?:['’]s)?"
    r"(?:\s+(?:statement|press release|report|bulletin|communiqu[eé]|appeal|update)s?)?\s*(?:\)|$)",
    re.I,
)
_VIA = re.compile(r"^(?P<org>[^(,;]+?)(?:\s*\([^)]*\))?,?\s+via\s+\S", re.I)
_BODY_WORD = re.compile(
    r"\b(?:rights|justice|observatory|network|committee|commission|council|ministry|office|defen[cs]e|"
    r"army|military|police|UN|United Nations|UNICEF|WHO|MSF|Amnesty|Watch|Red Cross|Red Crescent|mission|"
    r"directorate|government|coalition|institute|helmets|doctors|m[ée]decins)\b",
    re.I,
)
_MEDIA_WORD = re.compile(
    r"\b(?:news|TV|television|radio|press|times|post|blog|live ?blog|media|RT|AFP|Reuters|AP|BBC|CNN|"
    r"Al Jazeera|newspaper|magazine|channel)\b",
    re.I,
)


def _reposted_party(outlet: str | None) -> str | None:
    """The organisation whose statement the report's outlet reposts, or None (a wire or a channel
    reposted is the report's own voice: its sources speak, as for any news report)."""
    if not outlet:
        return None
    m = _REPOST.search(outlet) or _VIA.match(outlet)
    if m is None:
        return None
    org = m.group("org").strip()
    if not _BODY_WORD.search(org) or _MEDIA_WORD.search(org):
        return None
    party = canonical_party(re.sub(r"\s*\([^)]*\)", "", org))
    return party


def _outlet(header: str, text: str, given: str | None = None) -> str | None:
    m = _OUTLET_LINE.search(header)
    if m is None and given:
        return given
    m = m or _AGENCY_DATELINE.search(text[len(header) : len(header) + 1500])
    return m.group(1) if m else None


def _main_place(title: str | None, text: str, gaz: Gazetteer) -> tuple[tuple[str, ...], PlaceRef | None]:
    block = _HEADER_BLOCK.match(text)
    body = text[block.end() :] if block else text  # "OUTLET: The Boston Globe" is not where it happened
    body = unwrap(body)  # "the Bustan\nal-Qasr neighbourhood": a wrapped line's place is one name
    head = (title or "") + "\n" + body[:800]
    # the dateline ("ALEPPO, Syria (AP) —", "KYIV (Reuters) -") is where the report was filed: the
    # report's place only when its title and lede name no other (_places.dateline_en)
    datelines = [
        (ln.start() + d[0], ln.start() + d[1])
        for ln in re.finditer(r"(?m)^[^\n]+", head)
        if (d := dateline_en(ln.group()))
    ][:2]
    # a byline ("By Sarah Jones in Beirut") names where the reporter is, never where it happened
    bylines = [(ln.start(), ln.end()) for ln in re.finditer(r"(?m)^[^\n]+", head) if BYLINE.match(ln.group())]
    # (a town that is only the tail of a longer name, "Mosul al Jadida", is not the report's place)
    every = [m for m in gaz.match(head) if not is_name_tail(head, m)]
    on_dateline = [m for m in every if m.place.id != "SY" and any(a <= m.start < b for a, b in datelines)]
    matches = [
        m
        for m in every
        if m.place.id != "SY" and not (m.place.id.startswith("world:") and m.surface.isupper())
    ]
    ctx = tuple(
        dict.fromkeys(m.place.id for m in matches if m.place.kind in ("town", "governorate", "district"))
    )
    if CITY in ctx or any(gaz.contains(CITY, m.place.id) for m in matches):
        ctx = (CITY, *ctx)
    event = [
        m
        for m in matches
        if not any(a <= m.start < b for a, b in datelines)
        and not is_passing(head, m.start, m.end)  # "a London-based monitor", "fled to Lebanon"
        and not any(a <= m.start < b for a, b in bylines)
    ]
    if not any(m.place.kind in ("town", "governorate") for m in event):
        event += on_dateline
    main = None
    for m in event:
        if m.place.kind in ("town", "governorate"):
            main = gaz.to_ref(m.place, m.place.name_en)
            if m.place.id not in ctx:
                ctx = (*ctx, m.place.id)  # a dateline abroad ("KYIV (Reuters) -")
            break
    return ctx, main


def _countries(places: tuple[PlaceRef, ...], gaz: Gazetteer) -> tuple[PlaceRef, ...]:
    """The country of the first gazetteer place, as the place of a war-long total."""
    for p in places:
        if p.place_id:
            for a in [gaz.get(p.place_id), *gaz.ancestors(p.place_id)]:
                if a.kind == "country":
                    return (gaz.to_ref(a, a.name_en),)
    return ()


def _country_ids(places: tuple[PlaceRef, ...], gaz: Gazetteer) -> tuple[str, ...]:
    """The gazetteer ids of the countries ``places`` lie in (a country is its own), in order."""
    out: list[str] = []
    for p in places:
        if p.place_id:
            for a in [gaz.get(p.place_id), *gaz.ancestors(p.place_id)]:
                if a.kind == "country" and a.id not in out:
                    out.append(a.id)
    return tuple(out)


def _named(sentence: str, gaz: Gazetteer) -> tuple[PlaceRef, ...]:
    """Every gazetteer place the sentence names, possessives included ("in Gaza's war")."""
    return tuple(gaz.to_ref(m.place, m.place.name_en) for m in gaz.match(_POSSESSIVE.sub(" ", sentence)))


def _named_country(sentence: str, gaz: Gazetteer) -> tuple[PlaceRef, ...]:
    """A country named in the sentence, possessives included ("in Syria's 16-month-old revolt")."""
    for m in gaz.match(_POSSESSIVE.sub(" ", sentence)):
        if m.place.kind == "country":
            return (gaz.to_ref(m.place, m.place.name_en),)
    return ()


_POSSESSIVE = re.compile(r"['’]s\b")


def _confidence(places: tuple[PlaceRef, ...], tolls: bool, party: str | None, strength: int) -> float:
    c = 0.4 + 0.05 * min(strength, 8) / 2
    c += 0.1 if any(p.lat is not None for p in places) else 0.0
    c += 0.1 if tolls else 0.0
    c += 0.05 if party else 0.0
    return round(min(c, 0.95), 2)


def extract_claims(
    text: str, published: date | None, title: str | None = None, *, outlet: str | None = None
) -> list[Claim]:
    """Claims in one English or Arabic (or mixed) report, in reading order (pure: no I/O, no clock).

    ``published`` anchors relative time ("late on Monday"); None when the report has no known date:
    then only dates that carry their year resolve, and every other claim has unknown time (never
    the machine's clock). ``title``, when the text starts with it, marks the headline so that it
    does not duplicate the lede. A header block of ``KEY: value`` lines at the top (``URL:``,
    ``DATE:``…) is not read as sentences. English candidates of the rules pass the claim filter
    (:mod:`._filter`, trained on our tune-side annotations) when its parameters ship. ``outlet``: the
    report's outlet when the text has lost its ``OUTLET:`` header (a stored report's source label): its
    own correspondents speak in the report's voice, and "X (reposting Y statement)" makes Y the party of
    what the text says in its own voice.

    Bidi controls (RLM, LRM, RLE …: ``text.bidi.BIDI_CONTROLS``) never change what is read: the rules
    read a copy without them, and each claim's span and quote are the text's as given
    (``text[start:end] == quote``, the marks inside a quote kept). With a mark before every 2nd word,
    97 of the 108 annotated corpus texts gave other claims before (``benchmarks/bidi_invariance.py``).
    """
    if not isinstance(text, str):
        return rule_claims(text, published, title, filtered=True, outlet=outlet)  # its error
    plain = without_bidi(text)
    claims = rule_claims(plain.text, published, title, filtered=True, outlet=outlet)
    if plain.offsets is None:
        return claims
    out = []
    for c in claims:
        start, end = plain.span(*c.span)
        out.append(c.model_copy(update={"span": (start, end), "quote": text[start:end]}))
    return out


def rule_claims(
    text: str,
    published: date | None,
    title: str | None = None,
    *,
    filtered: bool = False,
    outlet: str | None = None,
) -> list[Claim]:
    """Claims in one English or Arabic (or mixed) report, in reading order (pure: no I/O, no clock).

    ``published`` anchors relative time ("late on Monday"); None when the report has no known date:
    then only dates that carry their year resolve, and every other claim has unknown time (never
    the machine's clock). ``title``, when the text starts with it, marks the headline so that it
    does not duplicate the lede. A header block of ``KEY: value`` lines at the top (``URL:``,
    ``DATE:``…) is not read as sentences.
    """
    if not isinstance(text, str):
        raise InputError(f"report text must be a string, not {type(text).__name__}", field="text")
    if published is not None and not isinstance(published, date):
        raise InputError(
            f"published must be a date or None, not {type(published).__name__}", field="published"
        )
    if len(text) > MAX_CHARS:
        raise InputError(
            f"report is {len(text):,} characters; the limit for one report is {MAX_CHARS:,}", field="text"
        )
    if is_arabic_mojibake(text):
        raise InputError(
            "the text is Arabic in windows-1256 read as Latin-1 ('ÞÊá' for 'قتل'); decode it as "
            "windows-1256 (tawthiq extract and ingest detect it from the file's bytes)",
            field="text",
        )
    if not text.strip() or not reads_language(text):
        return []
    ar_spans = arabic_sentences(text) if arabic_share(text) > 0 else []
    if ar_spans and is_visual_order(text):
        raise InputError(
            "the Arabic text runs backwards (visual order, as some PDF extraction leaves it: 'هللا' "
            "for 'الله'); extract the text again in logical order",
            field="text",
        )
    # a title's bidi marks (an RLM copied from an Arabic page) never decide what is the headline: the
    # title is compared without them, and so is the text it is matched against (_is_title)
    title = strip_bidi(title) if title else title
    # the Arabic rules keep the title as given (their headline test is their own: _arabic_title_end)
    ar_title = title
    if title is not None and _reads_as_lede(title):
        title = None  # a first line that is a whole sentence of the body is the lede, not a headline
    gaz = load_gazetteer()
    anchor = (
        (find_dateline(text, published) or (ar_spans and find_dateline_ar(text, published)) or published)
        if published
        else None
    )
    english = not ar_spans or _has_english(text)
    ctx, main = _main_place(title, text, gaz) if english else ((), None)
    if any(c.startswith("world:") for c in ctx) and not _ALEPPO.search(text):
        # the report opens on a town outside Syria and never names Aleppo: no street of Aleppo is meant
        ctx = (*ctx, NOT_ALEPPO)
    head = _HEADER_BLOCK.match(text)
    # the report's outlet: its header's, else the one the caller knows (a workspace's stored report has
    # lost its header: its source label), else an agency dateline's
    outlet = _outlet(text[: head.end()] if head else "", text, outlet)
    spans = [sp for sp in split_sentences(text) if sp[0] >= (head.end() if head else 0)] if english else []
    # a page's date stamp before the lede (" date 2024-06-10 Sudan's ministry ... on Saturday") is when
    # the page was dated, not when the event was: the sentence starts after it
    spans = [(_stamp_end(text, a, b), b) for a, b in spans]
    spans = [(a, b) for a, b in spans if a < b]
    ar_spans = [sp for sp in ar_spans if sp[0] >= (head.end() if head else 0)]
    title_end = -1
    if spans:
        first = text[spans[0][0] : spans[0][1]]
        own_line = text[spans[0][1] : spans[0][1] + 2].startswith("\n") and not first.rstrip().endswith(".")
        if (title is None and own_line) or (title and _is_title(first, title)):
            title_end = spans[0][1]
    pieces = [_two_sources(text, sp) for sp in spans]
    seconds = {p[1] for p in pieces if len(p) == 2}  # the second source's account of one sentence
    first_of = {p[1]: p[0] for p in pieces if len(p) == 2}
    spans = [piece for p in pieces for piece in p]
    closer = quote_closers(text, spans)  # a quotation of several sentences, its speaker after the last
    last_events: list[EventHit] = []
    claims: list[tuple[Claim, bool]] = []
    previous_party: str | None = None
    party_of: dict[tuple[int, int], str | None] = {}  # the party of each piece read
    named_parties: list[str] = []
    last_places: tuple[PlaceRef, ...] = ()
    lede: list[tuple[int, str]] | None = None  # the manners of harm the report leads with, found when needed
    # a claim whose sentence names no time: the day of the last dated claim of its paragraph (_undated)
    para_time: TimeSpan | None = None
    undated: dict[tuple[int, int], TimeSpan | None] = {}  # (None: no day in its paragraph)
    # a follow-up report's event day: the first day its sentences tell before the report's own
    # ("stormed the facility on Saturday"), lent to claims that name no day (_event_day)
    event_day: TimeSpan | None = None
    prev_end = 0
    for s, e in spans:
        raw = text[s:e]
        # a hard-wrapped wire copy ("A senior official at the Houthi-run\nYemeni Health Ministry said"):
        # the rules read the sentence as one line; quotes and spans come from the text as written
        sentence = raw.replace("\r", " ").replace("\n", " ")
        if s > title_end and _is_title(sentence, title) and claims and any(t for _, t in claims):
            continue  # the headline printed again further down the page: read once
        if _BOILER.match(sentence.strip()) or len(sentence) < 12 or arabic_share(sentence) >= 0.5:
            continue  # (an Arabic sentence is read by the Arabic rules below)
        if is_clutter(sentence):
            continue
        party = find_attribution(sentence, previous_party, tuple(named_parties), outlet)
        if party is None and (s, e) in closer:
            # '"Twelve were killed in the strike. We are still digging," said a civil defence spokesman.':
            # the first sentences of a quotation are the speaker's named after its last
            c_s, c_e = closer[(s, e)]
            party = find_attribution(
                text[c_s:c_e].replace("\n", " "), previous_party, tuple(named_parties), outlet
            )
        if party is None and (s, e) in first_of:
            # "..., the statement noted, adding that 100 people were killed since Monday, while five
            # hospitals were hit by airstrikes": the second clause of a sentence cut in two is still the
            # speaker's when it names nobody of its own
            party = party_of.get(first_of[(s, e)])
        party_of[(s, e)] = party
        if party:
            previous_party = party
            if party not in named_parties:
                named_parties.append(party)
        events = find_events(sentence)
        if not events and (s, e) in seconds:
            events = last_events  # ", while the Institute said 296 were killed": the same attacks
        last_events = events
        war_long = is_war_total(sentence)
        if war_long and not find_tolls(sentence)[0]:
            continue  # "the war has displaced millions": background, no toll to record
        if is_unasserted(sentence) and not find_tolls(sentence)[0]:
            continue  # an appeal, a need, a vow or a forecast: not a claim (CLAIMS.md)
        if is_forecast_toll(sentence):
            continue  # "thousands will be killed if ...": a warning's toll has not happened
        if (
            events
            and all(h.event_type == "killing.execution" for h in events)
            and is_labelled_massacre(sentence)
            and not find_tolls(sentence)[0]
        ):
            continue  # "condemned the massacre", '"This is a massacre."': a label, not a report
        if is_under_review(sentence) and not find_tolls(sentence)[0]:
            continue  # "UNAMA is reviewing reports of casualties": nothing asserted yet
        if not events and claims and _VERIFY.search(sentence):
            # "The reports could not be independently verified." hedges the claim before it
            prev, was_title = claims[-1]
            claims[-1] = (prev.model_copy(update={"certainty": find_certainty(sentence)}), was_title)
            if _NUMBERS_DOUBTED.search(sentence):
                # "... could not verify the number of casualties": every toll just told of that event
                k = len(claims) - 2
                while (
                    k >= 0
                    and claims[k][0].fatalities is not None
                    and not claims[k][1]
                    and _contains(claims[k][0], prev)  # the same event's tolls, not another town's
                ):
                    claims[k] = (claims[k][0].model_copy(update={"certainty": "unconfirmed"}), False)
                    k -= 1
            continue
        if (
            not events
            and e > title_end
            and not _ANAPHORA.search(sentence)
            and _KILLED.search(sentence)
            and find_tolls(sentence)[0]
        ):
            # "More than 320 civilians have been killed in eastern Aleppo since ...": a toll with no
            # manner of death is still a claim; its type is "other" rather than a guessed attack, unless
            # it points back to the attack just told ("killed during the attack", "in a similar strike")
            # or when it names no place of its own beyond the claim before (the other tolls of one
            # strike: "Step News put the toll at 25", "the Observatory said 30 died")
            back = "other"
            follow_up = None
            if claims:
                prev = claims[-1][0]
                if _SAME_ATTACK.search(sentence) or (
                    prev.kind == "incident"
                    and find_kind(sentence, "other") == "incident"
                    and _within(sentence_places(sentence, gaz, ctx), prev)
                ):
                    back = prev.event_type
                    follow_up = prev if back.split(".")[0] in ("attack", "killing") else None
                    if follow_up is not None and _folds_into(sentence, text, s, claims[-1], party, gaz, ctx):
                        # "Air force dropped barrels on al-Sakhour. At least five civilians were killed
                        # during the attack.": the toll of the attack just told, one claim over two
                        # sentences (annotation.md: the span is at most two sentences)
                        fat, inj = find_tolls(sentence)
                        claims[-1] = (_with_toll(prev, text, e, sentence, fat, inj), False)
                        continue
            if back == "other" and not war_long:
                # "Forty people have died in the town since the offensive began": a toll with no manner of
                # its own is of the harm the report leads with (the scorer pairs by event family, and an
                # `other` claim pairs with nothing); a war-long total stays `other` (annotation.md)
                if lede is None:
                    lede = _lede_types(text, spans)
                back = next((t for end, t in lede if end <= s), "other")
            events = [EventHit(back if back.split(".")[0] in ("attack", "killing") else "other", 0, 0, 1)]
        else:
            follow_up = None
        if not events:
            # "The attacks ... killed at least nine civilians": the toll of the claim just before
            if claims and _ANAPHORA.search(sentence):
                prev, was_title = claims[-1]
                fat, inj = find_tolls(sentence)
                more = _WHERE.search(sentence) and sentence_places(sentence, gaz, ctx)
                if more and not was_title and not any(p.precision == "neighbourhood" for p in prev.places):
                    # "The killings took place in Bustan al-Qasr and al-Ferdous": where the claim before was
                    refs = tuple(p.ref for p in more)
                    refs += tuple(p for p in prev.places if p.place_id not in {r.place_id for r in refs})
                    prev = prev.model_copy(update={"places": refs})
                    claims[-1] = (prev, was_title)
                if (fat or inj) and not was_title:
                    claims[-1] = (_with_toll(prev, text, e, sentence, prev.fatalities or fat, inj), was_title)
            elif claims and _OTHERS_HURT.search(sentence):
                # "Twenty-five others were wounded.": the injured of the toll just told, not a sentence
                # of its own (a new toll, or a claim that already has its injured, is left alone)
                prev, was_title = claims[-1]
                fat, inj = find_tolls(sentence)
                if inj and not fat and prev.injured is None and prev.fatalities and not was_title:
                    claims[-1] = (_with_toll(prev, text, e, sentence, prev.fatalities, inj), was_title)
            continue
        places = sentence_places(sentence, gaz, ctx)
        for a, b, place_text in _segments(sentence, gaz, ctx):
            seg = sentence[a:b]
            seg_places = places if place_text is None else sentence_places("in " + place_text, gaz, ctx)
            tolls = find_tolls(seg if a == 0 else "killing " + _ANOTHER.sub("", seg, count=1))
            seg_events = events if place_text is None else (find_events(seg) or events)
            if tolls[0] or tolls[1]:
                harm = [h for h in seg_events if h.event_type.split(".")[0] in _HARM]
                if not harm and tolls[0] and all(h.event_type in _NO_DEATHS for h in seg_events):
                    # "6,660 killed ... and two million displaced": the dead are not a displacement;
                    # a death toll with no manner of death is `other`
                    harm = [EventHit("other", 0, 0, 1)]
                seg_events = harm or seg_events
            best = seg_events[0]
            if best.event_type == "other" and not war_long and _NO_MANNER.match(sentence, best.start):
                # "There was a strong explosion in the ward": an explosion names no manner either; it is
                # of the harm the report leads with (a landmine or an IED keeps its own type, `other`)
                if lede is None:
                    lede = _lede_types(text, spans)
                # (a bare "bombing" that kills is an attack from afar: shelling when the lede names none)
                bare = "attack.shelling" if _BOMBING.search(sentence, best.start, best.end) else "other"
                kind_of = next((t for end, t in lede if end <= s), bare)
                best = EventHit(kind_of, best.start, best.end, best.strength)
            refs = tuple(p.ref for p in seg_places)
            if not refs and war_long:
                # a war-long total is about the country, not the town the sentence before was about:
                # the country the sentence names ("in Syria's revolt"), else the country of the places
                # told before
                refs = _named_country(seg, gaz) or _countries(last_places or ((main,) if main else ()), gaz)
            elif not refs:
                # the previous sentence's places, less its neighbourhoods (a new sentence that names
                # none has usually moved on from that street), else the title's main place
                carried = tuple(p for p in last_places if p.precision != "neighbourhood")
                refs = carried if carried and s > title_end else ((main,) if main else ())
            else:
                # a destination ("fled to Lebanon") is this claim's place, not where the report goes on
                last_places = tuple(p.ref for p in seg_places if not p.passing) or last_places
            told = told_time(sentence, anchor) if anchor is not None else None
            if a > 0:
                when = resolve_time(seg, anchor)
            elif told is not None:
                when = told
            else:  # (the anchor day, or without an anchor what a date with its year fixes)
                when = (
                    resolve_time(sentence, None)
                    if anchor is None
                    else TimeSpan(start=anchor, end=anchor, precision="day")
                )
            if "\n\n" in text[prev_end:s]:
                para_time = None  # a blank line: a new paragraph, whose dates are its own
            prev_end = e
            if told is not None and when.start is not None and when.precision == "day":
                para_time = when  # a day (or a night) is lent, never a span ("since 10 May")
                if event_day is None and anchor is not None and _event_day(when, anchor):
                    event_day = when
            if anchor and when.start == anchor and when.end == anchor and (a > 0 or (s, e) in seconds):
                # a piece that names no day of its own: the day of its sentence, or of the first
                # source's account ("..., while the civil defence put the toll at 14")
                when = resolve_time(sentence, anchor) if a > 0 else claims[-1][0].time if claims else when
            if follow_up is not None and when.start == anchor and when.precision == "day":
                when = follow_up.time  # another toll of the strike just told, on that strike's day
            if war_long and when.start == anchor:
                # a war-long total is never dated on the report's day: from the start of the war its
                # country was in (_wars), else unknown
                countries = _country_ids(refs, gaz) or _country_ids(_named(seg, gaz), gaz)
                when = war_period(seg, countries, anchor) or TimeSpan()
            undated_as = (
                (para_time,)
                if anchor is not None
                and told is None
                and when == TimeSpan(start=anchor, end=anchor, precision="day")
                else None
            )
            perps = tuple(p for p in find_perpetrators(seg) if not (party and p.lower() in party.lower()))
            basis: TimeBasis = "sentence"  # (or what a date with its year fixes, without an anchor)
            if anchor is not None and when == TimeSpan(start=anchor, end=anchor, precision="day"):
                basis = "report" if told is None or told.start != anchor else "sentence"
            elif anchor is not None and told is None and not war_long:
                basis = "paragraph"  # the day of the first source's account, or of the strike just told
            claim = Claim(
                kind="tally" if war_long else find_kind(seg, best.event_type),
                event_type=best.event_type,
                quote=raw[a:b].lstrip(_QUOTE_TRIM).rstrip(),
                span=(
                    s + a + (len(seg) - len(seg.lstrip(_QUOTE_TRIM))),
                    s + b - (len(seg) - len(seg.rstrip())),
                ),
                places=refs,
                time=when,
                fatalities=tolls[0],
                injured=tolls[1],
                victims=find_victims(seg),
                perpetrators=perps,
                attributed_to=party,
                certainty=find_certainty(sentence),
                method="rules",
                confidence=_confidence(refs, bool(tolls[0] or tolls[1]), party, best.strength),
                time_basis=basis,
            )
            claims.append((claim, e <= title_end or _is_title(sentence, title)))
            alternative = _alternative_toll(seg, tolls[0])
            if alternative is not None:
                # "as many as 230 or even 520": one source's two figures are two claims (annotation.md)
                claims.append((claim.model_copy(update={"fatalities": alternative}), claims[-1][1]))
            if undated_as is not None:
                undated[claim.span] = undated_as[0]
    out = drop_bare_retellings(merge_restatements(_merge(claims, anchor), anchor, title_end), anchor)
    if out:
        # a report that leads with a strike on a hospital: that strike told again by its weapon (_target)
        lede = _lede_types(text, spans) if lede is None else lede
        out = retype_by_lede_target(out, lede[0][1] if lede else None)
    if len(named_parties) > 1:
        # "a monitor saying at least 17 civilians had been killed", the monitor named only further down
        # (after the merges, which keep a described party's account apart from the named one's)
        later: dict[str | None, str | None] = {p: named_later(p, tuple(named_parties)) for p in named_parties}
        out = [
            c.model_copy(update={"attributed_to": later[c.attributed_to]})
            if later.get(c.attributed_to)
            else c
            for c in out
        ]
    reposted = _reposted_party(outlet)
    if reposted:
        out = [c if c.attributed_to else c.model_copy(update={"attributed_to": reposted}) for c in out]
    if undated and anchor is not None:
        # after the merges, which compare days and treat the anchor day as "no day named"
        day = TimeSpan(start=anchor, end=anchor, precision="day")
        out = [
            c.model_copy(update={"time": lent, "time_basis": _lent_basis(undated[c.span], lent, day)})
            if c.span in undated
            and c.time == day
            and (lent := _undated(anchor, undated[c.span], event_day)) is not None
            else c
            for c in out
        ]
    if filtered:
        out = keep_claims(out, len(text))
    if ar_spans:  # (an Arabic header value, such as OUTLET: in Arabic, is not a sentence)
        items = arabic_claims(
            text, ar_spans, anchor, gaz, ar_title, _arabic_title_end(text, ar_spans, ar_title)
        )
        # a headline still flagged is one merge_restatements_ar found restated in the body (its places
        # may only hold the body's: "ريف إدلب" around "بلدة كفرنبل"): the body claim stands for it
        items = [(c, False) for c, is_title in items if not is_title]
        # Arabic monitors' country-wide tallies (SNHR's monthly toll "في سوريا") are claims of their own
        # (the Arabic rules merge their own restatements: _arabic.merge_restatements_ar)
        out = sorted(
            out + _merge(items, anchor, keep_country_tallies=True, twins=False), key=lambda c: c.span
        )
    return out


def reads_language(text: str) -> bool:
    """Does :func:`extract_claims` read this text's language (English or Arabic script)?

    >>> reads_language("Twelve civilians were killed."), reads_language("قتل 12 مدنيا")
    (True, True)
    >>> reads_language("Погибли двенадцать мирных жителей.")
    False
    """
    sample = text[:20000]
    letters = _count(_NOT_LETTER, sample)
    if not letters:
        return False
    latin = _count(_NOT_LATIN, sample) / letters  # latin_share(sample)
    if latin >= 0.5:
        # the Arabic term adds a share >= 0: an English report needs no Arabic count; a Latin script
        # is read only when it is English (French, Spanish … are not: text.language)
        return latin_language(sample) == "en"
    return (latin + arabic_share(sample) * _arabic_of_letters(sample, letters)) >= 0.5


def _arabic_of_letters(sample: str, letters: int) -> float:
    # arabic_share is relative to Arabic+Latin letters; scale it back to all letters
    known = _count(_NOT_LATIN, sample) + _count(_NOT_ARABIC, sample)
    return known / letters if letters else 0.0


_NOT_ARABIC = re.compile(r"[^\u0621-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefc]+")
_HEADER_LINE = re.compile(r"^[A-Z][A-Z_ ]{1,30}:\s")


def _has_english(text: str) -> bool:
    """Any line outside the header block in Latin script (a mixed report)? Decides whether to run
    the English rules at all on an Arabic report."""
    return any(
        latin_share(line) >= 0.5 and _count(_NOT_LATIN, line) >= 12
        for line in text.splitlines()
        if line.strip() and not _HEADER_LINE.match(line)
    )


def _arabic_title_end(text: str, spans: list[tuple[int, int]], title: str | None) -> int:
    """End of the Arabic headline: the first Arabic sentence when it is the title, or stands on its
    own line without a final full stop near the top."""
    a, b = spans[0]
    first = text[a:b].strip()
    if title is not None:
        return b if fold_ar(first) == fold_ar(re.sub(r"^TITLE:\s*", "", title).strip()) else -1
    own_line = text[b : b + 2].startswith("\n") and not first.endswith((".", "。"))
    return b if own_line and a < 1500 else -1


_ALEPPO = re.compile(r"aleppo|halab", re.I)
_ANOTHER = re.compile(r"^\s*(?:another|a further)\s+", re.I)
# ", while Y said ...", "; Y put the toll at ...": a second source giving its own account in one sentence
# ", and activists said", ", and the ministry reported": a second speaker's own clause
_AND_SPEAKER = re.compile(
    r",\s+and\s+(?=(?:the\s+|a\s+|an\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,4}?\s+(?:said|says|reported|told|added)\b)"
)
_WHILE = re.compile(r"(?:,|;)\s+(?:while|whereas|but)\s+|;\s+(?=[A-Z])")


def _two_sources(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """One sentence in which two sources each give an account ("X put the toll at 17, while Y said
    21") as two pieces, each with its own source; any other sentence as it is."""
    s, e = span
    if e - s > 1500:
        return [span]  # a run-on "sentence" of a whole page: never searched pairwise (linear time)
    sentence = text[s:e]
    for m in _AND_SPEAKER.finditer(sentence):
        # "The Observatory said 9 were killed, and activists said at least 15 died": two accounts
        first, second = sentence[: m.start()], sentence[m.end() :]
        one, two = find_attribution(first), find_attribution(second)
        if one is not None and two is not None and one != two and find_tolls(second)[0]:
            return [(s, s + m.start()), (s + m.end(), e)]
    for m in _WHILE.finditer(sentence):
        first, second = sentence[: m.start()], sentence[m.end() :]
        if (
            find_attribution(second) is not None
            and find_attribution(first) is not None
            and (find_tolls(first)[0] or find_tolls(second)[0])
        ):
            return [(s, s + m.start()), (s + m.end(), e)]
        ev1, ev2 = find_events(first), find_events(second)
        if (
            m.group(0).strip(" ,;").startswith("while")
            and ev2
            and (ev1 or _KILLED.search(first))
            and find_tolls(first)[0]
            and {h.event_type for h in ev1} != {h.event_type for h in ev2}
        ):
            # "... 100 people were killed since Monday, while five hospitals were hit by airstrikes":
            # two events, each told in its own clause
            return [(s, s + m.start()), (s + m.end(), e)]
    return [span]


# the wounded of the toll just told: "25 others had been injured", "dozens more were wounded"
_OTHERS_HURT = re.compile(
    r"\b(?:others|more|other people)\s+(?:[\w-]+\s+){0,2}?(?:were|have been|had been|are|was)\s+"
    r"(?:also\s+)?(?:wounded|injured|hurt)\b",
    re.I,
)
_NO_MANNER = re.compile(r"explo|(?:killed|died|dead|wounded|injured|bombing)\b", re.I)
_BOMBING = re.compile(r"\bbombings?\b", re.I)


def _lede_types(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """The manner of harm the report leads with: (end, type) of the first attack or killing word of
    each of its headline and first two sentences. A toll that names no manner of its own, told after
    one of them, takes the first."""
    out = []
    told: set[str] = set()
    read = []
    for a, b in spans:
        line = text[a:b].replace("\n", " ").strip()
        # page furniture before the lede (a date line, the headline printed again, a byline) is no sentence
        # of the report's: the lede is the headline and the first two sentences with words
        if line in told or len(_NOT_LETTER.sub("", line)) < 12 or is_clutter(line):
            continue
        told.add(line)
        read.append((a, b))
        if len(read) == 3:
            break
    for a, b in read:
        for h in find_events(text[a:b].replace("\n", " ")):
            if h.event_type.split(".")[0] in ("attack", "killing"):
                out.append((b, h.event_type))
                break
    return out


_LEDE_END = re.compile(r"(?<!\.)\.[\"'”’)]*\s*$")


def _reads_as_lede(title: str) -> bool:
    """Is this "title" a sentence of the body rather than a headline? Readers take a plain text's first
    line as its title (``ingest._plain.first_line_title``); on pages with no headline that line is the
    lede ("Preliminary findings indicate that 12 civilians were killed …, UNAMA said on Tuesday."), and
    read as a headline its claim gave way to a body claim that restates less. Headlines do not end
    with a full stop; a sentence of a dozen words or more that does is the lede."""
    return bool(_LEDE_END.search(title)) and len(title.split()) >= 12


# the attack just told, by a definite reference ("during the attack", "in this strike"); "in a similar
# strike", "in another attack" are other attacks
_THIS_ATTACK = re.compile(
    r"\b(?:in|during|by|from|after)\s+(?:the|this|that|the same)\s+(?:\w+\s+)?"
    r"(?:attack|strike|raid|bombing|shelling|bombardment|assault)s?\b",
    re.I,
)


def _folds_into(
    sentence: str,
    text: str,
    start: int,
    last: tuple[Claim, bool],
    party: str | None,
    gaz: Gazetteer,
    ctx: tuple[str, ...],
) -> bool:
    """Is this toll sentence the toll of the claim just before it, to be read as one claim with it?
    The claim before gave no toll, is no headline, ends where this sentence starts; this sentence
    names the attack by a definite reference, no other source and no place of its own beyond it."""
    prev, was_title = last
    return (
        not was_title
        and prev.fatalities is None
        and not text[prev.span[1] : start].strip(" \t\r\n\"”’'")
        and bool(_THIS_ATTACK.search(sentence))
        and (party is None or party == prev.attributed_to)
        and _within(sentence_places(sentence, gaz, ctx), prev)
    )


def _with_toll(
    prev: Claim, text: str, end: int, sentence: str, fatalities: Count | None, injured: Count | None
) -> Claim:
    """The claim before, stretched over the sentence that gives its toll (it ends at ``end``): that
    toll, the injured it lacked, the victims the sentence names, and its quote and span to the end."""
    return prev.model_copy(
        update={
            "fatalities": fatalities,
            "injured": prev.injured or injured,
            "quote": text[prev.span[0] : end].strip(),
            "span": (prev.span[0], end),
            "victims": tuple(dict.fromkeys(prev.victims + find_victims(sentence))),
        }
    )


def _is_title(sentence: str, title: str | None) -> bool:
    """Is this sentence the report's title again (as corpus pages print it twice or three times)?"""
    if not title:
        return False
    said = re.sub(r"^TITLE:\s*", "", strip_bidi(sentence)).strip()  # marks: see rule_claims
    return said == _DATE_STAMP.sub("", title, count=1).strip()


def _within(found: list, prev: Claim) -> bool:
    """Does a sentence with these gazetteer matches stay where the claim before was?"""
    ids = {p.place_id for p in prev.places}
    return all(m.ref.place_id in ids for m in found)


def _place_key(c: Claim) -> str:
    return (c.places[0].place_id or c.places[0].name.lower()) if c.places else ""


def _contains(a: Claim, b: Claim) -> bool:
    """Do a's places cover b's (same first place, or a's places include b's Aleppo city)?"""
    if not a.places or not b.places:
        return True
    ids_a = {p.place_id or p.name.lower() for p in a.places}
    ids_b = {p.place_id or p.name.lower() for p in b.places}
    return bool(ids_a & ids_b)


def _undated(anchor: date, para_time: TimeSpan | None, event_day: TimeSpan | None = None) -> TimeSpan:
    """The time of a claim whose sentence names none: the day of the last dated claim of its
    paragraph ("On Sunday, helicopters dropped barrel bombs on Saraqib ... In Maarat al-Numan, shelling
    killed four children"), else the anchor day. Chosen on the tune side (extraction date accuracy
    0.834 -> 0.847). A window of the anchor day and the day before scored higher (0.871 with the
    paragraph's day) but corroboration adds its own day of reporting lag around it and joined events
    two days apart (docs/extraction.md, "Dates round": tried and held back). With no day in its
    paragraph, a follow-up report's event day (:func:`_event_day`), else the anchor day."""
    if para_time is not None:
        return para_time
    return event_day or TimeSpan(start=anchor, end=anchor, precision="day")


def _lent_basis(para_time: TimeSpan | None, lent: TimeSpan, day: TimeSpan) -> TimeBasis:
    """How :func:`_undated` found a claim's day: its paragraph's, the report's event day, or none."""
    if lent == day:
        return "report"
    return "paragraph" if para_time is not None else "context"


# How far before its report's day a follow-up report's event day may lie (_event_day)
_FOLLOW_UP_DAYS = 7


def _event_day(when: TimeSpan, anchor: date) -> bool:
    """A day a sentence tells that a follow-up report may be about: a day (or a night) before the
    report's own, in the week before it ("the attack on Friday", "the massacre on 25 May"). A claim
    of the report that names no day, and whose paragraph names none, takes the first such day: a
    report that tells a massacre "on Friday" and then "the bodies were buried" tells Friday's dead,
    not the day it was written (the date scorer's gold). The claim says so (``time_basis`` "context"):
    corroboration reads such a day as loosely as a report's own day."""
    if when.start is None or when.precision != "day":
        return False
    return timedelta(0) < anchor - when.start <= timedelta(days=_FOLLOW_UP_DAYS)


def _dated_past_toll(c: Claim) -> bool:
    """An event over a year before the report, told with its day and its toll ("On 21 August 2013 a
    chemical attack killed 1,400 people in the Ghouta"), is a claim of the report (annotation.md:
    background is a claim when it states a toll with a time and place); a past year or month with
    no toll stays background."""
    return c.time.precision in ("day", "days") and c.fatalities is not None


def _merge(
    items: list[tuple[Claim, bool]],
    anchor: date | None,
    *,
    keep_country_tallies: bool = False,
    twins: bool = True,
) -> list[Claim]:
    body = [c for c, is_title in items if not is_title]
    out: list[Claim] = []
    # a headline restating a body claim of the same family is the body claim
    for c, is_title in items:
        if is_title and any(b.event_type == c.event_type and _contains(c, b) for b in body):
            continue
        total = c.kind == "tally" and c.fatalities is not None  # a war-long toll is kept, as a tally
        if (
            anchor
            and c.time.start
            and c.time.start < anchor - timedelta(days=365)
            and not total
            and not _dated_past_toll(c)
        ):
            continue  # background ("fighting erupted in 2012"), not a claim about this report's events
        if (
            c.places
            and all(p.precision == "country" for p in c.places)
            and not total
            and not (keep_country_tallies and c.kind == "tally")
        ):
            continue  # "attacks using chlorine in Syria": country-wide background
        out.append(c)
    # a sentence in the report's own voice restating an event another sentence gives with its source:
    # the twin is the first earlier claim with the same type, place, day, kind and certainty, not both
    # with a toll, and not attributed to two different parties. Claims are bucketed by those keys and,
    # in a bucket, by (has a toll, party), each class a heap of positions, so that finding the twin
    # costs the number of classes, not the number of claims (issue 15: a 1 MB report took minutes).
    if not twins:
        return out
    merged: list[Claim] = []
    buckets: dict[tuple, dict[tuple[bool, str | None], list[int]]] = {}
    for c in out:
        key = (c.event_type, _place_key(c), c.time.start, c.kind, c.certainty)
        classes = buckets.setdefault(key, {})
        best: tuple[bool, str | None] | None = None
        for cls, heap in classes.items():
            has_toll, party = cls
            if not heap or (has_toll and c.fatalities):
                continue
            if party is not None and c.attributed_to is not None and party != c.attributed_to:
                continue
            if best is None or heap[0] < classes[best][0]:
                best = cls
        if best is None:
            heapq.heappush(classes.setdefault((bool(c.fatalities), c.attributed_to), []), len(merged))
            merged.append(c)
            continue
        pos = heapq.heappop(classes[best])
        twin = merged[pos]
        richer = (
            c
            if (c.fatalities and not twin.fatalities) or (c.attributed_to and not twin.attributed_to)
            else twin
        )
        merged[pos] = richer
        heapq.heappush(classes.setdefault((bool(richer.fatalities), richer.attributed_to), []), pos)
    return sorted(merged, key=lambda c: c.span)

"""Arabic sentences → claims: the Arabic half of :func:`tawthiq.extract.extract_claims`.

In: a report's text (all of it, so spans index it), the spans of its Arabic sentences, the anchor
date, the gazetteer. Out: ``(Claim, is_title)`` pairs, the same :class:`~tawthiq.entities.Claim`
values the English rules give (the front door merges headline restatements for both). Places are
named as written, in Arabic, with the gazetteer's one identity and coordinate; known parties carry
the canonical name the English rules give them (:mod:`._arabic_parties`); numbers are integers.
Never: I/O; never matches on the raw text: every rule runs on the folded text
(:mod:`tawthiq.text.arabic`: no diacritics or tatweel, one alef, ه for ة, ASCII digits) and maps
its spans back.

Rules, as for English: trigger families for the DESIGN.md taxonomy (غارة، براميل متفجرة، قصف
مدفعي، قذائف، غاز الكلور، إعدام، اعتقال، حصار، إجلاء …), tolls (:mod:`._arabic_numbers`), time
(:mod:`._arabic_time`), attribution by reporting verb (قال، أفاد، ذكر، أعلن، أكد، أوضح، وثق، رصد;
بحسب، حسب، وفق، وفقا لـ، نقلا عن) and certainty by hedge (أنباء عن، لم يتسن التحقق، يزعم، مزاعم;
نفى، لا صحة → denied).

The parts, each a private module: :mod:`._arabic_lexicon` (pattern helpers), :mod:`._arabic_events`
(triggers, kind, victims, perpetrators), :mod:`._arabic_attribution` (speaker and certainty),
:mod:`._arabic_places`, :mod:`._arabic_war` (tolls of a whole war), :mod:`._arabic_merge` (one claim
per assertion), :mod:`._arabic_numbers`, :mod:`._arabic_time`, :mod:`._arabic_parties`. This module
cuts sentences and clauses and assembles the claims.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

from tawthiq.entities import Claim, Count, PlaceRef, TimeSpan
from tawthiq.extract._arabic_attribution import _VERIFY, WHO_HEDGE, find_attribution_ar, find_certainty_ar
from tawthiq.extract._arabic_events import (
    _AN_ATTACK,
    _COMBATANTS,
    _DETAIL,
    _KILL_WORD,
    _NONCOMBATANTS,
    _NOT_AN_EVENT,
    _Hit,
    _kind,
    _perpetrators,
    _victims,
    find_events_ar,
)
from tawthiq.extract._arabic_lexicon import _L, _R, DYING_IMPERFECT, _rx, alternation
from tawthiq.extract._arabic_merge import _inside, _place_key, merge_restatements_ar
from tawthiq.extract._arabic_numbers import find_tolls_ar
from tawthiq.extract._arabic_parties import arabic_party, is_agency
from tawthiq.extract._arabic_places import _places, carried_ar, main_place_ar
from tawthiq.extract._arabic_time import explicit_time_ar, resolve_time_ar
from tawthiq.extract._arabic_war import (
    _COUNTRY_RX,
    _MONTH_NUMBER,
    _MONTH_OF_YEAR,
    _WAR_LONG,
    _WAR_SINCE_YEAR,
    _WAR_START,
    _war_places,
)
from tawthiq.gazetteer import Gazetteer
from tawthiq.text.arabic import arabic_share, fold_arabic

__all__ = ["arabic_claims", "arabic_sentences", "find_attribution_ar", "find_certainty_ar", "find_events_ar"]

_ASIDE = re.compile(r"\([^()]{12,}\)")

# ------------------------------------------------------------------------------------- sentences
_END = re.compile(r"(?<=[.!?؟…])[\"'”»)]*\s+")
# a "KEY: value" header line (URL:, OUTLET:, TITLE: …): never a sentence, even with an Arabic slug
_HEADER = re.compile(r"^[A-Z][A-Z_ ]{1,30}:\s")
# an elision in brackets, "(...)" or "[…]", ends no sentence
_ELISION = re.compile(r"[(\[]\s*(?:\.{2,}|…)\s*[)\]]?\s+$")


def arabic_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` whose letters are mostly Arabic (a line break ends one)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        if not line.strip() or arabic_share(line) == 0.0 or _HEADER.match(line):
            continue
        s = 0
        for m in _END.finditer(line):
            if _ELISION.search(line, max(0, m.start() - 8), m.end()):
                continue  # "انفجرت سيارة مفخخة في حي الزهراء (...) وتسببت بسقوط": words left out
            spans.append((start + s, start + m.start()))
            s = m.end()
        spans.append((start + s, start + len(line)))
    out = []
    for a, b in spans:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        a, b = a + lead, a + len(seg.rstrip())
        if b - a >= 2 and arabic_share(text[a:b]) >= 0.5:
            out.append((a, b))
    return out


# ------------------------------------------------------------------------------------- claims
_QUOTE_TRIM = " \t-–—:|\"'«»“”"


def _confidence(places, tolls: bool, party: str | None, strength: int) -> float:
    c = 0.4 + 0.05 * min(strength, 8) / 2
    c += 0.1 if any(p.lat is not None for p in places) else 0.0
    c += 0.1 if tolls else 0.0
    c += 0.05 if party else 0.0
    return round(min(c, 0.95), 2)


# a run-on sentence of a monitor's bulletin: "…، في حين وثق المرصد 23 شهيدا …" is two claims
_CLAUSE = _rx(r"[،,]\s*(?=(?:في حين|بينما|فيما|كذلك|كما|حيث|وسط|ليرتفع|ومن بين)\s)|؛\s*")


def _clauses(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str | None, int]]:
    """Clauses (start, end, the whole sentence's party, the sentence's start) of the sentences
    ``spans``. The party is "" when a clause denies what its sentence's party says (no party to
    share), None when the sentence names none by itself (the caller may know it from before)."""
    out: list[tuple[int, int, str | None, int]] = []
    for a, b in spans:
        sentence = text[a:b]
        f = fold_arabic(sentence)
        cuts = [m.start() for m in _CLAUSE.finditer(f.text)]
        if not cuts:
            out.append((a, b, None, a))
            continue
        party = find_attribution_ar(f, sentence, None)
        bounds = [0] + [f.span(c, c + 1)[0] for c in cuts] + [len(sentence)]
        for x, y in pairwise(bounds):
            piece = fold_arabic(sentence[x:y])
            if (
                find_certainty_ar(piece.text) == "denied"
                and find_attribution_ar(piece, sentence[x:y]) == party
            ):
                # "قتل 12 …، فيما نفت موسكو ذلك": the denier speaks for its own clause, not the sentence
                party = ""
                break
        for x, y in pairwise(bounds):
            seg = text[a + x : a + y]
            lead = len(seg) - len(seg.lstrip(" ،,؛"))
            if y - x - lead > 3:
                out.append((a + x + lead, a + y, party, a))
    return out


def _title_line_end(text: str, spans: list[tuple[int, int]], title: str) -> int:
    """End of the headline when it stands on its own line near the top as several sentences
    ("مجزرة في السوق… الطيران يقصف بلدة تلدو"), else -1."""
    want = fold_arabic(re.sub(r"^TITLE:\s*", "", title)).text.strip()
    a = spans[0][0]
    if a > 1500:
        return -1
    line_end = text.find("\n", a)
    line_end = len(text) if line_end < 0 else line_end
    return line_end if fold_arabic(text[a:line_end]).text.strip() == want else -1


def _document_type(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The attack the headline and lede name (the manner of a toll that names none)."""
    for a, b in spans[:3]:
        for h in find_events_ar(fold_arabic(text[a:b]).text):
            if h.event_type.startswith("attack."):
                return h.event_type
    return None


# a count of some of the dead just told: "(من) بين الضحايا/القتلى …" (named before the number), and
# "الـ5 المتبقين" (the rest of those counted before)
_AMONG = _rx(rf"{_L}(?:و)?(?:من )?بين (?:ال)?(?:ضحايا|قتلى|شهداء|جرحى|مصابين){_R}")
_REST = _rx(rf"{_L}(?:ال)?(?:ـ\s*)?\d+\s+(?:ال)?(?:متبقين|متبقون|باقين|باقون){_R}")


def _part_of_before(s: str) -> bool:
    """Does the sentence count a part of the dead told before? "ومن بين القتلى 15 شخصا" does (the
    part named before any number); a total followed by its parts ("قتل 10 بينهم 3 أطفال") does not."""
    if _REST.search(s):
        return True
    m = _AMONG.search(s)
    digit = re.search(r"\d", s)
    return m is not None and (digit is None or m.start() < digit.start())


def _within(refs: tuple[PlaceRef, ...], before: Claim) -> bool:
    """Are all the places ``refs`` among the places of the claim ``before``, or inside one of them (a
    town the gazetteer puts in the governorate of the toll before: "إدلب" then "بلدة معرشورين")?"""
    keys = {_place_key(p) for p in before.places}
    return all(_place_key(p) in keys or _inside(p, before.places) for p in refs)


def _claim(text, a, b, s, f, kind, best, refs, when, fat, inj, speaker, party=None) -> Claim:
    """The :class:`Claim` of the clause ``text[a:b]`` (folded ``s``/``f``), its quote trimmed."""
    sentence = text[a:b]
    lead = len(sentence) - len(sentence.lstrip(_QUOTE_TRIM))
    tail = len(sentence) - len(sentence.rstrip(_QUOTE_TRIM + "."))
    return Claim(
        kind=kind,
        event_type=best.event_type,
        quote=sentence[lead : len(sentence) - tail] if tail else sentence[lead:],
        span=(a + lead, b - tail),
        places=refs,
        time=when,
        fatalities=fat,
        injured=inj,
        victims=_victims(s),
        perpetrators=_perpetrators(s, f, sentence, a),
        attributed_to=speaker,
        certainty=find_certainty_ar(s),
        method="rules",
        confidence=_confidence(refs, bool(fat or inj), party, best.strength),
    )


# PDF text layers often write the allah ligature backwards inside text in logical order ("عبد هللا"):
# read as "الله" (same length, so spans stay), while the quote keeps what the report says
_ALLAH_REVERSED = "هللا"


def arabic_claims(
    text: str,
    spans: list[tuple[int, int]],
    anchor: date | None,
    gaz: Gazetteer,
    title: str | None,
    title_end: int,
) -> list[tuple[Claim, bool]]:
    """Claims of the Arabic sentences ``spans`` of ``text``, with whether each is the headline's.

    A name with the allah ligature reversed ("عبد هللا", issue 16 Bad input) is read, named and
    matched as "عبد الله"; each claim's quote is still the report's own text at its span."""
    if _ALLAH_REVERSED not in text:
        return _arabic_claims(text, spans, anchor, gaz, title, title_end)
    read = text.replace(_ALLAH_REVERSED, "الله")
    title = title.replace(_ALLAH_REVERSED, "الله") if title else title
    return [
        (c.model_copy(update={"quote": text[c.span[0] : c.span[1]]}), head)
        for c, head in _arabic_claims(read, spans, anchor, gaz, title, title_end)
    ]


def _arabic_claims(
    text: str,
    spans: list[tuple[int, int]],
    anchor: date | None,
    gaz: Gazetteer,
    title: str | None,
    title_end: int,
) -> list[tuple[Claim, bool]]:
    ctx, main = main_place_ar(title, text, gaz)
    if title_end < 0 and title and spans:
        title_end = _title_line_end(text, spans, title)
    doc_type = _document_type(text, spans)
    syrian = main is None or main.place_id is None or not main.place_id.startswith("world:")
    out: list[tuple[Claim, bool]] = []
    previous_party: str | None = None
    last_places: tuple[PlaceRef, ...] = ()
    last_type: tuple[int, str] | None = None
    last_time: TimeSpan | None = None
    prev_end = 0  # end of the clause before, to see a blank line between
    last_tally_time: TimeSpan | None = None
    seen: set[str] = set()
    seen_parties: list[tuple[str, str]] = []
    last_claim_n = -2
    undated: set[tuple[int, int]] = set()  # sentences with no time of their own, none carried
    quote_party: str | None = None  # the speaker a sentence ending in a colon introduces
    in_quote = False  # inside the quotation that followed that colon
    lead_party: tuple[int, str | None] = (-1, None)  # the party of a sentence's first clause
    first_party: str | None = None  # the first party the body names
    for n, (a, b, sentence_party, sentence_start) in enumerate(_clauses(text, spans)):
        sentence = text[a:b]
        if "\n\n" in text[prev_end:a]:
            # a new paragraph: an incident's day is told within its paragraph (as the English rules:
            # ``_claims._undated``); a tally's period runs through a monthly report's breakdown
            last_time = None
        prev_end = b
        f = fold_arabic(sentence)
        s = f.text
        if s.strip() in seen:
            continue  # the headline printed again as the first line of the body
        seen.add(s.strip())
        party = find_attribution_ar(f, sentence, previous_party, seen_parties) or sentence_party
        if a == sentence_start:
            lead_party = (sentence_start, party)
        elif party is None and sentence_party is None and lead_party[0] == sentence_start:
            # "وأكدت الشبكة أن القوات قتلت 13 مدنياً، فيما قضى أربعة مدنيين …": the speaker its first
            # clause names through the party before (الشبكة, المرصد, وأضاف) speaks for the whole sentence
            party = lead_party[1]
        party = party or None
        if party is None and (tail := _BRACKETED_SOURCE.search(sentence)) and not is_agency(tail.group(1)):
            # "12 قتيلا بغارات على سراقب (المرصد)": the source named in brackets at the end of a line
            party = arabic_party(tail.group(1))
        if party is None and quote_party and (in_quote or _OPENS_QUOTE.match(sentence)):
            party = quote_party  # "وقال مدير المستشفى:" then the quotation on its own line: his words
        quote_party, in_quote = _quotation(sentence, party, quote_party, in_quote)
        if party:
            previous_party = party
            if first_party is None and a > title_end:
                first_party = party
        # a bracketed aside ("(116 مدنياً، و9 مقاتلين أثناء المواجهات)") details the toll; it never types it
        events = find_events_ar(_ASIDE.sub(lambda m: " " * len(m.group(0)), s))
        fat, inj = find_tolls_ar(s)
        if (fat or inj) and _FORECAST_TOLL.search(s):
            # "حذرت من أن آلاف المدنيين قد يقتلون إذا …": a toll that may come is no toll (CLAIMS.md:
            # forecasts are not claims), unless the sentence also tells one that came
            fat, inj = find_tolls_ar(_FORECAST_TOLL.sub(lambda m: " " * len(m.group(0)), s))
        if (
            events
            and last_type
            and n - last_type[0] <= 2
            and last_type[1].startswith("attack.")
            # the same speaker goes on (another speaker's account is another claim, CLAIMS.md)
            and out
            and out[-1][0].attributed_to == party
            and all(
                h.event_type == "attack.shelling" and _BARE_BOMBARDMENT.fullmatch(s[h.start : h.end])
                for h in events
            )
        ):
            # "وأوضح مدير المرصد أن القصف أدى إلى مقتل 12" after "غارات جوية على سراقب": the bombardment
            # with no weapon of its own is the attack just told (one assertion, CLAIMS.md), not shelling
            events = [_Hit(last_type[1], h.start, h.end, h.strength) for h in events[:1]]
        if fat and not events:
            # "طالب المرصد بوقف القصف الذي أوقع 15 قتيلا"، "دعت إلى وقف الغارات التي أودت بحياة 20": the
            # attack a demand asks to stop is the manner of the toll it tells (it was "other")
            events = find_events_ar(_ASIDE.sub(lambda m: " " * len(m.group(0)), s), demanded=True)[:1]
        if (not events and (fat or inj) and _KILL_WORD.search(s)) or (not events and fat):
            # a toll with no weapon named: the manner of the claim just before, else the headline's
            etype = last_type[1] if last_type and n - last_type[0] <= 2 else doc_type or "other"
            if _AN_ATTACK.search(s):
                etype = "attack.ground"  # "في هجوم شنته قوات …"، "أحرق الجيش القرية": no weapon named
            events = [_Hit(etype, 0, 0, 1)]
            if _ESCALATION.search(s) and not _AN_ATTACK.search(s):
                # annotation.md: the toll of an escalation with no means named is other (strength 3: not
                # the manner of the headline either)
                events = [_Hit("other", 0, 0, 3)]
        wounded_only = not events and inj is not None and fat is None
        if wounded_only and out and last_claim_n == n - 1 and out[-1][0].injured is None:
            # "وأضافوا أن 20 آخرين أصيبوا بجروح": the wounded of the claim just told
            out[-1] = (out[-1][0].model_copy(update={"injured": inj}), out[-1][1])
            continue
        if not events:
            if (
                _VERIFY.search(WHO_HEDGE.sub(" ", s))
                and out
                and last_claim_n >= n - 1
                and out[-1][0].certainty == "reported"
            ):
                # "…، فيما لم يتسن التحقق من الحصيلة" / a next sentence saying the same: the claim before
                out[-1] = (out[-1][0].model_copy(update={"certainty": "unconfirmed"}), out[-1][1])
            continue
        torture = _torture_toll(s, fat)
        if torture is not None and torture[2] == fat:
            # "توفي 3 معتقلين تحت التعذيب": deaths under torture in custody are executions (annotation.md),
            # whatever place of detention the sentence names
            events = [_Hit("killing.execution", torture[0], torture[1], 8)]
            torture = None
        if fat or inj:
            harm = [h for h in events if h.event_type.split(".")[0] in ("attack", "killing", "other")]
            events = harm or events
        best = events[0]
        if (
            not (fat or inj)
            and all(h.event_type == "killing.execution" and h.strength == 2 for h in events)
            and not _BLAME.search(s)
        ):
            continue  # "ضحايا مجزرة السوق"، "أكدت الوزارة أن المجزرة سبقها تحذير": told before
        if not (fat or inj) and all(_RELATIVE.search(s[max(0, h.start - 30) : h.start]) for h in events):
            continue  # "ضيق الحي الذي استهدفه القصف": a place described by the attack told before
        if not (fat or inj) and (_NOT_AN_EVENT.search(s) or _DETAIL.match(s)):
            continue  # habit ("كثيرا ما تقصف …"), a description ("ووصفت المنظمة الهجوم بالوحشي")
        war = _WAR_LONG.search(s)
        if war is None and (not syrian or any(rx.search(s) for _, rx in _COUNTRY_RX)):
            war = _WAR_SINCE_YEAR.search(s)  # a war abroad, dated by its year
        if war:
            if fat is None:
                continue  # "تشهد سوريا منذ 2011 نزاعاً …" with no toll: background
            # a war-long toll: a tally of all causes in the country, dated from its period, never on
            # the report's day, and not the place or time of the sentences after it
            # the war in Syria is dated from the first protests, 15 March 2011 (the annotators' and
            # the monitors' convention), whether the text says "منذ 2011" or "منذ بداية الثورة"
            where = _war_places(text, a, b, f, gaz, ctx, main, syrian)
            in_syria = where[0].place_id == "SY" if where else syrian
            since = re.search(r"(?:19|20)\d\d", s[war.start() : war.end() + 30])
            year = int(since.group(0)) if since else (2011 if in_syria else None)
            start = _WAR_START if year == 2011 and in_syria else (date(year, 1, 1) if year else None)
            month = _MONTH_OF_YEAR.search(s[war.start() : war.end() + 30])
            if start is not None and start != _WAR_START and month and int(month.group(2)) == year:
                start = date(year, _MONTH_NUMBER[month.group(1)], 1)  # "منذ منتصف أبريل 2023": its month
            if start is None and not in_syria:
                # "منذ بدء الغزو الروسي في 24 فبراير": the day the sentence names, when before the report
                named = explicit_time_ar(s[war.start() :], anchor)
                if named is not None and named.start is not None and (anchor is None or named.start < anchor):
                    start = named.start
            war_span = TimeSpan(start=start, end=anchor, precision="year")
            hit = _Hit("other", 0, 0, 1)
            claim = _claim(text, a, b, s, f, "tally", hit, where, war_span, fat, inj, party, party)
            out.append((claim, b <= title_end))
            last_claim_n = n
            continue
        refs = tuple(_places(text, a, b, f, gaz, ctx))
        own_place = bool(refs)
        if not refs:
            carried = tuple(p for p in last_places if p.precision != "neighbourhood")
            refs = carried if carried and a > title_end else ((main,) if main else ())
        else:
            if all(p.lat is None and p.precision == "neighbourhood" for p in refs):
                # "في ضاحية جزرة غرب المدينة": a quarter the gazetteer lacks lies in the town the
                # report is about (the town of the sentences before, else the title's)
                town = next((p for p in last_places if p.precision == "town" and p.lat is not None), None)
                town = town or (main if main and main.precision == "town" else None)
                if town is not None:
                    refs = (*refs, town)
            last_places = carried_ar(text, a, b, refs) or last_places  # never a destination
        if fat is not None and out and _part_of_before(s) and (not own_place or _within(refs, out[-1][0])):
            continue  # "بين الضحايا ثلاثة من عائلة"، "الـ5 المتبقين في دوما": a part of the toll before
        country_only = bool(refs) and all(p.precision == "country" for p in refs)
        if best.strength <= 1 and country_only:
            best = _Hit("other", 0, 0, 1)  # a country-wide toll of all causes
        elif best.event_type == "other" and best.strength <= 2 and doc_type and (fat or inj):
            best = _Hit(doc_type, best.start, best.end, best.strength)
        last_type = (n, best.event_type)
        when = explicit_time_ar(s, anchor)
        kind = _kind(s, best.event_type, when)
        if country_only and fat is not None and kind == "incident":
            kind = "tally"  # a country-wide count is never one incident
        if (
            when is None
            and not own_place
            and not (fat or inj)
            and kind == "incident"
            and b > title_end
            # a speaker of its own telling the killing with no number ("وقال الناشط … إن الغارات تسببت
            # بمقتل أعداد كبيرة"): that speaker's claim (CLAIMS.md: another source, another claim), unless
            # it goes on right after a claim or is the voice of the claim before ("وأضافت أن …")
            and not (
                party
                and _KILL_WORD.search(s)
                and last_claim_n < n - 1
                and (not out or out[-1][0].attributed_to != party)
            )
        ):
            continue  # a passing mention (no number, place or time of its own): at most optional
        if when is None and not (fat or inj) and _ONGOING.match(s):
            continue  # "ويستهدف مقاتلو المعارضة الأحياء الغربية بالقذائف": what goes on, no day, no toll
        if when is None and fat is not None and kind == "incident" and _ONGOING.match(s):
            # "فيما تستهدف قوات النظام الأحياء الشرقية بالبراميل التي حصدت آلاف القتلى": the toll of what goes
            # on is summed over its whole time, a tally
            kind = "tally"
        if when is None:
            # no time of its own: the time of the claim it follows (a tally's period for a tally)
            carry = last_tally_time if kind == "tally" else last_time
            when = carry or resolve_time_ar(s, anchor)
            if (
                carry is None
                and anchor is not None
                and when == TimeSpan(start=anchor, end=anchor, precision="day")
            ):
                undated.add((a, b))  # no time word and no claim before it: see _undated
        elif kind == "tally":
            last_tally_time = when
        else:
            last_time = when
        if fat is not None and _COMBATANTS.search(s) and not _NONCOMBATANTS.search(s):
            continue  # "فيما قتل 287 مسلحاً": a toll of fighters only is not harm to civilians (DESIGN.md)
        pieces = _breakdown(s, fat) if fat is not None and inj is None else []
        if pieces:
            # "استشهد 3 مواطنين في بلدة كفربطنا، و2 في مدينة دوما، ومواطن في حرستا": one claim per place
            for fs, fe, count in pieces:
                pa, pb = (a + x for x in f.span(fs, fe))
                pf = fold_arabic(text[pa:pb])
                prefs = tuple(_places(text, pa, pb, pf, gaz, ctx)) or refs
                toll = Count(low=count, high=count, qualifier="exact")
                piece = _claim(text, pa, pb, pf.text, pf, kind, best, prefs, when, toll, None, party, party)
                out.append((piece, b <= title_end))
            last_claim_n = n
            continue
        claim = _claim(text, a, b, s, f, kind, best, refs, when, fat, inj, party, party)
        out.append((claim, b <= title_end))
        if torture is not None:
            # "قتلت 963 شخصا، … و62 شخصا قتلوا بسبب التعذيب": the deaths under torture a breakdown
            # lists are a claim of their own (an execution), the sentence's toll keeps its manner
            ts, te, toll = torture
            pa, pb = (a + x for x in f.span(ts, te))
            pf = fold_arabic(text[pa:pb])
            hit = _Hit("killing.execution", 0, 0, 8)
            prefs = tuple(_places(text, pa, pb, pf, gaz, ctx)) or refs
            piece = _claim(text, pa, pb, pf.text, pf, kind, hit, prefs, when, toll, None, party, party)
            out.append((piece, b <= title_end))
        last_claim_n = n
    merged = merge_restatements_ar(out)
    if first_party and title_end >= 0:
        # a headline claim with no speaker of its own (its figure found nowhere in the body) speaks for the
        # source the body names first, as the annotators read a headline ("20 قتيلا في قصف على إدلب" over
        # "قال المرصد السوري …")
        merged = [
            (c.model_copy(update={"attributed_to": first_party}), head)
            if c.attributed_to is None and c.span[1] <= title_end and not head
            else (c, head)
            for c, head in merged
        ]
    if not undated or anchor is None:
        return merged
    # after the merge, which compares days and reads the anchor day as "no day named"
    today = TimeSpan(start=anchor, end=anchor, precision="day")
    return [
        (c.model_copy(update={"time": _undated(anchor)}), head)
        if c.time == today and any(a <= c.span[0] and c.span[1] <= b for a, b in undated)
        else (c, head)
        for c, head in merged
    ]


# death under, by or from torture: "تحت التعذيب"، "بسبب التعذيب"، "جراء التعذيب"، "نتيجة التعذيب"
_TORTURE = _rx(r"(?<![\u0621-\u064a])(?:تحت|بسبب|جراء|نتيجه|من|اثر|بفعل)\s+(?:ال)?تعذيب(?![\u0621-\u064a])")
_PIECE_END = re.compile(r"[،,؛:]")


def _torture_toll(s: str, fat: Count | None) -> tuple[int, int, Count] | None:
    """(start, end, toll) of the deaths under torture the folded clause ``s`` tells, or None: the part
    of the clause between the punctuation marks around "تحت التعذيب", when it holds a toll of its own."""
    if fat is None:
        return None
    m = _TORTURE.search(s)
    if m is None:
        return None
    start = max((p.end() for p in _PIECE_END.finditer(s, 0, m.start())), default=0)
    end = next((p.start() for p in _PIECE_END.finditer(s, m.end())), len(s))
    toll, _ = find_tolls_ar(s[start:end])
    if toll is None:
        return None
    lead = len(s[start:end]) - len(s[start:end].lstrip(" و"))
    return start + lead, end, toll


def _undated(anchor: date) -> TimeSpan:
    """The time of a claim whose sentence names none, and no claim before it names one: the report's
    day and the day before, precision ``days`` (a report with no time word tells of the day it is
    published or the night before; the report's day alone claimed a precision the text does not
    give). The same language-neutral rule as the English claims' (``_claims._undated``)."""
    return TimeSpan(start=anchor - timedelta(days=1), end=anchor, precision="days")


# a party blaming another (annotation.md: "A party blaming another is its own claim"): "اتهمت الحكومة
# المعارضة بارتكاب المجزرة"، "حمّلت المعارضة النظام مسؤولية المجزرة"، "ألقى باللوم على"
_BLAME = _rx(
    r"(?<![\u0621-\u064a])(?:و|ف)?(?:اتهم|اتهمت|اتهموا|يتهم|تتهم|يتهمون|حمل|حملت|حملوا|يحمل|تحمل|يحملون"
    r"|القى|القت|القوا|يلقي|تلقي)(?![\u0621-\u064a])[^.؛]{0,60}?(?:مسؤوليه|باللوم|بارتكاب|بالمسؤوليه|بتنفيذ)"
)
# an escalation or a campaign as the cause of a toll, with no means named: "جراء التصعيد"، "منذ بدء الحملة
# العسكرية"، "بسبب العمليات العسكرية"
_ESCALATION = _rx(
    r"(?<![\u0621-\u064a])(?:و|ب|ل|ال|بال|لل)?(?:تصعيد|حمله عسكريه|الحمله العسكريه|عمليات عسكريه"
    r"|العمليات العسكريه|العنف|اعمال العنف|اعمال عنف)(?![\u0621-\u064a])"
)
# a verb of dying or wounding that tells what may happen: after قد، سوف، لن، أن (يخشى أن يقتل، يتوقع أن
# يصاب), with the future's س glued on (سيقتل، ستموت), or people "exposed to" death (معرضون للموت)
_FORECAST_TOLL = _rx(
    # "قد يلقى آلاف المدنيين حتفهم": the idiom with its subject between
    rf"{_L}(?:و|ف)?(?:(?:قد|سوف|لن|أن|ان)\s+|س)(?:يلقى|تلقى|يلقون|يلقوا)[^.،؛]{{0,40}}?(?:حتف|مصرع)\S*"
    rf"|{_L}(?:و|ف)?(?:قد|سوف|لن|أن|ان)\s+(?:و|ف)?{alternation(DYING_IMPERFECT)}(?:ه|ها|هم|هما)?{_R}"
    rf"|{_L}(?:و|ف)?س{alternation(DYING_IMPERFECT)}(?:ه|ها|هم|هما)?{_R}"
    r"|(?<![\u0621-\u064a])(?:معرض|مهدد)(?:ون|ين|ة|ات|ان)?\s+(?:لل|بال)(?:موت|قتل|وفاة)(?![\u0621-\u064a])"
)
# a clause that opens on a verb of what goes on (the imperfect): "ويستهدف مقاتلو المعارضة الأحياء الغربية
# بالقذائف"، "وتدور اشتباكات عنيفة"، "وتستقبل المدينة النازحين جراء القصف": with no toll, background
_ONGOING = _rx(
    r"^[\s\"«“]*(?:و|ف)?(?:كما|فيما|بينما|حيث)?\s*(?:و|ف)?"
    r"(?:يستهدف|تستهدف|يقصف|تقصف|تدور|يدور|تتواصل|يتواصل|تستمر|يستمر|تشهد|يشهد|تتعرض|يتعرض|تستقبل|يستقبل"
    r"|يعيش|تعيش|يعاني|تعاني|تتكرر|يتكرر|تتصاعد|يتصاعد)(?![\u0621-\u064a])"
)
# the bombardment named with no weapon: "القصف"، "بالقصف"، "قصفها"
# with the article or a pronoun, pointing back ("قصف لمقاتلي المعارضة" with neither is a new attack)
_BARE_BOMBARDMENT = _rx(r"(?:و|ف)?(?:ب|ل)?(?:القصف|قصفه|قصفها|قصفهم)")
# a relative clause right before a trigger: "الحي الذي استهدفه القصف"، "المنطقة التي تعرضت للقصف"
_RELATIVE = _rx(r"(?<![\u0621-\u064a])(?:الذي|التي|اللذين|اللتين|الذين|اللواتي)\s+(?:\S+\s+)?$")
_BRACKETED_SOURCE = re.compile(r"[(\[]\s*([^()\[\]\d]{2,40}?)\s*[)\]]\s*[.!]?\s*$")
_OPENS_QUOTE = re.compile(r"^\s*[«\"“]")
_QUOTE_MARKS = re.compile(r"[«»\"“”]")


def _quotation(
    sentence: str, party: str | None, quote_party: str | None, in_quote: bool
) -> tuple[str | None, bool]:
    """The speaker a quotation after a colon keeps (``quote_party``) and whether the next sentence is
    still inside it: a sentence ending in ":" introduces its party's words; the quotation that opens
    the next sentence goes on until its closing mark (» ” or the second ")."""
    body = sentence.rstrip()
    if body.endswith(":"):
        return party, False
    if quote_party is None:
        return None, False
    if not (in_quote or _OPENS_QUOTE.match(sentence)):
        return None, False
    marks = _QUOTE_MARKS.findall(sentence)
    opened = (1 if in_quote else 0) + sum(1 for m in marks if m in "«“") - sum(1 for m in marks if m in "»”")
    straight = sum(1 for m in marks if m == '"')
    if straight:
        opened = 0 if (straight + (1 if in_quote else 0)) % 2 == 0 else 1
    return (quote_party, True) if opened > 0 else (None, False)


# a per-place breakdown: "N (noun) في X، وM في Y، ومواطن في Z" (a singular person noun is one)
_PIECE = _rx(
    r"(?:^|(?<=[\s،,]))(?:و\s*)?(?:(\d+)|(مواطن|شخص|طفل|مدني|امرأة|رجل|شاب|سيدة))(?:\s+[^\s،,]+)?\s+في\s"
)


_TIME_UNIT = _rx(
    r"\s*(?:ساعه|ساعات|يوما|يوم|ايام|اسبوع|اسبوعا|اسابيع|شهر|شهرا|اشهر|شهور|دقيقه|دقايق|عاما|سنوات)(?![\u0621-\u064a])"
)


def _breakdown(s: str, fat: Count) -> list[tuple[int, int, int]]:
    """(start, end, count) of each place of a per-place breakdown of the toll ``fat``, or []."""
    # "خلال 24 ساعة في …"، "منذ 3 أيام في …": a length of time is no count of a place
    hits = [m for m in _PIECE.finditer(s) if not _TIME_UNIT.match(s, m.end(1) if m.group(1) else m.end())]
    if len(hits) < 2 or fat.qualifier != "exact" or "بينهم" in s or "منهم" in s:
        return []
    counts = [int(m.group(1)) if m.group(1) else 1 for m in hits]
    if any(
        1900 <= c <= 2099
        and _rx(r"(?:عام|العام|سنة|مطلع|منذ|بداية|أواخر|منتصف)\s*$").search(
            s[max(0, m.start() - 12) : m.start()]
        )
        for c, m in zip(counts, hits, strict=True)
    ):
        return []  # "منذ مطلع 2018 في …": a year, not a count of a place
    if counts[0] != fat.low or any(c <= 0 for c in counts):
        return []
    out = []
    for i, m in enumerate(hits):
        end = hits[i + 1].start() if i + 1 < len(hits) else len(s)
        seg = s[m.start() : end].rstrip(" ،,و")
        out.append((m.start(), m.start() + len(seg), counts[i]))
    return out

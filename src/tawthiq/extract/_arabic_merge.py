"""One claim for one assertion in an Arabic report: headline restatements, twin sentences, the
wounded of the claim before (:func:`merge_restatements_ar`).
"""

from __future__ import annotations

from tawthiq.entities import Claim, Count, PlaceRef
from tawthiq.errors import InputError
from tawthiq.extract._arabic_events import _KILL_WORD
from tawthiq.text.arabic import fold_arabic

__all__ = ["merge_restatements_ar", "merge_twins"]


def _same_count(x: Count | None, y: Count | None) -> bool:
    return x is not None and y is not None and (x.low, x.high) == (y.low, y.high)


def _bare_restatement(x: Claim, y: Claim) -> bool:
    """The later ``y`` tells no number at all, on the day of ``x``: "استهدفت الغارات السوق" after "قتل 12
    مدنياً في الغارات على السوق" is one event told twice (the caller checks manner, kind, place, party).
    A bare account told *before* the toll is kept apart: merging it too cost measure recall."""
    bare = [c for c in (x, y) if c.fatalities is None and c.injured is None]
    if bare != [y] or x.time.start != y.time.start or x.time.start is None:
        return False
    # and names no place the toll claim lacks ("قصف جوي على حي السكري" after "قتل 10 في حلب" is news),
    # but for a town inside the region the toll was told for ("قتل 12 في ريف دمشق" then "القصف طال
    # مدينة دوما"): a region's toll is no incident's locus of its own, the town is where it struck
    keys = {_place_key(p) for p in x.places}
    regions = tuple(q for q in x.places if q.precision in ("governorate", "district"))
    return all(_place_key(p) in keys or _inside(p, regions) for p in y.places)


def _inside(p: PlaceRef, around: tuple[PlaceRef, ...]) -> bool:
    """Is the known place ``p`` inside a known place of ``around`` (a town in its governorate)?"""
    return p.place_id is not None and any(q.place_id and _contains(q.place_id, p.place_id) for q in around)


def _contains(outer: str, inner: str) -> bool:
    """The gazetteer's containment; False for an id it does not hold (a caller's own place)."""
    from tawthiq.gazetteer import load_gazetteer

    try:
        return load_gazetteer().contains(outer, inner)
    except InputError:
        return False


def _same_low(x: Claim, y: Claim) -> bool:
    """One toll of one day told with and without its qualifier ("11 على الأقل" then "11"), by one speaker
    or both times in the report's own voice ("قتل 10 مدنيين على الأقل" then "وتسببت الغارات بمقتل 10
    مدنيين في حصيلة أولية": CLAIMS.md, the same assertion repeated by the same source is one claim)."""
    return (
        x.fatalities is not None
        and y.fatalities is not None
        and x.fatalities.low == y.fatalities.low
        and x.time.start == y.time.start
        and x.attributed_to == y.attributed_to
    )


def _both_bare(x: Claim, y: Claim) -> bool:
    """Two accounts with no number at all, on one day, of one party, in the same places
    ("شنت طائرات التحالف غارات على الرقة" and its director's "استمرت الغارات على الرقة"): one account."""
    return (
        all(c.fatalities is None and c.injured is None for c in (x, y))
        and x.time.start == y.time.start
        and x.time.start is not None
        and x.attributed_to == y.attributed_to
        and {_place_key(p) for p in y.places} == {_place_key(p) for p in x.places}
    )


def _place_key(p: PlaceRef) -> str:
    return p.place_id or fold_arabic(p.name).text


def _places_agree(x: Claim, y: Claim) -> bool:
    if not x.places or not y.places:
        return True
    ka = {p.place_id or fold_arabic(p.name).text for p in x.places}
    kb = {p.place_id or fold_arabic(p.name).text for p in y.places}
    return bool(ka & kb)


def _holds(head: Claim, body: Claim) -> bool:
    """Is a place of the headline around a place of the body ("ريف إدلب" around "بلدة كفرنبل")?"""
    return any(
        h.place_id and b.place_id and _contains(h.place_id, b.place_id)
        for h in head.places
        for b in body.places
    )


def _restates(head: Claim, body: Claim) -> bool:
    """Does the headline ``head`` restate ``body`` (same manner, place or a place around the body's,
    and a number it may blur)?"""
    if head.event_type != body.event_type or not (_places_agree(head, body) or _holds(head, body)):
        return False
    hf = head.fatalities
    if hf is None or hf.qualifier == "vague":
        return True
    return _same_count(hf, body.fatalities) or (
        hf.low is not None and body.fatalities is not None and body.fatalities.low == hf.low
    )


def _continues(prev_item: tuple[Claim, bool], c: Claim) -> bool:
    """Is ``c`` only the wounded of the claim before it (no dead, no place, party or time of its own)?"""
    prev, prev_title = prev_item
    return (
        not prev_title
        and c.fatalities is None
        and c.injured is not None
        and prev.injured is None
        and prev.fatalities is not None
        and prev.event_type == c.event_type
        and c.places == prev.places
        and c.time == prev.time
        and c.attributed_to == prev.attributed_to
    )


def _is_bare(c: Claim) -> bool:
    return c.fatalities is None and c.injured is None


def _slot_keys(o: Claim) -> list[tuple]:
    """The keys under which a kept claim ``o`` can be the twin of a later claim: one per way of being
    a twin (:func:`_twin_keys` gives a later claim's side). Every key holds the event type and kind,
    which a twin must share."""
    head = (o.event_type, o.kind)
    keys: list[tuple] = []
    day = o.time.start
    if o.fatalities is not None:
        keys.append(("count", *head, o.fatalities.low, o.fatalities.high))  # _same_count
        keys.append(("low", *head, o.fatalities.low, day, o.attributed_to))  # _same_low
    if _is_bare(o):
        if day is not None:  # _both_bare
            places = frozenset(_place_key(p) for p in o.places)
            keys.append(("both", *head, day, o.attributed_to, places))
    elif day is not None:  # _bare_restatement: o is the toll claim a later bare account retells
        keys.append(("bare", *head, day))
        keys.extend(("bare", *head, day, k) for k in {_place_key(p) for p in o.places})
    return keys


def _twin_keys(c: Claim) -> list[tuple]:
    """The keys of the kept claims that may be ``c``'s twin: a kept claim fails each test of the
    twin rule that none of these keys reaches (see :func:`_slot_keys`)."""
    head = (c.event_type, c.kind)
    keys: list[tuple] = []
    day = c.time.start
    if c.fatalities is not None:
        keys.append(("count", *head, c.fatalities.low, c.fatalities.high))
        keys.append(("low", *head, c.fatalities.low, day, c.attributed_to))
    if _is_bare(c) and day is not None:
        places = [_place_key(p) for p in c.places]
        keys.append(("both", *head, day, c.attributed_to, frozenset(places)))
        # the toll claim holds every place of the bare account: any one of them finds it; a place the
        # gazetteer knows may instead lie inside the region of a toll (_bare_restatement): every toll
        # of the day is a candidate
        known = bool(places) and c.places[0].place_id is not None
        keys.append(("bare", *head, day, places[0]) if places and not known else ("bare", *head, day))
    return keys


def _is_twin(o: Claim, c: Claim) -> bool:
    """Is the kept claim ``o`` the same assertion as the later ``c``?"""
    return (
        (
            _same_count(o.fatalities, c.fatalities)
            or _bare_restatement(o, c)
            or _both_bare(o, c)
            or _same_low(o, c)
        )
        and o.event_type == c.event_type
        and o.kind == c.kind
        # one place, or a place around the other's ("إدلب" and "بلدة معرشورين" in it): a town the
        # gazetteer knows is no new place beside its governorate told in the sentence before
        and (_places_agree(o, c) or _holds(o, c) or _holds(c, o))
        and (o.attributed_to is None or c.attributed_to is None or o.attributed_to == c.attributed_to)
        # a named speaker's account of the killing with no number ("قال الناشط إن الغارات تسببت بمقتل
        # أعداد كبيرة"), after the toll the report tells in its own voice, is that speaker's claim, not the
        # report's toll told again (CLAIMS.md: another source, another claim); a speaker's detail of the
        # attack ("وقال الدفاع المدني إن القصف طال مدينة دوما") still belongs to the toll before
        and not (
            _is_bare(c)
            and c.attributed_to is not None
            and o.attributed_to is None
            and _KILL_WORD.search(fold_arabic(c.quote).text) is not None
        )
        # a denial is its own claim, and the claim denied keeps its certainty (annotation.md)
        and (o.certainty == "denied") == (c.certainty == "denied")
    )


def merge_twins(o: Claim, c: Claim) -> Claim:
    """One claim of a kept claim ``o`` and its twin ``c``: the richer one (a toll, then more places,
    then the wounded), taking the other's party and wounded where it has none."""
    richer, other = (
        (c, o)
        if (c.fatalities is not None, len(c.places), bool(c.injured))
        > (o.fatalities is not None, len(o.places), bool(o.injured))
        else (o, c)
    )
    if richer.attributed_to is None and other.attributed_to:
        richer = richer.model_copy(update={"attributed_to": other.attributed_to})
    rf, of = richer.fatalities, other.fatalities
    if rf is not None and of is not None and rf.low == of.low and rf.qualifier == "exact" != of.qualifier:
        # "11 مدنياً على الأقل" then "مقتل 11 مدنيا" in the director's words: one toll, and the source's
        # own hedge on it is kept (the annotators give the qualified figure)
        richer = richer.model_copy(update={"fatalities": of})
    if richer.injured is None and other.injured is not None:
        richer = richer.model_copy(update={"injured": other.injured})
    keys = {_place_key(p) for p in richer.places}
    nested = [
        p
        for p in other.places
        if _place_key(p) not in keys and any(_inside(q, (p,)) or _inside(p, (q,)) for q in richer.places)
    ]
    if nested:
        # one account names the governorate, its twin the town in it ("إدلب" / "بلدة معرشورين"): the
        # claim lies in both, the most precise first (annotation.md)
        places = sorted((*richer.places, *nested), key=lambda p: _RANK.get(p.precision, 5))
        richer = richer.model_copy(update={"places": tuple(places)})
    return richer


_RANK = {"neighbourhood": 0, "town": 1, "district": 2, "governorate": 3, "country": 4}


def merge_restatements_ar(items: list[tuple[Claim, bool]]) -> list[tuple[Claim, bool]]:
    """One claim for one assertion: a headline that a body claim restates is flagged as the title's
    (the front door drops it); a sentence repeating another's toll (same count, manner and place,
    not two different parties) is one claim, the richer of the two, with the party either names.

    A claim's twin is the first kept claim that passes :func:`_is_twin`. Only the kept claims filed
    under one of the claim's keys (:func:`_twin_keys`: its count, its day and party, its places) are
    tested, in the order they were kept, so a long text is not read claim against claim (the
    figures: docs/extraction.md, "Speed"). A kept
    claim that a merge changes is filed again under its new keys; an old key left behind only makes
    one more candidate, which :func:`_is_twin` then refuses or accepts as the full scan would.
    """
    body = [c for c, t in items if not t]
    out: list[tuple[Claim, bool]] = []
    index: dict[tuple, list[int]] = {}

    def file(i: int) -> None:
        for key in _slot_keys(out[i][0]):
            slots = index.setdefault(key, [])
            if not slots or slots[-1] != i:
                slots.append(i)

    for c, is_title in items:
        if is_title and not any(_restates(c, b) for b in body):
            is_title = False  # a headline figure found nowhere in the body is a claim of its own
        if is_title:
            out.append((c, True))
            continue
        candidates = sorted({i for key in _twin_keys(c) for i in index.get(key, ())})
        twin = next((i for i in candidates if _is_twin(out[i][0], c)), None)
        if twin is None and out and _continues(out[-1], c):
            prev = out[-1][0]
            out[-1] = (prev.model_copy(update={"injured": c.injured}), out[-1][1])
            file(len(out) - 1)
            continue  # "… مقتل 4 مدنيين، كما أدى إلى إصابة 9 آخرين": the wounded of the same strike
        if twin is None:
            out.append((c, False))
            file(len(out) - 1)
            continue
        out[twin] = (merge_twins(out[twin][0], c), False)
        file(twin)
    return out

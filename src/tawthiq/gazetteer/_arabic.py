"""Arabic toponyms: find the gazetteer's places in Arabic text, one identity in both scripts.

In: the shipped gazetteer's places (their ``name_ar`` and Arabic-script variants) and Arabic text.
Out: :class:`PlaceMatch` hits whose spans index the original text and whose place is the same
:class:`~tawthiq.entities.Place` an English name resolves to ("حي الشعار" and "al-Sha'ar" are both
``aleppo-nbhd:sha-ar``). Never: invents a coordinate; a name the gazetteer lacks is left to the caller.

Matching is by :func:`tawthiq.text.arabic.name_key` (no diacritics or tatweel, one alef, ه for ة,
ي for ى, no article, no place-kind word), on runs of up to four words, longest first; a word may carry
a one-letter proclitic (و ف ب ل ك: "بمدينة", "وحي"). A place-kind word before the name picks among
places sharing a key (حي → neighbourhood, مدينة/بلدة/قرية → town, محافظة/ريف → governorate), then the
document's context, then the gazetteer's ranking, as for English names. Arabic has no capitals to
mark a name, so a town, district or sub-district must stand where a place stands (after a place-kind
word or a locative preposition or proclitic); governorates and Aleppo city need not,
and an Aleppo neighbourhood needs Aleppo in the sentence or the document: "حي الزهراء" in Homs is not
Aleppo's Zahraa.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from tawthiq.geo import km
from tawthiq.text.arabic import fold, fold_arabic, name_key, strip_article, without_marks

if TYPE_CHECKING:
    from tawthiq.gazetteer._index import Gazetteer, PlaceMatch

__all__ = ["build_arabic_index", "lookup_arabic", "match_arabic"]

_CITY = "C1007"
_QUOTES = re.compile('["“”«»„]')
_WORD = re.compile(r"[\u0621-\u064a]+")
_AR = re.compile(r"[\u0600-\u06ff]")
# place-kind word (folded, article removed) → gazetteer kinds it asks for
_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "حي": ("neighbourhood", "landmark", "city_district"),
    "احياء": ("neighbourhood",),
    "حيي": ("neighbourhood",),
    "حاره": ("neighbourhood",),
    "مدينه": ("town",),
    "مدينتي": ("town",),
    "مدن": ("town",),  # plurals: "مدن الغوطة الشرقية"، "بلدات ريف حماة"، "قرى جبل الزاوية"
    "بلدات": ("town",),
    "قري": ("town",),
    "بلده": ("town",),
    "بلدتي": ("town",),
    "قريه": ("town",),
    "مخيم": ("town",),
    "ضاحيه": ("neighbourhood", "town"),
    "محافظه": ("governorate",),
    "ريف": ("governorate",),
    "منطقه": ("district", "town", "neighbourhood"),
    "ناحيه": ("subdistrict",),
}
_LOCATIVE = frozenset(
    fold(w)
    for w in [
        "في",
        "على",
        "من",
        "إلى",
        "الى",
        "قرب",
        "بالقرب",
        "بمحيط",
        "محيط",
        "نحو",
        "داخل",
        "شرق",
        "غرب",
        "شمال",
        "جنوب",
        "وسط",
        # the whole of an area: "في مختلف أنحاء سوريا"، "في جميع أرجاء المحافظة"، "في عموم سوريا"
        "أنحاء",
        "أرجاء",
        "عموم",
    ]
)
_PROCLITICS = "وفبلك"


def _is_locative(word: str) -> bool:
    """A locative word, also with و or ف glued on: "وفي الحديدة،" opens a place as "في" does."""
    w = strip_article(word)
    return w in _LOCATIVE or (len(w) > 2 and w[0] in "وف" and w[1:] in _LOCATIVE)


# Common words that share a key with a small village; never a place on their own.
_NEVER = frozenset(
    name_key(w)
    for w in [
        "السوق",
        "الشارع",
        "المكان",
        "الطريق",
        "الوقت",
        "البيان",
        "الجيش",
        "النظام",
        "القصف",
        "الغارات",
        "الحرب",
        "الناس",
        "المدنيين",
        "الدولة",
        "الحكومة",
        "المعارضة",
        "الأمن",
        "السلام",
        "العاصمة",
        "البلاد",
        "المنطقة",
        "الجهة",
        "الأطراف",
        "المحور",
        "الحدود",
        "المستشفى",
        "المشفى",
        "الجامع",
        "المسجد",
        "المدرسة",
        "الساحة",
        "السجن",
        "الفرقة",
        "المزرعة",
        "الجسر",
        "المعبر",
        "النهر",
        "البلدة",
        "القرية",
        "الأحياء",
        "الحي",
        "المدينة",
        "الريف",
        "المحافظة",
        "الشهداء",
        "القتلى",
        "الجرحى",
        "الأطفال",
        "النساء",
        # the nouns of war reporting: "في حصار مضايا" is a siege, not India's Hisar
        "الحصار",
        "الهجوم",
        "الاشتباكات",
        "المعارك",
        "الغارة",
        "القصف",
        "التفجير",
        "الانفجار",
        "الإجلاء",
        "الاعتقال",
        "المجزرة",
        "القذائف",
        "الصواريخ",
        "الطيران",
        "الطائرات",
        "القوات",
        "الضحايا",
        "الهدنة",
        "الاتفاق",
    ]
)
_DIRECTION = re.compile(r"^\s+(?:ال)?(?:شرقي|غربي|شمالي|جنوبي|شرقيه|غربيه|شماليه|جنوبيه|اوسط|وسطي)\b")
_MAX_WORDS = 4


def build_arabic_index(places: Iterable) -> dict[str, list[str]]:
    """Key → place ids, over every Arabic-script name and variant of every place."""
    index: dict[str, list[str]] = {}
    for p in places:
        names = [p.name_ar] if p.name_ar else []
        if p.id == "SY":
            names += ["سورية", "الجمهورية العربية السورية"]  # the ة spelling of the country is the common one
        names += [v for v in p.variants if _AR.search(v)]
        for n in names:
            for key in _keys(n):
                if len(key) >= 3 and p.id not in index.setdefault(key, []):
                    index[key].append(p.id)
    return index


@lru_cache(maxsize=65536)
def _keys(name: str) -> tuple[str, ...]:
    """The place-kind-blind key, and the key keeping a leading ريف ("ريف دمشق" is a governorate)."""
    words = [strip_article(w) for w in _WORD.findall(fold(name))]
    if words and words[0] == "ريف" and len(words) > 1:
        return ("".join(words), name_key(name))  # "ريف دمشق" is itself a governorate's name
    return (name_key(name),)


# words of war reporting that begin with the letter of a proclitic but carry none ("بيان" is a
# statement, not ب + a town named يان)
_WHOLE = frozenset(
    fold(w)
    for w in ("بيان", "بيانه", "بيانها", "بيانات", "ببيان", "وبيان", "لبيان", "لسان", "بلسان", "ولسان")
)  # "على لسان المتحدث" (through the spokesman) is no ل + the village of سان


@lru_cache(maxsize=65536)
def _unclitic(word: str) -> tuple[str, ...]:
    """The word, and the word without a one-letter proclitic (and its article), longest first."""
    out = [word]
    if word in _WHOLE:
        return tuple(out)
    if word[0] == "ك" and not word.startswith("كال"):
        return tuple(out)  # "كامل" (whole) is no ك + a town; "كالرقة" (like Raqqa) still is
    if len(word) > 3 and word[0] in _PROCLITICS:
        out.append(word[1:])
        if len(word) > 4 and word[1] in "بل" and word[0] in "وف":
            out.append(word[2:])  # وبمدينة, فلحي
    return tuple(out)


def match_arabic(gaz: Gazetteer, text: str, context: Iterable[str] = ()) -> list[PlaceMatch]:
    """Every gazetteer place named in Arabic in ``text``, in order, spans into ``text``."""
    from tawthiq.gazetteer._index import PlaceMatch

    index = gaz.arabic_index()
    ctx = tuple(context)
    folded = fold_arabic(text)
    ft = folded.text
    toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(ft)]
    aleppo_near = bool(re.search(r"(?:^|[^\w])(?:ب|ل|و|ف)?حلب(?:$|[^\w])", ft)) or any(
        gaz.contains(_CITY, c) or c == _CITY for c in ctx
    )
    syrian = _heads(index)
    heads = _all_heads(syrian)
    out: list[PlaceMatch] = []
    i = 0
    while i < len(toks):
        if not _may_start(toks[i][2], heads):
            i += 1  # no name starts with this word (a speed-up only: the same matches without it)
            continue
        # the Syrian layers' 389 heads are far fewer than the world's 2,248: a word that starts no
        # Syrian name goes straight to the world layer (64% of the corpus's calls; the same matches)
        # namesakes: without the report's context, the places this text named before stand for it
        # (as in English, Gazetteer._match_at)
        earlier = ctx or tuple(m.place.id for m in out)
        hit = (
            _match_at(gaz, index, ft, toks, i, ctx, aleppo_near, earlier)
            if _may_start(toks[i][2], syrian)
            else None
        )
        if hit is not None and hit[0][2].kind in ("town", "district", "subdistrict"):
            # without the report's context, the places found so far in this text stand for it here
            abroad = _abroad(gaz, ctx or tuple(m.place.id for m in out))
            # a report whose title and lede name places abroad and none in Syria: "الحديدة" there is
            # Yemen's Hodeidah, not Syria's village of Hadidah; and "محافظة الحديدة" (a region's
            # word) is a region abroad rather than a Syrian village
            region_word = any(strip_article(f) in _REGION_WORDS for f in _unclitic(toks[i][2]))
            over = abroad or region_word
            world_hit = _match_world(gaz, index, ft, toks, i, ctx, over_syrian=True) if over else None
            if world_hit is not None and (
                gaz.world.country(world_hit[0][2].id) in abroad
                or (region_word and world_hit[0][2].kind == "governorate")
            ):
                hit = world_hit
        if hit is None:
            hit = _match_world(gaz, index, ft, toks, i, ctx)
        if hit is None:
            i += 1
            continue
        (fs, fe, place, alts), nxt = hit
        s, e = folded.span(fs, fe)
        # a name in quotes after its place word ('بلدة "معرشورين"'): the name as written, without them;
        # and without diacritics or tatweel ("مدينةِ حلـب"), which a claim or incident table would show
        # as written (the quote keeps them)
        out.append(PlaceMatch(s, e, without_marks(_QUOTES.sub("", text[s:e])), place, alts))
        i = nxt
    return out


_COMPOUND_HEADS = frozenset(
    fold(w)
    for w in [
        *("عين", "وادي", "دير", "تل", "كفر", "خان", "بيت", "جبل", "رأس", "راس", "باب"),
        *("أبو", "ابو", "أم", "ام", "بئر", "سوق", "قصر", "مرج", "حي"),
    ]
)
_WORLD_UNTYPED_MIN = 100_000  # people: a world town named with no place word before it
# place words of a first-level region outside Syria (محافظة الحديدة، ولاية الخرطوم، إقليم دارفور،
# مقاطعة خاركيف): the world layer's region of that name, else its town
_REGION_WORDS = frozenset({"محافظه", "ولايه", "اقليم", "مقاطعه"})
_WORLD_TYPE_WORDS = frozenset({*_TYPE_WORDS, *_REGION_WORDS, "قطاع", "عاصمه"})


def _world_pick(gaz, ids, region_word: str) -> list[str]:
    """World ids sharing an Arabic key, best first, the most populous first among each kind: after
    a region's place word the regions (after محافظة, failing one, the town the governorate is named
    after, as before regions had Arabic names; never after ولاية: "ولاية الجزيرة" is Sudan's Gezira,
    not Algiers); else towns, then countries (as in English, a bare "الحديدة" is the town)."""
    order = (
        {"governorate": 0, "town": 1}
        if region_word == "محافظه"
        else {"governorate": 0}
        if region_word
        else {"town": 0, "country": 1}
    )
    kept = [pid for pid in ids if gaz.world.kind(pid) in order]
    return sorted(kept, key=lambda pid: (order[gaz.world.kind(pid)], -gaz.world.population(pid), pid))


@lru_cache(maxsize=1)
def _world_heads() -> frozenset[str]:
    from tawthiq.gazetteer._world import load_world_arabic

    return frozenset(k[:3] for k in load_world_arabic())


def _abroad(gaz, ids: tuple[str, ...]) -> set[str]:
    """The countries of ``ids`` when all are world places; empty when one is Syrian (or none)."""
    if not ids or any(not c.startswith("world:") for c in ids):
        return set()
    return {gaz.world.country(c) for c in ids} - {""}


def _match_world(gaz, index, ft, toks, i, ctx=(), over_syrian=False):
    """A town outside Syria named in Arabic (غزة، صنعاء، الموصل), where a place stands: after a
    place-kind word, a locative word or a proclitic; the Syrian layers' names always win, unless
    ``over_syrian`` (the report names places abroad and none in Syria: :func:`match_arabic`)."""
    from tawthiq.gazetteer._world import CORPUS_COUNTRIES, load_world_arabic

    world = load_world_arabic()
    start = i
    forms = {strip_article(f) for f in _unclitic(toks[i][2])}
    region_word = next(iter(sorted(forms & _REGION_WORDS)), "")
    if forms & _WORLD_TYPE_WORDS:
        i += 1
        if i >= len(toks):
            return None
    prev = strip_article(toks[start - 1][2]) if start > 0 else ""
    typed = start != i
    if not typed and not _is_locative(prev):
        return None  # "بقيادة واشنطن"، "وكان": a world town only where a place stands
    if not over_syrian and not region_word and _starts_syrian_name(index, ft, toks, i):
        return None  # "حي بستان القصر" without Aleppo in sight: not a Turkish town named بستان
    for n in range(min(3, len(toks) - i), 0, -1):
        if any(ft[toks[k][1] : toks[k + 1][0]].strip() for k in range(i, i + n - 1)):
            continue
        words = [t[2] for t in toks[i : i + n]]
        if n > 1 and not name_key(words[-1]):
            continue  # "من طهران بلدة سراقب": a place word after the name begins the next place
        for first_form in _unclitic(words[0]):
            key = name_key(" ".join([first_form, *words[1:]]))
            # a region's name may be two letters (محافظة إب) and a Syrian neighbourhood's (محافظة صلاح
            # الدين is Iraq's governorate, not Aleppo's Salah al-Din): after a region's word, a region
            if len(key) < (2 if region_word else 3) or key in _NEVER or key not in world:
                continue
            if (
                key in index
                and not over_syrian
                and not (region_word and any(gaz.world.kind(p) == "governorate" for p in world[key]))
            ):
                continue
            if (
                n == 1
                and strip_article(first_form) in _COMPOUND_HEADS
                and i + 1 < len(toks)
                and not ft[toks[i][1] : toks[i + 1][0]].strip()
            ):
                continue  # "بلدة عين ترما": the first word of a longer name
            ranked = _world_pick(gaz, world[key], region_word)
            if not ranked:
                continue  # a region's name without a region's word
            if region_word and len(ranked) > 1:
                # regions of several countries share a name (الجوف of Yemen and Saudi Arabia, البحر
                # الأحمر of Sudan and Egypt): the one in a country the report names first
                # (without one, a region of the nine countries whose wars the corpus reports)
                named = {gaz.world.country(c) for c in ctx if c.startswith("world:")}
                ranked.sort(
                    key=lambda pid: (
                        gaz.world.country(pid) not in named,
                        gaz.world.country(pid) not in CORPUS_COUNTRIES,
                    )
                )
            pid = ranked[0]
            if (
                not typed
                and gaz.world.population(pid) < _WORLD_UNTYPED_MIN
                and not _same_country(gaz, pid, ctx)
            ):
                continue  # "في المحلات": a common word that is also a small town somewhere
            place = gaz.get(pid)
            lead = len(words[0]) - len(first_form)
            if lead == 0 and re.match(r"^(?:[وفبك]ال|لل)", first_form):
                lead = 1
            if start == i:
                fs = toks[i][0] + lead
            else:  # "بمدينة غزة": the name with its place word, without the ب
                word = toks[start][2]
                bare = next(f for f in _unclitic(word) if strip_article(f) in _WORLD_TYPE_WORDS)
                fs = toks[start][0] + len(word) - len(bare)
            return (fs, toks[i + n - 1][1], place, tuple(ranked[1:])), i + n
    return None


def _same_country(gaz, pid: str, ctx: tuple[str, ...]) -> bool:
    """Is the world town ``pid`` in the country of a place the report's title or lede names? A
    report about Gaza names "دير البلح" bare, though it has fewer people than a bare name needs."""
    country = gaz.world.country(pid)
    return bool(country) and any(c.startswith("world:") and gaz.world.country(c) == country for c in ctx)


def _starts_syrian_name(index, ft, toks, i) -> bool:
    """Do this word and the next ones (two to four, no punctuation between) spell a Syrian place
    the context did not allow? Then its first word is no world town of its own."""
    for n in range(min(_MAX_WORDS, len(toks) - i), 1, -1):
        if any(ft[toks[k][1] : toks[k + 1][0]].strip() for k in range(i, i + n - 1)):
            continue
        words = [t[2] for t in toks[i : i + n]]
        for first in _unclitic(words[0]):
            if any(len(k) >= 3 and k in index for k in _keys(" ".join([first, *words[1:]]))):
                return True
    return False


_HEADS: dict[int, frozenset[str]] = {}


def _heads(index: dict[str, list[str]]) -> frozenset[str]:
    """The first three letters of every key: a word that starts none of them starts no name."""
    h = _HEADS.get(id(index))
    if h is None:
        h = _HEADS[id(index)] = frozenset(k[:3] for k in index)
    return h


@lru_cache(maxsize=8)
def _all_heads(syrian: frozenset[str]) -> frozenset[str]:
    """The heads of the Syrian layers' names and of the world's, joined once (not on every call)."""
    return syrian | _world_heads()


@lru_cache(maxsize=65536)
def _may_start(word: str, heads: frozenset[str]) -> bool:
    forms = [strip_article(form) for form in _unclitic(word)]
    # a word of two letters ("أم درمان"، "ود مدني") starts a name whose key runs into the next word
    return any(f in _TYPE_WORDS or f[:3] in heads or (len(f) == 2 and f not in _PARTICLES) for f in forms)


# two-letter words that start no name (the short-word test above would try each of them)
_PARTICLES = frozenset(
    fold(w)
    for w in (
        "في",
        "من",
        "عن",
        "أو",
        "أن",
        "إن",
        "لا",
        "ما",
        "مع",
        "ثم",
        "هو",
        "هي",
        "قد",
        "لم",
        "لن",
        "كل",
        "له",
        "به",
    )
)


def _match_at(gaz, index, ft, toks, i, ctx, aleppo_near, earlier=()):
    first_forms = _unclitic(toks[i][2])
    type_kinds: tuple[str, ...] = ()
    start_tok = i
    head = strip_article(first_forms[-1])
    if head in _TYPE_WORDS or strip_article(toks[i][2]) in _TYPE_WORDS:
        type_kinds = _TYPE_WORDS.get(head) or _TYPE_WORDS[strip_article(toks[i][2])]
        if i + 1 >= len(toks):
            return None
        if (
            head != "ريف"
            or _WORD.search(ft[toks[i][1] : toks[i + 1][0]])
            or ft[toks[i][1] : toks[i + 1][0]].strip()
        ):
            i += 1  # "ريف دمشق" is itself a governorate's name: keep ريف in the key
    prev = strip_article(toks[start_tok - 1][2]) if start_tok > 0 else ""
    locative = bool(type_kinds) or _is_locative(prev) or (toks[i][2][0] in "بل" and len(toks[i][2]) > 3)
    run = 1  # a name does not run over punctuation: the words up to the first mark
    while run < _MAX_WORDS and i + run < len(toks):
        if ft[toks[i + run - 1][1] : toks[i + run][0]].strip():
            break
        run += 1
    for n in range(min(run, len(toks) - i), 0, -1):
        words = [t[2] for t in toks[i : i + n]]
        forms = _unclitic(words[0]) if i != start_tok or not type_kinds else [first_forms[-1]]
        for k, first in enumerate(forms):
            key_words = [first, *words[1:]]
            for key in _keys(" ".join(key_words)):
                if len(key) < 3 or key in _NEVER or key not in index:
                    continue
                # ب and ل are prepositions ("بمدينة"، "لحلب"): a place stands there; و and ف are
                # conjunctions ("فرقه" is "its teams", not "ف" + Raqqa): only inside a list of places
                listed = any(_is_locative(t[2]) for t in toks[max(0, i - 4) : i]) or (
                    i > 0 and any(len(x) >= 3 and x in index for x in _keys(toks[i - 1][2]))
                )  # "في كفرنبل وسراقب"، "حلب وحمص": a list of places
                clitic_locative = k > 0 and (words[0][0] in "بل" or (words[0][0] == "و" and listed))
                if k > 0 and words[0][0] in "وف" and not clitic_locative and not type_kinds:
                    continue  # "فرقه" (its teams) is no governorate of Raqqa
                cands = [
                    pid
                    for pid in index[key]
                    if _allowed(gaz, pid, locative or clitic_locative, aleppo_near, type_kinds)
                ]
                if not cands:
                    continue
                place, alts = _resolve(gaz, cands, type_kinds, earlier or ctx)
                if place.kind == "governorate" and not type_kinds:
                    # "لاقتحام الرقة" in a report about the town of Raqqa: the town, not its governorate
                    town = next((p for p in index[key] if p in ctx and gaz.places[p].kind == "town"), None)
                    if town is not None:
                        place, alts = gaz.places[town], tuple(c for c in cands if c != town)
                lead = len(words[0]) - len(first)
                if lead == 0 and re.match(r"^(?:[وفبك]ال|لل)", first):
                    lead = 1  # "بالرقة" is written "الرقة" with "in" before it
                fs = toks[start_tok][0] if type_kinds else toks[i][0] + lead
                if type_kinds and strip_article(toks[start_tok][2]) not in _TYPE_WORDS:
                    fs += len(toks[start_tok][2]) - len(first_forms[-1])  # "بمدينة": the ب is not the name
                fe = toks[i + n - 1][1]
                d = _DIRECTION.match(ft[fe:])
                if d and place.kind in ("governorate", "town", "district"):
                    fe += d.end()  # "ريف إدلب الجنوبي", as written
                return (fs, fe, place, alts), i + n
    return None


def _allowed(gaz, pid: str, locative: bool, aleppo_near: bool, type_kinds) -> bool:
    p = gaz.places[pid]
    if (
        not locative
        and p.kind not in ("governorate", "neighbourhood", "landmark", "city_district")
        and pid != _CITY
        and not (p.kind == "district" and pid.startswith("ucdp:"))  # "الغوطة الشرقية", an area: no word
    ):
        return False  # a bare word is a town or a district only where a place stands (no capitals in Arabic)
    return not (p.parent_id == _CITY and pid != _CITY and not aleppo_near)


def _resolve(gaz, cands: list[str], type_kinds, ctx):
    def score(pid: str) -> float:
        p = gaz.places[pid]
        s = gaz._rank.get(pid, 0.0)
        if p.kind in type_kinds:
            s += 10
        if any(gaz.contains(c, pid) for c in ctx):
            s += 4
        elif p.kind == "town" and p.lat is not None and any(_near(p, t) for t in near):
            s += 3  # among namesakes, the one near a town the context names (as in English)
        return s

    near = [
        t
        for t in (gaz.places.get(c) for c in ctx)
        if t is not None and t.kind == "town" and t.lat is not None and t.lon is not None
    ]
    ranked = sorted(cands, key=lambda pid: (-score(pid), pid))
    return gaz.places[ranked[0]], tuple(ranked[1:])


# a namesake this close to a town of the report's context is the one meant: Syria's same-named
# villages ("Jazra" by Raqqa and "Jazraya" by Aleppo, Idlib's "Jibala" and Latakia's "Jablah") lie
# 80 km and more apart, a town and the villages its report names mostly within 60 (both scripts)
NEAR_KM = 60.0


def _near(a, b) -> bool:
    return km(a.lat or 0.0, a.lon or 0.0, b.lat or 0.0, b.lon or 0.0) <= NEAR_KM


_TRAILING_DIRECTION = re.compile(r"\s+(?:ال)?(?:شرقي|غربي|شمالي|جنوبي|اوسط|وسطي)ه?$")


def lookup_arabic(gaz: Gazetteer, name: str) -> list[str]:
    """Ids of the places one of whose Arabic names has the key of ``name`` (a name, not a text).

    As written in a list or a claim: with or without ال, ة/ه, ى/ي, hamza forms, diacritics and
    tatweel ("حيّ الشّعار" = "الشعار"). A place-kind word first (حي، مدينة، ريف …) ranks the places of
    that kind first; a direction last ("ريف إدلب الجنوبي") is a part of the place before it. The Syrian
    layers first, else the world's Arabic names (most populous first). Never a place none of whose
    names has that key: a name the gazetteer lacks finds nothing.
    """
    whole = fold(name).strip()
    folded = _TRAILING_DIRECTION.sub("", whole)
    words = [strip_article(w) for w in _WORD.findall(folded)]
    if not words:
        return []
    type_kinds = _TYPE_WORDS.get(words[0], ())
    index = gaz.arabic_index()
    # the whole name first: a direction may be part of it ("الغوطة الشرقية", "القلمون الشرقي")
    for key in (*_keys(whole), *_keys(folded)) if whole != folded else _keys(folded):
        if len(key) >= 3 and key in index:
            return [p.id for p in _rank_all(gaz, index[key], type_kinds)]
    from tawthiq.gazetteer._world import load_world_arabic

    world = load_world_arabic().get(name_key(folded), ())
    return _world_pick(gaz, world, words[0] if words[0] in _REGION_WORDS else "")


def _rank_all(gaz, cands: list[str], type_kinds) -> list:
    place, alts = _resolve(gaz, cands, type_kinds, ())
    return [place, *(gaz.places[p] for p in alts)]

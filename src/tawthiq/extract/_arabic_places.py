"""Places of an Arabic sentence: the gazetteer's Arabic names, unknown places after a place word,
regions with a direction; the speaker's office and a dateline are not the claim's place.
"""

from __future__ import annotations

import re

from tawthiq.entities import PlaceRef
from tawthiq.extract._arabic_lexicon import _L, _R, _rx
from tawthiq.extract._places import dateline_ar, is_aside_ar, is_passing_ar
from tawthiq.gazetteer import Gazetteer
from tawthiq.text.arabic import Folded, fold_arabic, without_marks

__all__ = ["carried_ar", "main_place_ar"]

_CITY = "C1007"
_PLACE_WORD = r"(?:حي|حيي|أحياء|مدينة|مدينتي|بلدة|بلدتي|قرية|ضاحية|حارة|مخيم|منطقة|ولاية|إقليم|اقليم|مقاطعة)"
_COMPOUND = r"(?:عين|تل|كفر|دير|بيت|خان|جسر|أبو|أم|بئر|رأس|وادي|باب|مرج|جبل|قصر|سوق|بستان|كرم|ساحة|حوش)"
_UNKNOWN = _rx(
    rf"{_L}(?:[وفب]|ل)?({_PLACE_WORD})\s+((?:(?:{_COMPOUND}|شمال|جنوب|شرق|غرب|وسط)\s+(?:ال)?[\u0621-\u064a]{{2,}})"
    rf"|(?:ال)?[\u0621-\u064a]{{3,}}"
    rf"(?:\s+(?:ال)[\u0621-\u064a]{{3,}})?)"
)
_REGION = _rx(
    r"(?:في|على|ب)\s*((?!القسم|الأطراف|الجهة|المنطقة|الناحية|الأحياء|الضفة|الجبهة|المحاور|الحدود|المناطق|الريف)"
    r"ال[\u0621-\u064a]{3,}\s+ال(?:شرقي|غربي|شمالي|جنوبي)(?:ه)?)(?![\u0621-\u064a])"
)
_NOT_NAME = _rx(
    # a verb with its object pronoun ("منطقة تسكنها الطائفة"، "بلدة يقطنها"): a relative clause, no name
    r"^[يت][\u0621-\u064a]{2,}(?:ها|هم|هما)(?![\u0621-\u064a])|"
    r"^(?:ال)?(?:سكني|دمشقي|حلبي|سكنية|المزدحم|المحاصرة|محاصرة|الخاضعة|الواقعة|الواقع|الرئيسي|القديمة|الصناعية|نفسها|المذكورة|"
    r"الشعبي|التي|الذي|التابعة|المدينة|البلدة|أخرى)"
)
# a place named as the seat of the speaker's office ("مصدر في محافظة حلب"، "مجلس مدينة حلب"، "محافظ
# حمص"، "مديرية صحة إدلب"): CLAIMS.md, a place mentioned only as where a spokesman spoke is not the
# claim's place
_OFFICE = _rx(
    rf"{_L}(?:و|ف)?(?:مصدر|مصادر|مسؤول|مسؤولون|مسؤولين|محافظ|مجلس|مديرية|مديرية صحة|قيادة|قيادة شرطة|مكتب"
    r"|وزارة الصحة|وزارة الداخلية|الدفاع المدني|وزارة الصحة الفلسطينية|وزارة الصحة السورية"
    r"|مدير|رئيس مجلس|ناطق|متحدث|مراسل|مراسلنا|مراسلة)(?: (?:في|ب|باسم|لدى))?\s*$"
)
# a list of places after a plural or dual place word: "بلدات حمورية وسقبا وكفربطنا"، "قريتي التح وحيش"،
# "مدن دوما وعربين وحرستا": each item joined by و is a place, known to the gazetteer or not
_LIST_HEAD = _rx(
    rf"{_L}(?:[وفب]|ل)?(?:ال)?(?:بلدات|مدن|قرى|أحياء|مدينتي|مدينتا|بلدتي|بلدتا|قريتي|قريتا|حيي|حيا|مخيمي|مخيمات)\s+"
)
_LIST_WORD = re.compile(r"[\u0621-\u064a]+")
_LIST_STOP = _rx(
    rf"^(?:[وفب]|ل)?(?:في|على|من|الى|إلى|عن|مع|قرب|بين|منذ|خلال|جراء|اثر|إثر|بعد|قبل|حيث|التي|الذي|الواقعة|ريف|محافظة"
    rf"|شرق|غرب|شمال|جنوب|وسط|المحاصرة|المحاصر|الخاضعة|اليوم|أمس|امس|فجر|صباح|مساء|ليل|ليلة|ما|مما|وسط"
    rf"|بريف|بمحافظة|محيط|أطراف|اطراف|ضواحي|جوار|الشرقية|الغربية|الشمالية|الجنوبية|الشرقي|الغربي|الشمالي|الجنوبي|المجاورة|أخرى|اخرى){_R}"
)


def _listed(f: Folded, sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, place word) of each item of the lists of places in the folded sentence ``f``."""
    s = f.text
    out: list[tuple[int, int, str]] = []
    for head in _LIST_HEAD.finditer(s):
        kind = head.group(0).strip()
        items: list[list[tuple[int, int]]] = []
        pos = head.end()
        for w in _LIST_WORD.finditer(s, pos):
            gap = s[pos : w.start()]
            if gap.strip() not in ("", "،", ","):
                break  # a full stop, a bracket, a number: the list is over
            word = w.group(0)
            a, b = f.span(w.start(), w.end())
            if _LIST_STOP.match(word) and not (word == "علي" and sentence[a:b].endswith("ي")):
                break  # "على" is a preposition; "علي" (folded alike) ends a name: "السيد علي"
            if not items or (word.startswith("و") and len(word) > 3 and gap.strip() in ("", "،", ",")):
                if items and not word.startswith("و"):
                    break
                start = w.start() + (1 if items else 0)
                items.append([(start, w.end())])
            elif len(items[-1]) == 1 and not word.startswith("و") and not gap.strip():
                # "معرة النعمان"، "خان شيخون"، "السيد علي"، "بابا عمرو": a name of two words
                items[-1].append((w.start(), w.end()))
            else:
                break
            pos = w.end()
            if len(items) > 8:
                break
        if len(items) >= 2:
            out += [(it[0][0], it[-1][1], kind) for it in items]
    return out


_DATELINE = re.compile(r"^\s*(?:\d|[-–—(:]|\s*\n)")
_RANK = {"neighbourhood": 0, "town": 1, "district": 2, "governorate": 3, "country": 4}


def _places(text: str, a: int, b: int, f: Folded, gaz: Gazetteer, ctx: tuple[str, ...]) -> list[PlaceRef]:
    sentence = text[a:b]
    found: list[tuple[int, PlaceRef]] = []
    ids: list[str] = []
    dateline = dateline_ar(sentence)
    for m in gaz.match_arabic(sentence, ctx):
        if m.start <= 2 and _DATELINE.match(sentence[m.end :]):
            continue  # "دمشق 28 ابريل 2016 (شينخوا)"، "حلب-سانا": where the report was filed
        if dateline and dateline[0] <= m.start < dateline[1]:
            continue  # "بيروت، 5 ديسمبر (رويترز) -"
        if is_aside_ar(sentence, m.start, m.end):
            continue  # "ومقره لندن"، "محادثات أستانا"، "مراسلنا في بيروت": named as an aside
        if _OFFICE.search(fold_arabic(sentence[max(0, m.start - 40) : m.start]).text):
            continue  # "مصدر في محافظة حلب"، "محافظ حمص": the speaker's office, not where it happened
        found.append((m.start, gaz.to_ref(m.place, m.surface)))
        ids.append(m.place.id)
    for rx in (_UNKNOWN, _REGION):
        for rm in rx.finditer(f.text):
            if rx is _UNKNOWN and _NOT_NAME.match(rm.group(2)):
                continue
            s, e = f.span(rm.start(1), rm.end(2 if rx is _UNKNOWN else 1))
            if any(ps <= s < ps + len(r.name) + 2 or s <= ps < e for ps, r in found):
                continue
            words = sentence[s:e].split(" ")
            while len(words) > 2 and _NOT_NAME.match(fold_arabic(words[-1]).text):
                words.pop()  # "حي الزهراء السكني" is "حي الزهراء"
            e = s + len(" ".join(words))
            kind = rm.group(1) if rx is _UNKNOWN else ""
            prec = "neighbourhood" if kind in ("حي", "حيي", "احياء", "ضاحيه", "حاره") else "town"
            if kind in ("ولايه", "اقليم", "مقاطعه"):
                prec = "governorate"  # a state or province of Sudan, Myanmar or Ukraine
            found.append((s, PlaceRef(name=without_marks(sentence[s:e]), precision=prec)))
            ids.append("")
    for ls, le, kind in _listed(f, sentence):
        s, e = f.span(ls, le)
        if any(ps <= s < ps + len(r.name) + 2 or s <= ps < e for ps, r in found):
            continue  # the gazetteer knows it (its own name and point)
        prec = "neighbourhood" if kind.endswith(("احياء", "حيي", "حيا")) else "town"
        # a name the gazetteer holds, past the few words its own list rule looks back over
        known = [p for p in gaz.lookup(sentence[s:e]) if p.kind == prec]
        known.sort(key=lambda p: p.id not in ctx)
        name = without_marks(sentence[s:e])  # a table shows the name without diacritics or tatweel
        ref = gaz.to_ref(known[0], name) if known else PlaceRef(name=name, precision=prec)
        found.append((s, ref))
        ids.append("")
    keep: list[tuple[int, PlaceRef]] = []
    for (pos, ref), pid in zip(found, ids, strict=True):
        if pid == "SY" and any(o != "SY" for o in ids):
            continue  # the country beside a place in it
        if pid and pid != _CITY and any(o and o != pid and gaz.contains(pid, o) for o in ids):
            continue  # the governorate beside its town
        keep.append((pos, ref))
    inside_city = any(pid and pid != _CITY and gaz.contains(_CITY, pid) for pid in ids)
    if inside_city and not any(r.place_id == _CITY for _, r in keep):
        keep.append((len(sentence), gaz.to_ref(gaz.get(_CITY), "حلب")))
    keep.sort(key=lambda pr: (_RANK.get(pr[1].precision, 5), pr[0]))
    out: list[PlaceRef] = []
    for _, r in keep:
        if not any((r.place_id and r.place_id == o.place_id) or r.name == o.name for o in out):
            out.append(r)
    return out


def carried_ar(text: str, a: int, b: int, refs: tuple[PlaceRef, ...]) -> tuple[PlaceRef, ...]:
    """The places of the sentence ``text[a:b]`` that the sentences after it may take: a destination
    ("نزحت العائلات إلى تركيا") is this claim's place, never where the report goes on."""
    sentence = text[a:b]
    kept = []
    for r in refs:
        at = sentence.find(r.name)
        if at < 0 or not is_passing_ar(sentence, at, at + len(r.name)):
            kept.append(r)
    return tuple(kept)


def main_place_ar(title: str | None, text: str, gaz: Gazetteer) -> tuple[tuple[str, ...], PlaceRef | None]:
    """The document's context (place ids of its title and lede) and its main town or governorate."""
    head = (title or "") + "\n" + text[:1200]
    # a place named in passing (a seat, talks, a destination, a speaker's office) is never the report's
    # place, and a dateline's ("حلب - ") only when the title and lede name no other
    lines = [(ln.start(), ln.group()) for ln in re.finditer(r"(?m)^[^\n]+", head)]
    datelines = [(a + d[0], a + d[1]) for a, ln in lines if (d := dateline_ar(ln))][:2]
    every = [m for m in gaz.match_arabic(head) if m.place.id != "SY"]
    ctx = tuple(
        dict.fromkeys(m.place.id for m in every if m.place.kind in ("town", "governorate", "district"))
    )
    on_dateline = [m for m in every if any(a <= m.start < b for a, b in datelines)]
    matches = [
        m
        for m in every
        if m not in on_dateline
        and not is_passing_ar(head, m.start, m.end)
        and not _OFFICE.search(fold_arabic(head[max(0, m.start - 40) : m.start]).text)
    ]
    if not any(m.place.kind in ("town", "governorate") for m in matches):
        matches += on_dateline
        if not on_dateline:
            # "صنعاء - ": a town abroad at the head of the text has no place word before it, and
            # match_arabic wants one; the dateline's name is looked up as it is
            for a, b in datelines:
                found = [p for p in gaz.lookup(head[a:b]) if p.kind in ("town", "governorate")]
                if found:
                    return (*ctx, found[0].id), gaz.to_ref(found[0], head[a:b].strip())
    main = next(
        (gaz.to_ref(m.place, m.surface) for m in matches if m.place.kind in ("town", "governorate")), None
    )
    return ctx, main

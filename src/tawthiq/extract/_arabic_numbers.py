"""Arabic counts and tolls: "ما لا يقل عن 33"، "ثلاثة وأربعين"، "عشرات"، "طفلان", killed or injured.

In: a folded Arabic sentence (:func:`tawthiq.text.arabic.fold_arabic`: digits already ASCII, one
alef, ه for ة). Out: :class:`NumberHit` values and ``(fatalities, injured)`` as
:class:`tawthiq.entities.Count` per ../shared/eval/CLAIMS.md (عشرات 10, مئات 100, آلاف 1000 vague;
ما لا يقل عن / على الأقل at_least; أكثر من / ما يزيد عن more_than; نحو / حوالي / قرابة about;
بين 20 و30 a range). Never: adds a sub-count ("بينهم 11 طفلا") to a total, or gives a number for a
mixed "شهيد وجريح" count.

Number words are parsed by hand (units before tens, "و" between them: ثلاثة وأربعون = 43); text2num
reads English and French only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tawthiq.entities import Count
from tawthiq.extract._arabic_lexicon import (
    ENCLITICS,
    KILL_HE_SHE,
    KILL_NOUNS,
    KILL_NOUNS_OF_ACTION,
    KILL_VERBS,
    PERSON_NOUNS,
    WOUND_HE_SHE,
    WOUND_NOUNS,
    WOUND_NOUNS_OF_ACTION,
    WOUND_VERBS,
    alternation,
)
from tawthiq.extract._numbers import (
    _make,
)  # one CLAIMS.md number rule (low/high by qualifier) for both scripts
from tawthiq.text.arabic import fold, fold_pattern

__all__ = ["ArNumber", "find_numbers_ar", "find_tolls_ar"]


@lru_cache(maxsize=256)
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(pattern))


def _f(words: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in words.split(","):
        value, *forms = item.split()
        for w in forms:
            out[fold(w)] = int(value)
    return out


def _number_words() -> tuple[dict[str, int], dict[str, int], dict[str, int], dict[str, int]]:
    """Every written form of the number words, generated from the grammar rather than listed.

    Hand-written (no registry package spells Arabic numerals; text2num reads English and French):
    units 1-10 in both genders (ثلاث / ثلاثة) and the cases of 1 and 2 (اثنان، اثنين، اثنا، اثني، اثنتان،
    اثنتين، اثنتا، اثنتي), tens with their nominative -ون and oblique -ين, hundreds joined to their
    unit and in both spellings (ثلاثمئة، ثلاثمائة; "ثلاث مئة" apart is read by :func:`_words_value`),
    the dual hundreds with and without their nun (مئتان، مئتا، مئتين، مئتي), thousands and millions.
    """
    stems = {3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثمان", 9: "تسع", 10: "عشر"}
    units: dict[str, int] = {}
    for w in ("واحد", "واحدة", "واحدا", "أحد", "إحدى"):
        units[w] = 1
    for w in ("اثنان", "اثنين", "اثنا", "اثني", "اثنتان", "اثنتين", "اثنتا", "اثنتي"):
        units[w] = 2
    for n, stem in stems.items():
        units[stem] = n
        units[stem + ("ية" if n == 8 else "ة")] = n  # ثمانية, not ثمانة
    units["ثماني"] = 8
    tens = {"عشرون": 20, "عشرين": 20}
    for n, stem in stems.items():
        if n < 10:
            tens[stem + "ون"] = tens[stem + "ين"] = 10 * n
    hundreds: dict[str, int] = {}
    for hundred in ("مئة", "مائة"):
        hundreds[hundred] = 100
        for end in ("تان", "تين", "تا", "تي"):
            hundreds[hundred[:-1] + end] = 200
        for n, stem in stems.items():
            if n < 10:
                hundreds[stem + hundred] = 100 * n
        hundreds["ثماني" + hundred] = 800
    scales = {"ألف": 1000, "ألفا": 1000, "ألفان": 2000, "ألفين": 2000, "ألفي": 2000, "مليون": 1000000}
    # the ignore: a tuple built from a generator is typed tuple[dict, ...], here it has four
    return tuple({fold(w): v for w, v in d.items()} for d in (units, tens, hundreds, scales))  # type: ignore[return-value]


_UNITS, _TENS, _HUNDREDS, _SCALES = _number_words()
_VAGUE = _f("10 عشرات العشرات, 100 مئات المئات, 1000 آلاف الآلاف")
_ALL_WORDS = {**_UNITS, **_TENS, **_HUNDREDS, **_SCALES}
# "أحد" / "إحدى" is a number only before عشر (أحد عشر 11): "يوم الأحد" is Sunday, "أحد المدنيين" one of them
_WORD_RX = r"(?:احد|احدي)(?=\s+عشر)|" + "|".join(
    sorted((w for w in _ALL_WORDS if w not in ("احد", "احدي")), key=len, reverse=True)
)
_NUMWORDS = rf"(?:{_WORD_RX})(?:\s+و?(?:{_WORD_RX}|الاف|ملايين))*"
# thousands grouped by a comma, and (as Maghrebi and some Levantine outlets write) by a full stop or an
# Arabic comma: "1,500"، "1.500"، "١،٥٠٠" are 1500; a full stop before one or two digits is a decimal
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:[.،]\d{3})+(?!\d)|\d+(?:\.\d+)?"
_NUM = rf"(?:{_DIGITS}|(?<![\u0621-\u064a]){_NUMWORDS}(?![\u0621-\u064a]))"
_QUALS = [
    # "قتل على الأقل 20": على الأقل before its count as well as after it (the coverage audit)
    (r"ما لا يقل عن|لا يقل عن|ما لا يقل على|لا يقل عدد\w* عن|على الاقل", "at_least"),
    # "نيف و20" (twenty-odd), and "بضعة عشر" (ten-odd: more than ten, as نيف)
    (
        r"نيف و|نيفا و|بضعه|بضع|"
        r"اكثر من|ما يزيد عن|ما يزيد على|يزيد عن|يزيد على|يفوق|ما يربو على|يربو على|ازيد من|فوق",
        "more_than",
    ),
    (r"نحو|حوالي|حوالى|قرابه|زهاء|ما يقارب|ما يقرب من|يقارب|تقريبا|قرابه|ما يناهز|يناهز", "about"),
    # "ما يقل عن 42" (under 42) is at most, as "أقل من"; "ما لا يقل عن" is matched first above
    (r"ما يصل الى|حتى|اقل من|ما دون|ما يقل عن|يقل عن", "up_to"),
]
# the article may stand apart from its number: "حوالي الـ 20" (tatweel folded away)
_QUAL_RX = [(_rx(rf"(?:^|\s|[و])(?:{p})\s*(?:ال\s*)?$"), q) for p, q in _QUALS]
_NUMBER = _rx(
    rf"(?:(?<!\d)({_DIGITS})|(?<![\u0621-\u064a])(?:ب|ل|و|ال)?({_NUMWORDS})(?![\u0621-\u064a]))"
    r"(?:\s+(ال)?(الف|الفا|الاف|مليون|مليونا|ملايين)(?![\u0621-\u064a]))?"
)
_VAGUE_RX = _rx(
    r"(?<![\u0621-\u064a])(?:[وب]?ال|[وب])?(عشرات|مئات|الاف)(?:\s+(?:ال)?(الاف|الالاف|ملايين))?(?![\u0621-\u064a])"
)
_RANGE = _rx(rf"(?:بين\s+)({_DIGITS})\s+و\s*({_DIGITS})|({_DIGITS})\s*(?:-|الى|إلى)\s*({_DIGITS})")
# "على الأقل" after the noun it counts ("عشرة مدنيين على الأقل"), not after a later count
# ("على أقل تقدير", at the lowest estimate, as well)
# (between commas too: "قتل 42 مدنيا، على الأقل، في …")
_AT_LEAST_AFTER = _rx(r"^\s*(?:[^\s،,.؛\d]+\s*[،,]?\s+){0,2}على (?:الاقل|اقل تقدير)\b")
_ABOUT_AFTER = _rx(r"^\s*(?:\S+\s+){0,2}تقريبا\b")
# "20 ونيف"، "عشرين ونيفا" (twenty-odd): more than the number
_ODD_AFTER = _rx(r"^\s*و\s*نيف(?![\u0621-\u064a])|^\s*و\s*نيفا(?![\u0621-\u064a])")


@dataclass(frozen=True)
class ArNumber:
    start: int
    end: int
    count: Count


def _words_value(text: str) -> int | None:
    total, current = 0, 0
    seen = False
    unit = 0  # the unit just read, when the token before was one ("ثلاث مئة" is 300, not 103)
    for raw in text.split():
        tok = raw[1:] if (raw.startswith("و") and raw[1:] in _ALL_WORDS) or raw in ("والف", "والاف") else raw
        if unit and tok is raw and _HUNDREDS.get(tok) == 100 and 3 <= unit <= 9:
            current += unit * 100 - unit
            unit = 0
            continue
        unit = _UNITS.get(tok, 0)
        if tok in ("الاف", "الف", "الفا"):
            total += (current or 1) * 1000
            current = 0
        elif tok in ("مليون", "ملايين"):
            total += (current or 1) * 1_000_000
            current = 0
        elif tok in _SCALES:
            total += _SCALES[tok]
        elif tok in _HUNDREDS:
            current += _HUNDREDS[tok]
        elif tok in _TENS:
            if current % 100 >= 20:
                return None  # "عشرين وثلاثين": two tens are two numbers (a range), not 50
            current += _TENS[tok]
        elif tok in _UNITS:
            v = _UNITS[tok]
            current += 10 if v == 10 and current else v  # ثلاثة عشر = 13
        else:
            return None
        seen = True
    return total + current if seen else None


def _value(num: str) -> int | None:
    if re.fullmatch(r"\d{1,3}(?:[.،]\d{3})+", num):
        return int(re.sub(r"[.،]", "", num))
    if re.fullmatch(_DIGITS, num):
        v = float(num.replace(",", ""))
        return int(v) if v == int(v) else None
    return _words_value(num)


def _qualifier(before: str, after: str) -> str:
    for rx, q in _QUAL_RX:
        if rx.search(before[-30:]):
            return q
    if _AT_LEAST_AFTER.match(after):
        return "at_least"
    if _ODD_AFTER.match(after):
        return "more_than"
    if _ABOUT_AFTER.match(after):
        return "about"
    return "exact"


def _range_in_words(s: str, m: re.Match[str], g: int, hits: list[ArNumber], taken: list) -> None:
    """ "بين عشرين وثلاثين": number words that are no one number, after بين, are a range."""
    words = m.group(g).strip()
    if not re.search(r"(?:^|\s)(?:ما\s+)?بين\s*$", s[max(0, m.start(g) - 10) : m.start(g)]):
        return
    parts = re.split(r"\s+و", words)
    for cut in range(1, len(parts)):
        low, high = _words_value(" و".join(parts[:cut])), _words_value(" و".join(parts[cut:]))
        if low is not None and high is not None and low < high:
            hits.append(ArNumber(m.start(g), m.end(), Count(low=low, high=high, qualifier="exact")))
            taken.append((m.start(g), m.end()))
            return


def find_numbers_ar(s: str) -> list[ArNumber]:
    """Every count in a folded Arabic sentence, in order."""
    hits: list[ArNumber] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(s):
        a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        va, vb = _value(a), _value(b)
        if va is None or vb is None or not va < vb or vb > 1900:
            continue
        hits.append(ArNumber(m.start(), m.end(), Count(low=va, high=vb, qualifier="exact")))
        taken.append(m.span())
    for m in _NUMBER.finditer(s):
        g = 1 if m.group(1) else 2
        if any(a <= m.start(g) < b for a, b in taken):
            continue
        raw = m.group(g).strip()
        v: int | None
        if m.group(4) and re.fullmatch(r"\d+\.\d+", raw):
            # "1.5 ألف"، "2.3 مليون": a decimal count of thousands or millions is whole
            scale = 1_000_000 if m.group(4).startswith(("مليون", "ملايين")) else 1000
            v = round(float(raw) * scale)
        else:
            v = _value(raw)
            if v is None:
                _range_in_words(s, m, g, hits, taken)
                continue
            if m.group(4):
                v *= 1_000_000 if m.group(4).startswith(("مليون", "ملايين")) else 1000
        if 1900 <= v <= 2100 and re.fullmatch(r"\d{4}", m.group(g)):
            continue  # a year
        hits.append(ArNumber(m.start(g), m.end(), _make(v, _qualifier(s[: m.start(g)], s[m.end() :]))))
        taken.append((m.start(g), m.end()))
    for m in _VAGUE_RX.finditer(s):
        if any(a <= m.start(1) < b for a, b in taken):
            continue
        word = m.group(1)
        value = _VAGUE.get(word)
        if value is None:
            continue
        if m.group(2):  # "عشرات الآلاف" 10,000; "مئات الآلاف" 100,000; "آلاف الملايين"
            value *= 1_000_000 if m.group(2) == "ملايين" else 1000
        end = m.end(2) if m.group(2) else m.end(1)
        hits.append(ArNumber(m.start(1), end, Count(low=value, high=None, qualifier="vague")))
    return sorted(hits, key=lambda h: h.start)


_K = (
    r"(?:قتل|قتلو|قتلوا|قتلت|قتلتا|قتلا|استشهدا|لقيا|قضيا|تقتل|يقتل|قتيل|قتيلا|قتلي|مقتل|مصرع|استشهد|استشهدوا|استشهاد|شهيد|شهيدا|شهداء"
    r"|قضي|قضوا|ارتقي|ارتقوا|ارتقاء|لقي|لقوا|حتفه|حتفهم|وفاه|توفي|جثه|جثث|اعدام|اعدم|اعدموا|ضحيت|الوفيات|بحياه"
    r"|راح\s+ضحيه|(?:حصد|حصدت|حصدا|ازهق|ازهقت)(?:\s+\S+){0,3}?\s+(?:ال)?ارواح"  # "حصدت الغارات أرواح 12"
    # "فقد 12 شخصا حياتهم" (lost their lives): the lives of the counted, after the count
    r"|حياتهم|حياتهما|حياتهن"
    # parting with life, breathing one's last, after the counted: "4 مدنيين فارقوا الحياة"، "لفظوا أنفاسهم"
    r"|(?:فارق|فارقت|فارقا|فارقتا|فارقوا|فارقن)\s+(?:ال)?حياه"
    r"|(?:لفظ|لفظت|لفظا|لفظتا|لفظوا|لفظن)\s+(?:ال)?انفاس"
    # torn to pieces, after the counted: "أحال القصف 20 شخصا إلى أشلاء"، "تحول عشرات المدنيين إلى أشلاء"
    r"|(?:الى|إلى)\s+(?:ال)?اشلاء"
    # every form of the verbs and nouns of killing (_arabic_lexicon): قتلت، استشهدت، لقيت، توفيت، قتيلة …
    rf"|{alternation(KILL_VERBS + KILL_NOUNS + KILL_NOUNS_OF_ACTION)})"
)
# suffocation cases (حالات اختناق) are counted as wounded, as in English
_I = (
    r"(?:جرح|جرحت|جرحوا|جرحي|جريح|جريحا|جروح|بجروح|اصيب|اصيبوا|اصيبا|اصابه|اصابات|مصاب|مصابا|مصابين|بجراح|جراح"
    r"|اختناق|بالاختناق"
    rf"|{alternation(WOUND_VERBS + WOUND_NOUNS + WOUND_NOUNS_OF_ACTION)})"
)
_KILL = _rx(rf"(?<![\u0621-\u064a])(?:[وفب]|ل|ال|وال|بال|لل)?{_K}{ENCLITICS}(?![\u0621-\u064a])")
_INJ = _rx(rf"(?<![\u0621-\u064a])(?:[وفب]|ل|ال|وال|بال|لل)?{_I}{ENCLITICS}(?![\u0621-\u064a])")
_PERSON = _rx(
    r"^\s*(?:من\s+)?(?:ال)?(?:مدني|مدنيا|مدنيين|مدنيون|شخص|شخصا|اشخاص|مواطن|مواطنا|مواطنين|مواطنات|طفل|طفلا|"
    r"اطفال|امراه|نساء|سيده|سيدات|رجل|رجلا|رجال|مقاتل|مقاتلا|مقاتلين|مسلح|مسلحا|مسلحين|عنصر|عنصرا|عناصر|"
    r"جندي|جنديا|جنود|شاب|شابا|شبان|معتقل|معتقلا|معتقلين|ضحيه|ضحيت|ضحايا|قتيل|قتيلا|قتلي|شهيد|شهيدا|شهداء|"
    r"جريح|جريحا|جرحي|مصاب|مصابا|مصابين|اخرين|اخرون|اخر|فرد|افراد|نازح|نازحين|عامل|عمال|مسعف|مسعفين|"
    r"حاله|حالات|معلم|معلما|معلمين|معلمه|معلمات|طالب|طالبا|طلاب|تلميذ|تلاميذ|مريض|مريضا|مرضي|ممرض|ممرضا|ممرضين|"
    r"ممرضه|ممرضات|متطوع|متطوعا|متطوعين|صحفي|صحفيا|صحفيين|موظف|موظفا|موظفين|طبيب|طبيبا|اطباء"
    # workers, refugees and the people of a war by their nation ("7 من العاملين الصحيين"، "20 فلسطينيا")
    r"|عاملين|عاملا|العاملين|لاجي|لاجيا|لاجيين|مهاجرين|صيادين|مزارعين|فلسطيني|فلسطينيا|فلسطينيين"
    r"|يمني|يمنيا|يمنيين|سوداني|سودانيا|سودانيين|عراقيا|عراقيين|سوريين"
    rf"|{alternation(KILL_NOUNS + WOUND_NOUNS + PERSON_NOUNS)})"
    r"(?![\u0621-\u064a])"
)
_SUB = _rx(
    r"(?<![\u0621-\u064a])(?:بينهم|بينها|بينهن|منهم|منها|ضمنهم|بمعدل|اغلبهم|معظمهم|ثلثهم)(?![\u0621-\u064a])"
)
_KN = r"(?:قتلى|قتيل|قتيلا|شهيد|شهيدا|شهداء|ضحايا|ضحية)"
_IN = r"(?:جرحى|جريح|جريحا|مصاب|مصابا|مصابين|اصابات|إصابات)"
# "15 شهيد وجريح", "قتلى وجرحى": one count of killed and injured together
_MIXED = _rx(
    rf"(?:ال)?{_KN}\s+(?:و|او)\s*(?:ال)?{_IN}|(?:ال)?{_IN}\s+(?:و|او)\s*(?:ال)?{_KN}"
    # the verbs and verbal nouns together: "قتل وجرح أكثر من 40"، "مقتل وإصابة 20"
    r"|(?<![\u0621-\u064a])(?:قتل|مقتل|استشهاد|استشهد)\s+(?:و|او)\s*(?:جرح|إصابة|أصيب)(?![\u0621-\u064a])"
)
# a singular or dual person noun right after a verbal noun of killing: "استشهاد مواطن" 1, "استشهاد شخصين" 2
_ONE_NOUN = (
    r"(?:مواطن|شخص|مدني|طفل|رجل|امراه|سيده|شاب|شهيد|طفله|عنصر|مقاتل|جندي|مسعف|صحفي|ناشط|متطوع|عامل|ممرض|طبيب"
    r"|امراتان|امراتين|سيدتان|سيدتين|طفلتان|طفلتين|فتاه|فتي|ابن|اب|ام|شقيق"
    # the held: "توفي معتقل تحت التعذيب"، "قضى سجين في سجن صيدنايا"
    r"|معتقل|سجين|اسير|محتجز|موقوف|مختطف)"
)
# the feminine verbs too ("قتلت امرأة"); a dual may carry a pronoun ("وطفلاها"، "وابنيه": her two children)
_DUAL = r"(?:(ان|ين|اه|اها|يه|يها)|(?![\u0621-\u064a]))"
_HE_SHE = KILL_HE_SHE + WOUND_HE_SHE
_ONE = _rx(
    # a word of its own (a proclitic before it at most): "يتوفى طفل كل يوم" holds توفي but is a habit
    r"(?<![\u0621-\u064a])(?:و|ف|ب|وب|ل)?"
    rf"(?:مقتل|استشهاد|ارتقاء|مصرع|وفاه|اصابه|جرح|قتل|قتلت|استشهد|استشهدت|اصيب|اصيبت|قضي|قضت|بحياه|لقي|لقيت"
    # he and she of every verb of killing or wounding (_arabic_lexicon): توفيت، ارتقت، أعدم، جرحت …
    rf"|{alternation(_HE_SHE)}"
    # the verb of an idiom of dying with its subject inside: "فارق طفل الحياة"، "لفظت امرأة أنفاسها"
    r"|(?:فارق|فارقت|لفظ|لفظت)(?=\s+\S+\s+(?:ال)?(?:حياه|انفاس)))"
    # the feminine of each singular noun too: "اغتيلت ناشطة"، "قتلت مسعفة"، "استشهدت صحفية"
    rf"\s+(?:ال)?{_ONE_NOUN}(?:ه(?![\u0621-\u064a]))?{_DUAL}"
)
# a dual noun before its dual verb: "إن طفلين قتلا بقذيفة"، "شخصان أصيبا"
_DUAL_VERBS = [f for f in KILL_VERBS + WOUND_VERBS if f.endswith("ا") and not f.endswith("وا")]
_DUAL_BEFORE = _rx(
    rf"(?<![\u0621-\u064a])(?:ال)?(?:{_ONE_NOUN}(?:ان|ين|تان|تين)|امراتان|امراتين)\s+"
    rf"({alternation(_DUAL_VERBS)})"
    r"(?![\u0621-\u064a])"
)
# one person before the verb of their death, after إن / أن or at the head of a clause: "إن طفلا قتل"،
# "أن معتقلا قضى تحت التعذيب"، "امرأة توفيت متأثرة بجراحها" (one singular noun, with its -ا or -ة)
_ONE_BEFORE = _rx(
    r"(?:^|[،,]\s*|(?<![\u0621-\u064a])(?:و|ب|ل)?(?:ان|انه)\s+)(?:ال)?"
    rf"{_ONE_NOUN}(?:ا|ه)?\s+(?:واحدا?\s+)?({alternation(_HE_SHE)})(?![\u0621-\u064a])"
)
# "قتل طفل وامرأة"، "مقتل شاب وطفلين": one more singular (or two more dual) person joined by و
_AND_ONE = _rx(rf"^\s*و\s*(?:ال)?{_ONE_NOUN}{_DUAL}")


# a casualty noun that is its own count: "سقط قتيلان" 2، "سقوط قتيل وثلاثة جرحى" 1، "ارتقى شهيدان" 2
_SELF_COUNTED = _rx(
    r"(?<![\u0621-\u064a])(?:و|ف)?(?:سقوط|سقط|سقطت|وقوع|وقع|ارتقي|ارتقاء|خلف|خلفت|اوقع|اوقعت|عن)\s+"
    r"(قتيلان|قتيلين|شهيدان|شهيدين|جريحان|جريحين|مصابان|مصابين|قتيل|شهيد|جريح|مصاب"
    # the feminine, one or two: "سقوط قتيلة"، "ارتقاء شهيدتين"
    r"|قتيله|شهيده|جريحه|مصابه|قتيلتان|قتيلتين|شهيدتان|شهيدتين|جريحتان|جريحتين|مصابتان|مصابتين)(?![\u0621-\u064a])"
)
# a dual casualty noun is its own count wherever it stands ("قتيلان في غارة على …"); مصابين is
# also the plural, so only its nominative dual
_DUAL_NOUN = _rx(
    r"(?<![\u0621-\u064a])(?:[وب]|ال|وال|بال)?"
    r"(قتيلان|قتيلين|شهيدان|شهيدين|جريحان|جريحين|مصابان|قتيلتان|قتيلتين|شهيدتان|شهيدتين|جريحتان"
    r"|جريحتين|مصابتان|مصابتين)(?![\u0621-\u064a])"
)
_CASUALTY_NOUN = _rx(
    rf"\s*(?:ال)?(?:قتلي|قتيل|قتيلا|شهيد|شهيدا|شهداء|جرحي|جريح|جريحا|مصاب|مصابا|مصابين"
    rf"|{alternation(KILL_NOUNS + WOUND_NOUNS)})"
)
_WOUNDED_NOUN = _rx(rf"^\s*(?:ال)?{alternation(WOUND_NOUNS)}(?![\u0621-\u064a])")
_TOLL_WORD = _rx(r"(?<![\u0621-\u064a])(?:ال)?حصيله(?![\u0621-\u064a])")  # "ارتفعت الحصيلة إلى 12"
_ACTIVE = _rx(
    r"(?<![\u0621-\u064a])[وف]?(?:قتل|قتلت|تقتل|يقتل|اصاب|اصابت|يصيب|تصيب|جرح|جرحت)(?![\u0621-\u064a])"
)
_KIN = _rx(
    r"^\s*و(?:زوجته|زوجها|ابنه|ابنها|ابنته|ابنتها|طفله|طفلها|شقيقه|شقيقته|والده|والدته|اخيه|اخته)(?![\u0621-\u064a])"
)


# one of the wounded counted as dead: "توفي منهم 5"، "بينهم 5 توفوا لاحقا"
_DIED = (
    r"(?:توفي|توفيت|توفوا|توفيا|مات|ماتت|ماتوا|ماتا|قضى|قضت|قضوا|قضيا|فارق|فارقوا"
    r"|استشهد|استشهدوا|قتل|قتلوا)"
)
_DIED_OF_THEM_BEFORE = _rx(rf"(?<![\u0621-\u064a])(?:و|ف)?{_DIED}\s+(?:منهم|منهما|بينهم)\s*$")
_DIED_OF_THEM_AFTER = _rx(
    rf"^\s*(?:(?:ال)?(?:اشخاص|مدنيين|اطفال|منهم|اخرين)\s+)?(?:و|ف)?{_DIED}(?![\u0621-\u064a])"
)


def _is_sub(s: str, pos: int) -> bool:
    """Is the number at ``pos`` inside "بينهم …" (a part of a total), with no new verb since?"""
    subs = list(_SUB.finditer(s[max(0, pos - 60) : pos]))
    if not subs:
        return False
    between = s[max(0, pos - 60) + subs[-1].end() : pos]
    return not (_KILL.search(between) or _INJ.search(between) or _rx(r"[.؛]").search(between))


_PARTS_ASIDE = _rx(r"^((?:\s+\S+){1,3}?)\s*[،,]\s*(?:بينهم|منهم|من بينهم)\s[^،,.؛]{1,40}[،,]")


_VICTIMS_AGAINST_WOUNDED = _rx(
    r"^\s*(?:ال)?(?:ضحيه|ضحايا|ضحيتين|ضحيتان)\s+و\s*(?:\d+|[\u0621-\u064a]+)\s+(?:ال)?(?:جريح|جريحا|جرحي|مصاب|مصابا|مصابين)"
)
# a qualifier between "و" and a coordinated count: "12 موظفا وما لا يقل عن 8 مرضى"
_AND_QUALIFIED = re.compile(r"\s+و\s*(?:(?:" + "|".join(p for p, _ in _QUALS) + r")\s*(?:ال\s*)?)?$")
_WEAKER = {"exact": 0, "about": 1, "at_least": 2, "more_than": 2}
_ANY_QUAL = "|".join(p for p, _ in _QUALS)
_QUAL_TAIL = _rx(rf"(?<![\u0621-\u064a])(?:{_ANY_QUAL})\s*(?:ال\s*)?$")
# a count a total rises to or amounts to, any qualifier between: "ارتفعت الحصيلة إلى نحو 40"
_TO_A_TOTAL = _rx(rf"(?:الى|بلغ|بلغت)\s*(?:(?:{_ANY_QUAL})\s*(?:ال\s*)?)?$")


_PARTED = _rx(r"(?<![\u0621-\u064a])(?:و|ف)?(?:فارق|فارقت|فارقا|فارقتا|فارقوا|لفظ|لفظت|لفظا|لفظوا)\s*$")
_LIFE_AFTER = _rx(r"^\s*(?:\S+\s+){1,2}?(?:ال)?(?:حياه|انفاس)")
# a verb whose object is the toll and whose subject is the cause, the cause between them (the count's
# person noun follows it): "راح/ذهب ضحية …"، "حصد/أزهق … أرواح"
_CAUSE_TOLL = _rx(
    r"(?<![\u0621-\u064a])(?:و|ف)?(?:(?:راح|ذهب)\s+ضحيه|(?:حصد|حصدت|ازهق|ازهقت|يحصد|تحصد)\s+\S+(?:\s+\S+)*?\s+(?:ال)?ارواح)"
    r"(?![\u0621-\u064a])"
)


# a toll of the dead (group 1) or of the wounded (group 2) that rose, what it rose from between it and "إلى"
_RISEN_TOLL = _rx(
    # a toll that rose to or reached N: "ارتفع"، "وصل"، "يصل" (as "ارتفع" with its cause between)
    r"(?<![\u0621-\u064a])(?:و|ف)?ل?(?:ارتفاع|ارتفع|ارتفعت|يرتفع|ترتفع|وصل|وصلت|يصل|تصل)\s+"
    r"(?:ال)?(?:حصيله|عدد|اعداد)\s+"
    rf"(?:(?:ال)?(?:({alternation(KILL_NOUNS)})|({alternation(WOUND_NOUNS)}))"
    # … or those who died, told by a relative clause: "وصل عدد الأشخاص الذين قضوا تحت التعذيب إلى"،
    # "ارتفع عدد الذين استشهدوا في الغارات إلى"، "عدد من قتلوا"
    r"|(?:(?:ال)?(?:اشخاص|مدنيين|مواطنين|اطفال|نساء|ضحايا)\s+)?(?:الذين|اللذين|ممن|من)\s+"
    r"(?:(قضوا|قتلوا|استشهدوا|سقطوا|ارتقوا|لقوا|توفوا|ماتوا)|(اصيبوا|جرحوا)))(?![\u0621-\u064a])"
    rf"(?:\s+\S+){{1,10}}?\s+الى\s*(?:(?:{_ANY_QUAL})\s*(?:ال\s*)?)?$"
)


# the active verb of wounding right before its count ("وأصابت 15 آخرين"; أصيب, the passive, is in _INJ)
_WOUNDED_BY = _rx(r"(?<![\u0621-\u064a])(?:و|ف)?(?:اصاب|اصابت|اصابا|اصابتا|اصابوا|تصيب|يصيب)\s*$")


def _role(s: str, h: ArNumber) -> str | None:
    before = s[max(0, h.start - 40) : h.start]
    # "23 شخصا على الأقل، بينهم ثلاثة أطفال، قتلوا": the aside of its parts does not end the clause
    after = _PARTS_ASIDE.sub(lambda m: m.group(1) + " ", s[h.end : h.end + 100], count=1)[:60]
    clause_after = re.split(r"[،,.؛:]|\s(?:و|في حين|بينما|كما)\s", after)[0]
    near_before = re.split(r"[،,.؛:]", before)[-1]
    if _MIXED.search(clause_after[:40]) or _MIXED.search(near_before[-25:]):
        return "mixed"
    # the count's own noun decides first: "مقتل 5 مدنيين و10 جرحى" (10 wounded, not 10 more dead) …
    if _WOUNDED_NOUN.match(after):
        # … but the wounded who died are dead: a verb of dying right before them ("توفي 3 جرحى متأثرين
        # بجراحهم"، "وفاة 3 مصابين")
        qualifier = _QUAL_TAIL.search(near_before)
        bare = near_before[: qualifier.start()] if qualifier else near_before
        dying = [m for m in _KILL.finditer(bare) if not bare[m.end() :].strip()]
        parted = _PARTED.search(near_before) and _LIFE_AFTER.match(after)  # "فارق 3 جرحى الحياة"
        return "killed" if dying or parted else "injured"
    # "20 ضحية و50 جريحا": victims set against the wounded are the dead (annotation.md)
    if _VICTIMS_AGAINST_WOUNDED.match(after):
        return "killed"
    # "فارق 4 مدنيين الحياة": the verb of the idiom before the count, "life" after its noun
    if _PARTED.search(near_before) and _LIFE_AFTER.match(after):
        return "killed"
    # "راح ضحية القصف على البلدة 4 مدنيين"، "حصدت الغارات على المدينة أرواح 12": the cause stands
    # between the verb of the toll and the count
    if _PERSON.match(after) and _CAUSE_TOLL.search(
        re.split(r"[،,.؛:\d]", s[max(0, h.start - 80) : h.start])[-1]
    ):
        return "killed"
    if _WOUNDED_BY.search(near_before) and _PERSON.match(after):
        return "injured"  # "أودت الغارات بحياة 8 مدنيين وأصابت 15 آخرين": the active verb of wounding
    kb = list(_KILL.finditer(near_before))
    ib = list(_INJ.finditer(near_before))
    # a verbal noun or verb right before the number decides: "مقتل 33"، "اصابه 20"، "قتل 18 شخصا"
    last_b = max([(m.end(), "killed") for m in kb] + [(m.end(), "injured") for m in ib], default=None)
    # a qualifier between them does not push the count away: "القتلى في مدينة دوما إلى نحو 40"
    qualifier = _QUAL_TAIL.search(near_before)
    reach = 22 + (len(qualifier.group(0)) if qualifier else 0)
    if last_b and len(near_before) - last_b[0] <= reach:
        return last_b[1]
    ka, ia = _KILL.search(clause_after), _INJ.search(clause_after)
    if ka or ia:
        if ia and (not ka or ia.start() < ka.start()):
            return "injured"
        return "killed"
    # an active verb with its subject between it and the count: "قتلت طائرات التحالف الدولي 18 مدنيا"
    if _PERSON.match(after):
        clause_before = re.split(r"[،,.؛:\d]", s[max(0, h.start - 70) : h.start])[-1]
        verb = list(_ACTIVE.finditer(clause_before))
        if verb:
            return "injured" if verb[-1].group(0).lstrip("وف").startswith(("اصاب", "جرح")) else "killed"
    # "ارتفع عدد القتلى جراء الغارات على مدينة إدلب إلى 30 شخصا": the cause and the place between the
    # risen toll and its count; the noun the toll names decides
    risen = _RISEN_TOLL.search(re.split(r"[،,.؛:\d]", s[max(0, h.start - 110) : h.start])[-1])
    if risen and _PERSON.match(after):
        return "killed" if risen.group(1) or risen.group(3) else "injured"
    if _rx(
        r"(?:ارتفاع|ارتفع|ارتفعت|ليرتفع|يرتفع|يرفع|لترتفع|بلغ|بلغت|وصل"
        r"|وصلت)(?:\s+(?:ال)?(?:حصيله|عدد|اعداد)(?:\s+\S+)?)?"
        # a time between the verb and the count: "بلغت الشهر الماضي 1354"
        r"(?:\s+(?:خلال\s+)?(?:الشهر|العام|الاسبوع|اليوم|امس)(?:\s+(?:الماضي|الجاري|المنصرم|الفايت))?)?"
        r"\s*(?:الى|ل)?\s*"
        rf"(?:(?:{_ANY_QUAL})\s*(?:ال\s*)?)?$"
    ).search(near_before):
        head = s[: h.start]
        k = [m.start() for m in _KILL.finditer(head)] + [m.start() for m in _TOLL_WORD.finditer(head)]
        i = [m.start() for m in _INJ.finditer(head)]
        tail_k = _KILL.search(s[h.end : h.end + 90])
        if k or i or tail_k:
            return "killed" if (k[-1] if k else -1) >= (i[-1] if i else -1) or tail_k else "injured"
    return None


def _and_one_more(count: Count, after: str) -> Count:
    """``count`` with the singular (or dual) person joined to its noun by و: "استشهد 3 أطفال وامرأة" is 4,
    "قتل 5 مدنيين وطفلان" 7 (the singular was counted only after a verb: "قتل طفل وامرأة")."""
    noun = _PERSON.match(after)
    more = _AND_ONE.match(after[noun.end() :]) if noun else None
    if more is None or count.low is None or count.qualifier == "vague":
        return count
    n = 2 if more.group(1) or more.group(0).endswith(("تان", "تين")) else 1
    high = count.high + n if count.high is not None else None
    return Count(low=count.low + n, high=high, qualifier=count.qualifier)


def find_tolls_ar(s: str) -> tuple[Count | None, Count | None]:
    """(fatalities, injured) a folded Arabic sentence states."""
    fatal: Count | None = None
    injured: Count | None = None
    last: tuple[ArNumber, str] | None = None  # the count just taken and its role
    for h in find_numbers_ar(s):
        after = s[h.end : h.end + 60]
        if (
            last is not None
            and _PERSON.match(after)
            and not _KILL.match(after.lstrip())
            and not _INJ.match(after.lstrip())
            and not _CASUALTY_NOUN.match(after)
            and h.count.qualifier in _WEAKER
            and h.count.low
        ):
            # "قتلت 22 طفلاً و6 معلمين": coordinated counts of one toll add up
            noun = _PERSON.match(s[last[0].end : h.start])
            if noun and _AND_QUALIFIED.fullmatch(s[last[0].end + noun.end() : h.start]):
                total = fatal if last[1] == "killed" else injured
                if total is not None and total.low is not None and total.qualifier in _WEAKER:
                    # the sum, with the weaker qualifier (annotation.md: "N staff and at least M
                    # patients" is N + M at least)
                    q = max(total.qualifier, h.count.qualifier, key=_WEAKER.__getitem__)
                    high = (
                        total.high + h.count.low
                        if total.high is not None and q in ("exact", "about")
                        else None
                    )
                    total = Count(low=total.low + h.count.low, high=high, qualifier=q)
                    if last[1] == "killed":
                        fatal = total
                    else:
                        injured = total
                    last = (h, last[1])
                    continue
        before = s[max(0, h.start - 40) : h.start]
        if not (_PERSON.match(after) or _KILL.match(after.lstrip()) or _INJ.match(after.lstrip())) and not (
            _KILL.search(before[-22:]) or _INJ.search(before[-22:]) or _TO_A_TOTAL.search(before)
        ):
            continue
        if _rx(
            r"^\s*(?:ال)?(?:غاره|غارات|قذيفه|قذايف|صاروخ|صواريخ|برميل|براميل|يوما|ايام|ساعه|ساعات|كغ|كيلو)"
        ).match(after):
            continue  # "25 غارة"، "خلال 31 يوما": not people
        if _is_sub(s, h.start) and (fatal or injured):
            if (
                fatal is None
                and injured is not None
                and (
                    _DIED_OF_THEM_BEFORE.search(s[max(0, h.start - 30) : h.start])
                    or _DIED_OF_THEM_AFTER.match(s[h.end : h.end + 30])
                )
            ):
                # "أصيب 17 مدنيا، توفي منهم 5 لاحقا": the dead among the wounded are the toll's dead
                fatal = h.count
            continue  # "بينهم 11 طفلا": part of the total already counted
        role = _role(s, h)
        if role == "mixed":
            return None, None
        if role == "killed" and fatal is None:
            fatal = _and_one_more(h.count, after)
            last = (h, role)
        elif role == "injured" and injured is None:
            injured = _and_one_more(h.count, after)
            last = (h, role)
        else:
            last = None
    for m in _ONE.finditer(s):
        n = 2 if m.group(1) or m.group(0).endswith(("تان", "تين")) else 1
        if _KIN.match(s[m.end() :]):
            n += 1  # "استشهاد رجل وزوجته": the man and his wife
        end = m.end()
        while (more := _AND_ONE.match(s[end:])) is not None:
            n += 2 if more.group(1) or more.group(0).endswith(("تان", "تين")) else 1
            end += more.end()
        inj = m.group(0).startswith(("اصابه", "جرح", "اصيب"))
        if _is_sub(s, m.start()):
            continue
        if inj and injured is None:
            injured = Count(low=n, high=n, qualifier="exact")
        elif not inj and fatal is None:
            fatal = Count(low=n, high=n, qualifier="exact")
    for m in _ONE_BEFORE.finditer(s):
        if _is_sub(s, m.start()):
            continue
        if m.group(1).startswith(("اصيب", "جرح")):
            injured = injured or Count(low=1, high=1, qualifier="exact")
        else:
            fatal = fatal or Count(low=1, high=1, qualifier="exact")
    for m in _DUAL_BEFORE.finditer(s):
        if m.group(1).startswith(("اصيب", "جرح")):
            injured = injured or Count(low=2, high=2, qualifier="exact")
        else:
            fatal = fatal or Count(low=2, high=2, qualifier="exact")
    for m in (*_SELF_COUNTED.finditer(s), *_DUAL_NOUN.finditer(s)):
        word = m.group(1)
        n = 2 if word.endswith(("ان", "ين")) and not word.startswith("مصابين") else 1
        if _is_sub(s, m.start()):
            continue
        if word.startswith(("جري", "مصاب")):
            injured = injured or Count(low=n, high=n, qualifier="exact")
        else:
            fatal = fatal or Count(low=n, high=n, qualifier="exact")
    return fatal, injured

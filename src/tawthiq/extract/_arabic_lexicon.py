"""Pattern helpers shared by the Arabic rules (:mod:`._arabic` and its parts).

Every pattern is written in ordinary Arabic spelling and folded by :func:`_rx` (the same folding
the text gets: one alef, ه for ة, ي for ى, no diacritics), so a rule never lists a hamza variant.
``_L``/``_R`` bound a word; ``_P`` is the optional group of proclitics (و ف ب ل ال and their runs).
"""

from __future__ import annotations

import re
from functools import lru_cache

from tawthiq.text.arabic import fold_pattern

__all__ = ["_L", "_P", "_R", "_rx", "with_pronoun"]

_L = r"(?<![\u0621-\u064a])"  # no Arabic letter before (a word start, after any proclitic group)
_R = r"(?![\u0621-\u064a])"
_P = r"(?:[وفب]|ل|ال|وال|بال|فال|لل|و?ب|و?ل)?"  # proclitics


@lru_cache(maxsize=256)
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(pattern))


# ------------------------------------------------------------------------------ word-form tables
# Hand-written generators, not a morphology package, decided by measurement (docs/extraction.md,
# fifth round): on the test's own forms of قتل، استشهد، أصيب، قال, snowballstemmer's Arabic stemmer
# gave the head's stem to 29 of 58 forms (not the imperfect: يقتل), tashaphyne's light stem to 26
# (not قتيل، قتلى، مقتل), tashaphyne's root to 38 but also to 9 of 16 other words (مقاتل with قتل,
# مشاهد with شهد, أصاب "hit" with أصيب); and each stems 25,000-47,000 words per CPU-second, about
# the rate of the whole Arabic extraction. A generator writes every inflection news uses, and a test reads
# each one back.


def verb_forms(perfect: str, imperfect: str | None = None, weak: str = "") -> list[str]:
    """The third-person forms of a verb as news writes them, unvocalised (so active and passive
    perfect are one spelling: قتل / قُتل).

    Perfect: he, she, they two (m, f), they (m, f): قتل، قتلت، قتلا، قتلتا، قتلوا، قتلن. A verb ending
    in alef maqsura (``weak="a"``: قضى، نفى، روى) drops it: قضت، قضيا، قضتا، قضوا، قضين; one ending
    in ya (``weak="i"``: لقي، توفي) keeps it but for the plural: لقيت، لقيا، لقوا، لقين. Imperfect
    (``imperfect`` is the stem after the prefix: قول for يقول): يقول، تقول، يقولون، يقولان، تقولان; a
    stem ending in ي (يقضي) takes its plural on the root: يقضون.
    """
    if weak == "a":
        stem = perfect[:-1]
        out = [perfect, stem + "ت", stem + "يا", stem + "تا", stem + "وا", stem + "ين"]
    elif weak == "i":
        stem = perfect[:-1]
        out = [perfect, perfect + "ت", perfect + "ا", perfect + "تا", stem + "وا", perfect + "ن"]
    else:
        out = [perfect, perfect + "ت", perfect + "ا", perfect + "تا", perfect + "وا", perfect + "ن"]
    if imperfect:
        plural = imperfect[:-1] + "ون" if imperfect.endswith("ي") else imperfect + "ون"
        out += ["ي" + imperfect, "ت" + imperfect, "ي" + plural, "ت" + plural]
        out += ["ي" + imperfect + "ان", "ت" + imperfect + "ان"]
    return out


def noun_forms(singular: str, *plurals: str, feminine: bool = True) -> list[str]:
    """A noun and adjective's written forms: singular, indefinite accusative (-ا), dual (-ان، -ين),
    the feminine (-ة, -تان, -تين, -ات) when ``feminine``, the sound masculine plural (-ون، -ين)
    only when given among ``plurals`` (a broken plural such as قتلى or شهداء is given as written)."""
    out = [singular, singular + "ا", singular + "ان", singular + "ين"]
    if feminine:
        out += [singular + "ة", singular + "تان", singular + "تين", singular + "ات"]
    return out + list(plurals)


def alternation(forms: list[str] | tuple[str, ...]) -> str:
    """A regex group of ``forms`` (written plainly; :func:`_rx` folds them), longest first so that a
    form is never cut short by one of its prefixes."""
    unique = sorted(set(forms), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in unique) + ")"


# verbs of dying and killing, as news writes them: قتل (and قُتل)، استشهد، قضى، ارتقى، لقي (حتفه)،
# توفي، أعدم، ذبح، and of wounding: أصيب، جرح
_KILL_VERB_TABLE: list[tuple[str, str | None, str]] = [
    ("قتل", "قتل", ""),
    ("استشهد", "ستشهد", ""),
    ("قضى", "قضي", "a"),
    ("ارتقى", "رتقي", "a"),
    ("لقي", None, "i"),
    ("توفي", None, "i"),
    ("أعدم", "عدم", ""),
    ("ذبح", "ذبح", ""),
    ("اغتال", "غتال", ""),  # assassinated
    # died (ومات 4 معتقلين جراء التعذيب): its imperfect يموت is among DYING_IMPERFECT below
    ("مات", None, ""),
]
_WOUND_VERB_TABLE: list[tuple[str, str | None, str]] = [("أصيب", "صاب", ""), ("جرح", "جرح", "")]
KILL_VERBS = [
    *(f for perfect, imperfect, weak in _KILL_VERB_TABLE for f in verb_forms(perfect, imperfect, weak)),
    *("يلقى", "تلقى", "يلقون"),
    # the passive of a hollow verb is spelt apart from its active: اغتيل، اغتيلت، اغتيلوا (was assassinated)
    *("اغتيل", "اغتيلت", "اغتيلا", "اغتيلتا", "اغتيلوا"),
]
WOUND_VERBS = [
    *(f for perfect, imperfect, weak in _WOUND_VERB_TABLE for f in verb_forms(perfect, imperfect, weak)),
    "أصبن",
]
# the imperfect of each verb of dying and wounding (يقتل، تستشهد، يقضون، يصابون …) and of dying itself
# (يموت): after قد، سوف، لن، أن or a glued future س they tell what may happen, not what did
DYING_IMPERFECT = [
    *(
        f
        for perfect, imperfect, weak in _KILL_VERB_TABLE + _WOUND_VERB_TABLE
        if imperfect
        for f in verb_forms(perfect, imperfect, weak)[6:]
    ),
    *("يلقى", "تلقى", "يلقون", "يموت", "تموت", "يموتون", "يموتان", "تموتان", "يتوفى", "تتوفى", "يتوفون"),
]
# "he" and "she" of the perfect of each (قتل، قتلت، توفي، توفيت، أصيب، أصيبت): the forms a singular
# subject follows ("توفي طفل" is one dead). Read from the table, not by the first letter: توفي begins
# with ت like an imperfect.
KILL_HE_SHE = [
    *(f for perfect, _, weak in _KILL_VERB_TABLE for f in verb_forms(perfect, weak=weak)[:2]),
    *("اغتيل", "اغتيلت"),
]
WOUND_HE_SHE = [f for perfect, _, weak in _WOUND_VERB_TABLE for f in verb_forms(perfect, weak=weak)[:2]]
# the nouns that count the dead and the wounded (قتيلة، شهيدتان، جريحات …), the verbal nouns beside
# (not ضحية / ضحايا: "victims" may be the dead and the wounded together, a count of neither)
KILL_NOUNS = [*noun_forms("قتيل", "قتلى"), *noun_forms("شهيد", "شهداء")]
WOUND_NOUNS = [*noun_forms("جريح", "جرحى"), *noun_forms("مصاب", "مصابون", "مصابين")]
KILL_NOUNS_OF_ACTION = ["مقتل", "استشهاد", "ارتقاء", "وفاة", "إعدام", "مصرع", "ذبح", "اغتيال"]
WOUND_NOUNS_OF_ACTION = ["إصابة", "إصابات", "جرح", "جروح", "جراح"]
# pronouns glued to the end of a verb or noun: "حتفهم"، "مقتلهما"، "إصابتها"
ENCLITICS = r"(?:هما|هم|هن|ها|ه)?"


def with_pronoun(forms: list[str] | tuple[str, ...]) -> str:
    """A regex group of verb ``forms`` with an optional object pronoun glued on; the plural in -وا
    drops its alef before one (قصفوا → قصفوها، اقتادوهم), which ``forms + ENCLITICS`` never wrote."""
    plural = [f[:-1] for f in forms if f.endswith("وا")]
    group = alternation(forms) + ENCLITICS
    return f"(?:{group}|{alternation(plural)}(?:هما|هم|هن|ها|ه))" if plural else f"(?:{group})"


# reporting verbs in every third-person form (قالت، قالا، قالوا، يقولون …). An imperfect is written
# only where it cannot be another word: يبلغ (amounts to), يتابع (follows), يحمل (carries) and the
# noun بين (between) are left out.
REPORTING_VERBS = [
    *verb_forms("قال", "قول"),
    *verb_forms("أفاد", "فيد"),
    *verb_forms("ذكر", "ذكر"),
    *verb_forms("أعلن", "علن"),
    *verb_forms("أكد", "ؤكد"),
    *verb_forms("أوضح", "وضح"),
    *verb_forms("أشار", "شير"),
    *verb_forms("لفت", "لفت"),
    *verb_forms("وثق", "وثق"),
    *verb_forms("رصد", "رصد"),
    *verb_forms("صرح", "صرح"),
    *verb_forms("كشف", "كشف"),
    *verb_forms("أضاف", "ضيف"),
    *verb_forms("نقل", "نقل"),
    *verb_forms("أحصى", "حصي", weak="a"),
    *verb_forms("اعتبر", "عتبر"),
    *verb_forms("نشر", "نشر"),
    *verb_forms("أورد", "ورد"),
    *verb_forms("قدر", "قدر"),
    *verb_forms("نفى", "نفي", weak="a"),
    *verb_forms("اتهم", "تهم"),
    *verb_forms("تحدث", "تحدث"),
    *verb_forms("حذر", "حذر"),
    *verb_forms("أدان", "دين"),
    *verb_forms("دان"),
    *verb_forms("ندد", "ندد"),
    *verb_forms("أبلغ"),
    *verb_forms("سجل", "سجل"),
    *verb_forms("روى", "روي", weak="a"),
    *verb_forms("شدد", "شدد"),
    *verb_forms("نوه", "نوه"),
    *verb_forms("تابع"),
    *verb_forms("أردف", "ردف"),
    *verb_forms("أخبر", "خبر"),
    *verb_forms("حمل"),
    *("بين", "بينت"),
    # an appeal or a concern names who makes it: "دعت منظمة العفو إلى وقف القصف الذي أودى بحياة …"،
    # "أعربت الأمم المتحدة عن قلقها إزاء مقتل …"، "طالب المنسق بوقف …"، "اعترف الجيش بمقتل …"
    # (not يدعي / زعم: "claims" stays a hedge on the toll, as tests/extract/test_arabic.py asks)
    *verb_forms("دعا", "دعو", weak="a"),
    *verb_forms("طالب", "طالب"),
    *verb_forms("ناشد", "ناشد"),
    *verb_forms("حث", "حث"),
    *verb_forms("أعرب", "عرب"),
    *verb_forms("اعترف", "عترف"),
    # a count shown, mourned or passed around: "أظهرت إحصائية للشبكة"، "نعت صفحات محلية"، "تداول ناشطون"
    *verb_forms("أظهر", "ظهر"),
    *verb_forms("نعى", "نعي", weak="a"),
    *verb_forms("تداول", "تداول"),
]


def nisba_forms(adjective: str) -> list[str]:
    """A relative adjective (a nation, a role: فلسطيني، مدني) as a counted noun: فلسطيني، فلسطينيا،
    فلسطينيان، فلسطينيين، فلسطينيون، فلسطينية، فلسطينيات."""
    return [adjective + end for end in ("", "ا", "ان", "ين", "ون", "ة", "تان", "تين", "ات")]


# persons a toll counts, beyond those _arabic_numbers always listed: people by age and sex, by
# trade, the held and the displaced, the worshippers and passengers at a place struck, and the people
# of the wars the corpus reports named by their nation
PERSON_NOUNS = [
    *("فتاة", "فتاتين", "فتاتان", "فتيات", "فتى", "فتيان", "فتية", "رضيع", "رضيعا", "رضع", "رضيعة"),
    *noun_forms("مسن", "مسنين", "مسنون"),
    *("شاب", "شابا", "شابين", "شابان", "شبان", "شباب", "شابة", "شابات"),
    *noun_forms("أسير", "أسرى"),
    *noun_forms("سجين", "سجناء"),
    *noun_forms("ضابط", "ضباط"),
    *nisba_forms("شرطي"),
    *("راع", "رعاة", "راعيا", "مصل", "مصلين", "مصلون", "مصليا", "راكب", "راكبا", "ركاب", "زبون", "زبائن"),
    *("سكان", "أهالي", "مدنيات", "لاجئ", "لاجئا", "لاجئين", "لاجئون", "لاجئة", "لاجئات"),
    *(
        form
        for nation in (
            "فلسطيني",
            "يمني",
            "سوداني",
            "عراقي",
            "سوري",
            "لبناني",
            "ليبي",
            "مصري",
            "أفغاني",
            "أوكراني",
            "روسي",
            "إسرائيلي",
            "تركي",
            "إيراني",
            "أردني",
            "صومالي",
            "إثيوبي",
            "كردي",
        )
        for form in nisba_forms(nation)
    ),
    *("أفغان", "أكراد"),
]

"""Parties named in Arabic: who says so, with one identity across scripts.

In: an Arabic noun phrase naming a speaker ("المرصد السوري لحقوق الإنسان"، "مدير المرصد رامي عبد
الرحمن"، "وكالة الأنباء السورية (سانا)"). Out: the canonical name the English alias table of
:mod:`._attribution` gives the same party ("Syrian Observatory for Human Rights", "SANA", "Syria Civil
Defence"), so an Arabic and an English claim of SOHR carry one name; a party we do not know is kept
as written, in Arabic. News agencies relaying a story (فرانس برس، رويترز، الأناضول) are the report's
own voice, as in English. Never: translates an unknown name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tawthiq.text.arabic import fold, fold_pattern

__all__ = ["ARABIC_PARTIES", "arabic_party", "is_agency"]

# (pattern over the folded phrase, canonical name as in _attribution._ORGS). First hit wins.
ARABIC_PARTIES: list[tuple[str, str]] = [
    (
        r"المرصد السوري|لحقوق الإنسان.{0,3}المرصد|^(?:مدير )?(?:ال)?مرصد\b|رامي عبد ?الرحمن|^عبد ?الرحمن$",
        "Syrian Observatory for Human Rights",
    ),
    (
        # described, not named, as the English rules read "a Britain-based monitor": a group that
        # monitors (مراقبة، ترصد، تراقب) and sits in Britain
        r"(?:منظمة|مجموعة|هيئة|جهة|جماعة)\s+(?:\S+\s+){0,2}?(?:لمراقبة|مراقبة|ترصد|تراقب|لرصد|رصد)"
        r"[^.]{0,50}?(?:مقره|مقرها|مقرّها|من|في)\s+(?:في\s+)?(?:بريطانيا|لندن|المملكة المتحدة|كوفنتري)",
        "Syrian Observatory for Human Rights",
    ),
    (r"الشبكة السورية لحقوق الإنسان|الشبكة السورية", "Syrian Network for Human Rights"),
    # the civil defence of Gaza, Lebanon, Sudan or Yemen is another body, kept as written
    (
        r"الدفاع المدني(?! (?:في |ب)?(?:غزة|قطاع غزة|القطاع|لبنان|اللبناني|الفلسطيني|السودان|السوداني"
        r"|اليمن|اليمني|العراق|العراقي|ليبيا|الليبي|أوكرانيا|الأوكراني))|الخوذ البيضاء|الخوذات البيضاء",
        "Syria Civil Defence",
    ),
    (
        r"مكتب الأمم المتحدة لحقوق الإنسان|المفوضية السامية"
        r"|مفوضية الأمم المتحدة لحقوق الإنسان|مفوض.{0,20}حقوق الإنسان"
        # "مكتب حقوق الإنسان التابع للأمم المتحدة"، "مكتب حقوق الإنسان الأممي"
        r"|مكتب حقوق الإنسان (?:التابع ل(?:ل|ا)?أمم المتحدة|الأممي)",
        "UN human rights office",
    ),
    (r"لجنة التحقيق الدولية|لجنة التحقيق المستقلة", "UN commission for human rights"),
    (r"منظمة الصحة العالمية", "World Health Organization"),
    (r"اللجنة الدولية للصليب الأحمر", "ICRC"),
    (r"الصليب الأحمر", "Red Cross"),
    # the Red Crescent of Palestine, Yemen, Sudan … is another society, kept as written
    (
        r"الهلال الأحمر(?! (?:الفلسطيني|اليمني|السوداني|العراقي|الليبي|اللبناني|المصري|التركي|الإماراتي"
        r"|القطري|الكويتي|السعودي|الأردني|الإيراني|في غزة|في اليمن|في السودان))",
        "Syrian Arab Red Crescent",
    ),
    (r"هيومن رايتس ووتش|هيومان رايتس ووتش", "Human Rights Watch"),
    (r"العفو الدولية", "Amnesty International"),
    (r"اليونيسف|يونيسف|منظمة الأمم المتحدة للطفولة", "UNICEF"),
    (r"أطباء بلا حدود", "MSF"),
    (
        r"الجمعية الطبية السورية الأمريكية|الجمعية الطبية السورية الأميركية|سامز",
        "Syrian American Medical Society",
    ),
    (
        r"وكالة الأنباء السورية|الوكالة العربية السورية للأنباء|(?<![\u0621-\u064a])سانا(?![\u0621-\u064a])",
        "SANA",
    ),
    (r"وزارة الدفاع الروسية|الدفاع الروسية", "Russian defence ministry"),
    (r"(?:مكتب|منسق).{0,40}(?:ال|لل)شؤون الإنسانية|أوتشا", "UN humanitarian office"),
    (r"الأمم المتحدة", "UN"),
]
_COMPILED = [(re.compile(fold_pattern(p)), name) for p, name in ARABIC_PARTIES]
_AGENCY = re.compile(
    fold_pattern(
        r"^(?:ل)?(?:وكالة (?:ال)?(?:أنباء )?)?(?:فرانس برس|فرانس بريس|أ ف ب|رويترز"
        r"|الأناضول|اسوشيتد برس|أسوشيتد برس|شينخوا|د ب أ)$"
    )
)


def is_agency(phrase: str) -> bool:
    """A news agency relaying the story (the report's own voice, not the claim's party)."""
    # the wire's name may be quoted inside the phrase: "وكالة أنباء "فرانس برس""
    return bool(_AGENCY.match(re.sub(r"\s+", " ", re.sub(r"[\"«»“”']", "", fold(phrase))).strip()))


@lru_cache(maxsize=4096)
def arabic_party(phrase: str) -> str | None:
    """The canonical name of a known party named in ``phrase``, else ``None``."""
    f = re.sub(r"\s+", " ", fold(phrase).replace('"', "")).strip()
    for rx, name in _COMPILED:
        if rx.search(f):
            return name
    return None

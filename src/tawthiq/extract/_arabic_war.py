"""Tolls of a whole war: the words that date a toll from a war's start, and where such a toll lies.

In: a folded Arabic sentence. "منذ عام 2011"، "منذ بداية الثورة"، "منذ منتصف أبريل 2023 حربا" and the
countries a war abroad is named by; :func:`_war_places` gives the toll's place.
"""

from __future__ import annotations

import re
from datetime import date

from tawthiq.entities import PlaceRef
from tawthiq.extract._arabic_lexicon import _L, _R, _rx
from tawthiq.extract._arabic_places import _places
from tawthiq.text.arabic import fold_arabic

# a toll of the whole war: "منذ عام 2011"، "منذ بداية الثورة"، "منذ اندلاع النزاع"، "في الصراع الذي بدأ
# قبل ثلاث سنوات"
_WAR_LONG = _rx(
    r"منذ (?:(?:صيف|ربيع|شتاء|خريف|مطلع|أواخر|منتصف|أوائل|بداية|بدايات) )?(?:عام |العام |سنة )?(?:2011|2012)"
    r"|منذ (?:بداية|بدء|اندلاع|انطلاق|انطلاقة|مطلع) (?:ال)?(?:ثورة|نزاع"
    r"|حرب|أزمة|احتجاجات|صراع|انتفاضة|غزو|عدوان|اجتياح)"
    r"|منذ (?:أكثر من |نحو |قرابة )?(?:سبع|ثماني|ثمان|تسع|عشر|ست|خمس|\d+) سنوات"
    r"|(?:في|خلال) (?:ال)?(?:صراع|نزاع|حرب|ثورة)(?: ال\S+)? (?:الذي|التي) (?:بدأ|بدأت|اندلع|اندلعت|دخل|دخلت)"
)
# a war outside Syria dated by its year: "يشهد السودان منذ منتصف أبريل 2023 حربا"، "الحرب المستمرة منذ 2015"
_WAR_SINCE_YEAR = _rx(
    r"منذ [^.،؛]{0,25}?((?:19|20)\d\d)[^.،؛]{0,30}?(?:حرب|حربا|نزاع|نزاعا|صراع|صراعا|قتال|اقتتال)"
    r"|(?:حرب|الحرب|نزاع|النزاع|صراع|الصراع|القتال|الاقتتال)[^.،؛]{0,30}?منذ [^.،؛]{0,25}?((?:19|20)\d\d)"
)
_MONTH_OF_YEAR = _rx(
    r"(كانون الثاني|يناير|شباط|فبراير|آذار|مارس|نيسان|أبريل|ابريل|أيار|مايو|حزيران|يونيو|تموز|يوليو|آب|أغسطس"
    r"|أيلول|سبتمبر|تشرين الأول|أكتوبر|اكتوبر|تشرين الثاني|نوفمبر|كانون الأول|ديسمبر)"
    r"\s+(?:عام |العام )?((?:19|20)\d\d)"
)
_MONTH_NUMBER = {
    fold_arabic(name).text: i
    for i, names in enumerate(
        [
            "",
            "كانون الثاني|يناير",
            "شباط|فبراير",
            "آذار|مارس",
            "نيسان|أبريل|ابريل",
            "أيار|مايو",
            "حزيران|يونيو",
            "تموز|يوليو",
            "آب|أغسطس",
            "أيلول|سبتمبر",
            "تشرين الأول|أكتوبر|اكتوبر",
            "تشرين الثاني|نوفمبر",
            "كانون الأول|ديسمبر",
        ]
    )
    for name in names.split("|")
    if name
}
# a country named in Arabic: where a war-long toll of a war outside Syria lies ("قتل 10 آلاف في اليمن")
_COUNTRIES = {
    "world:YE": "اليمن",
    "world:SD": "السودان",
    "world:UA": "أوكرانيا|اوكرانيا",
    "world:PS": "فلسطين|الأراضي الفلسطينية",
    "world:MM": "ميانمار|بورما",
    "world:IQ": "العراق",
    "world:AF": "أفغانستان|افغانستان",
    "world:LY": "ليبيا",
    "world:LB": "لبنان",
}
_COUNTRY_RX = [(pid, _rx(rf"{_L}(?:[وفبل]|في )?(?:{names}){_R}")) for pid, names in _COUNTRIES.items()]
_WAR_START = date(2011, 3, 15)


def _war_places(text, a, b, f, gaz, ctx, main, syrian) -> tuple[PlaceRef, ...]:
    """Where a war-long toll lies: the country the sentence names outside Syria ("في اليمن"), else
    Syria in a Syrian report; elsewhere the places the sentence names ("في قطاع غزة"), else the
    report's main place (a war in Gaza or Sudan is no toll of Syria)."""
    for pid, rx in _COUNTRY_RX:
        m = rx.search(f.text)
        if m:
            s, e = f.span(m.start(), m.end())
            name = re.sub(r"^(?:في )?[وفبل]?(?=\S{4})", "", text[a + s : a + e].strip())
            return (PlaceRef(name=name, precision="country", place_id=pid),)
    if syrian:
        return (gaz.to_ref(gaz.get("SY"), "سوريا"),)
    own = tuple(_places(text, a, b, f, gaz, ctx))
    return own or ((main,) if main else ())

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
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from itertools import pairwise

from tawthiq.entities import Claim, Count, PlaceRef, TimeSpan
from tawthiq.extract._arabic_numbers import find_tolls_ar
from tawthiq.extract._arabic_parties import ARABIC_PARTIES, arabic_party, is_agency
from tawthiq.extract._arabic_time import explicit_time_ar, resolve_time_ar
from tawthiq.extract._attribution import canonical_party
from tawthiq.gazetteer import Gazetteer
from tawthiq.text.arabic import Folded, arabic_share, fold_arabic, fold_pattern

__all__ = ["arabic_claims", "arabic_sentences", "find_attribution_ar", "find_certainty_ar", "find_events_ar"]

_L = r"(?<![\u0621-\u064a])"  # no Arabic letter before (a word start, after any proclitic group)
_R = r"(?![\u0621-\u064a])"
_P = r"(?:[وفب]|ل|ال|وال|بال|فال|لل|و?ب|و?ل)?"  # proclitics


@lru_cache(maxsize=256)
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(pattern))


# (event type, pattern, strength), as in ._events: the strongest asserted trigger types the claim.
_TRIGGERS: list[tuple[str, str, int]] = [
    ("attack.chemical", r"الكلور|السارين|كيماوي|كيميائي|كيميائية|كيماوية|غازات? سام|حالات? اختناق", 9),
    (
        "killing.execution",
        rf"{_L}{_P}(?:إعدام|اعدم|أعدم|أعدموا|إعدامات|تصفية|ذبح|ذبحوا)\w*{_R}|رميا بالرصاص|ميدانيا",
        8,
    ),
    # a massacre names a toll, not a manner: any means the sentence names (shelling, a strike, a
    # clash) types it, as in the English rules; alone it is an execution (annotation.md)
    ("killing.execution", rf"{_L}{_P}(?:مجزرة|مجازر|مجزره)\w*{_R}", 2),
    (
        "attack.medical",
        r"(?:استهداف|استهدف|استهدفت|قصف|غارة|غارات|ضرب|قصفت)\S*\s+(?:\S+\s+){0,3}?\S*(?:مشفى"
        r"|مستشفى|مشافي|مستشفيات|مركز صحي|نقطة طبية|مستوصف|سيارة إسعاف|سيارات الإسعاف"
        # a civil-defence centre is a medical target (annotation.md)
        r"|مركزا? (?:لل|ال)?دفاع المدني|مقرا? (?:لل|ال)?دفاع المدني|مراكز (?:لل|ال)?دفاع المدني)|"
        r"(?:مشفى|مستشفى|مشافي|مستشفيات)\S*\s+(?:\S+\s+){0,4}?(?:خارج الخدمة|عن الخدمة|للقصف|للاستهداف)|"
        # "قصف شنته مقاتلات الاحتلال مساء أمس على ساحة المستشفى": the strike is "on" the hospital
        r"(?:قصف|غارة|غارات|استهداف|ضربة|ضربات)\S*\s+[^.؛]{0,80}?\s(?:على|علي)\s+(?:\S+\s+)?"
        r"(?:ال)?(?:مشفى|مستشفى|مشافي|مستشفيات|مستوصف)",
        7,
    ),
    (
        "disappearance.enforced",
        r"اختفاء قسري|الإخفاء القسري|مجهول(?:ي)? المصير|اختطاف|اختطف|خطف|مختطف|انقطع الاتصال",
        7,
    ),
    (
        "detention.arbitrary",
        rf"{_L}{_P}(?:اعتقال|اعتقل|اعتقلت|احتجاز|احتجز|احتجزت|توقيف|حملات? دهم)\w*{_R}",
        6,
    ),
    (
        "evacuation",
        rf"{_L}{_P}(?:إجلاء|اجلاء|أجلي|تم إجلاء|حافلات|الحافلات"
        rf"|قافلة|قوافل الإجلاء|ممر إنساني|ممرات إنسانية)\w*{_R}",
        6,
    ),
    (
        "humanitarian.access_denied",
        r"منع (?:دخول )?(?:المساعدات|القوافل|الغذاء|الدواء)|عرقلة (?:دخول )?المساعدات"
        r"|نقص (?:الإمكانيات الطبية|المواد الغذائية|الغذاء|الدواء)|مجاعة|جوع",
        5,
    ),
    ("siege.blockade", rf"{_L}{_P}(?:حصار|الحصار|يحاصر|تحاصر|فرض الحصار)\w*{_R}", 5),
    (
        "attack.air_strike",
        r"غارة|غارات|غارتين|الغارات|قصف جوي|القصف الجوي|ضربة جوية|ضربات جوية|الضربات الجوية|طائرات? حربية|"
        r"الطائرات الحربية|الطيران الحربي|طيران النظام"
        r"|طيران التحالف|طائرات التحالف|الطيران الروسي|طائرات روسية|"
        r"طائرات النظام|طائرة مروحية|طائرات مروحية|الطيران المروحي|سلاح الجو|براميل متفجرة|البراميل المتفجرة|"
        r"برميل متفجر|ببراميل|بالبراميل|قنابل فراغية|قنابل عنقودية|ذخائر عنقودية|الطيران"
        # what flies: helicopters (مروحية، مروحيات)، drones (طائرة مسيرة، بدون طيار)، warplanes (مقاتلات)، and
        # barrels in the dual or counted (برميلين، 4 براميل)
        rf"|{_L}{_P}(?:مروحيات|مروحية|المروحيات|درون)\w*{_R}|طائرة مسيرة|طائرات مسيرة|الطائرات المسيرة"
        r"|الطائرة المسيرة|بدون طيار|دون طيار|(?:ال)?مقاتلات (?:ال)?(?:حربية|روسية|التحالف|النظام)"
        # warplanes and drones by whose they are, in any war: "طائرات الاحتلال"، "مقاتلات إسرائيلية"،
        # "طيران العدوان"، "بالمسيرات"، "مسيرات روسية"
        r"|(?:طائرات|طائرة|مقاتلات|مقاتلة|طيران) (?:ال)?(?:احتلال|إسرائيلية|إسرائيلي|عدو|عدوان|سعودية|سعودي"
        r"|أمريكية|أميركية|أمريكي|أميركي|روسي|روسية|سورية|سوري|تركية|تركي|جيش|حربي|حربية)"
        r"|(?:بال|ال|ب)مسيرات|مسيرات (?:ال)?(?:روسية|أوكرانية|إيرانية|إسرائيلية|انتحارية|مفخخة|الدعم السريع)"
        r"|برميلين|براميل متفجرة|برميلا",
        4,
    ),
    (
        "attack.shelling",
        rf"{_L}{_P}(?:قصف|القصف|قذائف|قذيفة|القذائف|بالقذائف|صواريخ|صاروخ|صاروخية|الصاروخية|هاون|مدفعي|مدفعية|المدفعي|راجمات|قصفه|قصفها)\w*{_R}",
        3,
    ),
    (
        "attack.ground",
        rf"{_L}{_P}(?:قنص|القنص|قناص|قناصة|قناصي|قناصته|اطلاق النار"
        rf"|إطلاق النار|أطلق النار|اطلقوا النار|رصاص|اقتحام|اقتحم|اقتحمت)\w*{_R}",
        3,
    ),
    (
        "territory.change",
        r"سيطرت على|سيطروا على|استعاد(?:ت)? السيطرة|استعادة السيطرة|انتزعت"
        r"|انتزعتها|بسط(?:ت)? سيطرت|السيطرة الكاملة على|تحرير مدينة|دخلت قوات"
        # the subject between the verb and its object: "سيطرت قوات النظام على"، "استعادت القوات السيطرة"
        r"|(?:سيطرت|سيطر|استعادت|استعاد)\s+(?:قوات|القوات|فصائل|الفصائل|عناصر|مقاتلو|تنظيم|الجيش|جيش)"
        r"(?:\s+\S+){0,3}?\s+(?:على|السيطرة)",
        4,
    ),
    ("armed.clash", rf"{_L}{_P}(?:اشتباكات|اشتباك|معارك|مواجهات|اشتباكات عنيفة)\w*{_R}", 3),
    ("displacement.forced", rf"{_L}{_P}(?:نزوح|نازحين|النازحين|تهجير|هجروا|فرار|فروا|نزح)\w*{_R}", 2),
    # car bombs, suicide bombings and bombings are attack.ground, as in the English rules (issue 15)
    ("attack.ground", r"تفجير|سيارة مفخخة|بسيارة مفخخة|مفخخة|حزام ناسف|انتحاري|انتحارية", 3),
    ("other", r"انفجار|عبوة ناسفة|لغم|ألغام", 2),
    # an armed attack with no weapon of the air or of artillery named: "مجموعة منشقة استهدفت حاجزا"،
    # "هاجم مسلحون"، "كمين"; "الهجوم" (the attack) points back to an attack already told, so it is not here
    (
        "attack.ground",
        rf"{_L}(?:و|ف)?(?:هاجم|هاجمت|هاجموا|يهاجم|كمين|كمينا|هجوما مسلحا|هجوم مسلح){_R}"
        r"|استهدف(?:ت|وا)? (?:ال)?(?:حاجز|حاجزا|نقطة|دورية|مقر|موقع)",
        2,
    ),
]
_COMPILED = [(t, _rx(p), s) for t, p, s in _TRIGGERS]
_DESCRIBED = _rx(r"(?:التي|الذي|اللتين|اللذين)\s+(?:\S+\s+)?\|$")
# an indefinite noun (no article, no conjunction glued) right before the verb: a relative clause
_INDEFINITE_BEFORE = re.compile(r"(?:^|\s)(?!ال|و)[\u0621-\u064a]{3,}\s+$")
_TAKEN_TO = _rx(r"(?:الى|نقل|نقلت|نقلوا|اسعاف|اسعافهم)\s+(?:ال)?\S*$")
# a trigger under these (a few words before it) is a fear, a demand, a plan or a negation
_HYPOTHETICAL = _rx(
    rf"{_L}(?:و|ف)?(?:قد(?=\s+[يتنا])|سوف|لن|لم|لا|يجب|ينبغي|يخشى|خشية|مخاوف|يخشون|حذر|حذرت|تحذير|يحذر|تحذر|يهدد|تهدد|"
    r"بإيقاف|بوقف|لوقف|إيقاف|وقف|منع|لمنع|محاولة|في حال|إذا|اذا|لو|دعا|دعت|داعيا|مطالبا|طالب|يطالب|"
    rf"لإنهاء|إنهاء|تجنب|لحماية|احتمال|مرشحة|مرشح|يتوقع|تتوقع|يُتوقع|متوقع|توقع|توقعات|قد يرتفع|خطر"
    rf"|يهددون|بتدمير|تهديد|يتعرض|ستتعرض|سيتعرض|ستكون|سيكون|يرجح|ترجح|مرجح|ويرجح){_R}[^.،؛]{{0,25}}$"
)
# negations that assert: "ما لا يقل عن" (at least), "لا يزال" (still), "لا سيما" (especially)
_NOT_A_HEDGE = _rx(r"ما لا يقل|لا يقل|لا تقل|لا يزال|لا تزال|ما زال|ما زالت|لا سيما|ولا سيما")
_KILL_WORD = _rx(
    rf"{_L}{_P}(?:قتل|قتلوا|قتيل|قتيلا|قتلى|مقتل|مصرع|استشهد|استشهدوا|استشهاد|شهيد|شهيدا|شهداء|قضى|قضوا|"
    rf"ارتقى|ارتقوا|ارتقاء|لقي|لقوا|حتفهم|ضحايا|ضحية|ضحيتها|وفاة|إعدام){_R}"
)
_TALLY = _rx(
    r"منذ (?:بداية|مطلع|اندلاع|انطلاق|بدء|أكثر من|عام|سنة|شهر|\d)"
    r"|خلال (?:الشهر|شهر|العام|عام|\d+ (?:يوما|أيام|شهرا|أشهر|ساعة|ساعات)|"
    r"أقل من|أكثر من|الأيام|الأسبوع|الأسابيع|الأشهر)|الشهري"
    r"|حصيلة شهرية|تقرير(?:ها)? (?:الشهري|السنوي)|الحصيلة الإجمالية|"
    r"في عدة مجازر|منذ بداية|طوال (?:الشهر|العام|الحملة)|منذ (?:أيام|أسابيع|أشهر|شهور)"
    # "منذ السابع من أكتوبر": a toll since a day is a running tally
    r"|منذ (?:يوم )?(?:ال)?\S+ من (?:شهر )?(?:تشرين|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول"
    r"|يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر)"
    r"|(?:في|خلال) (?:العام|عام|سنة) (?:\d{4}|الماضي|المنصرم)"
)
# "في تموز الماضي"، "في شهر آذار": a month-long period, unless the sentence names a day of it
_TALLY_MONTH = _rx(
    r"(?:(?:تشرين|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب"
    r"|أيلول|يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر)\S* (?:\S+ )?الماضي)"
    r"|(?:في|خلال) شهر (?:تشرين|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب"
    r"|أيلول|يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر)"
)
# a sentence of habit or support ("كثيرا ما تقصف"، "وتساند الطائرات القوات البرية بالغارات") or one
# that names an event's character ("ووصفت المنظمة الهجوم بالوحشي"): with no toll of its own, no claim
_NOT_AN_EVENT = _rx(
    rf"{_L}(?:و|ف)?(?:غالبا ما|عادة ما|كثيرا ما|يدعم|تدعم|يساند|تساند|وصف|وصفت|يصف|تصف){_R}"
    r"|(?:هي|هو|وهي|وهو) (?:عبارة عن|عبارة)"  # a definition: "البراميل المتفجرة هي عبارة عن …"
)
# a clause that only details or sets the scene of the event just told, with no toll of its own:
# "…، حيث استهدف القصف سوق الهال"، "…، وسط نقص الإمكانيات الطبية"
_DETAIL = _rx(r"^[\s،,]*(?:و)?(?:حيث|وسط|في ظل)\s")
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
_ASIDE = re.compile(r"\([^()]{12,}\)")
# an attack (indefinite: "الهجوم" points back) or a burning, with a toll and no weapon named
_AN_ATTACK = _rx(
    rf"{_L}(?:و|ف|ب)?(?:هجوم|هجوما|هجمات|هجومين){_R}|{_L}(?:و|ف)?(?:أحرق|أحرقت|أحرقوا|إحراق|حرق){_R}"
)
# who was killed: fighters only ("287 مسلحاً"، "أربعة من عناصر القوات") or anyone else
_ARMED = r"(?:ال)?(?:قوات|جيش|تنظيم|فصائل|هيئة|جبهة|ميليشيا|ميليشيات|حزب|أمن|شرطة|وحدات|حرس|لواء|كتيبة)"
_COMBATANTS = _rx(
    rf"{_L}(?:[وب]|ال)?(?:مسلح|مسلحا|مسلحين|مسلحون|مقاتل|مقاتلا|مقاتلين|مقاتلون|جنود|جندي|جنديا|جنديين){_R}"
    rf"|{_L}(?:عناصر|عنصرا|عنصر|عنصران|عنصرين)\s+(?:من\s+)?{_ARMED}"
)
_NONCOMBATANTS = _rx(
    r"مدني|طفل|أطفال|امرأة|نساء|سيدة|مواطن|شخص|أشخاص|أهالي|سكان|مسعف|الدفاع المدني|صحفي|إعلامي|طبيب|ممرض"
    r"|معتقل|نازح|عائلة|عائلات|مريض|مرضى|معلم|طالب|طلاب|تلاميذ"
)
_STATUS = {"siege.blockade", "territory.change", "disappearance.enforced", "humanitarian.access_denied"}

_VICTIMS = [
    ("civilians", r"مدني|مدنيا|مدنيين|مدنيون|المدنيين|مواطن|مواطنا|مواطنين|الأهالي|أهالي|السكان|أشخاص|شخصا"),
    ("children", r"طفل|طفلا|أطفال|الأطفال|طفلان|طفلين|طفلة|قاصر"),
    ("women", r"امرأة|نساء|النساء|سيدة|سيدات|مواطنات|امرأتان|زوجته"),
    ("men", r"رجل|رجلا|رجال|الرجال|رجلان"),
    ("medical workers", r"مسعف|مسعفين|أطباء|طبيب|ممرض|كوادر طبية|الكادر الطبي"),
    ("journalists", r"صحفي|صحفيين|إعلامي|إعلاميين|مراسل"),
    ("fighters", r"مقاتل|مقاتلين|مسلحا|مسلحين|عناصر"),
    ("detainees", r"معتقل|معتقلا|معتقلين|سجناء|أسرى"),
    ("displaced", r"نازح|نازحين|مهجرين"),
]
_VICTIMS_RX = [(name, _rx(rf"{_L}{_P}(?:{p}){_R}")) for name, p in _VICTIMS]
_ACTORS = _rx(
    r"(?:قوات|طيران|طائرات|مروحيات|جيش|مدفعية|سلاح جو) (?:النظام"
    r"|الأسد|التحالف(?: الدولي)?|روسي[اة]?|الروسي|الحكومة|الحكومية|"
    r"سوريا الديمقراطية|سوريا الديموقراطية|الاحتلال)(?: السوري)?"
    r"|قوات النظام|القوات الحكومية|القوات النظامية|الطيران الروسي|"
    r"الطائرات الروسية|طائرات روسية|التحالف الدولي"
    r"|تنظيم الدولة(?: الإسلامية)?|داعش|جبهة النصرة|هيئة تحرير الشام|"
    r"أحرار الشام|المجموعات الإرهابية|الجماعات الإرهابية"
    r"|التنظيمات الإرهابية|المجموعات المسلحة|مسلحو المعارضة|"
    r"مسلحي المعارضة|فصائل المعارضة|الفصائل(?: الإسلامية| المسلحة)?"
    r"|إرهابيون|إرهابيين|القوات الروسية|الميليشيات(?: الموالية| الإيرانية)?"
)

# ------------------------------------------------------------------------------------- sentences
_END = re.compile(r"(?<=[.!?؟…])[\"'”»)]*\s+")
# a "KEY: value" header line (URL:, OUTLET:, TITLE: …): never a sentence, even with an Arabic slug
_HEADER = re.compile(r"^[A-Z][A-Z_ ]{1,30}:\s")


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


# ------------------------------------------------------------------------------------- events
class _Hit:
    __slots__ = ("end", "event_type", "start", "strength")

    def __init__(self, event_type: str, start: int, end: int, strength: int) -> None:
        self.event_type, self.start, self.end, self.strength = event_type, start, end, strength


def find_events_ar(s: str) -> list[_Hit]:
    """Asserted event triggers in a folded Arabic sentence, strongest first."""
    hits = []
    for etype, rx, strength in _COMPILED:
        for m in rx.finditer(s):
            before = _NOT_A_HEDGE.sub(" ", s[max(0, m.start() - 40) : m.start()])
            if _HYPOTHETICAL.search(before):
                continue
            if etype == "attack.medical" and _rx(
                r"(?:الى|نقل|نقلت|نقلوا|اسعاف|اسعافهم)\s+(?:ال)?\S*$"
            ).search(s[: m.end() - len(m.group(0).split()[-1])]):
                continue  # "نقل الجرحى إلى المستشفى الوطني": where the wounded went, not a target
            if (
                etype == "attack.air_strike"
                and m.group(0) == "الطيران"
                and not re.search(fold_pattern(r"(?:قصف|استهدف|غار|شن|ألقى|ألقت)"), s)
            ):
                continue  # "الطيران" alone (aviation) is an air strike only with an attack verb
            if etype == "territory.change" and _DESCRIBED.search(s[max(0, m.start() - 25) : m.start()] + "|"):
                continue  # "البلدة التي سيطرت عليها": a place described, not a place taken
            if (
                etype == "territory.change"
                and re.match(r"(?:ها|ه|هم)(?![\u0621-\u064a])", s[m.end() : m.end() + 3])
                and _INDEFINITE_BEFORE.search(s[max(0, m.start() - 25) : m.start()])
            ):
                continue  # "قاعدة جوية انتزعتها القوات" (an air base the forces took): a relative clause
            hits.append(_Hit(etype, m.start(), m.end(), strength))
    return sorted(hits, key=lambda h: (-h.strength, h.start))


def _kind(s: str, event_type: str, when: TimeSpan | None = None) -> str:
    if event_type in _STATUS:
        return "status"
    if _TALLY.search(s):
        return "tally"
    if _TALLY_MONTH.search(s) and not (when and when.precision == "day"):
        return "tally"
    return "incident"


def _victims(s: str) -> tuple[str, ...]:
    return tuple(name for name, rx in _VICTIMS_RX if rx.search(s))


def _perpetrators(s: str, f: Folded, text: str, offset: int) -> tuple[str, ...]:
    out: list[str] = []
    for m in _ACTORS.finditer(f.text):
        a, b = f.span(m.start(), m.end())
        name = text[a:b]
        if name not in out:
            out.append(name)
    return tuple(out)


# ------------------------------------------------------------------------------------- attribution
_VERB = (
    r"(?:قال|قالت|يقول|تقول|أفاد|أفادت|يفيد|تفيد|ذكر|ذكرت|يذكر|تذكر|أعلن|أعلنت|يعلن|تعلن|أكد|أكدت|يؤكد|تؤكد|"
    r"أوضح|أوضحت|وثق|وثقت|يوثق|رصد|رصدت|صرح|صرحت|كشف|كشفت|أضاف|أضافت|أشار|أشارت|لفت|لفتت|نقل|نقلت|"
    r"أحصى|أحصت|اعتبر|اعتبرت|بين|بينت|نشر|نشرت|أورد|أوردت|قدر|قدرت|نفى|نفت|نفوا|اتهم|اتهمت|حمل|حملت|"
    r"تحدث|تحدثت|يتحدث|حذر|حذرت|أدان|أدانت|دان|دانت|ندد|نددت|أبلغ|أبلغت|أحصى|سجل|سجلت|أفادت|روى|روت"
    # the plural of unnamed speakers: "وأضافوا أن"، "قالوا إن"
    r"|قالوا|أضافوا|أكدوا|أفادوا|ذكروا|أشاروا|أوضحوا|أعلنوا|تحدثوا)"
)
_ADVERBIAL = (
    r"(?:(?:و|ف)?(?:في وقت سابق(?: من)?(?: اليوم)?|في وقت لاحق"
    r"|من جهته|من جهتها|بدوره|بدورها|في غضون ذلك|في الأثناء|"
    r"إلى ذلك|الى ذلك|اليوم|أمس)\s*،?\s*)?"
)
_CONJ = r"(?:كما|فيما|بينما|حيث|في حين|وقد|قد|كذلك|وكان|وكانت|كان|كانت)"
_LEAD_VERB = _rx(
    rf"(?:(?:^|[،.؛:\"\-–—]\s*){_ADVERBIAL}(?:(?:و|ف)?{_CONJ}\s*،?\s*)?|\s{_CONJ}\s*،?\s*)(?:و|ف)?{_VERB}{_R}\s+"
)
_ACCORDING = _rx(
    rf"(?:(?:بحسب|حسب|وفق|كما|على)\s*ما\s+{_VERB}(?:ه|ها|هم)?{_R}|حسبما\s*{_VERB}(?:ه|ها|هم)?{_R}|(?:وفقا|وفقاً|طبقا|طبقاً)\s*ل"
    r"|(?:بحسب|حسب|وفق|نقلا عن|نقلاً عن|استنادا إلى|استناداً إلى|على حد قول|على لسان)\s)\s*"
)
# "نقلت وكالة رويترز عن مسؤول …": the outlet relays; the one it quotes is the party
_RELAYED = _rx(r"(?:^|[،.؛:\s])(?:و|ف)?(?:نقل|نقلت|تنقل|ينقل)\s+[^،.؛]{2,60}?\s+عن\s+")
# where the speaker's noun phrase ends
_NP_END = _rx(
    rf"\s*(?:[،,:؛.(]|\s(?:أن|إن|ان|بأن|بان|في بيان|في تصريح"
    rf"|في تقرير|لوكالة|لمراسل|ل|اليوم|أمس|يوم|صباح|مساء|فجر|"
    rf"الإثنين|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد|عن|على|إلى|الى|مقتل|استشهاد|ارتفاع|وقوع|سقوط|قيام|حدوث|"
    rf"استهداف|معاودة|في وقت|منذ|خلال|حتى|عبر|بعد|قبل|امس|من|بمقتل|باستشهاد|بسقوط|بوقوع|بإصابة|بمصرع|"
    rf"قتل|قتلوا|استشهد|استشهدوا|أصيب|أصيبوا|سقط|سقطت|لقي|لقوا|قضى|قضوا|ارتقى|ارتقوا|جرح"
    rf"|قوله|قولها|قولهم|قولها){_R})"
)
_PRONOUN_SUBJ = _rx(
    r"^(?:ال)?(?:وكالة|الوكالة|التقرير|المصدر|المصادر|البيان|المنظمة|الشبكة|المرصد|المسؤول|المتحدث|المكتب|الهيئة"
    r"|اللجنة|اللجان|المدير|الجيش|الوزارة"
    # an office named again by its title alone ("وقال المحافظ" after "محافظ حمص فلان"): the one named before
    r"|المحافظ|الوزير|الناطق|المنسق|الحاكم|المفوض|المتحدثة|المسؤولة|المديرة|الأمين العام|الطبيب|المسعف)$"
)
_NOT_SUBJECT = _rx(
    r"^(?:و|ف)?(?:كان\s+|كانت\s+|قد\s+)?(?:فيما|كما|بينما|حيث|في|ثم|لكن|إلا|بعد|قبل|منذ|خلال|عند|بعدما|اليوم|أمس|"
    r"حين|عندما|لما|إذ|ما|من|التي|الذي|الذين|وقت"
    # the report's own voice ("يشار إلى أن"، "الجدير بالذكر أن"، "تجدر الإشارة إلى أن") is nobody
    r"|يشار|يذكر|الجدير|تجدر|يجدر|يُشار|يُذكر)(?:\s|$)"
    # a reporting verb of its own ("وأضاف أن بين الضحايا"): no subject stands before the next verb
    rf"|^(?:و|ف)?{_VERB}{_R}"
)
# the first word of a doer after an unnamed speaker ("ناشطون الطيران الروسي"): the speaker ends there
_DOER = _rx(
    r"^(?:و|ب|ل)?(?:ال)?(?:طيران|طائرات|طائره|قوات|جيش|نظام|تنظيم|مروحيات|فصائل|تحالف|ميليشيات|مليشيات|روسيا|النظام)"
)
_PAREN = re.compile(r"\s*\(([^()]{2,40})\)")
# "صنعاء (رويترز) - قال …": a dateline before the verb is no subject
_DATELINE_MARK = re.compile(r"[()]|\s[-–—]\s|\s[-–—]$")
_SUBJECTLESS = _rx(r"(?:أن|إن|ان|بأن|بان|في بيان|في تصريح|:|\")")
_COLON_HEAD = _rx(r"^\s*([^:،.\"\d]{2,50}?)(?:\s+ل\S*(?:\s+\S+)?)?\s*:(?!:)\s*\S")
_NOBODY = _rx(r"^(?:ال)?(?:أنباء|انباء|معلومات|تقارير|أخبار|اخبار|شائعات|إشاعات)(?:\s|$)")
# the outlet's own correspondent: "مراسلنا"، "مراسل الموقع" (the site's), not "مراسل قناة X"
_OWN_REPORTER = _rx(
    r"^(?:مراسلنا|مراسلتنا|مراسلونا|(?:مراسل|مراسلة) (?:الموقع|الصحيفة|القناة|الوكالة|الشبكة))"
    r"(?:\s+في\s+\S+)?$"
)
_GENERIC = _rx(r"^(?:مصادر|مصدر|ناشطون|ناشطين|نشطاء|ناشط|أهالي|سكان|شهود|مسعفون|أطباء)")


def _np(f: str, start: int) -> tuple[int, int]:
    m = _NP_END.search(f, start)
    end = m.start() if m else min(len(f), start + 80)
    return start, end


_TRIM = " \"'().«»“”"


def _party(
    folded: str, written: str, previous: str | None, seen: list[tuple[str, str]] | None = None
) -> str | None:
    p = folded.strip(_TRIM)
    if not p or len(p) < 2:
        return None
    if is_agency(p):
        return None
    known = arabic_party(p)
    if known:
        return known
    if _PRONOUN_SUBJ.match(p):
        head = re.sub(r"^ال", "", p.split()[0]) if p.split() else ""
        for folded_name, name in reversed(seen or []):
            if head and head in folded_name:
                return (
                    name  # "وكشفت اللجان" after "لجان التنسيق المحلية": the committees, not the last speaker
                )
        return previous
    if _rx(
        r"^(?:فيه|فيها|له|لها|لهم|عنه|عنها|منه|منها|به|بها|إلى|الى|أن|ان|إن|بأن|أنه|انه|أنها|انها"
        r"|في بيان|في تصريح|في تقرير|في حديث)(?:\s|$)"
    ).match(p):
        return None  # "أكدت فيه أن": no speaker named after the verb
    if (find_events_ar(p) or _KILL_WORD.search(p)) and _GENERIC.match(p):
        # "واتهم ناشطون الطيران الروسي بقصف …": the unnamed speakers, up to the first word of the deed
        words = written.strip(_TRIM).split()
        keep = words[:1]
        for w in words[1:3]:
            fw = fold_arabic(w).text
            if find_events_ar(fw) or _KILL_WORD.search(fw) or _DOER.match(fw):
                break
            keep.append(w)
        return " ".join(keep) or None
    if find_events_ar(p) or _KILL_WORD.search(p):
        return None  # a clause, not a speaker
    if _NOBODY.match(p):
        return None  # "تحدثت أنباء عن …": unconfirmed reports cite nobody
    if _OWN_REPORTER.match(p):
        return None  # "أكد مراسلنا": the outlet's own correspondent is its own voice (annotation.md)
    name = re.sub(r"\s+", " ", re.sub(r"[\"«»“”]", "", written)).strip(_TRIM)
    # "إحصائية لمركز إدلب الإعلامي"، "تقرير للشبكة": the body that counted, not its document
    doc = _DOCUMENT_OF.match(name)
    if doc:
        name = ("ال" if doc.group(1) else "") + doc.group(2)
        return arabic_party(name) or name[:80]
    return name[:80] or None


def find_attribution_ar(
    f: Folded, written: str, previous: str | None = None, seen: list[tuple[str, str]] | None = None
) -> str | None:
    """The party an Arabic sentence attributes its content to, or None (own voice); a person whose
    apposition names a known body ("أحمد الشيخ، وهو مسعف في الدفاع المدني") speaks for that body."""
    party = _find_attribution_ar(f, written, previous, seen)
    if party and arabic_party(party) is None and party not in _KNOWN_NAMES:
        m = _APPOSITION.search(f.text)
        if m:
            return arabic_party(m.group(1)) or party
    return party


_DOCUMENT_OF = re.compile(
    r"^(?:إحصائي(?:ة|ات)|احصائي(?:ة|ات)|تقرير|بيان|أرقام|ارقام|بيانات|حصيلة|توثيق|إحصاء|احصاء)\s+ل(ل?)ـ?\s*(\S.*)$"
)
_APPOSITION = _rx(r"[،,]\s*(?:و)?(?:هو|هي|وهو|وهي)\s+[^،,.]{0,40}?(?:في|لدى|من|ب|مع)\s*([^،,.]{3,60})")
_KNOWN_NAMES = frozenset(name for _, name in ARABIC_PARTIES)


def _find_attribution_ar(
    f: Folded, written: str, previous: str | None = None, seen: list[tuple[str, str]] | None = None
) -> str | None:
    """The party an Arabic sentence attributes its content to, or None (own voice).

    ``f`` is the folded sentence and ``written`` the sentence as written (an unknown party is
    returned as written, with its hamzas and ta marbuta). ``seen`` (folded phrase, party) of the
    report's earlier speakers, to which a found party is added, lets "اللجان" or "الشبكة" name the
    committees or network named before rather than the last speaker."""
    s = f.text

    def party_at(a: int, b: int, article: bool = False) -> str | None:
        if b <= a:
            return None
        paren = _PAREN.match(s, b)
        if paren and arabic_party(paren.group(1)):
            return arabic_party(paren.group(1))  # "وكالة الأنباء الرسمية (سانا)": the name in brackets
        oa, ob = f.span(a, b)
        # "وفقاً للدفاع المدني": ل before the article writes "لل"; the party is "الدفاع المدني"
        lead = "ا" if article else ""
        party = _party(lead + s[a:b], lead + written[oa:ob], previous, seen)
        if party and seen is not None and not _PRONOUN_SUBJ.match(s[a:b].strip(_TRIM)):
            seen.append((s[a:b], party))
        return party

    # a headline "المرصد: مقتل 12 …"، "الدفاع المدني لـ"عنب بلدي": …": a known party before the colon
    head = _COLON_HEAD.match(s)
    if head:
        known = arabic_party(head.group(1)) or canonical_party(head.group(1))
        if known and (known != head.group(1).strip() or _GENERIC.match(head.group(1))):
            return known
    for m in _RELAYED.finditer(s):
        party = party_at(*_np(s, m.end()))
        if party:
            return party
    for m in _ACCORDING.finditer(s):
        article = m.group(0).endswith("ل") and s[m.end() : m.end() + 1] == "ل"
        party = party_at(*_np(s, m.end()), article=article)
        if party:
            return party
    # subject before the verb: "مصدر عسكري أكد لسانا أن"، "وكان مصدر في محافظة حلب أفاد"
    m = _rx(rf"^(?:و|ف)?(?:كان|كانت|قد)?\s*([^،,:\"]{{3,60}}?)\s+(?:كان\s+|قد\s+)?{_VERB}{_R}").match(s)
    if (
        m
        and not find_events_ar(m.group(1))
        and not _NOT_SUBJECT.match(m.group(0))
        and not _DATELINE_MARK.search(m.group(1))
    ):
        party = party_at(m.start(1), m.end(1))
        if party:
            return party
    for m in _LEAD_VERB.finditer(s):
        party = party_at(*_np(s, m.end()))
        if party:
            return party
    # "وأضاف أن …"، "وقال في بيان: …": a reporting verb with no subject goes on with the speaker before
    lead = _LEAD_VERB.match(s)
    if lead and _SUBJECTLESS.match(s, lead.end()):
        return previous
    return None


_DENIED = _rx(
    rf"{_L}(?:و|ف)?(?:نفى|نفت|ينفي|تنفي|نفي|نفيه|نفت|كذب|كذبت|تكذيب"
    rf"|مفبركة|مفبرك){_R}|لا صحة|عار عن الصحة|عارية عن الصحة|مزاعم كاذبة"
)
_UNCONFIRMED = _rx(
    r"أنباء عن|انباء عن|ترددت أنباء|أنباء غير مؤكدة|غير مؤكدة"
    r"|غير مؤكد|لم يتسن|لم يتسنى|لا يمكن التحقق|لم يتم التحقق|"
    r"لم نتمكن من التحقق|لم يتم التأكد|تعذر التحقق|يتعذر التحقق|يزعم"
    r"|يُزعم|زعم|مزاعم|المزعوم|المزعومة|مزعوم|بحسب ما يزعم|"
    # "يدعي أن" (claims that); "مسؤول يدعى أحمد" (named Ahmad) is no hedge, and folding makes ى ي
    r"(?:يدعي|تدعي|يدعون|يدعى|يُدعى) (?:أن|ان|بأن)|^\s*(?:و|ف)?(?:يدعي|تدعي|يدعون|ادعى|ادعت|ادعوا)\s|"
    r"إشاعات|شائعات|أنباء أولية|ادعاءات|الادعاءات|ادعاء|تفيد تقارير|تقارير غير مؤكدة"
    r"|لم يتم التأكد|لم تتأكد|لم يتأكد|لم نتحقق"
)
# a clause or sentence that only says the account could not be verified hedges the claim before it
_VERIFY = _rx(
    r"لم يتسن|لم يتسنى|تعذر التحقق|يتعذر التحقق|لا يمكن التحقق|لم يتم التحقق|لم نتمكن من التحقق"
    r"|لم يتمكن .{0,30}من التحقق|بشكل مستقل|من مصدر مستقل"
)
_CONFIRMED = _rx(r"(?:تم التأكد|تأكد|تأكدت|تحقق(?:ت|نا)? من|تم التحقق من|وثقت بالأسماء)")


def find_certainty_ar(f: str) -> str:
    """confirmed / reported / unconfirmed / denied, from the words of a folded Arabic sentence."""
    if _DENIED.search(f):
        return "denied"
    if _UNCONFIRMED.search(f):
        return "unconfirmed"
    m = _CONFIRMED.search(f)
    if m and not _rx(r"(?:لم|لا|عدم)\s*\S*\s*$").search(f[: m.start()]):
        return "confirmed"
    return "reported"


# ------------------------------------------------------------------------------------- places
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
_DATELINE = re.compile(r"^\s*(?:\d|[-–—(:]|\s*\n)")
_RANK = {"neighbourhood": 0, "town": 1, "district": 2, "governorate": 3, "country": 4}


def _places(text: str, a: int, b: int, f: Folded, gaz: Gazetteer, ctx: tuple[str, ...]) -> list[PlaceRef]:
    sentence = text[a:b]
    found: list[tuple[int, PlaceRef]] = []
    ids: list[str] = []
    for m in gaz.match_arabic(sentence, ctx):
        if m.start <= 2 and _DATELINE.match(sentence[m.end :]):
            continue  # "دمشق 28 ابريل 2016 (شينخوا)"، "حلب-سانا": where the report was filed
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
            found.append((s, PlaceRef(name=sentence[s:e], precision=prec)))
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


def main_place_ar(title: str | None, text: str, gaz: Gazetteer) -> tuple[tuple[str, ...], PlaceRef | None]:
    """The document's context (place ids of its title and lede) and its main town or governorate."""
    head = (title or "") + "\n" + text[:1200]
    matches = [m for m in gaz.match_arabic(head) if m.place.id != "SY"]
    ctx = tuple(
        dict.fromkeys(m.place.id for m in matches if m.place.kind in ("town", "governorate", "district"))
    )
    main = next(
        (gaz.to_ref(m.place, m.surface) for m in matches if m.place.kind in ("town", "governorate")), None
    )
    return ctx, main


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


def _clauses(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str | None]]:
    """Clauses (start, end, the whole sentence's party) of the sentences ``spans``."""
    out: list[tuple[int, int, str | None]] = []
    for a, b in spans:
        sentence = text[a:b]
        f = fold_arabic(sentence)
        cuts = [m.start() for m in _CLAUSE.finditer(f.text)]
        if not cuts:
            out.append((a, b, None))
            continue
        party = find_attribution_ar(f, sentence, None)
        bounds = [0] + [f.span(c, c + 1)[0] for c in cuts] + [len(sentence)]
        for x, y in pairwise(bounds):
            seg = text[a + x : a + y]
            lead = len(seg) - len(seg.lstrip(" ،,؛"))
            if y - x - lead > 3:
                out.append((a + x + lead, a + y, party))
    return out


_OUTLET = re.compile(r"^OUTLET:[ \t]*(.+)$", re.M)
# parties whose own site speaks for them: their dispatch's unattributed claims are theirs
_MONITORS = frozenset(
    {
        "Syrian Observatory for Human Rights",
        "Syrian Network for Human Rights",
        "Syria Civil Defence",
        "Human Rights Watch",
        "Amnesty International",
        "MSF",
        "Syrian American Medical Society",
        "UN humanitarian office",
        "UN human rights office",
        "World Health Organization",
        "UNICEF",
        "ICRC",
    }
)


def _outlet_party(text: str) -> str | None:
    """The monitor or NGO that publishes the report (a header ``OUTLET:`` naming one), else None."""
    m = _OUTLET.search(text[:3000])
    if not m:
        return None
    value = m.group(1)
    if _rx(r"(?:عبر|نقلا عن)").search(fold_arabic(value).text) or re.search(
        r"\b(?:via|reprint|reposting)\b", value, re.I
    ):
        return None  # an outlet reposting the monitor: the claims carry the monitor's name when named
    for part in re.split(r"[()]", value):
        part = part.strip()
        if not part:
            continue
        name = arabic_party(part) or canonical_party(part)
        if name in _MONITORS:
            return name
    return None


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
    """Are all the places ``refs`` among the places of the claim ``before``?"""
    return {_place_key(p) for p in refs} <= {_place_key(p) for p in before.places}


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


def _same_count(x: Count | None, y: Count | None) -> bool:
    return x is not None and y is not None and (x.low, x.high) == (y.low, y.high)


def _bare_restatement(x: Claim, y: Claim) -> bool:
    """The later ``y`` tells no number at all, on the day of ``x``: "استهدفت الغارات السوق" after "قتل 12
    مدنياً في الغارات على السوق" is one event told twice (the caller checks manner, kind, place, party).
    A bare account told *before* the toll is kept apart: merging it too cost measure recall."""
    bare = [c for c in (x, y) if c.fatalities is None and c.injured is None]
    if bare != [y] or x.time.start != y.time.start or x.time.start is None:
        return False
    # and names no place the toll claim lacks ("قصف جوي على حي السكري" after "قتل 10 في حلب" is news)
    return {_place_key(p) for p in y.places} <= {_place_key(p) for p in x.places}


def _same_low(x: Claim, y: Claim) -> bool:
    """One toll of one day told with and without its qualifier ("11 على الأقل" then "11")."""
    return (
        x.fatalities is not None
        and y.fatalities is not None
        and x.fatalities.low == y.fatalities.low
        and x.time.start == y.time.start
        and x.attributed_to is not None
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
    from tawthiq.gazetteer import load_gazetteer

    contains = load_gazetteer().contains
    return any(
        h.place_id and b.place_id and contains(h.place_id, b.place_id)
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


def merge_restatements_ar(items: list[tuple[Claim, bool]]) -> list[tuple[Claim, bool]]:
    """One claim for one assertion: a headline that a body claim restates is flagged as the title's
    (the front door drops it); a sentence repeating another's toll (same count, manner and place,
    not two different parties) is one claim, the richer of the two, with the party either names."""
    body = [c for c, t in items if not t]
    out: list[tuple[Claim, bool]] = []
    for c, is_title in items:
        if is_title and not any(_restates(c, b) for b in body):
            is_title = False  # a headline figure found nowhere in the body is a claim of its own
        if is_title:
            out.append((c, True))
            continue
        twin = next(
            (
                i
                for i, (o, t) in enumerate(out)
                if not t
                and (
                    _same_count(o.fatalities, c.fatalities)
                    or _bare_restatement(o, c)
                    or _both_bare(o, c)
                    or _same_low(o, c)
                )
                and o.event_type == c.event_type
                and o.kind == c.kind
                and _places_agree(o, c)
                and (o.attributed_to is None or c.attributed_to is None or o.attributed_to == c.attributed_to)
            ),
            None,
        )
        if twin is None and out and _continues(out[-1], c):
            prev = out[-1][0]
            out[-1] = (prev.model_copy(update={"injured": c.injured}), out[-1][1])
            continue  # "… مقتل 4 مدنيين، كما أدى إلى إصابة 9 آخرين": the wounded of the same strike
        if twin is None:
            out.append((c, False))
            continue
        o = out[twin][0]
        richer, other = (
            (c, o)
            if (c.fatalities is not None, len(c.places), bool(c.injured))
            > (o.fatalities is not None, len(o.places), bool(o.injured))
            else (o, c)
        )
        if richer.attributed_to is None and other.attributed_to:
            richer = richer.model_copy(update={"attributed_to": other.attributed_to})
        if richer.injured is None and other.injured is not None:
            richer = richer.model_copy(update={"injured": other.injured})
        out[twin] = (richer, False)
    return out


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


def arabic_claims(
    text: str,
    spans: list[tuple[int, int]],
    anchor: date | None,
    gaz: Gazetteer,
    title: str | None,
    title_end: int,
) -> list[tuple[Claim, bool]]:
    """Claims of the Arabic sentences ``spans`` of ``text``, with whether each is the headline's."""
    ctx, main = main_place_ar(title, text, gaz)
    if title_end < 0 and title and spans:
        title_end = _title_line_end(text, spans, title)
    own_voice = _outlet_party(text)
    doc_type = _document_type(text, spans)
    syrian = main is None or main.place_id is None or not main.place_id.startswith("world:")
    out: list[tuple[Claim, bool]] = []
    previous_party: str | None = None
    last_places: tuple[PlaceRef, ...] = ()
    last_type: tuple[int, str] | None = None
    last_time: TimeSpan | None = None
    last_tally_time: TimeSpan | None = None
    seen: set[str] = set()
    seen_parties: list[tuple[str, str]] = []
    last_claim_n = -2
    for n, (a, b, sentence_party) in enumerate(_clauses(text, spans)):
        sentence = text[a:b]
        f = fold_arabic(sentence)
        s = f.text
        if s.strip() in seen:
            continue  # the headline printed again as the first line of the body
        seen.add(s.strip())
        party = find_attribution_ar(f, sentence, previous_party, seen_parties) or sentence_party
        if party:
            previous_party = party
        # a bracketed aside ("(116 مدنياً، و9 مقاتلين أثناء المواجهات)") details the toll; it never types it
        events = find_events_ar(_ASIDE.sub(lambda m: " " * len(m.group(0)), s))
        fat, inj = find_tolls_ar(s)
        if (not events and (fat or inj) and _KILL_WORD.search(s)) or (not events and fat):
            # a toll with no weapon named: the manner of the claim just before, else the headline's
            etype = last_type[1] if last_type and n - last_type[0] <= 2 else doc_type or "other"
            if _AN_ATTACK.search(s):
                etype = "attack.ground"  # "في هجوم شنته قوات …"، "أحرق الجيش القرية": no weapon named
            events = [_Hit(etype, 0, 0, 1)]
        wounded_only = not events and inj is not None and fat is None
        if wounded_only and out and last_claim_n == n - 1 and out[-1][0].injured is None:
            # "وأضافوا أن 20 آخرين أصيبوا بجروح": the wounded of the claim just told
            out[-1] = (out[-1][0].model_copy(update={"injured": inj}), out[-1][1])
            continue
        if not events:
            if _VERIFY.search(s) and out and last_claim_n >= n - 1 and out[-1][0].certainty == "reported":
                # "…، فيما لم يتسن التحقق من الحصيلة" / a next sentence saying the same: the claim before
                out[-1] = (out[-1][0].model_copy(update={"certainty": "unconfirmed"}), out[-1][1])
            continue
        if fat or inj:
            harm = [h for h in events if h.event_type.split(".")[0] in ("attack", "killing", "other")]
            events = harm or events
        best = events[0]
        if not (fat or inj) and all(h.event_type == "killing.execution" and h.strength == 2 for h in events):
            continue  # "ضحايا مجزرة السوق"، "أكدت الوزارة أن المجزرة سبقها تحذير": told before
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
            when = TimeSpan(start=start, end=anchor, precision="year")
            hit = _Hit("other", 0, 0, 1)
            claim = _claim(text, a, b, s, f, "tally", hit, where, when, fat, inj, party or own_voice, party)
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
            last_places = refs
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
        if when is None and not own_place and not (fat or inj) and kind == "incident" and b > title_end:
            continue  # a passing mention (no number, place or time of its own): at most optional
        if when is None:
            # no time of its own: the time of the claim it follows (a tally's period for a tally)
            carry = last_tally_time if kind == "tally" else last_time
            when = carry or resolve_time_ar(s, anchor)
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
                piece = _claim(
                    text, pa, pb, pf.text, pf, kind, best, prefs, when, toll, None, party or own_voice, party
                )
                out.append((piece, b <= title_end))
            last_claim_n = n
            continue
        claim = _claim(text, a, b, s, f, kind, best, refs, when, fat, inj, party or own_voice, party)
        out.append((claim, b <= title_end))
        last_claim_n = n
    return merge_restatements_ar(out)


# a per-place breakdown: "N (noun) في X، وM في Y، ومواطن في Z" (a singular person noun is one)
_PIECE = _rx(
    r"(?:^|(?<=[\s،,]))(?:و\s*)?(?:(\d+)|(مواطن|شخص|طفل|مدني|امرأة|رجل|شاب|سيدة))(?:\s+[^\s،,]+)?\s+في\s"
)


def _breakdown(s: str, fat: Count) -> list[tuple[int, int, int]]:
    """(start, end, count) of each place of a per-place breakdown of the toll ``fat``, or []."""
    hits = list(_PIECE.finditer(s))
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

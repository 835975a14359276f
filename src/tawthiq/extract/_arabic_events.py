"""Arabic event triggers (the DESIGN.md taxonomy), the claim's kind, victims and perpetrators.

In: a folded Arabic sentence. Out: asserted triggers strongest first (:func:`find_events_ar`), the
kind (incident / tally / status), victim categories in English, perpetrators as written.
"""

from __future__ import annotations

import re

from tawthiq.entities import TimeSpan
from tawthiq.extract._arabic_lexicon import (
    _L,
    _P,
    _R,
    ENCLITICS,
    KILL_NOUNS,
    KILL_NOUNS_OF_ACTION,
    KILL_VERBS,
    _rx,
    alternation,
    nisba_forms,
    noun_forms,
    verb_forms,
    with_pronoun,
)
from tawthiq.extract._arabic_time import _HIJRI_MY
from tawthiq.text.arabic import Folded, fold_pattern
from tawthiq.text.prefilter import PatternSet

__all__ = ["find_events_ar"]

# a feminine noun or adjective in the singular, dual (with and without its nun) and plural:
# "قذيفة، قذيفتان، قذيفتين، قذيفتا، قذيفتي، قذيفات" (stem without its ta marbuta, then .format)
_DUAL_F = "{}(?:ة|تان|تين|تا|تي|ات)"


def _verbs(*verbs: tuple[str, str] | tuple[str, str, str]) -> str:
    """A regex of every third-person form (perfect and imperfect, :func:`verb_forms`) of ``verbs``
    (perfect, imperfect stem[, weak]), a conjunction glued before and a pronoun after: the trigger
    families listed the perfect (اعتقل) and its verbal noun, not the imperfect (تعتقل)."""
    forms = [f for v in verbs for f in verb_forms(v[0], v[1], *(v[2:] or ("",)))]
    return rf"{_L}(?:و|ف)?{with_pronoun(forms)}{_R}"


_APPEALS = alternation(
    verb_forms("طالب", "طالب")
    + verb_forms("ناشد", "ناشد")
    + verb_forms("حث", "حث")
    + ["دعا", "دعت", "دعوا", "يدعو", "تدعو", "يدعون", "دعوة", "مطالبة", "مطالبات", "مناشدة"]
)
_OPEN_FIRE = alternation(verb_forms("أطلق", "طلق") + verb_forms("فتح", "فتح"))
# (event type, pattern, strength), as in ._events: the strongest asserted trigger types the claim.
_TRIGGERS: list[tuple[str, str, int]] = [
    (
        "attack.chemical",
        # poison gas with or without the article on both words: "غاز سام"، "الغازات السامة"، "مواد سامة"
        r"الكلور|السارين|كيماوي|كيميائي|كيميائية|كيماوية|غاز(?:ات)? (?:ال)?سام|(?:ال)?مواد (?:ال)?سامة"
        r"|حالات? (?:ال)?اختناق|أعراض (?:ال)?اختناق"
        r"|(?:ال)?خردل|غاز (?:ال)?أعصاب|غازات? (?:ال)?أعصاب",
        9,
    ),
    (
        "killing.execution",
        rf"{_L}{_P}(?:إعدام|اعدم|أعدم|أعدموا|إعدامات|تصفية|ذبح|ذبحوا|{_DUAL_F.format('تصفي')})\w*{_R}"
        rf"|رميا بالرصاص|ميدانيا|{_verbs(('أعدم', 'عدم'))}"
        rf"|{_L}(?:و|ف)?{with_pronoun([*verb_forms('نحر', 'نحر'), 'نحر', 'نحرا'])}{_R}"
        # as the English rules: hanged (شنقا، شُنق), beheaded (قطع رأسه، قطع رؤوس), killed in cold blood
        rf"|{_L}(?:و|ف)?{with_pronoun([*verb_forms('شنق', 'شنق'), 'شنقا', 'الشنق', 'بالشنق'])}{_R}"
        r"|(?:قطع|قطعوا|قطعت|بقطع|وقطع) (?:ال)?(?:رأس|رؤوس|راس|روس)|فصل (?:ال)?(?:رأس|رؤوس)"
        r"|بدم بارد"
        # shooting people in custody (annotation.md: "shooting of people in custody … → execution"):
        # "أطلقوا النار على المعتقلين"، "قتلوا الأسرى بالرصاص"، "جثث مكبلة الأيدي"
        r"|(?:النار|رصاص|الرصاص|بالرصاص)[^.؛]{0,40}?(?<![\u0621-\u064a])(?:ال)?(?:معتقلين|معتقلا|أسرى|أسيرا"
        r"|محتجزين|محتجزا|موقوفين|مختطفين|رهائن)(?![\u0621-\u064a])"
        r"|(?<![\u0621-\u064a])(?:ال)?(?:معتقلين|معتقلا|أسرى|أسيرا|محتجزين|محتجزا|موقوفين|مختطفين|رهائن)"
        r"(?![\u0621-\u064a])[^.؛]{0,40}?"
        r"(?:بالرصاص|رميا|النار)"
        r"|(?:مكبلي|مكبلة|مقيدي|مقيدة|معصوبي|معصوبة) (?:ال)?(?:أيدي|الأيدي|اليدين|أعين|الأعين|العينين)"
        # the coverage audit (docs/extraction.md): slaughter in the imperfect (يذبح، تذبحون)
        rf"|{_verbs(('ذبح', 'ذبح'))}",
        8,
    ),
    # a massacre names a toll, not a manner: any means the sentence names (shelling, a strike, a
    # clash) types it, as in the English rules; alone it is an execution (annotation.md)
    ("killing.execution", rf"{_L}{_P}(?:مجزرة|مجازر|مجزره|{_DUAL_F.format('مجزر')})\w*{_R}", 2),
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
        r"اختفاء قسري|الإخفاء القسري|مجهول(?:ي)? المصير|اختطاف|اختطف|خطف|مختطف|انقطع الاتصال"
        rf"|{_verbs(('اختطف', 'ختطف'), ('خطف', 'خطف'))}"
        # "أخفي قسرا"، "المختفين قسريا"، "المغيبين" ("مصيرهم لا يزال مجهولا" is not: the fate of those
        # under the rubble is unknown too; reading it so cost measure F1 0.684 -> 0.658)
        # (قسري alone is no disappearance: "تهجير قسري" is forced displacement)
        r"|(?:أخفي|أخفيت|أخفوا|يخفى|إخفاء|مختف|مختفين|مختفون|مختفيا"
        r"|المختفين|المختفون)\s+قسر(?:ا|يا|ي|يه)|مغيبين|مغيبون|المغيبين|المغيبون|تغييب",
        7,
    ),
    (
        "detention.arbitrary",
        rf"{_L}{_P}(?:اعتقال|اعتقل|اعتقلت|احتجاز|احتجز|احتجزت|توقيف|حملات? دهم)\w*{_R}"
        rf"|{_L}(?:و|ف)?{with_pronoun(verb_forms('اقتاد', 'قتاد'))}{_R}"
        rf"|{_verbs(('اعتقل', 'عتقل'), ('احتجز', 'حتجز'))}",
        6,
    ),
    (
        "evacuation",
        rf"{_L}{_P}(?:إجلاء|اجلاء|أجلي|تم إجلاء|حافلات|الحافلات"
        rf"|قافلة|قوافل الإجلاء|ممر إنساني|ممرات إنسانية|{_DUAL_F.format('قافل')})\w*{_R}"
        # an aid convoy is no evacuation (annotation.md: an attack on one is the weapon's type, a convoy
        # stopped is access denied): "قافلة مساعدات"، "قوافل الإغاثة"، "قافلة إنسانية"
        r"(?!\s+(?:لل|ال)?(?:مساعدات|إغاثة|اغاثة|إنسانية|انسانية|غذائية|طبية|أممية|الأمم|تابعة|مساعدة))"
        rf"|{_verbs(('أجلى', 'جلي', 'a'))}",
        6,
    ),
    (
        "humanitarian.access_denied",
        r"منع (?:دخول )?(?:المساعدات|القوافل|الغذاء|الدواء)|عرقلة (?:دخول )?المساعدات"
        rf"|نقص (?:الإمكانيات الطبية|المواد الغذائية|الغذاء|الدواء)|{_DUAL_F.format('مجاع')}|جوع"
        # every verb of stopping aid: منع، عرقلة، حرمان، قطع، إغلاق المعابر (its objects: aid, convoys,
        # water, power, the crossings), and starving as a method (تجويع)
        r"|(?:منع|منعت|يمنع|تمنع|عرقلة|عرقلت|تعرقل|يعرقل|حرمان|حرمت|قطع|قطعت|إغلاق|أغلقت|أغلق)"
        r"\s+(?:\S+\s+){0,3}?(?:دخول |وصول |إدخال |إيصال )?(?:ال)?(?:مساعدات|قوافل|قافلة|إغاثة|إمدادات"
        r"|مياه|كهرباء|معابر|معبر|وقود|أدوية|مواد غذائية)|تجويع",
        5,
    ),
    (
        "siege.blockade",
        rf"{_L}{_P}(?:حصار|الحصار|يحاصر|تحاصر|فرض الحصار)\w*{_R}|{_verbs(('حاصر', 'حاصر'))}",
        5,
    ),
    (
        "attack.air_strike",
        r"غارة|غارات|غارتين|الغارات|قصف جوي|القصف الجوي|ضربة جوية|ضربات جوية|الضربات الجوية|طائرات? حربية|"
        r"الطائرات الحربية|الطيران الحربي|طيران النظام"
        r"|طيران التحالف|طائرات التحالف|الطيران الروسي|طائرات روسية|"
        r"طائرات النظام|طائرة مروحية|طائرات مروحية|الطيران المروحي|سلاح الجو|براميل متفجرة|البراميل المتفجرة|"
        r"برميل متفجر|ببراميل|بالبراميل|قنابل فراغية|قنابل عنقودية|ذخائر عنقودية|الطيران"
        # what flies: helicopters (مروحية، مروحيات)، drones (طائرة مسيرة، بدون طيار)، warplanes (مقاتلات)، and
        # barrels in the dual or counted (برميلين، 4 براميل)
        # the helicopter as an adjective too: "قصف مروحي"، "القصف المروحي"
        rf"|{_L}{_P}(?:مروحيات|مروحية|المروحيات|مروحي|درون)\w*{_R}|طائرة مسيرة|طائرات مسيرة|الطائرات المسيرة"
        r"|الطائرة المسيرة|بدون طيار|دون طيار|(?:ال)?مقاتلات (?:ال)?(?:حربية|روسية|التحالف|النظام)"
        # warplanes and drones by whose they are, in any war: "طائرات الاحتلال"، "مقاتلات إسرائيلية"،
        # "طيران العدوان"، "بالمسيرات"، "مسيرات روسية"
        r"|(?:طائرات|طائرة|مقاتلات|مقاتلة|طيران) (?:ال)?(?:احتلال|إسرائيلية|إسرائيلي|عدو|عدوان|سعودية|سعودي"
        r"|أمريكية|أميركية|أمريكي|أميركي|روسي|روسية|سورية|سوري|تركية|تركي|جيش|حربي|حربية)"
        r"|(?:بال|ال|ب)مسيرات|مسيرات (?:ال)?(?:روسية|أوكرانية|إيرانية|إسرائيلية|انتحارية|مفخخة|الدعم السريع)"
        r"|برميلين|براميل متفجرة|برميلا"
        # in the dual and plural: "ضربتين جويتين"، "طائرتان مسيرتان"، "قنبلتين عنقوديتين"
        rf"|{_DUAL_F.format('ضرب')} (?:ال)?{_DUAL_F.format('جوي')}"
        rf"|{_DUAL_F.format('طائر')} (?:ال)?{_DUAL_F.format('مسير')}"
        rf"|(?:{_DUAL_F.format('قنبل')}|قنابل) (?:ال)?{_DUAL_F.format('عنقودي')}"
        # the strikes, helicopters and warplanes in the dual ("غارتا التحالف"، "مروحيتان"، "طائرتان
        # حربيتان"), barrel bombs as an adjective, guided bombs, air-to-ground missiles, a missile a
        # plane fired
        rf"|{_L}{_P}{_DUAL_F.format('غار')}{_R}|{_L}{_P}{_DUAL_F.format('مروحي')}{_R}"
        rf"|{_DUAL_F.format('طائر')} (?:ال)?{_DUAL_F.format('حربي')}|{_DUAL_F.format('برميلي')}"
        rf"|(?:{_DUAL_F.format('قنبل')}|قنابل) (?:ال)?{_DUAL_F.format('موجه')}|جو[ -]أرض|جو[ -]سطح"
        r"|(?:أطلقته|أطلقتها|أطلقتهما|ألقته|ألقتها) (?:ال)?(?:طائرة|طائرات|مقاتلة|مسيرة|مروحية)"
        # the coverage audit: the barrel with its article and any proclitic ("بالبرميل المتفجر"،
        # "للبراميل المتفجرة"), and the raid verb in every perfect form (أغارت، أغاروا; not the imperfect
        # يغير, "changes")
        rf"|{_L}{_P}(?:برميل|براميل) (?:ال)?متفجر"
        rf"|{_L}(?:و|ف)?{alternation(verb_forms('أغار'))}{_R}"
        # aircraft with a pronoun ("أن تكون طائراتها قصفت"، "مقاتلاته"): whose planes, named before
        r"|(?<![\u0621-\u064a])(?:و|ب)?(?:طائرات|مقاتلات|مروحيات|طائرة|مقاتلة)(?:ها|ه|هم|هما)(?![\u0621-\u064a])"
        # aircraft after an attack verb: "قصفت الطائرات البلدة"، "قنبلة ألقتها طائرة"
        r"|(?:قصف|قصفت|استهدف|استهدفت|ألقت|ألقى|ألقتها|ألقاها|شنت|شن|أغارت)\s+(?:ال)?(?:طائرة|طائرات|مقاتلة|مقاتلات)",
        4,
    ),
    (
        "attack.shelling",
        rf"{_L}{_P}(?:قصف|القصف|قذائف|قذيفة|القذائف|بالقذائف|صواريخ|صاروخ|صاروخية|الصاروخية|هاون|مدفعي|مدفعية|المدفعي|راجمات|قصفه|قصفها"
        rf"|{_DUAL_F.format('قذيف')})\w*{_R}|{_verbs(('قصف', 'قصف'))}"
        # guns and launchers by name: "بالمدافع الثقيلة"، "راجمة صواريخ"، "الكاتيوشا"، "غراد"
        rf"|{_L}{_P}(?:مدفع|مدافع|مدفعين|{_DUAL_F.format('راجم')}|كاتيوشا|غراد){_R}"
        # tank fire (annotation.md: "tank fire → shelling"); a tank alone (advancing) is none
        r"|(?:نيران|قصف|قذائف|قذيفة|بنيران|بقصف|بقذائف|بقذيفة) (?:ال)?(?:دبابة|دبابات|الدبابة|الدبابات)"
        # the coverage audit: pounding (دكت المدفعية، تدك) in every third-person form
        rf"|{_verbs(('دك', 'دك'))}",
        3,
    ),
    (
        "attack.ground",
        rf"{_L}{_P}(?:قنص|القنص|قناص|قناصة|قناصي|قناصته|اطلاق النار"
        rf"|إطلاق النار|أطلق النار|اطلقوا النار|رصاص|اقتحام|اقتحم|اقتحمت)\w*{_R}|{_verbs(('اقتحم', 'قتحم'))}"
        # the coverage audit: sniping in the imperfect (يقنص، تقنص)
        rf"|{_verbs(('قنص', 'قنص'))}"
        # gunfire in every wording: "إطلاق نار"، "بأعيرة نارية"، "بطلق ناري"، "بالأسلحة الخفيفة"
        r"|إطلاق نار|(?:عيار|أعيرة|طلق|طلقة|طلقات|رشقة|رشقات|رصاصة) (?:ال)?ناري(?:ة|ه)?"
        r"|(?:ال)?أسلحة (?:ال)?(?:خفيفة|رشاشة)",
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
    (
        "armed.clash",
        rf"{_L}{_P}(?:اشتباكات|اشتباك|معارك|مواجهات|اشتباكات عنيفة)\w*{_R}"
        rf"|{_L}{_P}{_DUAL_F.format('معرك')}{_R}|{_DUAL_F.format('مواجه')} (?:ال)?{_DUAL_F.format('مسلح')}",
        3,
    ),
    (
        "displacement.forced",
        rf"{_L}{_P}(?:نزوح|نازحين|النازحين|تهجير|هجروا|فرار|فروا|نزح)\w*{_R}"
        rf"|{_verbs(('نزح', 'نزح'), ('هجر', 'هجر'), ('شرد', 'شرد'))}"
        # the coverage audit: making homeless (تشريد، المشردين)
        rf"|{_L}{_P}(?:تشريد|مشردين|مشردون){_R}",
        2,
    ),
    # car bombs, suicide bombings and bombings are attack.ground, as in the English rules (issue 15)
    (
        "attack.ground",
        r"تفجير|سيارة مفخخة|بسيارة مفخخة|مفخخة|حزام ناسف|انتحاري|انتحارية"
        rf"|{_DUAL_F.format('مفخخ')}|{_L}{_P}(?:رشاش|رشاشات|الرشاشات|رشاشة){_R}",
        3,
    ),
    ("other", rf"انفجار|عبوة ناسفة|لغم|ألغام|{_DUAL_F.format('عبو')} (?:ال)?{_DUAL_F.format('ناسف')}", 2),
    # an armed attack with no weapon of the air or of artillery named: "مجموعة منشقة استهدفت حاجزا"،
    # "هاجم مسلحون"، "كمين"; "الهجوم" (the attack) points back to an attack already told, so it is not here
    (
        "attack.ground",
        rf"{_L}(?:و|ف)?(?:هاجم|هاجمت|هاجموا|يهاجم|كمين|كمينا|هجوما مسلحا|هجوم مسلح){_R}"
        # the coverage audit: attacking in every third-person form, the armed attack and the raid
        # with their article ("الهجوم المسلح"، "بالمداهمة")
        rf"|{_verbs(('هاجم', 'هاجم'))}|{_L}{_P}هجوم (?:ال)?مسلح|{_L}{_P}{_DUAL_F.format('مداهم')}{_R}"
        r"|استهدف(?:ت|وا)? (?:ال)?(?:حاجز|حاجزا|نقطة|دورية|مقر|موقع)"
        # as the English rules: stabbing, grenades, raids by troops, running people over
        rf"|{_L}(?:و|ف)?{with_pronoun([*verb_forms('طعن', 'طعن'), 'طعنا', 'طعنات', 'بسكين'])}{_R}"
        rf"|(?:قنبلة|قنابل|قنبلتين) (?:ال)?(?:يدوية|يدويتين)"
        rf"|{_L}(?:و|ف)?{with_pronoun([*verb_forms('داهم', 'داهم'), 'مداهمة', 'مداهمات'])}{_R}"
        rf"|{_L}(?:و|ف)?{with_pronoun([*verb_forms('دهس', 'دهس'), 'دهسا'])}{_R}",
        2,
    ),
    # opening fire, whoever fired between the verb and "النار": "أطلق الجنود النار"، "فتحت قوات … النار"
    (
        "attack.ground",
        rf"{_L}(?:و|ف)?{_OPEN_FIRE}\s+(?:\S+\s+){{0,4}}?النار{_R}",
        3,
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
    rf"|يهددون|بتدمير|تهديد|يتعرض|ستتعرض|سيتعرض|ستكون|سيكون|يرجح|ترجح|مرجح|ويرجح"
    # appeals and concern in every form (طالبت، تطالب، ناشدت، حثت، دعوا، يدعو), "likely" with its
    # article (من المتوقع، من المحتمل، من المرجح), "perhaps", and the investigation asked for
    rf"|{_APPEALS}|(?:من )?ال(?:متوقع|محتمل|مرجح)|محتمل|ربما|قلق|قلقه|قلقها|قلقهم|بقلق"
    rf"|التحقيق في|تحقيق في|بالتحقيق في|للتحقيق في){_R}[^.،؛]{{0,25}}$"
)
# the hedges of _HYPOTHETICAL that make a trigger unreal (a fear, a plan, a negation, a condition),
# without the demands: "طالب بوقف القصف الذي أوقع 15 قتيلا" asks to stop a shelling that did happen
_UNREAL = _rx(
    rf"{_L}(?:و|ف)?(?:قد(?=\s+[يتنا])|سوف|لن|لم|لا|يجب|ينبغي|يخشى|خشية|مخاوف|يخشون|حذر|حذرت|تحذير|يحذر|تحذر|يهدد|تهدد|"
    r"محاولة|في حال|إذا|اذا|لو|تجنب|احتمال|مرشحة|مرشح|يتوقع|تتوقع|يُتوقع|متوقع|توقع|توقعات|قد يرتفع|خطر"
    rf"|يهددون|بتدمير|تهديد|يتعرض|ستتعرض|سيتعرض|ستكون|سيكون|يرجح|ترجح|مرجح|ويرجح"
    rf"|(?:من )?ال(?:متوقع|محتمل|مرجح)|محتمل|ربما){_R}[^.،؛]{{0,25}}$"
)
# negations that assert: "ما لا يقل عن" (at least), "لا يزال" (still), "لا سيما" (especially)
_NOT_A_HEDGE = _rx(r"ما لا يقل|لا يقل|لا تقل|لا يزال|لا تزال|ما زال|ما زالت|لا سيما|ولا سيما")
_KILL_WORD = _rx(
    rf"{_L}{_P}(?:قتل|قتلوا|قتيل|قتيلا|قتلى|مقتل|مصرع|استشهد|استشهدوا|استشهاد|شهيد|شهيدا|شهداء|قضى|قضوا|"
    rf"ارتقى|ارتقوا|ارتقاء|لقي|لقوا|حتفهم|ضحايا|ضحية|ضحيتها|وفاة|إعدام"
    # every form of the verbs and nouns of killing (_arabic_lexicon): قتلت، استشهدت، توفيت، شهيدة …
    rf"|{alternation(KILL_VERBS + KILL_NOUNS + KILL_NOUNS_OF_ACTION)}){ENCLITICS}{_R}"
)
_TALLY = _rx(
    r"منذ (?:بداية|مطلع|اندلاع|انطلاق|بدء|أكثر من|عام|سنة|شهر|\d)"
    r"|خلال (?:الشهر|شهر|العام|عام|\d+ (?:يوما|أيام|شهرا|أشهر|ساعة|ساعات)|"
    # a length in words: "خلال ثلاثة أيام"، "خلال يومين"، "خلال أسبوع"
    r"(?:ثلاثة|ثلاث|أربعة|أربع|خمسة|خمس|ستة|ست|سبعة|سبع|ثمانية|ثماني|تسعة|تسع|عشرة|عشر)"
    r" (?:أيام|أسابيع|أشهر)"
    r"|يومين|أسبوعين|شهرين|أسبوع|الأسبوعين|الشهرين|اليومين|"
    r"أقل من|أكثر من|الأيام|الأسبوع|الأسابيع|الأشهر)|الشهري"
    r"|حصيلة شهرية|تقرير(?:ها)? (?:الشهري|السنوي)|الحصيلة الإجمالية|"
    r"في عدة مجازر|منذ بداية|طوال (?:الشهر|العام|الحملة)|منذ (?:أيام|أسابيع|أشهر|شهور)"
    # "منذ السابع من أكتوبر": a toll since a day is a running tally
    r"|منذ (?:يوم )?(?:ال)?\S+ من (?:شهر )?(?:تشرين|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول"
    r"|يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر)"
    r"|(?:في|خلال) (?:العام|عام|سنة) (?:\d{4}|الماضي|المنصرم)"
    # two days named together: "يومي السبت والأحد" (annotation.md: a toll summed over several days)
    r"|(?:يومي|ليلتي) (?:ال)?(?:سبت|أحد|احد|اثنين|إثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة) و"
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

# an attack (indefinite: "الهجوم" points back) or a burning, with a toll and no weapon named
_AN_ATTACK = _rx(
    rf"{_L}(?:و|ف|ب)?(?:هجوم|هجوما|هجمات|هجومين){_R}|{_L}(?:و|ف)?(?:أحرق|أحرقت|أحرقوا|إحراق|حرق){_R}"
)
# who was killed: fighters only ("287 مسلحاً"، "أربعة من عناصر القوات") or anyone else
_ARMED = r"(?:ال)?(?:قوات|جيش|تنظيم|فصائل|هيئة|جبهة|ميليشيا|ميليشيات|حزب|أمن|شرطة|وحدات|حرس|لواء|كتيبة)"
# fighters in every form (not the feminine: مقاتلات are warplanes, مسلحة an adjective): armed men,
# fighters, soldiers, military men, officers, "terrorists" (as state media count them), mercenaries
_FIGHTERS = alternation(
    [
        *noun_forms("مسلح", "مسلحون", "مسلحين", feminine=False),
        *noun_forms("مقاتل", "مقاتلون", "مقاتلين", feminine=False),
        *("جندي", "جنديا", "جنديان", "جنديين", "جنود"),
        *(
            f
            for f in nisba_forms("عسكري") + nisba_forms("إرهابي")
            if not f.endswith(("ة", "تان", "تين", "ات"))
        ),
        *("ضابط", "ضابطا", "ضابطان", "ضابطين", "ضباط", "مرتزق", "مرتزقة", "إرهابيو", "مسلحو", "مقاتلو"),
    ]
)
_COMBATANTS = _rx(
    rf"{_L}(?:[وب]|ال)?{_FIGHTERS}{_R}"
    rf"|{_L}(?:عناصر|عنصرا|عنصر|عنصران|عنصرين|أفراد|فردا|فردين)\s+(?:من\s+)?{_ARMED}"
)
_NONCOMBATANTS = _rx(
    r"مدني|طفل|أطفال|امرأة|نساء|سيدة|مواطن|شخص|أشخاص|أهالي|سكان|مسعف|الدفاع المدني|صحفي|إعلامي|طبيب|ممرض"
    r"|معتقل|نازح|عائلة|عائلات|مريض|مرضى|معلم|طالب|طلاب|تلاميذ"
    # the coverage audit: protesters, worshippers, passengers, workers, farmers, refugees, the held
    r"|متظاهر|محتج|مصلين|مصلي|ركاب|عمال|مزارع|صيادين|لاجئ|أسرى|أسير|رهائن|محتجز|مختطف|فتاة|فتيات|رضيع|مسن"
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


# ------------------------------------------------------------------------------------- events
class _Hit:
    __slots__ = ("end", "event_type", "start", "strength")

    def __init__(self, event_type: str, start: int, end: int, strength: int) -> None:
        self.event_type, self.start, self.end, self.strength = event_type, start, end, strength


_TRIGGER_SET = PatternSet(rx for _, rx, _ in _COMPILED)


def find_events_ar(s: str, *, demanded: bool = False) -> list[_Hit]:
    """Asserted event triggers in a folded Arabic sentence, strongest first. Only the triggers one of
    whose required words the sentence holds are run (``text.prefilter``: one automaton pass instead of
    every pattern tried at every position). With ``demanded``, the triggers under a demand or an
    appeal too ("بوقف القصف"، "دعت إلى وقف الغارات"): what someone asks to stop has happened."""
    hedges = _UNREAL if demanded else _HYPOTHETICAL
    hits = []
    maybe = _TRIGGER_SET.candidates(s)
    for i, (etype, rx, strength) in enumerate(_COMPILED):
        if i not in maybe:
            continue
        for m in rx.finditer(s):
            before = _NOT_A_HEDGE.sub(" ", s[max(0, m.start() - 40) : m.start()])
            if hedges.search(before):
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


# a toll of one day, even of several massacres (annotation.md: "a one-day toll in one town or city,
# even from several strikes, is an incident"): "خلال أقل من 24 ساعة"، "خلال الـ 12 ساعة الماضية";
# a running total ("ليرتفع إلى N خلال 24 ساعة") stays a tally
_ONE_DAY = _rx(r"خلال\s+(?:أقل من\s+)?(?:ال\s*)?(\d+)\s*(?:ساعة|ساعات)(?:\s+(?:ال)?ماضية)?|في عدة مجازر")
_RUNNING = _rx(
    r"(?<![\u0621-\u064a])(?:و|ف|ل)?(?:ارتفع|ارتفعت|يرتفع|ترتفع|ليرتفع|لترتفع|يرفع|ارتفاع)(?![\u0621-\u064a])"
)


def _one_day(s: str) -> str:
    """``s`` without its one-day periods (none when a period is longer than a day or the toll runs)."""
    hits = list(_ONE_DAY.finditer(s))
    hours = [int(m.group(1)) for m in hits if m.group(1)]
    if not hours or max(hours) > 24 or _RUNNING.search(s):
        return s
    return _ONE_DAY.sub(lambda m: " " * len(m.group(0)), s)


# hospitals out of service with no strike told in the sentence (CLAIMS.md: "status (a state of affairs:
# … hospitals out of service)"): "وبات مستشفى القدس خارج الخدمة"، "أصبحت جميع المشافي خارج الخدمة"
_OUT_OF_SERVICE = _rx(r"(?:خارج|عن) الخدمة")
_STRIKE_TOLD = _rx(
    r"(?<![\u0621-\u064a])(?:و|ف|ب)?(?:استهدف|استهدفت|استهداف|قصف|قصفت|غارة|غارات|ضربة|ضربات|هجوم|صاروخ|قذيفة|قذائف"
    r"|برميل|براميل|قتل|مقتل|استشهد|استشهاد)"
)


def _kind(s: str, event_type: str, when: TimeSpan | None = None) -> str:
    if event_type in _STATUS:
        return "status"
    if event_type == "attack.medical" and _OUT_OF_SERVICE.search(s) and not _STRIKE_TOLD.search(s):
        return "status"
    s = _one_day(s)
    if _TALLY.search(s):
        return "tally"
    if _TALLY_MONTH.search(s) and not (when and when.precision == "day"):
        return "tally"
    if when is not None and when.precision == "month" and _HIJRI_MY.search(s):
        return "tally"  # a Hijri month-long total (CLAIMS.md): "طوال شهر رمضان"
    return "incident"


_VICTIMS_SET = PatternSet(rx for _, rx in _VICTIMS_RX)


def _victims(s: str) -> tuple[str, ...]:
    maybe = _VICTIMS_SET.candidates(s)
    return tuple(name for i, (name, rx) in enumerate(_VICTIMS_RX) if i in maybe and rx.search(s))


def _perpetrators(s: str, f: Folded, text: str, offset: int) -> tuple[str, ...]:
    out: list[str] = []
    for m in _ACTORS.finditer(f.text):
        a, b = f.span(m.start(), m.end())
        name = text[a:b]
        if name not in out:
            out.append(name)
    return tuple(out)

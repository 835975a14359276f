"""Who an Arabic sentence attributes its content to, and how sure it says it is.

In: a folded Arabic sentence (and the sentence as written, for names kept as written). Out: the
party (a known party's canonical name, :mod:`._arabic_parties`, else the phrase as written) and the
certainty (confirmed / reported / unconfirmed / denied).
"""

from __future__ import annotations

import re

from tawthiq.extract._arabic_events import _KILL_WORD, find_events_ar
from tawthiq.extract._arabic_lexicon import _L, _R, REPORTING_VERBS, _rx, alternation, verb_forms
from tawthiq.extract._arabic_parties import ARABIC_PARTIES, arabic_party, is_agency
from tawthiq.extract._attribution import canonical_party
from tawthiq.text.arabic import Folded, fold, fold_arabic

__all__ = ["WHO_HEDGE", "find_attribution_ar", "find_certainty_ar"]

_VERB = alternation(REPORTING_VERBS)
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
    # "بحسب ما أفادت به"، "وفق ما ذكرته"، "حسبما أعلنت": the verb, its pronoun, and "به" pointing back
    rf"(?:(?:بحسب|حسب|وفق|كما|على)\s*ما\s+{_VERB}(?:ه|ها|هم)?{_R}(?:\s+(?:به|بها))?"
    rf"|حسبما\s*{_VERB}(?:ه|ها|هم)?{_R}(?:\s+(?:به|بها))?"
    # "وفقاً لما ذكرته الوزارة": the verb and its pronoun after "لما", as after "بحسب ما"
    rf"|(?:وفقا|وفقاً|طبقا|طبقاً|تبعا|تبعاً)\s*لما\s+{_VERB}(?:ه|ها|هم)?{_R}(?:\s+(?:به|بها))?"
    # a document and who issued it: "بيان صادر عن X"، "جاء في بيان X"، "في تقرير أصدرته X"
    r"|(?:ال)?(?:صادر|صادرة)\s+عن\s|(?:جاء|ورد)\s+في\s+(?=(?:ال)?(?:بيان|تقرير|تصريح|إحصائية|توثيق)\s)"
    r"|(?:أصدره|أصدرته|أصدرها|نشره|نشرته|نشرها)\s+(?!(?:على|في|عبر|اليوم|أمس|مساء|صباح|فجر|ظهر)(?![\u0621-\u064a]))"
    r"|(?:وفقا|وفقاً|طبقا|طبقاً|تبعا|تبعاً)\s*ل"
    # the passive "ونُقل عن مصدر طبي"، and a figure and who gave it: "وهي حصيلة أكدها الدفاع المدني"
    r"|(?<![\u0621-\u064a])(?:و|ف)?(?:نقل|ينقل|يُنقل|نُقل)\s+عن\s"
    rf"|(?:حصيلة|حصيله|أرقام|ارقام|معلومات|إحصائية|احصائيه|بيانات)\s+(?:\S+\s+)?{_VERB}(?:ه|ها)\s+"
    r"(?!(?:على|في|عبر|اليوم|أمس|مساء|صباح|فجر|ظهر)(?![\u0621-\u064a]))"
    # "بحسب مزاعم المعارضة"، "وفق رواية الجيش": the one who alleges
    r"|(?:بحسب|حسب|وفق)\s+(?:مزاعم|ادعاءات|رواية|روايه)\s+"
    r"|(?:بحسب|حسب|وفق|نقلا عن|نقلاً عن|استنادا إلى|استناداً إلى|على حد قول|على لسان)\s)\s*"
)
# "نقلت وكالة رويترز عن مسؤول …": the outlet relays; the one it quotes is the party
# "بحسب ما نقلته وكالة الأناضول عن مصادر طبية": the verb may carry its pronoun
_RELAYED = _rx(r"(?:^|[،.؛:\s])(?:و|ف)?(?:نقل|نقلت|تنقل|ينقل)(?:ه|ها)?\s+[^،.؛]{2,60}?\s+عن\s+")
# where the speaker's noun phrase ends
_NP_END = _rx(
    # a count of people after the speaker is what it told: "ونعت صفحات محلية 8 مدنيين قتلوا"
    r"\s+(?=\d+\s+(?:مدني|مدنيا|مدنيين|شخص|شخصا|أشخاص|اشخاص|طفل|طفلا|أطفال|مواطن|مواطنا|مواطنين|قتيل|قتيلا|قتلى|شهيد"
    r"|شهيدا|شهداء)(?![\u0621-\u064a]))|"
    # "that" with its pronoun ("وذكرت الشبكة أنها وثقت"), and the speaker's own document with its
    # pronoun ("وقالت الشبكة في تقريرها إن"): where the speaker's name has ended
    rf"\s*(?:[،,:؛.(]|\s(?:(?:أن|إن|ان|بأن|بان)(?:ه|ها|هم)?"
    rf"|في (?:بيان|تصريح|تصريحات|تقرير|حديث)(?:ه|ها|هم|هما)?|لوكالة|لمراسل|ل|اليوم|أمس|يوم|صباح|مساء|فجر|"
    rf"الإثنين|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد|عن|على|إلى|الى|مقتل|استشهاد|ارتفاع|وقوع|سقوط|قيام|حدوث|"
    rf"استهداف|معاودة|في وقت|منذ|خلال|حتى|عبر|بعد|قبل|امس|(?<!يتخذ )(?<!تتخذ )من"
    rf"|بمقتل|باستشهاد|بسقوط|بوقوع|بإصابة|بمصرع|"
    rf"قتل|قتلوا|استشهد|استشهدوا|أصيب|أصيبوا|سقط|سقطت|لقي|لقوا|قضى|قضوا|ارتقى|ارتقوا|جرح"
    rf"|قوله|قولها|قولهم|قولها"
    # a demonstrative after the speaker points back to what was told: "نفت موسكو ذلك"، "هذه الاتهامات"
    rf"|ذلك|هذه|هذا|هذان|هاتان|تلك"
    # the one told, after the speaker: "أبلغت الوزارة رويترز أن"، "أخبر المدير الصحفيين أن"
    # (but a wire named after its own "agency", "وكالة أنباء فرانس برس", is the speaker's name)
    rf"|(?<!وكالة\s)(?<!أنباء\s)(?<!الأنباء\s)(?:رويترز|فرانس برس|الأناضول)"
    rf"|لرويترز|لفرانس برس|للأناضول|الصحفيين|للصحفيين|الصحافيين|للصحافيين"
    rf"|الصحافة|للصحافة|وسائل الإعلام|لوسائل الإعلام|المراسلين|للمراسلين"
    # the one appealed to, after the one who appeals: "وناشد الأهالي المنظمات الدولية التدخل"
    rf"|المجتمع الدولي|المنظمات الدولية|المنظمات الإنسانية|المنظمات الأممية|مجلس الأمن|جميع الأطراف"
    rf"|كافة الأطراف|الأطراف المتحاربة|دول العالم|الدول الضامنة"
    # the outlet told, glued to its "to": "قال مصدر طبي لعنب بلدي إن"، "لقناة الجزيرة"، "لشبكة شام"
    rf"|لقناة|لشبكة|لموقع|لصحيفة|لجريدة|لإذاعة|لاذاعة|لتلفزيون|للتلفزيون|لمجلة|لمنصة|للجزيرة|لسانا|لعنب"
    rf"|لسمارت|لأورينت|لاورينت|للعربية|للحدث|لبي بي سي|للشرق"
    # what the speaker passed around or showed: "وتداول ناشطون صورا لمقتل …"
    rf"|صورا|صورة|مقاطع|مقطعا|تسجيلا|تسجيلات|فيديو|شريطا){_R})"
)
# و or ف glued before the subject, unless it is the first letter of the subject's noun: "وزارة الصحة
# قالت" is the ministry, not و + "زارة"; so are وكالة، وحدة، وفد، والي، ولاية، وسائل، فريق، فصائل، فرع
_AND_NOT_ROOT = r"و(?!زار|زير|كال|كيل|حد|فد|الي|لاي|سائل|ثائق|جهاء)|ف(?!ريق|رق|صائل|صيل|رع|لسطين)"
_PRONOUN_SUBJ = _rx(
    r"^(?:ال)?(?:وكالة|الوكالة|التقرير|المصدر|المصادر|البيان|المنظمة|الشبكة|المرصد|المسؤول|المتحدث|المكتب|الهيئة"
    r"|اللجنة|اللجان|المدير|الجيش|الوزارة"
    # an office named again by its title alone ("وقال المحافظ" after "محافظ حمص فلان"): the one named before
    r"|المحافظ|الوزير|الناطق|المنسق|الحاكم|المفوض|المتحدثة|المسؤولة|المديرة|الأمين العام|الطبيب|المسعف)$"
)
# an institution named by its common noun (the army, the ministry, the government), when none was named before
# "ذاته"، "نفسه"، "عينه" (the same) after a noun point back to the party named before
_THE_SAME = _rx(r"\s+(?:ذات|نفس|عين)(?:ه|ها|هم|هما)$")
_INSTITUTION = _rx(r"^(?:الجيش|الوزارة|الحكومة)$")
_NOT_SUBJECT = _rx(
    r"^(?:و|ف)?(?:كان\s+|كانت\s+|قد\s+)?(?:فيما|كما|بينما|حيث|في|ثم|لكن|إلا|بعد|قبل|منذ|خلال|عند|بعدما|اليوم|أمس|"
    r"حين|عندما|لما|إذ|ما|من|التي|الذي|الذين|وقت"
    # a negation before the verb ("ولم تسجل أي إصابات"): the verb has no subject before it
    r"|لم|لن|لا"
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
# what follows a reporting verb with no subject: its "that", the document it spoke in, "to" before its
# "that" ("وأشار إلى أن"، "ولفت إلى أن"), "also" ("وأضاف أيضا أن")
_SUBJECTLESS = _rx(
    r"(?:أن|إن|ان|بأن|بان|في بيان|في بيانه|في تصريح|في تصريحات|في تقرير|في حديث|عبر|:|\""
    r"|(?:إلى|الى)\s+(?:أن|ان|أنه|انه|أنها|انها)|(?:أيضا|كذلك)\s+(?:أن|ان|بأن))"
)
# the speaker of a headline before its colon, in quotes or not: "المرصد: …"، «الخوذ البيضاء»: …
_COLON_HEAD = _rx(r"^\s*[\"«“]?([^:،.\"«»“”\d]{2,50}?)[\"»”]?(?:\s+ل\S*(?:\s+\S+)?)?\s*:(?!:)\s*\S")
# no speaker: news and rumours ("تحدثت أنباء عن"), and figures that "show" ("وتشير الأرقام إلى"،
# "تفيد التقديرات"، "تكشف الإحصاءات")
_NOBODY = _rx(
    r"^(?:ال)?(?:أنباء|انباء|معلومات|تقارير|أخبار|اخبار|شائعات|إشاعات|أرقام|تقديرات|إحصاءات|إحصائيات"
    r"|معطيات|مؤشرات|دلائل|صور|مشاهد|لقطات)(?:\s|$)"
)
# a toll with no body that counted it: "وفق حصيلة أولية"، "بحسب الحصيلة الرسمية" ("إحصائية للشبكة" names one)
_A_TOLL_ALONE = _rx(
    r"(?:ال)?(?:حصيلة|حصيلات|حصائل)(?:\s+(?:غير\s+)?(?:ال)?(?:أولية|جديدة|رسمية|نهائية|محدثة|أخيرة|مؤقتة))?"
)
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
    same = _THE_SAME.search(p)
    if same and p[: same.start()].strip():
        # "المصدر ذاته"، "المنظمة نفسها"، "بحسب المصدر الطبي عينه": the party named before
        p = p[: same.start()].strip()
        head = re.sub(r"^ال", "", p.split()[0])
        for folded_name, name in reversed(seen or []):
            if head in folded_name:
                return name
        return previous
    if seen and len(p.split()) == 1 and len(p) > 3 and not _PRONOUN_SUBJ.match(p):
        # "وأضاف الخالد" after "مدير المستشفى أحمد الخالد": a person named again by the last word of
        # the name, the whole name and title
        for folded_name, name in reversed(seen):
            words = folded_name.split()
            if len(words) > 1 and words[-1] == p:
                return name
    if _PRONOUN_SUBJ.match(p):
        head = re.sub(r"^ال", "", p.split()[0]) if p.split() else ""
        for folded_name, name in reversed(seen or []):
            if head and head in folded_name:
                return (
                    name  # "وكشفت اللجان" after "لجان التنسيق المحلية": the committees, not the last speaker
                )
        if previous is None and _INSTITUTION.match(p):
            return written.strip(_TRIM)  # "ونفى الجيش" with no army named before: the army itself
        return previous
    if _rx(
        r"^(?:فيه|فيها|له|لها|لهم|عنه|عنها|منه|منها|به|بها|إلى|الى|أن|ان|إن|بأن|أنه|انه|أنها|انها"
        r"|في بيان|في تصريح|في تقرير|في حديث"
        # the speaker's own document or channel, "also": "وأوضح في بيانه"، "وتابع عبر حسابه"، "وأضاف أيضا"
        r"|في (?:بيان|تصريح|تصريحات|تقرير|حديث|كلمة|مؤتمر)(?:ه|ها|هم)?|عبر|أيضا|ايضا|كذلك)(?:\s|$)"
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
        # "اتهمت جماعة جيش الإسلام قوات النظام السوري بقتل …": a named body, then the one it accuses
        # and the deed; the speaker ends before the accused, the last run of words that open a doer
        # before the deed ("قوات النظام"; not "جيش" inside the body's own name "جيش الإسلام")
        words = written.strip(_TRIM).split()
        cut, cut_end = None, -1
        for i, w in enumerate(words[1:8], start=1):
            fw = fold_arabic(w).text
            if find_events_ar(fw) or _KILL_WORD.search(fw):
                break
            if _DOER.match(fw):
                cut = cut if cut is not None and cut_end == i else i  # a doer's run goes on
                cut_end = i + 1
        if cut is not None:
            head = " ".join(words[:cut])
            folded_head = fold_arabic(head).text
            if not (find_events_ar(folded_head) or _KILL_WORD.search(folded_head)):
                return _party(folded_head, head, previous, seen)
        return None  # a clause, not a speaker
    if _NOBODY.match(p):
        return None  # "تحدثت أنباء عن …": unconfirmed reports cite nobody
    if _A_TOLL_ALONE.fullmatch(p.strip()):
        return None  # "وفق حصيلة أولية": a toll that names no one who counted is nobody
    if _OWN_REPORTER.match(p):
        return None  # "أكد مراسلنا": the outlet's own correspondent is its own voice (annotation.md)
    name = re.sub(r"\s+", " ", re.sub(r"[\"«»“”]", "", written)).strip(_TRIM)
    # "منظمة حقوقية مقرها لندن"، "… التي تتخذ من لندن مقرا لها": the body, not where it sits
    name = _BASED_IN.sub("", name).strip(_TRIM + "،,") or name
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
    if party and _THEIR_SPOKESMAN.match(fold(party)):
        # "وقالت الأمم المتحدة، على لسان المتحدث باسمها، إن …": the spokesman for "it" speaks for the
        # party the sentence named before him
        at = f.text.find(fold(party).split()[0])
        before = [arabic_party(w.group(0)) for w in _PHRASE.finditer(f.text[: max(at, 0)])]
        named = [b for b in before if b]
        if named or previous:
            return named[-1] if named else previous  # "وقال المتحدث باسمها": the party named before
    if party and arabic_party(party) is None and party not in _KNOWN_NAMES:
        m = _APPOSITION.search(f.text)
        if m:
            return arabic_party(m.group(1)) or party
    return party


_BASED_IN = re.compile(
    r"\s*[،,]?\s*(?:و?(?:الذي|التي)\s+)?(?:يتخذ|تتخذ|ومقره|ومقرها|مقره|مقرها|ومقرّه|ومقرّها|مقرّه|مقرّها)(?:\s.*)?$"
)
_DOCUMENT_OF = re.compile(
    r"^(?:إحصائي(?:ة|ات)|احصائي(?:ة|ات)|تقرير|بيان|أرقام|ارقام|بيانات|حصيلة|توثيق|إحصاء|احصاء)"
    # "حصيلة أولية للدفاع المدني": an adjective of the document between it and its body
    r"(?:\s+(?:غير\s+)?(?:أولي|اولي|جديد|رسمي|نهائي|محدث|أخير|اخير|مؤقت|يومي|شهري|سنوي|أسبوعي|اسبوعي)ة?)?"
    r"\s+(?:ل(ل?)ـ?\s*|(?=ال|وزارة|منظمة|مكتب|مديرية|هيئة|لجنة|مركز|فريق|شبكة|مرصد|وكالة|جمعية|مجلس))(\S.*)$"
)
_APPOSITION = _rx(r"[،,]\s*(?:و)?(?:هو|هي|وهو|وهي)\s+[^،,.]{0,40}?(?:في|لدى|من|ب|مع)\s*([^،,.]{3,60})")
_KNOWN_NAMES = frozenset(name for _, name in ARABIC_PARTIES)
_THEIR_SPOKESMAN = _rx(r"^(?:ال)?(?:متحدث|ناطق|متحدثه|ناطقه)(?:\s+(?:ال)?رسمي(?:ه)?)?\s+باسم(?:ها|ه|هم|هما)$")
# the phrases before a spokesman, each tried as a known party: cut at commas and the verbs of saying
_PHRASE = re.compile(r"[^،,:؛]+")


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
    subj = _rx(
        rf"^(?:{_AND_NOT_ROOT})?(?:كان|كانت|قد)?\s*([^،,:\"]{{3,60}}?)\s+(?:كان\s+|قد\s+)?{_VERB}{_R}"
    ).match(s)
    if (
        subj
        and not find_events_ar(subj.group(1))
        and not _NOT_SUBJECT.match(subj.group(0))
        and not _DATELINE_MARK.search(subj.group(1))
    ):
        party = party_at(subj.start(1), subj.end(1))
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


# denying: the verbs نفى، أنكر، كذّب in every third-person form, their verbal nouns, and the phrases
# that call an account baseless ("لا أساس له من الصحة"، "عارية تماما عن الصحة")
_DENY_VERBS = alternation(
    [
        *verb_forms("نفى", "نفي", weak="a"),
        *verb_forms("أنكر", "نكر"),
        *verb_forms("كذب", "كذب"),
        *("نفي", "نفيه", "نفيها", "إنكار", "تكذيب", "مفبركة", "مفبرك"),
    ]
)
_DENIED = _rx(
    rf"{_L}(?:و|ف)?{_DENY_VERBS}{_R}|لا صحة|لا أساس (?:له|لها|لهذه|لهذا)?\s*من الصحة"
    r"|(?:عار|عارية|عاري)(?: تماما| كليا)? (?:عن|من) الصحة|مزاعم كاذبة"
)
# an account the speaker could not verify: every way of saying "could not" before every word for
# checking (التحقق، التأكد، التثبت), the speaker's name or "علينا" between them or not
_CANNOT = (
    r"(?:لم يتسن|لم يتسنى|تعذر|يتعذر|لا يمكن|لم يمكن|يصعب|من الصعب|من المتعذر|لم يتم|لا يتم"
    r"|لم (?:ن|ي|ت)تمكن|لا (?:ن|ي|ت)ستطيع|لم (?:ن|ي|ت)ستطع)"
)
_NOT_VERIFIED = rf"{_CANNOT}\s+(?:\S+\s+){{0,3}}?(?:من\s+)?(?:ال)?(?:تحقق|تأكد|تثبت)"
_UNCONFIRMED = _rx(
    rf"{_NOT_VERIFIED}|"
    r"أنباء عن|انباء عن|ترددت أنباء|أنباء غير مؤكدة|غير مؤكدة"
    r"|غير مؤكد|لم يتسن|لم يتسنى|لا يمكن التحقق|لم يتم التحقق|"
    r"لم نتمكن من التحقق|لم يتم التأكد|تعذر التحقق|يتعذر التحقق|يزعم"
    r"|يُزعم|زعم|مزاعم|المزعوم|المزعومة|مزعوم|بحسب ما يزعم|"
    # "يدعي أن" (claims that); "مسؤول يدعى أحمد" (named Ahmad) is no hedge, and folding makes ى ي
    r"(?:يدعي|تدعي|يدعون|يدعى|يُدعى) (?:أن|ان|بأن)|^\s*(?:و|ف)?(?:يدعي|تدعي|يدعون|ادعى|ادعت|ادعوا)\s|"
    r"إشاعات|شائعات|أنباء أولية|ادعاءات|الادعاءات|ادعاء|تفيد تقارير|تقارير غير مؤكدة"
    # "reportedly" (CLAIMS.md): the passive of reporting, "it was reported / said"
    r"|(?<![\u0621-\u064a])(?:و|ف)?(?:أُفيد|قيل|يقال|يُقال)(?![\u0621-\u064a])|بحسب ما أفيد|وفق ما أفيد"
    r"|لم يتم التأكد|لم تتأكد|لم يتأكد|لم نتحقق"
)
# a clause or sentence that only says the account could not be verified hedges the claim before it
_VERIFY = _rx(
    rf"{_NOT_VERIFIED}|"
    r"لم يتسن|لم يتسنى|تعذر التحقق|يتعذر التحقق|لا يمكن التحقق|لم يتم التحقق|لم نتمكن من التحقق"
    r"|لم يتمكن .{0,30}من التحقق|بشكل مستقل|من مصدر مستقل"
)
_CONFIRMED = _rx(r"(?:تم التأكد|تأكد|تأكدت|تحقق(?:ت|نا)? من|تم التحقق من|وثقت بالأسماء)")


# a hedge on who did it, not on that it happened or its toll (annotation.md: "allegedly by regime
# forces" leaves the claim reported): "يُزعم أن طائرات النظام نفذتها"، "لم يتسن التحقق من هوية الطائرات"
_DOERS = (
    r"(?:ال)?(?:طائرات|طائره|طيران|مقاتلات|مروحيات|قوات|جيش|الجيش|نظام|النظام|تحالف|التحالف|مسلحين|مسلحون"
    r"|فصائل|ميليشيات|مليشيات|تنظيم|عناصر|جماعه|روسيا|اسراييل|الاحتلال)"
)
WHO_HEDGE = _rx(
    rf"(?:يزعم|يُزعم|زعم|يعتقد|يُعتقد|يرجح|يُرجح|يشتبه|يُشتبه|يقال|يُقال)\s+(?:ان|أن|انها|أنها|انه|أنه)\s+{_DOERS}"
    rf"|(?:{_CANNOT}\s+(?:\S+\s+){{0,3}}?)?(?:ال)?(?:تحقق|تاكد|تثبت)\s+من\s+"
    r"(?:هويه|الجهه|جهه|مصدر|المسؤول|الطرف|الفاعل|من يقف|من نفذ|هويات)"
    rf"|(?:المنسوب|المنسوبه|نسبت|نسب|ينسب|تنسب)\S*\s+(?:الي|إلى)\s+{_DOERS}"
)


def find_certainty_ar(f: str) -> str:
    """confirmed / reported / unconfirmed / denied, from the words of a folded Arabic sentence."""
    f = WHO_HEDGE.sub(" ", f)  # a hedge on the doer only does not doubt the claim
    if _DENIED.search(f):
        return "denied"
    if _UNCONFIRMED.search(f):
        return "unconfirmed"
    m = _CONFIRMED.search(f)
    if m and not _rx(r"(?:لم|لا|عدم)\s*\S*\s*$").search(f[: m.start()]):
        return "confirmed"
    return "reported"

"""Where a claim happened: the gazetteer's places named in a sentence, most specific first.

In: a sentence, the shipped gazetteer, and the document's context (place ids of the title and lede).
Out: :class:`tawthiq.entities.PlaceRef` values with spans, named as the text names them ("alFerdaws",
"east Aleppo") and located by the gazetteer. Never: keeps a place that only contains another one in
the same list (a governorate beside its town), except Aleppo city, which every claim inside the city
also lists (the annotators' convention in ../shared/data/dev/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tawthiq.entities import Place, PlaceRef
from tawthiq.gazetteer import Gazetteer, PlaceMatch

__all__ = [
    "BYLINE",
    "CITY",
    "NOT_ALEPPO",
    "SentencePlace",
    "dateline_ar",
    "dateline_en",
    "is_aside",
    "is_aside_ar",
    "is_name_tail",
    "is_passing",
    "is_passing_ar",
    "sentence_places",
]

CITY = "C1007"
# in a context: the report never names Aleppo, so no street of Aleppo is meant ("al Jadida" in Mosul)
NOT_ALEPPO = "-aleppo"
_TABLE_TOWNS = ("geonames:", "ucdp:", "world:")
_DIRECTION = re.compile(
    r"(?:\b(east|eastern|west|western|north|northern|south|southern|central)\s+|\b([EWNS])\.\s*)$", re.I
)
_LOCATIVE = re.compile(
    r"\b(?:in|on|at|near|of|from|into|targeted|targeting|hit|struck|shelled|bombed|around|"
    r"outside|towards?|and|village|town|city|countryside|"
    # the rest of the verbs of attack, in every inflection: "the coalition pounded Raqa with air strikes"
    r"pound(?:s|ed|ing)|bombard(?:s|ed|ing)|attack(?:s|ed|ing)|raid(?:s|ed|ing)|storm(?:s|ed|ing)|"
    r"besieg(?:es|ed|ing)|strafe[sd]|strafing|rocket(?:s|ed|ing)|shell(?:s|ing)|bomb(?:s|ing)|hits|hitting|"
    r"strikes|striking|targets)\s+(?:the\s+)?(?:\w+\s+)?$|"
    r"\bcapital,?\s+$",  # "Yemen's capital, Sana"
    re.I,
)
_TYPE_AFTER = re.compile(
    r"^\s*(?:area|town|village|city|countryside|province|neighbo(?:u)?rhoods?|district|region|oblast|"
    r"governorate|state|camp|refugee camp|strip)\b|^,\s+(?:the\s+)?[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:[.,;]|$)|"
    # "El-Fasher, the last remaining capital of ...": an apposition that says it is a town
    r"^,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:capital|city|town|village|port|provincial capital)\b",
    re.I,
)
# where a speaker spoke, or an organisation sits, is not where the claim happened
_PASSING_BEFORE = re.compile(
    r"\b(?:told (?:\w+ ){0,2}|said |spoke |speaking |briefing |conference |based |headquartered |"
    r"statement (?:issued )?|reporters )in\s+$|\b(?:from|in) (?:his|her|their|its) (?:office|base) in\s+$",
    re.I,
)
_PASSING_AFTER = re.compile(
    r"^-based\b|^\s+(?:headquarters|office|embassy|correspondent|bureau|"
    # a facility or a group named after a town ("al-Amal hospital") is not the town
    r"hospital|school|clinic|mosque|church|market|bakery|university|street|square|brigades?|battalion|"
    r"movement|front|party|tv|television|news|agency|times|post|globe|bank)\b",
    re.I,
)
_PERSON_AFTER = re.compile(r"\s(?:al|el|bin|ibn|abu)[- ][A-Z][\w'’-]+,\s+(?:a|an|the|who|his|her)\b")
_TYPED_ADMIN = re.compile(r"\s*(?:province|governorate|countryside|district)\b", re.I)
_BEARING = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?$", re.I)
_UNKNOWN = re.compile(
    r"\b(?:in|at|near|on|hit|struck|shelled|bombed|targeted)\s+(?:the\s+)?((?:(?:al|el)-)?(?:[A-Z][a-z'’]+[\s-]){1,3})"
    # "the Maghazi camp", "the al-Shati refugee camp": a camp the gazetteer lacks is a place of its
    # own, named as written (the scorer reads "X camp" as "X")
    r"(?P<type>area|town|village|neighbo(?:u)?rhood|district|(?:refugee\s+|displacement\s+|IDP\s+)?camp)\b"
)

# "the Syrian town of Saraqib": after the type word, "of" and the name itself
_TYPE_OF = re.compile(r"\s+of\s+((?:(?:al|el)-)?[A-Z][a-z'’]+(?:[\s-](?:(?:al|el)-)?[A-Z][a-z'’]+){0,2})\b")
_ADJECTIVE_END = re.compile(r"(?:ian|ean|ese|ish)$")


def _describes(name: str, gaz: Gazetteer) -> bool:
    """Is the last word of ``name`` an adjective of nation or group ("Syrian", "Kurdish",
    "Palestinian", "Iraqi", "Yemeni", "Somali", "Afghan") rather than a place's name? By its ending,
    or by being a country's name with "-i" added, "-a" or "-istan" dropped (the world layer's
    countries)."""
    word = name.split()[-1]
    if _ADJECTIVE_END.search(word):
        return True
    world = gaz.world
    return any(
        world.kind(pid) == "country"
        for stem in (word[:-1], word + "a", word + "istan")
        for pid in world.candidates(stem)
    )


_REGION = re.compile(
    r"\b((?:(?:North|South|East|West|Central|Northern|Southern|Eastern|Western)\s+)?(?:Darfur|Kordofan)|"
    r"(?:Eastern\s+|Western\s+)?Ghouta|Gaza Strip|West Bank|Blue Nile|"
    # "Helmand province", "Donetsk oblast"; not "the Syrian province of Daraa", not "The Eastern Region"
    r"(?!(?:The|A|An|This|That|Its|Their)\b)[A-Z][a-z-]{2,}(?:\s(?!(?:The|A|An)\b)[A-Z][a-z-]+)?"
    r"\s+(?:[Pp]rovince|[Oo]blast|[Gg]overnorate|[Rr]egion)(?!\s+of\b))\b"
)


_REGION_WORD = re.compile(r"\s+(?:province|oblast|governorate|region|state)$", re.I)
# "Rakhine state", "Khartoum State": a region only when the world layer holds a region of that name
# (the "Islamic State" is none)
_STATE = re.compile(
    r"\b((?!(?:The|A|An|This|That|Its|Their|Islamic|United|Member|Nation)\b)[A-Z][a-z-]{2,}"
    r"(?:\s[A-Z][a-z-]+)?\s+[Ss]tate)\b(?!\s+of\b)"
)


def _world_region(
    name: str, gaz: Gazetteer, context: tuple[str, ...], found: list[SentencePlace]
) -> Place | None:
    """The world layer's first-level region a region name means ("Helmand province", "North Darfur",
    "the Gaza Strip", "Kharkiv region"), or None. A name several countries' regions share takes the
    region in a country of the report's places (its title and lede, and this sentence's), else the
    most populous region."""
    base = _REGION_WORD.sub("", name)
    near = (*context, *(sp.ref.place_id or "" for sp in found))
    world = gaz.world
    countries = {world.country(c) for c in near if c.startswith("world:")}
    if any(c and not c.startswith("world:") for c in near):
        countries.add("SY")  # a place of the Syrian layers
    ids = world.regions(base, countries)
    # (the report's own countries: its title's and lede's, not this sentence's, whose town of the
    # region's name may be a namesake abroad: "Anbar province" is not about Turkey's Anbar)
    own = {world.country(c) for c in context if c.startswith("world:")}
    if any(c and not c.startswith("world:") for c in context):
        own.add("SY")
    if ids and own and world.country(ids[0]) not in own:
        # a region abroad named like a place of the report's own countries: "the Gaza governorate" in
        # a report on Gaza is not Mozambique's Gaza province, and "the Eastern Ghouta region" in a
        # report on Syria is the Syrian area, not Libya's Ghat (whose consonants it shares)
        if "SY" in own:
            syrian = [
                p
                for p in gaz.lookup(name)
                if not p.id.startswith("world:")
                and p.lat is not None
                and p.kind in ("district", "governorate")
            ]
            if syrian:
                return syrian[0]
        if any(world.country(c) in own for c in world.candidates(base)):
            return None
    return world.get(ids[0]) if ids else None


# A place named in passing is not where the event happened (docs/annotation.md: "where the victims
# came from, where a spokesman spoke"): never a claim's place beside the event's own, never the
# report's event place, never carried to the next sentence. One class per way English names a place
# in passing, each written from the language, not from a sentence of the corpus:
_PASSING_EN_BEFORE = re.compile(
    "|".join(
        [
            # seat: "based in X", "headquartered in X", "a group registered in X"
            r"\b(?:based|headquartered|registered|stationed|exiled|seated)\s+in\s+(?:the\s+)?$",
            # where a speaker spoke: "told reporters in X", "said in X", "speaking in/from X", "a
            # briefing in X", "a statement from X", "a news conference in X"
            r"\b(?:told\s+(?:\w+\s+){0,2}|said\s+|says\s+|spoke\s+|speaking\s+|briefing\s+|"
            r"conference\s+|statement\s+(?:issued\s+)?|reporters\s+|interview\s+)(?:in|from)\s+(?:the\s+)?$",
            r"\b(?:from|in)\s+(?:his|her|their|its)\s+(?:office|headquarters)\s+in\s+$",
            # where talks were held: "talks in X", "negotiations in X", "a summit in X"
            r"\b(?:talks|negotiations|summit|consultations|peace\s+conference|donor\s+conference)\s+"
            r"(?:(?:held|hosted|convened|opened|resumed)\s+)?in\s+(?:the\s+)?$",
            # where the victims came from: "originally from X", "a native of X", "who had fled X"
            r"\b(?:originally|hailing|natives?|who\s+(?:had\s+)?(?:fled|come|came|escaped|left))\s+"
            r"(?:from\s+|of\s+)?(?:the\s+)?$",
            # a byline: "Reporting by A in X", "Writing by A; editing by B in X", "By A in X"
            r"\b(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Aa]dditional\s+reporting|[Cc]ompiled)\s+by\s+"
            r"[^;\n()]{1,80}?\s+in\s+$",
            r"(?:^|\n)\s*By\s+[A-Z][^\n]{0,60}?(?:,|\s+in)\s+$",
        ]
    )
)
# a destination ("fled to X", "displaced from A to X", "taken to a hospital in X", "evacuated to X"):
# a place of the claim when the sentence tells it (the annotators list it), but never the report's
# event place, nor carried to the next sentence
_DESTINATION_EN = re.compile(
    "|".join(
        [
            # a destination: "fled to X", "displaced from A to X", "taken to a hospital in X",
            # "evacuated to X", "moved into X"
            r"\b(?:fled|flee|flees|fleeing|displaced|moved|moving|evacuated|transferred|taken|brought|"
            r"rushed|relocated|arrived|arriving|returned|returning|headed|heading|sent|deported|bused|"
            r"bussed|escaped|escaping|travell?ed|made\s+(?:their|his|her)\s+way)\b(?:\s+[\w'’-]+){0,5}?\s+"
            r"(?:to|towards?|into)\s+(?:the\s+|a\s+)?(?:(?:hospitals?|clinics?|camps?|shelters?|safety|"
            r"neighbouring|neighboring|nearby|relatives|homes?)\s+(?:in|of|at)\s+(?:the\s+)?)?$",
            r"\bfrom\s+(?:the\s+)?[A-Z][\w'’-]*(?:[\s-]+[A-Z][\w'’-]*){0,3}\s+(?:to|towards?|into)\s+(?:the\s+)?$",
            r"\b(?:refuge|shelter|asylum)\s+in\s+(?:the\s+)?(?:neighbouring\s+|neighboring\s+)?$",
        ]
    )
)
_PASSING_EN_AFTER = re.compile(
    # "X-based", "the X talks", "the X agreement" (a place that names a process or a document)
    r"^(?:[-‐]|\s)?based\b|"
    r"^\s+(?:(?:peace|ceasefire|truce|de-escalation|security)\s+)?(?:talks|negotiations|summit|"
    r"conference|agreement|accords?|deal|process|format|memorandum|declaration|communiqu[ée]|"
    r"protocols?|understandings?|platform|group\s+of\s+talks|round\s+of\s+talks)\b|"
    # "X correspondent", "X bureau", "X office", "X embassy": where a speaker or a reporter sits
    r"^\s+(?:correspondent|bureau|office|embassy|headquarters|desk)\b|"
    # a capital for its government: "Moscow-backed", "Tehran-allied", "a Riyadh-led coalition"
    r"^[-‐](?:backed|led|allied|aligned|funded|supported|sponsored|friendly|appointed|installed|"
    r"affiliated|run)\b",
    re.I,
)
# an outlet named after a town ("the Kyiv Independent", "Aleppo Media Center", "Tehran Times",
# "the Jerusalem Post", "Beirut Today"): the words capitalised, as a name is written
_OUTLET_AFTER = re.compile(
    r"^\s+(?:Independent|Today|Media\s+(?:Center|Centre|Office)|News\s+Network|Observer|Herald|Tribune|"
    r"Daily|Telegraph|Journal|Gazette|Monitor|Press|Radio|Online|Post|Times|Globe|Now|24|Live|Voice|"
    r"Chronicle|Echo|Mirror|Review|Star|Sun|Courier|Citizen)\b"
)
# a capital for its government, as a speaker: "Moscow said", "Kyiv has accused", "Damascus denies"
# (only as the subject: not "residents of Aleppo said")
_SPEAKS_AFTER = re.compile(
    r"^\s+(?:(?:has|have|had|also|later|quickly|swiftly|again|repeatedly|previously)\s+){0,2}"
    r"(?:said|says|denied|denies|accused|accuses|claimed|claims|blamed|blames|announced|announces|"
    r"warned|warns|condemned|condemns|insisted|insists|responded|responds|rejected|rejects|vowed|vows|"
    r"threatened|threatens|demanded|demands|urged|urges|confirmed|confirms|acknowledged|admitted|"
    r"alleged|alleges|maintains|maintained|argued|argues|retaliated|protested|protests|summoned)\b"
)
_SUBJECT_BEFORE = re.compile(
    r"(?:[.!?\n,;:“\"(]\s*|\b(?:and|but|while|as|when|after|since|because|though|although|that|"
    r"whereas|meanwhile|Meanwhile|said|says|added|noted|stated|reported)\s+)$"
)
# a dateline: a place at the start of a report's first paragraph, before the agency and a dash
# ("ALEPPO, Syria (AP) —", "KYIV, Ukraine, March 3 (Reuters) -", "Gaza City (AFP) -",
# "SANAA, Yemen —", "(Reuters) - BEIRUT -"); the place, in capitals or followed by a country, an
# agency or a date before the dash
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}|"
    r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
)
_NAME = r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}"
_DATELINE_EN = re.compile(
    rf"^\s*(?:\((?:[^()\n]{{2,40}})\)\s*[-–—]+\s*)?(?P<place>{_NAME}(?:\s*/\s*{_NAME})*)"
    rf"(?P<rest>(?:,\s*(?P<country>{_NAME}))?(?:,?\s*(?:{_MONTH})(?:,?\s*\d{{4}})?)?\s*"
    r"(?P<agency>\((?:[^()\n]{2,40})\))?\s*(?:[-–—]+|:)(?:\s|$))"
)
# "حلب - ", "دمشق (رويترز) - ", "بيروت - أ ف ب:", "غزة/ ", "صنعاء ـ": a place, perhaps an agency, a dash
# a byline line ("By Sarah Jones in Beirut", "BY AHMED ALI, Associated Press"): no place on it is an
# event's
BYLINE = _BYLINE = re.compile(r"^\s*(?:By|BY|Reporting by|Written by)\s+[A-Z][^\n]{0,80}$")
_DATELINE_AR = re.compile(
    r"^\s*(?P<place>[\u0621-\u064a][\u0621-\u064a\u064b-\u0652 ]{1,30}?)\s*"
    # "بيروت، 5 ديسمبر (رويترز) -": a date after a comma
    r"(?:[،,]\s*[\d\u0660-\u0669]{1,2}\s+[\u0621-\u064a/]{3,20}(?:\s+[\d\u0660-\u0669]{4})?\s*)?"
    r"(?:\((?:[^()\n]{2,30})\)\s*)?(?:[-–—ـ/:]+)\s*"
)


def dateline_en(text: str) -> tuple[int, int] | None:
    """The span of a dateline's place at the start of ``text`` (a report's first paragraph), or None.
    A dateline is where the report was filed: the report's place only when it names no other."""
    m = _DATELINE_EN.match(text)
    if m is None:
        return None
    place = m.group("place")
    if not (
        (place.isupper() and len(place) > 2)
        or m.group("agency")
        or (m.group("country") and m.group("rest").rstrip().endswith(("—", "–", "-")))
    ):
        return None  # "Aleppo: the city ..." or a name at a sentence's start, not a dateline
    if len(place.split()) > 1 and not place.isupper() and not m.group("agency"):
        return None
    # the parenthesis is on the dateline too: "Qamishli (Syria) -" names where the reporter is, and its
    # country read as the claim's place made the claim country-wide background, dropped (session 22)
    return m.start("place"), max(m.end("place"), m.end("country"), m.end("agency"))


def dateline_ar(text: str) -> tuple[int, int] | None:
    """The span of an Arabic dateline's place at the start of ``text`` ("حلب - "), or None."""
    m = _DATELINE_AR.match(text)
    if m is None or len(m.group("place").split()) > 2:
        return None
    return m.start("place"), m.end("place")


def is_aside(text: str, start: int, end: int) -> bool:
    """Is the place at ``text[start:end]`` named as an aside, never a place of the claim (a seat, a
    speaker's or a reporter's place, talks, where the victims came from, a byline)?"""
    if (
        _last_word(text, start) in _ASIDE_LAST
        and _PASSING_EN_BEFORE.search(text[max(0, start - 100) : start])
    ) or (_PASSING_EN_AFTER.match(text[end:]) or _OUTLET_AFTER.match(text[end:])):
        return True
    return bool(
        _SPEAKS_AFTER.match(text[end : end + 60])
        and (not text[:start].strip() or _SUBJECT_BEFORE.search(text[max(0, start - 20) : start]))
    )


def is_passing(text: str, start: int, end: int) -> bool:
    """Is the place at ``text[start:end]`` named in passing: an aside (:func:`is_aside`) or a
    destination ("fled to X")? Never the report's event place."""
    return is_aside(text, start, end) or _is_destination(text, start)


def _is_destination(text: str, start: int) -> bool:
    return _last_word(text, start) in _DESTINATION_LAST and bool(
        _DESTINATION_EN.search(text[max(0, start - 100) : start])
    )


# the words _PASSING_EN_BEFORE and _DESTINATION_EN can end on (a byline's comma as ","): a place after
# any other word is no aside and no destination, without running the long patterns (a speed-up only)
_ASIDE_LAST = frozenset(
    [
        "in",
        "from",
        "of",
        "the",
        "fled",
        "flee",
        "come",
        "came",
        "escaped",
        "left",
        "originally",
        "hailing",
        "native",
        "natives",
        ",",
    ]
)
_DESTINATION_LAST = frozenset(["to", "towards", "toward", "into", "the", "a", "in", "of", "at"])


def _last_word(text: str, start: int) -> str:
    tail = text[max(0, start - 24) : start].rstrip()
    if not tail:
        return ""
    if tail.endswith(","):
        return ","
    return tail.rsplit(None, 1)[-1].lower()


# the same classes in Arabic: "ومقره لندن"، "مقرها في X"، "محادثات أستانا"، "اتفاق سوتشي"، "نزحوا إلى
# X"، "نقل إلى مستشفيات X"، "لجأ إلى X"، "فروا من A إلى X"، "مراسلنا في X"
_PASSING_AR_BEFORE = re.compile(
    "|".join(
        [
            r"(?:^|[^\u0621-\u064a])[وف]?(?:مقره|مقرها|مقرهم|ومقره|ومقرها)\s+(?:في\s+)?$",
            r"(?:^|[^\u0621-\u064a])(?:محادثات|مفاوضات|مباحثات|مؤتمر|قمة|اتفاق|اتفاقية|تفاهمات|مسار|"
            r"منصة|جولة)\s+$",
            # a capital for its government: "قالت موسكو"، "اتهمت كييف"، "المدعومة من طهران"، "الموالية لدمشق"
            r"(?:^|[^\u0621-\u064a])[وف]?(?:قالت|أعلنت|اعلنت|اتهمت|نفت|أكدت|اكدت|حذرت|طالبت|ردت|زعمت|"
            r"ادعت|أدانت|ادانت|هددت|رفضت|نددت)\s+$",
            r"(?:^|[^\u0621-\u064a])(?:ال)?(?:مدعوم|مدعومة|مدعومين|مدعومون|موالي|موالية|موالين|موالون|"
            r"حليفة)\s+(?:من\s+|لـ*)?$",
            r"(?:^|[^\u0621-\u064a])(?:بدعم|بقيادة)\s+(?:من\s+)?$",
            # an outlet named after a town: "تلفزيون حلب اليوم"، "شبكة دمشق الآن"، "إذاعة بيروت"
            r"(?:^|[^\u0621-\u064a])[وفل]?(?:تلفزيون|قناة|شبكة|إذاعة|اذاعة|راديو|صحيفة|جريدة|مجلة|وكالة)\s+$",
            r"(?:^|[^\u0621-\u064a])(?:مراسل|مراسلنا|مراسلة|مكتب|سفارة)\s+(?:[\u0621-\u064a]+\s+)?(?:في|ب)\s*$",
        ]
    )
)


_DESTINATION_AR = re.compile(
    "|".join(
        [
            r"(?:^|[^\u0621-\u064a])(?:[وف]?(?:نزح|نزحت|نزحوا|فر|فرت|فروا|هرب|هربت|هربوا|لجأ|لجأت|لجأوا|"
            r"نقل|نقلت|نقلوا|نقلهم|وصل|وصلت|وصلوا|توجه|توجهت|توجهوا|عاد|عادت|عادوا|انتقل|انتقلت|انتقلوا|"
            r"رحل|رحلت|رحلوا|هجر|هجرت|هجروا|تهجير|نزوح|إجلاء|اجلاء|إسعاف|اسعاف|إسعافهم|اسعافهم)"
            r"(?:\s+[\u0621-\u064a]+){0,4}?\s+)(?:إلى|الى|نحو|باتجاه)\s+"
            r"(?:(?:مستشفى|مستشفيات|مشافي|مشفى|مخيمات|مخيم|مدينة|بلدة|مناطق|منطقة)\s+(?:في\s+)?)?$",
        ]
    )
)


def is_aside_ar(text: str, start: int, end: int) -> bool:
    """Is the Arabic place at ``text[start:end]`` named as an aside, never a place of the claim (a
    seat, talks, a correspondent's place)?"""
    return bool(_PASSING_AR_BEFORE.search(text[max(0, start - 60) : start]))


def is_passing_ar(text: str, start: int, end: int) -> bool:
    """Is the Arabic place at ``text[start:end]`` named in passing: an aside or a destination
    ("نزحوا إلى X")? Never the report's event place."""
    return is_aside_ar(text, start, end) or bool(_DESTINATION_AR.search(text[max(0, start - 60) : start]))


@dataclass(frozen=True)
class SentencePlace:
    start: int
    end: int
    ref: PlaceRef
    # a destination ("fled to X"): the claim's place, never carried to the next sentence
    passing: bool = False


def is_name_tail(text: str, m: PlaceMatch) -> bool:
    """Is a town of the big tables only the tail of a longer unknown name ("Jabha Shamiya" is a
    group, not Shamiya town; "2017, Mosul al Jadida" a quarter of Mosul, not Raqqa's Jadidah)? Not
    when the capitalised word before it opens its sentence or line, or is a direction or a possessive."""
    if not m.place.id.startswith(_TABLE_TOWNS):
        return False
    before = text[text.rfind("\n", 0, m.start) + 1 : m.start]  # its line (a sentence is one)
    prev = re.search(r"([A-Z][\w'’-]*)\s+$", before)
    if prev is None or _DIRECTION.search(before) or re.search(r"['’]s$", prev.group(1)):
        return False  # "Yemen's Hodeidah province": a possessive, not a name
    return bool(before[: prev.start()].strip())


def _keep(sentence: str, m: PlaceMatch, gaz: Gazetteer) -> bool:
    pid = m.place.id
    if pid.startswith("world:") and (
        # a wire dateline ("BEIRUT (Reuters) -") is where the reporter was, not where it happened
        (m.surface.isupper() and len(m.surface) > 3)
        or
        # part of a longer name: "Boston Globe", "Kabul Bank" (a type word after it is fine: "Gaza City")
        (re.match(r"\s[A-Z]", sentence[m.end : m.end + 2]) and not _TYPE_AFTER.match(sentence[m.end :]))
        or _PASSING_BEFORE.search(sentence[max(0, m.start - 40) : m.start])
        or _PASSING_AFTER.match(sentence[m.end :])
    ):
        return False
    if m.start < 2 and _PERSON_AFTER.match(sentence[m.end :]):
        return False  # "Nasser al-Argaly, the ministry's undersecretary, said": a person, not a district
    if is_name_tail(sentence, m):
        return False
    if pid.startswith(_TABLE_TOWNS):
        # a town from the big tables must stand where a place stands: "in X", "X town", "targeted X"
        return bool(_LOCATIVE.search(sentence[: m.start]) or _TYPE_AFTER.match(sentence[m.end :]))
    return True


def sentence_places(sentence: str, gaz: Gazetteer, context: tuple[str, ...] = ()) -> list[SentencePlace]:
    """Places a sentence names, most specific first, with Aleppo city added under its neighbourhoods."""
    found: list[SentencePlace] = []
    ids: list[str] = []
    elsewhere = NOT_ALEPPO in context
    if elsewhere:
        context = tuple(c for c in context if c != NOT_ALEPPO)
    for pm in gaz.match(sentence, context):
        if not _keep(sentence, pm, gaz):
            continue
        if elsewhere and pm.place.id != CITY and gaz.contains(CITY, pm.place.id):
            continue  # "al Jadida" of Mosul: an Aleppo neighbourhood only in a report that names Aleppo
        surface = pm.surface
        start = pm.start
        d = _DIRECTION.search(sentence[: pm.start])
        if d and pm.place.kind in ("town", "governorate"):
            start = d.start()
            surface = sentence[start : pm.end]
        typed = _TYPED_ADMIN.match(sentence[pm.end :])
        if typed and pm.place.kind in ("governorate", "district"):
            surface = sentence[start : pm.end + typed.end()]  # "Aleppo province", as written
        ref = gaz.to_ref(pm.place, surface)
        found.append(SentencePlace(start, pm.end, ref))
        ids.append(pm.place.id)
    for m in _UNKNOWN.finditer(sentence):
        name, at = m.group(1).strip(), m.start(1)
        if _describes(name, gaz):
            # "the Syrian town of Saraqib", "the Palestinian refugee camp in the town": the word before
            # the type word describes the place; its name, if any, is the one after "of" ("the Zanjili
            # district of Mosul" is another case: there the name comes first)
            of = _TYPE_OF.match(sentence[m.end() :])
            if not of:
                continue
            name, at = of.group(1), m.end() + of.start(1)
        if not any(p.start <= at < p.end for p in found):
            # "in the Garmsir district": a district the world layer's towns do not hold, by name
            prec = "district" if m.group("type") == "district" else "town"
            ref = PlaceRef(name=name, precision=prec)
            found.append(SentencePlace(at, at + len(name), ref))
            ids.append("")
    # a first-level region the gazetteer's towns do not hold ("North Darfur", "Helmand province",
    # "the Gaza Strip"): kept by name, as written, without a coordinate (never a town's)
    for m in _REGION.finditer(sentence):
        name = m.group(1).strip()
        if _PASSING_BEFORE.search(sentence[max(0, m.start(1) - 40) : m.start(1)]):
            continue
        inside = [i for i, p in enumerate(found) if m.start(1) <= p.start < m.end(1)]
        if inside and not m.group(0).endswith(" Strip"):
            # "Idlib province": the gazetteer's own place. "Hodeidah Province", "Kharkiv region": the
            # region around a town of the world layer: the world layer's region of that name, named
            # as written (else the town's point at the region's level), so that a town inside it
            # is not other ground
            for i in inside:
                ref = found[i].ref
                if ref.precision == "town" and (ref.place_id or "").startswith("world:"):
                    region = _world_region(name, gaz, context, found)
                    if region is not None:
                        found[i] = SentencePlace(m.start(1), m.end(1), gaz.to_ref(region, name))
                        ids[i] = region.id
                    else:
                        update = {"name": name, "precision": "governorate"}
                        found[i] = SentencePlace(m.start(1), m.end(1), ref.model_copy(update=update))
            continue
        for i in reversed(inside):  # "Gaza" of "the Gaza Strip" is the Strip, not the city
            del found[i], ids[i]
        region = _world_region(name, gaz, context, found)
        if region is not None:
            found.append(SentencePlace(m.start(1), m.end(1), gaz.to_ref(region, name)))
            ids.append(region.id)
            continue
        found.append(SentencePlace(m.start(1), m.end(1), PlaceRef(name=name, precision="governorate")))
        ids.append("")
    for m in _STATE.finditer(sentence):
        if any(sp.start <= m.start(1) < sp.end for sp in found if sp.ref.precision == "governorate"):
            continue
        region = _world_region(m.group(1), gaz, context, found)
        if region is None:
            continue
        inside = [i for i, p in enumerate(found) if m.start(1) <= p.start < m.end(1)]
        for i in reversed(inside):  # "Khartoum" of "Khartoum state" is the state, not the city
            del found[i], ids[i]
        found.append(SentencePlace(m.start(1), m.end(1), gaz.to_ref(region, m.group(1))))
        ids.append(region.id)
    # a place named in passing (a seat, a speaker's place, talks, a destination, the victims' home
    # town, a byline) or the dateline's is not where it happened: the claim takes the event's place
    dateline = (0, len(sentence)) if _BYLINE.match(sentence) else dateline_en(sentence)
    aside = [
        i
        for i, sp in enumerate(found)
        if is_aside(sentence, sp.start, sp.end) or (dateline and dateline[0] <= sp.start < dateline[1])
    ]
    if aside:
        found = [sp for i, sp in enumerate(found) if i not in aside]
        ids = [pid for i, pid in enumerate(ids) if i not in aside]
    found = [
        SentencePlace(sp.start, sp.end, sp.ref, True) if _is_destination(sentence, sp.start) else sp
        for sp in found
    ]
    # "near Urum al-Kubra, west of Aleppo": a place named as a bearing is not where it happened
    bearing = [
        i
        for i, sp in enumerate(found)
        if _BEARING.search(sentence[: sp.start]) and len(found) > 1 and sp.ref.precision != "neighbourhood"
    ]
    if bearing and len(bearing) < len(found):
        found = [sp for i, sp in enumerate(found) if i not in bearing]
        ids = [pid for i, pid in enumerate(ids) if i not in bearing]
    # drop a place that only contains another listed place (the governorate beside its town) ...
    keep: list[SentencePlace] = []
    for sp, pid in zip(found, ids, strict=True):
        if (pid == "SY" or sp.ref.precision == "country") and len(found) > 1:
            continue
        named_admin = (
            bool(_TYPED_ADMIN.match(sentence[sp.end :])) and sp.ref.precision in ("governorate", "district")
        ) or (
            pid.startswith("world:") and sp.ref.precision == "governorate"  # a region named with its word
        )
        if (
            pid
            and pid != CITY
            and not named_admin
            and any(o and o != pid and gaz.contains(pid, o) for o in ids)
        ):
            continue  # ... unless the text names it as such ("Aleppo province: ... al-Marja")
        keep.append(sp)
    # ... and list Aleppo city after any place inside it
    inside_city = [
        sp for sp, pid in zip(found, ids, strict=True) if pid and pid != CITY and gaz.contains(CITY, pid)
    ]
    rank = {"neighbourhood": 0, "town": 1, "district": 2, "governorate": 3, "country": 4}

    def order(sp: SentencePlace) -> tuple[int, int, int]:
        is_city = sp.ref.place_id == CITY
        bare_city = is_city and sp.ref.name.lower().strip() in ("aleppo", "halab")
        return (rank.get(sp.ref.precision, 5), 1 if bare_city else 0, sp.start)

    keep.sort(key=order)
    if (inside_city or any(sp.ref.place_id == CITY for sp in keep)) and not any(
        sp.ref.place_id == CITY and sp.ref.name.lower() in ("aleppo", "halab") for sp in keep
    ):
        city = gaz.get(CITY)
        keep.append(SentencePlace(len(sentence), len(sentence), gaz.to_ref(city, "Aleppo")))
        keep.sort(key=order)
    # the same place written twice in one sentence is one place
    out: list[SentencePlace] = []
    seen: set[tuple[str | None, str]] = set()
    for sp in keep:
        k = (sp.ref.place_id, sp.ref.name.lower())
        if k not in seen:
            seen.add(k)
            out.append(sp)
    return out

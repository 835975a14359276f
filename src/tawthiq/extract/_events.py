"""What a sentence says happened: event type (DESIGN.md taxonomy), kind, tolls, victims, perpetrators.

In: one sentence (or clause) of English text. Out: an :class:`EventHit` per trigger, fatalities and
injured as :class:`tawthiq.entities.Count`, victim and perpetrator categories. Never: looks at other
sentences, places or dates (see :mod:`._claims`), and never counts a sub-count twice ("82 civilians
including 11 women and 13 children" is 82).

Rules and dictionaries, on purpose: the taxonomy is ours (no pretrained model knows it) and the dev set
is nine reports, too few to train on; every rule is a trigger family a documenter can read and fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tawthiq.entities import Count
from tawthiq.extract._numbers import find_numbers

__all__ = ["EventHit", "find_events", "find_kind", "find_perpetrators", "find_tolls", "find_victims"]

# (event type, pattern, strength): the strongest trigger of a sentence types its claim.
_TRIGGERS: list[tuple[str, str, int]] = [
    (
        "attack.chemical",
        r"chlorine|sarin|chemical (?:attack|weapon|munition)s?|toxic gas|poison gas|gas attack",
        9,
    ),
    (
        "killing.execution",
        r"execut(?:ed|ions?|ing)|summar(?:y|ily) (?:killed|killing)|lined up .{0,60}?shot|"
        r"shot (?:dead|on the spot|at close range|in the head)|summarily shot|"
        r"butcher(?:y|ies|ed)|atrocities|slaughtered|extrajudicial",
        8,
    ),
    # "massacre" names a toll, not a manner: an air strike that "resulted in a massacre" stays an air strike
    ("killing.execution", r"massacred?", 3),
    (
        "attack.medical",
        r"hospitals?\b.{0,80}?(?:out of service|hit|struck|bombed|targeted|destroyed|damaged|"
        r"still operating|still working|closed)|"
        r"(?:hit|struck|bombed|targeted|attacked) (?:a |the )?(?:field )?"
        r"(?:hospital|clinic|health (?:facility|centre|center)|ambulance)s?|health facilit(?:y|ies) .{0,40}?"
        r"out of service|medics? (?:were )?(?:killed|targeted)|"
        r"ambulances? (?:was |were )?(?:hit|attacked|targeted)",
        7,
    ),
    (
        "disappearance.enforced",
        r"gone missing|went missing|disappeared|whereabouts (?:are |still |remain )?unknown|"
        r"(?:are|were|remain|remains|still|reported|declared|been|men|people) missing\b|missing after|"
        r"lost contact with|fate (?:is |was |remains )?unknown|"
        r"enforced disappearance|abducted|kidnapped",
        7,
    ),
    (
        "detention.arbitrary",
        r"detained|arrested|rounded up|taken (?:into|to) (?:custody|detention)|detention",
        6,
    ),
    (
        "evacuation",
        r"evacuat(?:ion|ed|ing|e)|convoy|humanitarian corridor|buses? (?:carrying|left|leaving)|"
        r"(?:had |have )?left (?:east(?:ern)? |rebel-held )",
        6,
    ),
    # a request for evacuation or aid that was refused is a denial of access, not an evacuation
    (
        "humanitarian.access_denied",
        r"to no avail|turned down|(?:request|appeal|proposal)s? .{0,60}?(?:refused|rejected)",
        7,
    ),
    (
        "humanitarian.access_denied",
        r"no food or medic|(?:aid|food|medical supplies|convoys?) (?:was |were )?"
        r"(?:blocked|denied|prevented)|to no avail|starv(?:ation|ing)|humanitarian access",
        5,
    ),
    (
        "siege.blockade",
        r"siege|besieging|blockade|supply (?:routes|"
        r"lines|chains) (?:were |was |had been )?(?:cut|blocked)|blocked all supply|encircl(?:ed|ement)",
        5,
    ),
    (
        "attack.air_strike",
        r"cluster (?:munitions?|bombs?)|bunker[- ]buster|"
        r"air ?strikes?|air ?raids?|air attacks?|aerial (?:bombardment|attack|bombing)s?|"
        r"warplanes?|jets? (?:struck|bombed|hit)|barrel bombs?|bombing (?:raids?|campaign)|\braids?\b|"
        r"helicopters? (?:dropped|dropping)|air force|bombs? (?:hit|struck|fell)",
        4,
    ),
    (
        "attack.shelling",
        r"shell(?:ing|ed|s)|artillery|mortars?|rockets?(?: attacks?| fire)?|"
        r"(?:heavy |mutual )?bombardments?|missiles?",
        3,
    ),
    (
        "attack.ground",
        r"firing (?:on|at)|opened fire|snipers?|sniper fire|stormed|ground (?:assault|attack|offensive)",
        3,
    ),
    (
        "territory.change",
        r"captur(?:ed|es?)\b|recaptur(?:ed|es?)|retaken|retook|(?:take|took|taken) back|"
        r"seized (?:control )?|fully (?:recaptured|retaken|controlled)|regained|fell to|has fallen|"
        r"took control|taken control|in the last moments before victory|victory|drove them from|"
        r"collaps(?:e|ed|ing) "
        r"(?:of )?(?:the |these )?front ?lines?|advanced? into",
        4,
    ),
    (
        "armed.clash",
        r"clash(?:es|ed)|(?:fierce|heavy|intense|ongoing|renewed) fighting|fighting (?:between|"
        r"erupted|raged|continued)|fought|firefights?|battles? (?:raged|between)",
        3,
    ),
    # a bare "attacked" names harm but not its manner; the weakest attack trigger
    (
        "attack.ground",
        r"(?:was|were|been) attacked|came under (?:attack|fire)|attack on (?:an? |the )?"
        r"(?:aid |humanitarian )?(?:convoy|market|school|bakery|queue)",
        2,
    ),
    ("displacement.forced", r"displaced|fled (?:their|the)|forced (?:to flee|from their)|refugees", 2),
    ("other", r"landmines?|(?:car|truck) bombs?|explosions?|exploded|\bIED\b", 2),
]
_COMPILED = [(t, re.compile(rf"\b(?:{p})", re.I), s) for t, p, s in _TRIGGERS]
# "AF" (air force) in activists' briefs: case-sensitive, only after an owner ("Assad's AF", "RU and ... AF").
_AF = re.compile(r"(?:['’]s|\bRU|\bRussian?)\s+(?:and\s+[\w'’]+\s+)?AF\b")

# A trigger under one of these (a few words before it) is a fear, a plan or a hypothesis, not an event.
_HYPOTHETICAL = re.compile(
    r"\b(?:if|would|could|may|might|will|shall|fears?|feared|threat(?:en(?:ed|s)?)?|to be|risk of|"
    r"face|facing|should|must|attempt to|ready to|prepared to|willing to|as soon as|hopes? to|"
    r"bid (?:by \w+ )?to|trying to|in order to|plans? to|"
    r"aim(?:ed|s)? to|no\b|not|never|hasn't|"
    r"haven't|wasn't|weren't|without|expected to|prevent)\b[^.;:]{0,40}$",
    re.I,
)
_NEGATED_LOCAL = re.compile(
    r"\b(?:no|not|never|hasn't|haven't|wasn't|weren't|without)\s+(?:\w+\s+){0,2}$", re.I
)


@dataclass(frozen=True)
class EventHit:
    event_type: str
    start: int
    end: int
    strength: int


# Substrings one of which every match of a type's pattern contains (lower case): a type whose
# words are absent from the sentence is not searched at all (a speed-up only: the fixture test
# test_keyword_filter_never_hides_a_trigger checks that events are the same without it).
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "attack.chemical": ("chlorine", "sarin", "chemical", "gas"),
    "killing.execution": (
        "execut",
        "summar",
        "shot",
        "butcher",
        "atrocit",
        "slaughter",
        "extrajudicial",
        "massacre",
    ),
    "attack.medical": ("hospital", "clinic", "health", "medic", "ambulance"),
    "disappearance.enforced": (
        "missing",
        "disappear",
        "whereabouts",
        "abduct",
        "kidnap",
        "lost contact",
        "fate",
    ),
    "detention.arbitrary": ("detain", "arrest", "rounded up", "custody", "detention"),
    "evacuation": ("evacuat", "convoy", "corridor", "bus", "left"),
    "humanitarian.access_denied": (
        "avail",
        "turned down",
        "request",
        "appeal",
        "proposal",
        "no food",
        "blocked",
        "denied",
        "prevented",
        "starv",
        "humanitarian access",
    ),
    "siege.blockade": ("siege", "besieging", "blockade", "supply", "encircl"),
    "attack.air_strike": (
        "cluster",
        "bunker",
        "air",
        "aerial",
        "warplane",
        "jet",
        "barrel",
        "bombing",
        "raid",
        "helicopter",
        "bomb",
    ),
    "attack.shelling": ("shell", "artillery", "mortar", "rocket", "bombardment", "missile"),
    "attack.ground": (
        "firing",
        "opened fire",
        "sniper",
        "stormed",
        "ground",
        "attacked",
        "under attack",
        "under fire",
        "attack on",
    ),
    "territory.change": (
        "captur",
        "retaken",
        "retook",
        "back",
        "seized",
        "regained",
        "fell to",
        "fallen",
        "control",
        "victory",
        "drove them",
        "collaps",
        "advance",
    ),
    "armed.clash": ("clash", "fighting", "fought", "firefight", "battle"),
    "displacement.forced": ("displaced", "fled", "forced", "refugee"),
    "other": ("landmine", "bomb", "explosion", "exploded", "ied"),
}


def find_events(sentence: str) -> list[EventHit]:
    """Every event trigger in the sentence that is asserted (not feared, planned or negated)."""
    hits: list[EventHit] = []
    low = sentence.lower()
    for etype, rx, strength in _COMPILED:
        if not any(k in low for k in _KEYWORDS[etype]):
            continue
        for m in rx.finditer(sentence):
            if (
                m.group(0)[0].isupper()
                and m.start() > 0
                and re.match(r"[\w ]*?\s[A-Z]", sentence[m.end() : m.end() + 3])
            ):
                continue  # part of a proper name ("the Chemical Weapons Convention"), not an event
            before = sentence[max(0, m.start() - 60) : m.start()]
            if _NEGATED_LOCAL.search(before):
                continue
            window = sentence[max(0, m.start() - 45) : m.start()]
            if re.match(
                r"[^.;:,]{0,25}?\b(?:would|could|might|will)\s+(?:be|mean|bring|lead)\b", sentence[m.end() :]
            ):
                continue  # "a victory in Aleppo would be ...": a prospect, not an event
            window = re.split(r"\b(?:said|say|says|told)\b", window)[-1]  # the speaker's clause only
            if _HYPOTHETICAL.search(window):
                continue
            hits.append(EventHit(etype, m.start(), m.end(), strength))
    for m in _AF.finditer(sentence):
        hits.append(EventHit("attack.air_strike", m.start(), m.end(), 4))
    return sorted(hits, key=lambda h: (-h.strength, h.start))


_KILL = re.compile(
    r"\b(?:killed|killing|kills?|dead|died|deaths?|death toll|lost their lives|lives|"
    r"executed|shot|massacred|slain|perished|bodies|martyrs|toll)\b",
    re.I,
)
_INJURE = re.compile(r"\b(?:injur(?:ed|ing|ies|y)|wound(?:ed|ing|s)|hurt)\b", re.I)
_MIXED = re.compile(
    r"\bcasualt(?:y|ies)\b|killed (?:and|or) (?:injured|wounded)|dead (?:and|or) (?:injured|wounded)|"
    r"(?:injured|wounded) (?:and|or) killed",
    re.I,
)
_PERSON = re.compile(
    r"^\s*(?:more\s+|other\s+|of\s+(?:them|whom)\s+|[\w-]+\s+){0,2}?(?:of\s+)?(?:the\s+)?(?:civilians?|people|persons?|"
    r"children|child|boys?|girls?|women|woman|men|man|fighters?|rebels?|soldiers?|troops|militants?|residents?|"
    r"victims?|members?|family|families|medics?|doctors?|nurses?|workers?|journalists?|activists?|"
    r"evacuees|patients|detainees|others?|individuals|infants?|babies|students|elderly|relatives|more)\b",
    re.I,
)
_SUB = re.compile(
    r"\b(?:including|among (?:them|whom|those)|of (?:them|whom)|in addition to|mostly|"
    r"the majority of whom)\b[^.;]*$",
    re.I,
)


def find_tolls(sentence: str) -> tuple[Count | None, Count | None]:
    """(fatalities, injured) the sentence states; a mixed "casualties" count gives (None, None)."""
    fatal: Count | None = None
    injured: Count | None = None
    for h in find_numbers(sentence):
        after = sentence[h.end : h.end + 170]
        before = sentence[max(0, h.start - 70) : h.start]
        bare = re.match(
            r"\s*(?:more\s+)?(?:were\s+|had been\s+|have been\s+)?(?:injured|wounded|killed|dead|hurt)\b",
            after,
            re.I,
        )
        if (
            not bare
            and not _PERSON.match(after)
            and not re.search(
                r"(?:killing|killed|toll (?:rose|reached|climbed|"
                r"stood) (?:to|at)|(?:rose|risen|climbed|increased|jumped|reached)(?: to)?|injuring|wounding|"
                r"injured|wounded)\s*$",
                before,
                re.I,
            )
        ):
            continue
        if _SUB.search(before) and (fatal or injured):
            continue  # "including four children": a part of the total already counted
        clause_after = re.split(
            r"[;:]|\band\s+(?=(?:a number|more than|at least|about|around|some|dozens|scores|"
            r"hundreds|tens|\d|one|two|three|four|five|six|seven|eight|nine|ten)\b)",
            after,
        )[0]
        # a sub-count's noun is not the predicate: "400 people evacuated, including dozens of wounded"
        clause_after = re.sub(r"\b(?:including|among them|among whom|of whom)\b[^,;]*", "", clause_after)
        near_before = before[-40:]
        if _MIXED.search(clause_after[:40]) or _MIXED.search(near_before):
            return None, None
        kill_after, inj_after = _KILL.search(clause_after), _INJURE.search(clause_after)
        kill_before, inj_before = _KILL.search(near_before), _INJURE.search(near_before)
        role = None
        if inj_after and (not kill_after or inj_after.start() < kill_after.start()):
            role = "injured"
        elif kill_after:
            role = "killed"
        if kill_before and not inj_before:
            role = role or "killed"
            if re.search(r"(?:killing|killed|rose to)\s*$", before, re.I):
                role = "killed"
        elif inj_before and re.search(r"(?:injuring|wounding|injured|wounded)\s*$", before, re.I):
            role = "injured"
        if re.search(r"\b(?:rose|risen|climbed|increased|jumped|reached)(?: to)?\s*$", before, re.I):
            # "the number of people who were killed ... rose to 9", "the death toll ... reached 31"
            head = sentence[: h.start]
            k = [m.start() for m in _KILL.finditer(head)]
            i = [m.start() for m in _INJURE.finditer(head)]
            if k or i:
                role = "killed" if (k[-1] if k else -1) > (i[-1] if i else -1) else "injured"
        if role is None and re.search(r"\bresulted in\s*$", before, re.I):
            role = "killed"  # "the raids resulted in 9 civilians": a toll of dead
        if role == "killed" and fatal is None:
            c = h.count
            if (
                re.match(
                    r"\s*\w+\s+(?:were |was )?killed (?:along )?with (?:their|his|her) (?:father|mother|"
                    r"brother|sister|son|daughter|husband|wife)",
                    after,
                    re.I,
                )
                and c.low
            ):
                c = Count(low=c.low + 1, high=(c.high + 1) if c.high else None, qualifier=c.qualifier)
            fatal = _family_sum(sentence, h) or c
        elif role == "injured" and injured is None:
            injured = h.count
    if injured is None and re.search(
        r"\b(?:his|her|their) (?:mother|father|brother|sister|son|daughter|wife|"
        r"husband) was (?:wounded|injured)",
        sentence,
        re.I,
    ):
        injured = Count(low=1, high=1, qualifier="exact")
    if fatal is None and re.search(
        r"\b(?:a|an|one) (?:civilian|child|woman|man|boy|girl|person|doctor|nurse|"
        r"medic|journalist|activist) (?:was|has been) (?:killed|shot dead|executed)",
        sentence,
        re.I,
    ):
        fatal = Count(low=1, high=1, qualifier="exact")
    return fatal, injured


_KIN = (
    r"(?:(?:a|an|one|his|her|their)\s+)?(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+)?"
    r"(?:woman|women|man|men|child|children|boys?|girls?|sons?|daughters?|wife|husband|father|mother|"
    r"brothers?|sisters?|parents|relatives|civilians?|people)"
)
_KIN_LIST = re.compile(rf"\b(?:killed|killing|kills)\s+({_KIN}(?:\s*(?:,|and)\s*{_KIN})+)", re.I)


def _family_sum(sentence: str, hit) -> Count | None:
    """ "killed a woman and her two children" is 3: coordinated people after the verb add up."""
    for m in _KIN_LIST.finditer(sentence):
        if not (m.start(1) <= hit.start <= m.end(1)):
            continue
        total = 0
        for item in re.split(r"\s*(?:,|\band\b)\s*", m.group(1)):
            nums = find_numbers(item)
            if nums and nums[0].count.low:
                total += nums[0].count.low
            elif re.search(r"\b(?:parents)\b", item):
                total += 2
            elif re.search(r"\b(?:a|an|one|his|her|their)\s+\w+$", item.strip()):
                total += 1
            else:
                return None
        return Count(low=total, high=total, qualifier="exact") if total else None
    return None


_VICTIMS = [
    ("civilians", r"civilians?|non-combatants|residents|people|population|families"),
    ("children", r"children|child|boys?|girls?|infants?|babies|kids|minors"),
    ("women", r"women|woman|mothers?|wives|wife"),
    ("men", r"\bmen\b|fathers?|husbands?"),
    ("elderly", r"elderly"),
    ("medical workers", r"medics?|doctors?|nurses?|health workers|paramedics"),
    ("journalists", r"journalists?"),
    ("fighters", r"fighters|rebels(?= and civilians)"),
    ("evacuees", r"evacuees"),
    ("wounded", r"(?<=the )wounded"),
    ("sick", r"(?<=and )sick"),
    ("detainees", r"detainees|prisoners"),
    ("displaced", r"displaced"),
]
_VICTIMS_RX = [(name, re.compile(rf"\b(?:{p})\b", re.I)) for name, p in _VICTIMS]


def find_victims(sentence: str) -> tuple[str, ...]:
    """Victim categories named in the sentence, in a fixed order."""
    return tuple(name for name, rx in _VICTIMS_RX if rx.search(sentence))


_ACTORS = re.compile(
    r"\b(?:pro-government militias|"
    r"(?:Syrian )?government (?:forces|soldiers|troops|helicopters|warplanes|aircraft)|"
    r"(?:Syrian )?regime (?:forces|warplanes|troops|aircraft|helicopters)|Syrian regime|"
    r"Syrian (?:army|troops|forces|warplanes)|Syria army|(?:allied )?Iranian-backed militias|"
    r"militias loyal to (?:Syrian )?(?:President )?Bashar al-Assad|"
    r"(?:al-)?Assad(?:'s|’s)? (?:forces|troops|AF|air force|regime)|forces loyal to [^,.]{3,40}|"
    r"Russian(?:-backed)? (?:warplanes|jets|forces|aircraft|air force|bombing campaign)|RU\b|"
    r"Russia(?=n? (?:and|launched))|(?:Syrian )?(?:opposition|rebel) (?:fighters|forces|groups)|"
    r"Islamist rebels|rebels|Islamic State|ISIS|ISIL|SDF|YPG|Jabhat Fateh al-Sham|Nusra Front|"
    r"US-led coalition)",
    re.I,
)


def find_perpetrators(sentence: str) -> tuple[str, ...]:
    """Actor phrases named as doing something in the sentence (by, or as subject), as written."""
    out: list[str] = []
    for m in _ACTORS.finditer(sentence):
        name = m.group(0).strip()
        name = {"RU": "Russian air force", "Russia": "Russia"}.get(name, name)
        if name.lower() not in (o.lower() for o in out):
            out.append(name)
    return tuple(out)


_TALLY = re.compile(
    r"\b(?:since|so far|in recent (?:weeks|months|days)|over the (?:last|past)|between \w+ \d|"
    r"on at least \w+ occasions|campaign|throughout (?:the )?(?:month|year|siege|offensive|campaign)|"
    r"in total|"
    r"this year|"
    r"have killed|has killed)\b",
    re.I,
)
_STATUS = re.compile(
    r"\b(?:out of service|still (?:operating|working|functioning)|under siege|besieged|siege|"
    r"in the last moments|gone missing|whereabouts|no food|to no avail|supply (?:routes|chains|lines)|"
    r"(?:recaptured|retaken|captured|captures|retook|fully)\b)",
    re.I,
)


def find_kind(sentence: str, event_type: str) -> str:
    """incident, tally (an aggregate over a period or area) or status (a state of affairs)."""
    if event_type in (
        "siege.blockade",
        "territory.change",
        "disappearance.enforced",
        "humanitarian.access_denied",
    ):
        return "status"
    if event_type == "attack.medical" and _STATUS.search(sentence) and not re.search(r"\bhit\b", sentence):
        return "status"
    if _TALLY.search(sentence):
        return "tally"
    return "incident"

"""What a sentence says happened: event type (DESIGN.md taxonomy), kind, victims, perpetrators.

In: one sentence (or clause) of English text. Out: an :class:`EventHit` per asserted trigger, the
claim's kind, victim and perpetrator categories (tolls are in :mod:`._tolls`). Never: looks at other
sentences, places or dates (see :mod:`._claims`).

Rules and dictionaries, on purpose: the taxonomy is ours (no pretrained model knows it) and the dev set
is nine reports, too few to train on; every rule is a trigger family a documenter can read and fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tawthiq.text.prefilter import PatternSet

__all__ = ["EventHit", "find_events", "find_kind", "find_perpetrators", "find_victims"]

# a "bombing" no car or suicide bomber set off, that is not a definite reference back ("the bombing",
# "this bombing") unless it says what was bombed ("the bombing of residential areas")
_BARE_BOMBING = (
    r"(?<!suicide )(?<!car )(?<!truck )(?:(?<!the )(?<!this )(?<!that )bombings?\b|bombings? (?=of|on|by)\b)"
)

# (event type, pattern, strength): the strongest trigger of a sentence types its claim.
_TRIGGERS: list[tuple[str, str, int]] = [
    (
        "attack.chemical",
        r"chlorine|sarin|chemical (?:attack|weapon|munition|agent|strike|bomb|shell|rocket|barrel)s?|"
        r"nerve (?:agent|gas)s?|mustard (?:gas|agent)s?|phosgene|(?-i:VX)|"
        r"toxic (?:gas|gases|chemicals?|substances?|agents?)|poison(?:ous)? gas|"
        r"gas (?:attack|canister|cylinder|shell|bomb|barrel)s?",
        9,
    ),
    (
        "killing.execution",
        r"execut(?:ed|ions?|ing)|summar(?:y|ily) (?:killed|killing)|lined up .{0,60}?shot|"
        r"shot (?:dead|on the spot|at close range|in the head)|summarily shot|"
        # people shot down as they fled or gathered: a killing, not an exchange of fire
        r"shot and killed|gunned down|shot at (?:civilians|people|residents|families|those)|"
        r"butcher(?:y|ies|ed)|atrocities|slaughtered|extrajudicial|"
        # every inflection of the verbs of killing people held: beheaded, hanged, tortured to death
        r"behead(?:ed|ing|ings)?|decapitat(?:ed|ing|ions?)|hanged|firing squads?|"
        r"execution-style|tortured to death|(?:died|killed|death|deaths) (?:under|from) torture|"
        r"throats? (?:were |was )?slit|slit (?:the |their |his |her )throats?|lynch(?:ed|ing|ings)|"
        # how an execution is told without the word (Houla 2012, Bucha 2022): people shot in their homes or
        # in the back, killed at close range or with knives ("bodies with their hands tied" describes the
        # dead, not how they died: tried, and Bucha's gold reads those bodies as `other`)
        r"shot (?:[\w-]+ ){0,2}?in (?:their|his|her|the) (?:own )?"
        r"(?:homes?|houses?|beds?|backs?|back of the head)|"
        r"shot in the back|at (?:close|point[- ]blank) range|"
        r"(?:killed|killing|murdered|slaughtered|hacked|slain|executed) (?:[\w-]+ ){0,4}?(?:with|by) "
        r"(?:knives|knife|machetes?|axes|swords?|daggers?)|hacked to death",
        8,
    ),
    # "massacre" names a toll, not a manner: an air strike that "resulted in a massacre" stays an air strike
    ("killing.execution", r"massacre[sd]?|murder(?:ed|s|ing)?\b", 3),
    (
        "attack.medical",
        r"hospitals?\b.{0,80}?(?:out of service|hit|struck|bombed|targeted|destroyed|damaged|"
        r"still operating|still working|closed)|"
        r"(?:hits?|hitting|struck|strikes|striking|bomb(?:ed|s|ing)|target(?:ed|s|ing)|attack(?:ed|s|ing)|"
        r"shell(?:ed|s|ing)|pound(?:ed|s|ing)|destroy(?:ed|s|ing)|damag(?:ed|es|ing)|"
        r"(?:air[- ]?)?strikes? on|air[- ]?raids? on|(?:explosion|blast)s? (?:at|in|inside)|"
        r"attacks? on|raids? on|assaults? on|bombing of|"
        r"shelling of|storm(?:ed|ing|s)|raid(?:ed|ing|s)|loot(?:ed|ing)|occupied|shot at|"
        # an attack on foot inside a hospital is an attack on the hospital (annotation.md): "opened fire
        # inside", "fired into", "burst / broke / forced their way into", "shot patients inside"
        r"open(?:ed|ing|s)? fire (?:on|in|at|inside|into)|fir(?:ed|ing|es) (?:into|on|at)(?! the air\b)|"
        r"(?:burst|bursting|broke|breaking|(?:forced|forcing) (?:their|its|his|her) way) "
        r"into|(?:shot|shooting|gunned down|killed|killing|executed|executing) (?:[\w-]+ ){0,3}?inside) "
        r"(?:a |the |an )?(?:[\w'’-]+ ){0,3}?(?:field |mobile |maternity )?"
        r"(?:hospital|clinic|dispensar(?:y|ie)|health (?:facility|centre|center|post|unit)|ambulance|"
        r"medical (?:centre|center|facility|point|convoy|team)|civil defen[cs]e (?:centre|center|station|"
        r"headquarters|post|building))s?|"
        # "... South Hospital, after RSF soldiers stormed the facility": the hospital named before
        # "an air strike on Tuesday killed about 500 people at a hospital": the dead were at the hospital
        r"(?:air ?strikes?|explosion|blast|bombing|shelling)\b[^.;]{0,60}?\bkill(?:ed|ing)\b[^.;]{0,40}? "
        r"(?:at|inside) (?:a |the )(?:[\w'’-]+ ){0,3}?hospital|"
        r"hospital\b.{0,120}?\b(?:stormed|raided|looted|attacked|shelled|bombed|hit|struck|targeted) "
        r"(?:the |its )(?:facility|premises|building|compound)|"
        # a headline's noun compound: "Gaza hospital blast", "the hospital strike", "a clinic bombing"
        r"(?:hospital|clinic)(?:'s|’s)? (?:air ?)?(?:strikes?|attacks?|blasts?|bombings?|explosions?|"
        r"shelling|raids?)\b|"
        r"health facilit(?:y|ies) .{0,40}?"
        r"out of service|medics? (?:were )?(?:killed|targeted)|"
        # a medical facility closed by an attack (annotation.md: "hospitals out of service" is a status of
        # the attack on them): "suspended all activities in South Hospital", "forcing its closure", "the
        # civil defence centre has become out of service", "Hospitals are closing" (session 22: 4 tune texts)
        r"(?:suspend(?:ed|s|ing)|halt(?:ed|s|ing)|stopp(?:ed|ing)) (?:all )?(?:its |their |the )?"
        r"(?:medical )?(?:activities|operations|services|work) (?:in|at) (?:the |a )?(?:[\w'’-]+ ){0,3}?"
        r"(?:hospital|clinic|(?:medical|health|civil defen[cs]e) (?:centre|center|facility|point|station))|"
        r"(?:hospital|clinic|(?:medical|health|civil defen[cs]e) "
        r"(?:centre|center|facility|point|station))s?\b"
        r"[^.;]{0,80}?(?:out of (?:service|action)|forc(?:ed|ing) (?:it |them )?to close|forc(?:ed|ing) "
        r"(?:its|their) (?:closure|shutdown)|shut down|(?:are|is|were|was) closing|no longer (?:functioning|"
        r"operating|working))|"
        r"ambulances? (?:was |were )?(?:hit|attacked|targeted)",
        7,
    ),
    (
        "disappearance.enforced",
        r"gone missing|went missing|disappeared|whereabouts (?:are |still |remain )?unknown|"
        r"(?:are|were|remain|remains|still|reported|declared|been|men|people) missing\b|missing after|"
        r"lost contact with|fate (?:is |was |remains )?unknown|"
        r"enforced disappearances?|disappearances|vanished|abduct(?:ed|ing|ions?|s)?|"
        r"kidnap(?:ped|ping|pings|s)?|"
        r"taken to (?:an )?unknown (?:location|destination)",
        7,
    ),
    (
        "detention.arbitrary",
        r"detain(?:ed|ing|s)?\b|(?<!cardiac )arrest(?:ed|ing|s)?\b|rounded up|"
        r"taken (?:into|to) (?:custody|detention)|"
        r"detention|imprison(?:ed|ing|ment)|jailed|incarcerat(?:ed|ion)|apprehended|taken prisoner|"
        r"held (?:incommunicado|without (?:charge|trial))",
        6,
    ),
    (
        "evacuation",
        # a convoy is an evacuation only when it carries people out: an aid convoy struck from the air
        # is an attack (or a denial of access), never an evacuation (issue 15)
        r"evacuat(?:ion|ed|ing|e)|(?:evacuation|evacuee)s? convoys?|"
        r"convoys? (?:of|carrying) (?:the )?(?:evacuees|buses|wounded|civilians|residents|fighters)|"
        r"humanitarian corridor|buses? (?:carrying|left|leaving)|"
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
    # suspending or halting aid: the access is the claim
    (
        "humanitarian.access_denied",
        r"(?:suspend(?:ed|s|ing)?|halt(?:ed|s|ing)?|stopp(?:ed|ing)|block(?:ed|ing)|cut off) "
        r"(?:all |its |their |the )?(?:\w+ )?(?:aid|humanitarian|relief|food) ?(?:convoys?|deliveries|"
        r"operations|access|distributions?|shipments?|trucks|supplies)?|"
        r"(?:aid|relief|humanitarian) (?:convoys?|deliveries|operations|access) "
        r"(?:was |were |have been |has been )?"
        r"(?:suspended|halted|stopped|cut off)|"
        r"den(?:ied|ying|ies|y|ial of) (?:humanitarian |them |it )?(?:access|entry|passage|permission)|"
        r"(?:barred|obstruct(?:ed|ing|s)?|prevent(?:ed|ing|s)?) (?:the )?(?:aid|humanitarian|relief|"
        r"convoys?|trucks|deliveries|delivery)|(?:aid|relief|convoys?|trucks) (?:was |were )?"
        r"(?:refused entry|turned back|not allowed (?:in|to enter))|"
        # "aid convoys have been blocked / prevented / barred from entering Madaya"
        r"(?:blocked|prevented|barred|stopped|banned|kept) from (?:entering|reaching|delivering|crossing)",
        7,
    ),
    (
        "siege.blockade",
        r"siege|besieg(?:ing|ed)|blockade|(?:people|civilians|residents|families|children|\d[\d,]*) "
        r"(?:\w+ ){0,3}?(?:are |were |remain |remained |still |now )*trapped|supply (?:routes|"
        r"lines|chains) (?:were |was |had been )?(?:cut|blocked)|blocked all supply|encircl(?:ed|ement|ing)|"
        r"cordon(?:ed)? off|starv(?:e|ed|ing) (?:\w+ )?(?:out|into submission)",
        5,
    ),
    (
        "attack.air_strike",
        r"cluster (?:munitions?|bombs?)|bunker[- ]buster|"
        r"air[- ]?strikes?|air[- ]?raids?|air[- ]?attacks?|aerial (?:bombardments?|attacks?|bombings?|"
        r"strikes?|raids?|ordnance|bombs?|munitions?|assaults?|campaign)|"
        r"war ?planes?|barrel bombs?|bombing (?:raids?|campaign)|\braids?\b|"
        r"(?:guided|glide|vacuum|thermobaric|parachute|incendiary) bombs?|air-?dropped|"
        r"fighter[- ](?:jets?|bombers?|planes?)|(?:helicopter )?gunships?|military aircraft|"
        r"(?-i:UAVs?)|unmanned aerial vehicles?|(?:helicopter|drone) (?:attacks?|strikes?|raids?)|"
        # what flies, then any inflection of a verb of attack: "helicopters on Monday dropped", "jets pounded"
        r"(?:jets?|helicopters?|air ?craft|planes?|drones?) (?:\w+ ){0,2}?(?:bomb(?:s|ed|ing)?|"
        r"str(?:ike|ikes|uck|iking)|hit(?:s|ting)?|pound(?:s|ed|ing)|target(?:s|ed|ing)|strafe[sd]?|strafing|"
        r"raid(?:s|ed|ing)|attack(?:s|ed|ing)|dropp(?:ed|ing)|drops?|fired|firing|launch(?:ed|es|ing)|"
        r"shell(?:s|ed|ing)|rocket(?:s|ed|ing))\b|"
        r"(?:dropp(?:ed|ing)|fired|firing|launch(?:ed|ing)) (?:[\w-]+ ){0,5}?from (?:helicopters?|planes?|"
        r"aircraft|jets?|drones?)|"
        r"explosive barrels?|air force|bombs? (?:hit|struck|fell)|drone strikes?|drones?",
        4,
    ),
    # an attack by a party that fights from the air ("US-led coalition strikes", "a Saudi-led
    # bombardment", "coalition jets") is an air strike, and so is a bare "strikes" on a place: in
    # war reporting that word names an air strike unless a weapon of the ground is named (shelling,
    # rockets and artillery are stronger words for the same sentence only when no air word is there)
    (
        "attack.air_strike",
        r"(?:coalition|[\w.]+-led|NATO|allied|Israeli|Russian|American|U\.?S\.?) "
        r"(?:(?!missile|rocket|artillery|shell|mortar|tank|ground|cruise|ballistic)[\w-]+ ){0,2}?"
        r"(?:jets|aircraft|planes|bombardments?|bombings?|strikes?)|"
        # plural strikes that kill or hit ("killed in strikes that destroyed ...", "strikes hit three
        # vehicles"); a bare "the first strike hit" in a wire story is a detail, not a new claim
        r"(?<!hunger )(?<!general )(?<!missile )(?<!rocket )(?<!artillery )(?<!drone )(?<!air )"
        r"\b(?:in|by) strikes\b|(?<!hunger )(?<!general )(?<!missile )(?<!rocket )(?<!artillery )"
        r"(?<!drone )(?<!air )\bstrikes (?:hit|struck|killed|targeted|on)\b|"
        # "The Saudi-led coalition targeted a building": a coalition that fights from the air, acting
        r"\b(?:[\w.]+-led|international|anti-(?:IS|ISIS|ISIL|Daesh)) coalition (?:forces |jets |aircraft |"
        r"warplanes )?(?:targeted|struck|hit|bombed|pounded|attacked)\b",
        4,
    ),
    (
        "attack.shelling",
        r"shell(?:ing|ed|s|fire)|artillery|mortars?|rockets?(?: attacks?| fire)?|rocketed|howitzers?|"
        r"tank (?:fire|shells?|rounds?)|barrages?|projectiles?|(?-i:Grads?|Katyushas?|MLRS)\b|"
        # one shell that hit: "killed when a shell hit their home"
        r"(?:a|an|one|another|the) (?:[\w-]+ )?shell (?:hit|struck|landed|fell|exploded|slammed|killed|"
        r"wounded|injured)|"
        r"(?:heavy |mutual )?bombardments?|bombard(?:ed|ing|s)?\b|pound(?:ed|ing)\b|missiles?",
        3,
    ),
    (
        "attack.ground",
        r"firing (?:on|at)|open(?:ed|s|ing)? fire|snipers?|sniper fire|stormed|"
        r"ground (?:assault|attack|offensive)|"
        r"ambush(?:ed|es|ing)?|grenades?|stabb(?:ed|ing|ings)|knife attacks?|"
        r"armed (?:attacks?|assaults?|raids?)|shot (?:and (?:wounded|injured)|at)|"
        # people who fight on the ground, then any inflection of a verb of attack: "troops raided a village"
        r"(?:militants|gunmen|insurgents|fighters|troops|soldiers|militiamen|militias?|attackers|assailants|"
        r"armed men|policemen|police|forces|rebels|paramilitaries) (?:\w+ ){0,2}?(?:attack(?:ed|s|ing)|"
        r"raid(?:ed|s|ing)|storm(?:ed|s|ing)|assault(?:ed|s|ing))\b|"
        # homes and villages burned by troops: "torched more than 200 homes", "set fire to the village"
        r"(?:torched|burned down|burnt down|set fire to|set ablaze|razed|burned|burnt) (?:down )?"
        r"(?:(?:more than |at least |about |some |over |nearly |dozens of |hundreds of |scores of )?[\d,]+ )?"
        r"(?:the |a |an |their |several |many |entire )?(?:[\w'’-]+ ){0,2}?"
        r"(?:homes|houses|villages?|buildings|shops|huts|dwellings|neighbou?rhoods?|markets?)\b",
        3,
    ),
    (
        "territory.change",
        r"captur(?:ed|es?)\b|recaptur(?:ed|es?)|retaken|retook|(?:take|took|taken) back|"
        r"seized (?:control )?|fully (?:recaptured|retaken|controlled)|regained|fell to|has fallen|"
        r"took control|taken control|took over|taken over|(?:was|were|has been|had been) taken by|"
        r"overr(?:an|un)|liberat(?:ed|ing)|(?:seized|gained|wrested|assumed|established|regained) "
        r"(?:full |total |complete )?control|(?:full|total|complete) control (?:over|of)|"
        r"(?:pushed|drove|driven) (?:\w+ ){0,3}?out of|"
        r"in the last moments before victory|victory|drove them from|"
        r"collaps(?:e|ed|ing) "
        r"(?:of )?(?:the |these )?front ?lines?|advanced? into",
        4,
    ),
    (
        "armed.clash",
        r"clash(?:es|ed|ing)?|(?:fierce|heavy|intense|ongoing|renewed|violent|bloody|street|sporadic|"
        r"house-to-house) fighting|fighting (?:between|erupted|raged|continued|broke out|flared|intensified|"
        r"resumed)|fought|firefights?|battles? (?:raged|between)|skirmish(?:es)?|gun ?battles?|"
        r"exchange[sd]? (?:of )?(?:fire|gunfire)",
        3,
    ),
    # gunmen and gunfire: an attack on the ground, weaker than any named manner ("gunmen massacred")
    ("attack.ground", r"gunm[ae]n\b|gun ?fire", 2),
    # a car bomb or a suicide bombing is a ground attack (docs/annotation.md), stronger than "explosion"
    (
        "attack.ground",
        r"(?:car|truck|vehicle|motorcycle)[- ]bombs?|suicide (?:bomb(?:ing|er)s?|attack(?:er)?s?|vests?)|"
        r"booby[- ]trapped (?:car|vehicle|truck)|VBIEDs?",
        5,
    ),
    # a bare "attacked" names harm but not its manner; the weakest attack trigger
    (
        "attack.ground",
        r"(?:was|were|been) attacked|came under (?:attack|fire)|attack on (?:an? |the )?"
        r"(?:aid |humanitarian )?(?:convoy|market|school|bakery|queue)",
        2,
    ),
    (
        "displacement.forced",
        r"displaced|displacement|fled (?:their|the|from)|forced (?:to flee|from their)|refugees|"
        r"forcibly (?:displaced|transferred|expelled|evicted|removed)|(?:expelled|evicted|deported|uprooted) "
        r"(?:from|thousands|hundreds|families|residents|people|civilians)|fleeing (?:their|the|from)|exodus",
        2,
    ),
    ("other", r"landmines?|explosions?|exploded|\bIED\b", 2),
    # a bare "bombing" that kills ("killed in the army's bombing of residential areas", "Bombing by
    # government forces killed 9") names an attack but not its weapon: `_claims` gives it the manner of
    # harm the report leads with, else shelling, as "bombardment"; an air word, a car or a suicide bomber
    # is stronger, a bombing with no dead ("bombing runs", "after the bombing") is no event, and "the
    # bombing" alone points back to the attack just told ("The bombing killed 11")
    (
        "other",
        rf"(?:killed|died|dead|wounded|injured)\b[^.;]{{0,60}}?\b{_BARE_BOMBING}|"
        rf"{_BARE_BOMBING}[^.;]{{0,60}}?\b(?:killed|killing|kills|left \w+ dead)\b",
        2,
    ),
]
_COMPILED = [(t, re.compile(rf"\b(?:{p})", re.I), s) for t, p, s in _TRIGGERS]
# "AF" (air force) in activists' briefs: case-sensitive, only after an owner ("Assad's AF", "RU and ... AF").
_AF = re.compile(r"(?:['’]s|\bRU|\bRussian?)\s+(?:and\s+[\w'’]+\s+)?AF\b")

# A trigger under one of these (a few words before it) is a fear, a plan or a hypothesis, not an event.
_HYPOTHETICAL = re.compile(
    r"\b(?:if|would|could|(?-i:may)|might|will|shall|fears?|feared|threat(?:en(?:ed|s)?)?|to be|risk of|"
    r"face|facing|should|must|attempt to|ready to|prepared to|willing to|as soon as|hopes? to|"
    r"bid (?:by \w+ )?to|trying to|in order to|plans? to|"
    r"aim(?:ed|s)? to|no\b|not|never|hasn't|"
    r"haven't|wasn't|weren't|without|expected to|prevent)\b[^.;:]{0,40}$",
    re.I,
)
_NEGATED_LOCAL = re.compile(
    r"\b(?:no|not|never|hasn't|haven't|wasn't|weren't|without)\s+(?:\w+\s+){0,2}$", re.I
)


# "was rescuing and evacuating", "while evacuating": the activity of a person the sentence is about
_DOING = re.compile(r"\b(?:was|were|while|when)\s+(?:\w+ing\s+(?:and\s+)?)?$", re.I)


@dataclass(frozen=True)
class EventHit:
    event_type: str
    start: int
    end: int
    strength: int


# The patterns worth running on a sentence: those one of whose required literals it holds, computed from
# the patterns themselves (``text.prefilter``: one Aho-Corasick pass, never a hand-kept keyword list that a
# new word can outgrow; the fixture and coverage tests check that events are the same without it)
_TRIGGER_SET = PatternSet(rx for _, rx, _ in _COMPILED)


def find_events(sentence: str) -> list[EventHit]:
    """Every event trigger in the sentence that is asserted (not feared, planned or negated)."""
    hits: list[EventHit] = []
    low = sentence.lower()
    maybe = _TRIGGER_SET.candidates(sentence)
    for i, (etype, rx, strength) in enumerate(_COMPILED):
        if i not in maybe:
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
            if etype == "evacuation" and m.group(0).lower().endswith("ing") and _DOING.search(before):
                continue  # "who was rescuing and evacuating the wounded": what a victim was doing
            window = re.split(r"\b(?:said|say|says|told)\b", window)[-1]  # the speaker's clause only
            if _HYPOTHETICAL.search(window):
                continue
            hits.append(EventHit(etype, m.start(), m.end(), strength))
    if "AF" in sentence:  # (_AF is case-sensitive: no "AF", no match; the scan costs more than the test)
        for m in _AF.finditer(sentence):
            hits.append(EventHit("attack.air_strike", m.start(), m.end(), 4))
    # every _FLED_FROM match holds "fled"; in ASCII text re.I matches exactly what lower() finds
    flight = _FLED_FROM.search(sentence) if "fled" in low or not sentence.isascii() else None
    if flight and hits:
        # "Thousands of civilians have fled regime bombardments of Daraa": the attack is why they fled;
        # what the sentence tells is the flight
        hits = [h for h in hits if not (flight.start() < h.start < flight.end())]
        hits.append(EventHit("displacement.forced", flight.start(), flight.start(1), 9))
    # what people sought safety from is why they fled, not an attack told: "residents who fled their homes,
    # seeking safety from Israeli airstrikes"; an evacuation order is not an evacuation
    refuge = [m.span() for m in _REFUGE_FROM.finditer(sentence)]
    if refuge:
        hits = [h for h in hits if not any(a <= h.start < b for a, b in refuge)]
    hits = [
        h
        for h in hits
        if not (h.event_type == "evacuation" and _ORDER.search(sentence[max(0, h.start - 20) : h.end + 15]))
    ]
    # "tents of displaced Palestinians", "shelter for those displaced": people who were displaced,
    # named in passing, not a displacement the sentence tells
    hits = [
        h
        for h in hits
        if not (
            h.event_type == "displacement.forced"
            and sentence[h.start : h.end].lower() == "displaced"
            and (
                _DISPLACED_PEOPLE.match(sentence, h.end)
                or _DISPLACED_AFTER.search(sentence[max(0, h.start - 30) : h.start])
            )
        )
    ]
    if any(h.event_type.split(".")[0] in ("attack", "killing") for h in hits) or _AFTERMATH.search(sentence):
        # "other family members were missing" after a strike, "in addition to those who died, others went
        # missing": the missing of an attack, not people taken (an abduction word still counts)
        hits = [
            h
            for h in hits
            if h.event_type != "disappearance.enforced" or _TAKEN.search(sentence[h.start : h.end])
        ]
    if hits and _GROUND_RAIDER.search(sentence) and not _AIR_WORD.search(sentence):
        # "its forces killed three militants in a raid on the camp": a raid by troops is on the ground
        hits = [
            EventHit("attack.ground", h.start, h.end, h.strength)
            if h.event_type == "attack.air_strike" and sentence[h.start : h.end].lower() in ("raid", "raids")
            else h
            for h in hits
        ]
    return sorted(hits, key=lambda h: (-h.strength, h.start))


_REFUGE_FROM = re.compile(
    r"\b(?:seek(?:ing|s)?|sought|tak(?:ing|e|es)|took|find(?:ing|s)?|found)\s+(?:safety|refuge|shelter|cover)\s+"
    r"from\b[^.;]{0,60}",
    re.I,
)
_ORDER = re.compile(r"\border(?:s|ed)?\b", re.I)
_DISPLACED_PEOPLE = re.compile(
    r"\s+(?:[A-Z][a-z]+s\b|(?:people|persons|families|populations?|civilians|residents|children|women|men|"
    r"communities|households|Palestinians|Syrians|Sudanese|Afghans|Yemenis|Iraqis|Ukrainians)\b)"
)
_DISPLACED_AFTER = re.compile(
    r"\b(?:of|for|to|among|from|with|the|those|internally|newly|already|previously)\s+(?:the\s+)?$", re.I
)
_AFTERMATH = re.compile(r"\b(?:died|dead|killed|rubble|debris)\b", re.I)
_TAKEN = re.compile(r"enforced|abduct|kidnap|taken to", re.I)
_FLED_FROM = re.compile(
    r"\b(?:\d[\d,]*|thousands|hundreds|tens of thousands|families|civilians|residents|people)\b[^.;]{0,40}?"
    r"\b(?:have|has|had)\s+fled(\s+(?:from\s+)?(?:the\s+)?(?:[\w\"“”'-]+\s+){0,3}?"
    r"(?:bombardments?|shelling|air ?strikes?|fighting|clashes|violence|attacks?|offensive|raids?)\b)",
    re.I,
)
_GROUND_RAIDER = re.compile(
    r"\b(?:forces|troops|soldiers|police|policemen|commandos|gunmen|militants|fighters|army|"
    r"special operations|raiding party)\b",
    re.I,
)
_AIR_WORD = re.compile(
    r"\b(?:air|aerial|airstrikes?|jets?|warplanes?|planes?|aircraft|helicopters?|drones?|bomb(?:s|ed|ing)?)\b",
    re.I,
)


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
_VICTIMS_SET = PatternSet(rx for _, rx in _VICTIMS_RX)


def find_victims(sentence: str) -> tuple[str, ...]:
    """Victim categories named in the sentence, in a fixed order (only the categories one of whose
    words the sentence holds are searched: ``text.prefilter``)."""
    maybe = _VICTIMS_SET.candidates(sentence)
    return tuple(name for i, (name, rx) in enumerate(_VICTIMS_RX) if i in maybe and rx.search(sentence))


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
    # (a "since" after its auxiliary is an adverb, no period: "the death toll has since risen to 44" is
    # the incident's updated toll)
    r"\b(?:(?<!has )(?<!have )(?<!had )(?<!having )since|so far|in recent (?:weeks|months|days)|"
    r"over the (?:last|past)|between \w+ \d|"
    r"on at least \w+ occasions|campaign|throughout (?:the )?(?:month|year|siege|offensive|campaign)|"
    r"in total|in all|altogether|a total of|cumulative(?:ly)?|to date|"
    r"this year|"
    # "in two weeks of fighting", "during July": a toll summed over a period
    r"in (?:\w+|the (?:last|past) \w+) (?:days|weeks|months) of|"
    r"in the (?:first|last) \w+ (?:days|weeks|months)\b|"
    # "in the past three days", "during the last 48 hours", "in the past week": a toll summed over days
    # (annotation.md: "rose to N in 48 hours" is a tally); the past 24 hours may be one day's, and stays
    r"(?:in|during|over|within) the (?:past|last|previous) (?:[\w-]+ )?(?:days|weeks|months)\b|"
    r"(?:in|during|within) the (?:past|last|previous) (?:week|month|(?:36|48|72|96) hours)\b|"
    r"during (?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"the month)|"
    r"have killed|has killed)\b",
    re.I,
)
_STATUS = re.compile(
    r"\b(?:out of (?:service|action)|still (?:operating|working|functioning)|under siege|besieged|siege|"
    r"(?:forc(?:ed|ing) (?:its |their )?(?:closure|shutdown|to close))|shut down|(?:are|is) closing|"
    r"no longer (?:functioning|operating|working)|"
    r"(?:suspend(?:ed|s|ing)|halt(?:ed|s|ing)) (?:all )?(?:its |their |the )?(?:medical )?(?:activities|"
    r"operations|services|work)|"
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
    cues = [m.group(0).lower() for m in _TALLY.finditer(sentence)]
    if cues and all(c == "has killed" for c in cues) and _ONE_EVENT_HAS_KILLED.search(sentence):
        return "incident"  # "an airstrike on the hospital has killed hundreds": one event, not a sum
    if cues:
        return "tally"
    if _over_area(sentence) and not _ONE_EVENT.search(sentence):
        return "tally"
    return "incident"


# An aggregate over an area (annotation.md: a tally is "an aggregate over a period, an area or a whole
# war"): deaths "in different areas of Idlib", strikes that "pummeled rebel-held villages in Daraa
# province", a toll "in the greater Kharkiv region" or "in the province of Deraa" (when no town is named
# just before it: "nine in Kansafra in the province of Idlib" is the town's). Session 22: 5 of the tune
# side's 23 wrong kinds, in 5 texts. A sentence that names one event ("an air strike on rebel-held areas
# killed 12") stays an incident (_ONE_EVENT); "residential areas" is a target, not many; "other areas in
# the town of Jbala" is one more place. Counted attacks ("405 barrel bombs", "more than 12 barrel bombs")
# were tried as a cue and dropped: as many incidents as tallies on the tune side.
_OVER_AREA = re.compile(
    r"\b(?:in|on|across|throughout|over|all over|around)\s+(?:the\s+|its\s+)?"
    r"(?:different|various|multiple|many|numerous|rebel-held|opposition-held|"
    r"regime-held|government-held|liberated)\s+(?:[\w-]+\s+)?"
    r"(?:areas|parts|towns|villages|neighbou?rhoods|districts|cities|regions|provinces|locations)\b|"
    r"\bin\s+the\s+greater\s+[A-Z][\w'’-]+\s+(?:region|area)\b|"
    r"\bacross\s+(?:the\s+)?(?:country|province|governorate|region)\b",
    re.I,
)
_PROVINCE_OF = re.compile(r"\b(?:in|across|throughout)\s+the\s+(?:province|governorate|region)\s+of\b", re.I)
_NAME_BEFORE = re.compile(r"\b[A-Z][\w'’-]+,?\s+$")


def _over_area(sentence: str) -> bool:
    if _OVER_AREA.search(sentence):
        return True
    return any(not _NAME_BEFORE.search(sentence, 0, m.start()) for m in _PROVINCE_OF.finditer(sentence))


_ONE_EVENT = re.compile(
    r"\b(?:an?|one|this|that)\s+(?:[\w'’-]+\s+){0,3}?(?:air ?strike|airstrike|strike|attack|explosion|"
    r"blast|bombing|raid|shell|massacre|car bomb)\b",
    re.I,
)


# one event as the subject of "has killed": "an airstrike on the X Hospital has killed hundreds"
_ONE_EVENT_HAS_KILLED = re.compile(
    r"\b(?:an?|the|one|this|that)\s+(?:[\w'’-]+\s+){0,3}?(?:air ?strike|strike|explosion|blast|bombing|shell|"
    r"missile|raid|car bomb|suicide bombing)\b(?:\s+(?:on|at|in|near)\s+[^.;,]{1,60}?)?\s+has\s+killed\b",
    re.I,
)

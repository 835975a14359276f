"""Tolls as a sentence states them: fatalities and injured, never a sub-count twice.

In: one sentence (or clause). Out: ``(fatalities, injured)`` as :class:`tawthiq.entities.Count`
values per ../shared/eval/CLAIMS.md. Never: adds "including 11 women and 13 children" to a total,
gives a number for a mixed "casualties" count, or counts evacuees and displaced people as dead.

A person-count is a fatality or an injury by the casualty verb of its clause ("killing N", "N ...
were killed", "the death toll rose to N", "resulted in N civilians"); coordinated people after the
verb add up ("killed a woman and her two children" is 3).
"""

from __future__ import annotations

import re
from functools import lru_cache

from tawthiq.entities import Count
from tawthiq.extract._numbers import find_numbers

__all__ = ["find_tolls"]

_KILL = re.compile(
    r"\b(?:killed|killing|kills?|dead|died|deaths?|death toll|lost their lives|lives|"
    r"executed|shot|massacred|slain|perished|bodies|corpses|remains of|martyrs|toll|"
    # every verb of killing people, not only "killed" (docs/extraction.md, coverage round)
    r"slaughtered|murdered|gunned down|beheaded|decapitated|hanged|lynched|assassinated|"
    r"tortured to death|(?:burned|burnt|stabbed|beaten|starved|crushed) to death)\b",
    re.I,
)
_INJURE = re.compile(r"\b(?:injur(?:ed|ing|ies|y)|wound(?:ed|ing|s)|hurt)\b", re.I)
_MIXED = re.compile(
    # (a "mass-casualty attack", "the highest civilian casualty event": a kind of event, no count)
    r"\bcasualt(?:y|ies)\b(?!\s+(?:event|incident|attack|strike|bombing|raid|blast)s?\b)|"
    r"killed (?:and|or) (?:injured|wounded)|dead (?:and|or) (?:injured|wounded)|"
    r"(?:injured|wounded) (?:and|or) killed",
    re.I,
)
# a count of people who do the attacking: the noun phrase, then an active verb of attack
_AGENT = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:soldiers|troops|fighters|militants|gunmen|rebels|militiamen|insurgents|"
    r"jihadists|combatants|attackers|assailants|men|policemen|officers|guards|members)\s+(?:also\s+)?"
    r"(?:attack(?:ed|s)|storm(?:ed|s)|raid(?:ed|s)|open(?:ed|s) fire|fired|shot at|shell(?:ed|s)|"
    r"ambush(?:ed|es)|enter(?:ed|s)|overran|overrun|seiz(?:ed|es)|besieg(?:ed|es)|abduct(?:ed|s)|kidnapp(?:ed|s)|"
    r"launch(?:ed|es)|tried|burst|broke|forced|surrounded|took|captured|opened|set|rounded up|arrested|"
    r"detained|"
    # a verb of killing with its object ("Twelve soldiers killed 5 civilians"), not a headline's passive
    # ("Twelve rebels killed in clashes", "12 soldiers shot dead")
    r"(?:executed|killed|massacred|slaughtered|shot)(?=\s+(?!(?:in|by|on|at|as|during|when|after|while|near|"
    r"and|or|dead|to|overnight|yesterday|today|last|this|early|late|since|from|with|inside)\b)[\w\d]))\b",
    re.I,
)
_PERSON = re.compile(
    r"^\s*(?:more\s+|other\s+|of\s+(?:them|whom)\s+|[\w-]+\s+){0,2}?(?:of\s+)?(?:the\s+)?(?:civilians?|people|persons?|"
    r"citizens?|non-combatants|staff|lives|corpses|bodies|"
    r"children|child|boys?|girls?|women|woman|men|man|fighters?|rebels?|soldiers?|troops|militants?|residents?|"
    r"victims?|members?|medics?|doctors?|nurses?|workers?|journalists?|activists?|"
    r"evacuees|patients|detainees|others?|individuals|infants?|babies|students|elderly|relatives|more)\b",
    re.I,
)
_SUB = re.compile(
    r"\b(?:including|among (?:them|whom|those)|of (?:them|whom)|in addition to|mostly|"
    r"the majority of whom)\b[^.;]*$",
    re.I,
)


@lru_cache(maxsize=4096)
def find_tolls(sentence: str) -> tuple[Count | None, Count | None]:
    """(fatalities, injured) the sentence states; a mixed "casualties" count gives (None, None).

    Cached: the pipeline asks about one sentence several times (is it a toll? which?), and the
    answer is a pair of frozen values.
    """
    fatal: Count | None = None
    injured: Count | None = None
    for h in find_numbers(sentence):
        after = sentence[h.end : h.end + 170]
        before = sentence[max(0, h.start - 70) : h.start]
        if _PART_OF.match(after) or _SAVED.search(before) or _AMONG_BEFORE.search(before):
            # "two of the dead", "one of the bodies", "among the dead were 11 children": a part of a toll
            # told elsewhere; "saved the lives of 600": the living
            continue
        after = _OR_ALT.sub("", after, count=1)  # "as many as 230 or even 520 civilians": the first figure
        bare = re.match(
            r"\s*(?:more\s+)?(?:who\s+|that\s+)?(?:were\s+|had been\s+|have been\s+)?"
            r"(?:injured|wounded|killed|dead|hurt|died|deaths|shot dead|executed|massacred|slain|murdered|"
            r"gunned down|slaughtered|perished)\b",
            after,
            re.I,
        )
        if (
            not bare
            and not _PERSON.match(after)
            and not re.search(
                r"(?:killing|killed|kills|kill|shot dead|shooting dead|executed|executing|massacred|"
                r"massacring|murdered|slaughtered|gunned down|"
                r"toll (?:rose|rises|reached|reaches|climbed|climbs|stood|stands) (?:to|at)|"
                r"(?:rose|rises|risen|climbed|climbs|increased|increases|jumped|"
                r"jumps|reached|reaches)(?: to)?|injuring|wounding|"
                r"injured|wounded)\s*$",
                before,
                re.I,
            )
            and not _TOLL_AT.search(sentence[: h.start])
        ):
            continue
        if _AGENT.match(after):
            continue  # "Twelve soldiers attacked the village, killing 5": the attackers, not the dead
        if _SUB.search(before) and (fatal or injured):
            continue  # "including four children": a part of the total already counted
        if _AMONG.match(after) or re.search(r"\bamong\s+(?:them|whom|those)\s*$", before, re.I):
            continue  # "11 children were among those killed", "13 ... among the 25": part of a total
        after = _DASH_LIST.sub(" ", after)  # "Eleven members of a family – five women, ... – were killed"
        clause_after = re.split(
            r"[;:]|\band\s+(?=(?:a number|more than|at least|about|around|some|dozens|scores|"
            r"hundreds|tens|\d|one|two|three|four|five|six|seven|eight|nine|ten)\b)",
            after,
        )[0]
        # a sub-count's noun is not the predicate: "400 people evacuated, including dozens of wounded"
        # ... up to the verb it stands before: "30 civilians including women and children died"
        clause_after = re.sub(
            r"\b(?:including|among them|among whom|of whom)\b"
            r"(?:(?!\b(?:were|was|have|has|had|died|dead|perished)\b)[^,;])*",
            "",
            clause_after,
        )
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
            if re.search(
                r"(?:killing|killed|kills|shot dead|executed|executing|massacred|murdered|rose to|"
                r"rises to)\s*$",
                before,
                re.I,
            ):
                role = "killed"
        elif inj_before and re.search(r"(?:injuring|wounding|injured|wounded)\s*$", before, re.I):
            role = "injured"
        if re.search(
            r"\b(?:rose|rises|risen|climbed|climbs|increased|increases|jumped|jumps|reached|reaches)"
            r"(?: to)?\s*$",
            before,
            re.I,
        ):
            # "the number of people who were killed ... rose to 9", "the death toll ... reached 31"
            head = sentence[: h.start]
            k = [m.start() for m in _KILL.finditer(head)]
            i = [m.start() for m in _INJURE.finditer(head)]
            if k or i:
                role = "killed" if (k[-1] if k else -1) > (i[-1] if i else -1) else "injured"
            elif re.search(r"\bnumber of (?:the )?victims\b", head, re.I):
                role = "killed"  # "the number of victims ... has risen to 60 people": a running toll
        if role is None and re.search(r"\bresulted in\s*$", before, re.I):
            role = "killed"  # "the raids resulted in 9 civilians": a toll of dead
        if _TOLL_AT.search(sentence[: h.start]):
            role = "killed"  # "put the death toll at 61", "claimed the lives of five", "loss of 23 lives"
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
            fatal = _family_sum(sentence, h) or _composite(sentence, h) or c
        elif role == "injured" and injured is None:
            injured = h.count
    if injured is None and re.search(
        r"\b(?:his|her|their) (?:mother|father|brother|sister|son|daughter|wife|"
        r"husband) was (?:wounded|injured)",
        sentence,
        re.I,
    ):
        injured = Count(low=1, high=1, qualifier="exact")
    if fatal is None:
        # "killing a child", "the death of a child and a woman", "killed a man and his son": people
        # named one by one after a verb or noun of killing add up (no digit to anchor on)
        m = _KIN_ONES.search(sentence)
        total = _kin_total(m.group(1)) if m else None
        if total:
            fatal = Count(low=total, high=total, qualifier="exact")
    if fatal is None and (
        re.search(
            r"\b(?:a|an|one) (?:[\w-]+ ){0,2}?(?:civilian|child|woman|man|boy|girl|person|doctor|nurse|"
            r"medic|journalist|activist|volunteer|staff member|member|worker|watchman|paramedic)"
            r"(?: (?:of|from) [^,.;]{1,40}?)?(?:, [^,.;]{1,40},)? (?:was|has been|had been) "
            r"(?:killed|shot dead|executed)",
            sentence,
            re.I,
        )
        or _ONE_DEAD.search(sentence)
        or _KILLING_HIM.search(sentence)
        or re.search(
            r"\b(?:the )?death of (?:a|an|one) (?:[\w-]+ ){0,2}?(?:civilian|child|woman|man|boy|girl|person|"
            r"doctor|nurse|medic|journalist|activist|volunteer|staff member|member|worker)\b",
            sentence,
            re.I,
        )
        or re.search(
            r"\bthe (?:child|boy|girl|woman|man|journalist|activist|doctor) [A-Z][\w'’-]+(?: [\w'’-]+){0,3} "
            r"(?:was|has been) (?:killed|shot dead|executed)",
            sentence,
        )
    ):
        fatal = Count(low=1, high=1, qualifier="exact")
    return fatal, injured


# the toll is the number that follows: "put the death toll at 61", "claimed the lives of five civilians",
# "the tragic loss of at least 23 lives", "the number of dead at 19", "leading to kill 2 children"
_TOLL_AT = re.compile(
    r"(?:\b(?:death |casualty )?toll(?: [\w-]+){0,12}? (?:at|of)|"
    r"\bnumber of (?:the )?(?:dead|deaths|victims|fatalities)(?: \w+){0,6}? "
    r"(?:at|to)|\b(?:total )?number (?:of )?dead at|\b(?:claimed|claiming|claim) the lives of|\bloss of|"
    r"\bleading to (?:the )?(?:kill|death of)|\bdeaths of)\s*(?:\w+\s+)?$",
    re.I,
)
_AMONG = re.compile(
    # "11 children were among those killed", "11 women and 13 children were among the dead"
    r"\s*(?:(?:[\w-]+|,)\s+){0,6}?(?:(?:were|was|are)\s+(?:also\s+)?among\b|among\s+(?:the|those)\b)",
    re.I,
)
# the parts and the remnants of a toll (docs/extraction.md, "Fatalities round")
_DEAD_NOUN = r"(?:dead|bodies|corpses|victims|killed|fatalities|deceased|casualties|martyrs)"
_PART_OF = re.compile(
    rf"\s*(?:more\s+|others?\s+)?of\s+(?:the|those|these)\s+(?:[\w-]+\s+)?{_DEAD_NOUN}\b", re.I
)
# the counts of a list of parts, the first or a later one: "among the dead were 11 children and five
# women", "the dead included 11 children and five women", "those killed included 11 children" (session
# 22: "five" and "11" were read as a second toll; annotation.md: sub-counts are victims, not a claim)
_LIST_SO_FAR = r"(?:[\w-]+(?:\s+[\w-]+){0,4}?(?:\s*,\s*(?:and\s+)?|\s+and\s+))*"
_AMONG_BEFORE = re.compile(
    rf"(?:\bamong\s+(?:the|those)\s+(?:[\w-]+\s+){{0,2}}?{_DEAD_NOUN}\s+(?:were|was|are|is)|"
    rf"\b(?:the|those)\s+(?:[\w-]+\s+){{0,2}}?{_DEAD_NOUN}\s+(?:also\s+)?includ(?:ed|e|es))\s+"
    rf"(?:also\s+)?{_LIST_SO_FAR}(?:(?:at least|about|some|more than|over)\s+)?$",
    re.I,
)
_SAVED = re.compile(r"\bsav(?:ed|es|e|ing)\s+(?:the\s+)?(?:lives\s+of\s+)?(?:[\w-]+\s+){0,2}?$", re.I)
_OR_ALT = re.compile(
    r"^\s*,?\s*or\s+(?:even\s+|perhaps\s+|possibly\s+|maybe\s+|as many as\s+)?"
    r"(?:\d[\d,.]*|[a-z]+(?:-[a-z]+)?)(?:,(?=\s))?(?=\s)",
    re.I,
)
_DASH_LIST = re.compile(r"\s[–—]\s[^–—;]*?(?:\s[–—]\s?|,(?=\s*(?:were|was|have|had|are)\b))")
_COUNT_NP = (
    r"(?:(?:at least|more than|over|about|some|another)\s+)?(?:\d[\d,]*|[a-z]+(?:-[a-z]+)?)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:staff(?: members)?|patients|children|women|men|civilians|people|soldiers|"
    r"medics|workers|volunteers|members|fighters|policemen|rebels|troops|militants|defectors|gunmen|"
    r"combatants|militiamen|employees|journalists|nurses|doctors|"
    r"boys|girls|babies|infants|residents|students|worshippers|mourners|passengers|farmers)"
)
_COMPOSITE = re.compile(
    rf"({_COUNT_NP}(?:\s*(?:,|&|\band\b)\s*{_COUNT_NP})+)\s+(?:were\s+|have been\s+|had been\s+)?"
    r"(?:also\s+)?(?:killed|dead|died)\b",
    re.I,
)


_FIGHTER_PART = re.compile(
    r"\b(?:soldiers|fighters|policemen|rebels|troops|militants|defectors|gunmen|combatants|militiamen)$", re.I
)


def _composite(sentence: str, hit) -> Count | None:
    """ "at least 9 staff and 8 patients dead" is at least 17: coordinated counts of one toll add up."""
    for m in _COMPOSITE.finditer(sentence):
        if not (m.start(1) <= hit.start < m.end(1)):
            continue
        if re.search(r"\b(?:including|among (?:them|whom)|of whom)\s*$", sentence[: m.start(1)], re.I):
            return None  # the parts of a total given before
        parts = [find_numbers(p) for p in re.split(r"\s*(?:,|&|\band\b)\s*", m.group(1))]
        if not all(parts):
            return None
        lows = [low for p in parts if (low := p[0].count.low) is not None]
        if len(lows) < len(parts):
            return None
        fighters = [bool(_FIGHTER_PART.search(p)) for p in re.split(r"\s*(?:,|&|\band\b)\s*", m.group(1))]
        if any(fighters) and not all(fighters):
            # "20 soldiers and 14 civilians were killed": the claim's toll is the civilians' (CLAIMS.md),
            # never the sum of fighters and civilians (the verb-first form is two claims: _claims)
            parts = [p for p, f in zip(parts, fighters, strict=True) if not f]
            lows = [p[0].count.low for p in parts if p[0].count.low is not None]
        total = sum(lows)
        exact = all(p[0].count.qualifier == "exact" for p in parts)
        return Count(low=total, high=total if exact else None, qualifier="exact" if exact else "at_least")
    return None


_KIN = (
    # "killed her and her two children": the pronoun is one person, before a coordinated list
    r"(?:(?:him|her)(?=\s*(?:,|and)\s)|"
    r"(?:(?:a|an|one|his|her|their)\s+)?(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+)?"
    r"(?:woman|women|man|men|child|children|boys?|girls?|sons?|daughters?|wife|husband|father|mother|"
    r"brothers?|sisters?|parents|relatives|civilians?|people))"
)
_KIN_LIST = re.compile(rf"\b(?:killed|killing|kills)\s+({_KIN}(?:\s*(?:,|and)\s*{_KIN})+)", re.I)


_KIN_ONES = re.compile(
    rf"\b(?:killed|killing|kills|death of|deaths of)\s+({_KIN}(?:\s*(?:,|and)\s*{_KIN})*)\b"
    r"(?!\s+(?:of|who|from)\b)",
    re.I,
)


# one person, described or named, who died: "A nurse died in ...", "The doctor, 34, was killed when ...",
# "Ahmad al-Othman, who was rescuing trapped civilians, was killed ...", "... killed a journalist",
# "mourned the death of its staff member, who was killed ..." (docs/extraction.md, "Tolls round")
_ROLE_ONE = (
    r"(?:civilian|child|woman|man|boy|girl|person|doctor|nurse|medic|journalist|reporter|photographer|"
    r"cameraman|activist|volunteer|rescuer|paramedic|surgeon|midwife|pharmacist|teacher|student|farmer|"
    r"driver|shepherd|teenager|toddler|baby|infant|resident|staff member|worker|watchman|firefighter|imam|"
    r"priest|mother|father|son|daughter|wife|husband)"
)
_ONE_WHO = (
    rf"(?:(?:[Aa]n?|[Oo]ne|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur)\s+(?:[\w-]+\s+){{0,2}}?{_ROLE_ONE}|"
    # a person's name: two to four capitalised words, with the particles of Arabic names
    r"[A-Z][a-z'’]+(?:[ -](?:al|el|bin|ibn|abu|Abu|Al|[A-Z][a-z'’]+)){1,3})"
)
_ONE_DEAD = re.compile(
    rf"(?:^|[.;:]\s+|\bdeath of\s+){_ONE_WHO}(?:,\s+[^,.;]{{1,70}},)?\s+"
    r"(?:(?:was|has been|had been)\s+(?:killed|shot dead|executed)|died|"
    r"lost (?:his|her|their) li(?:fe|ves))\b|"
    rf"\b(?:killed|killing|kills)\s+(?:a|an|one|the)\s+(?:[\w-]+\s+){{0,2}}?{_ROLE_ONE}\b(?!\s+(?:of|who|from)\b)"
    r"(?!\s*(?:,|and)\s*(?:a|an|his|her|their|\d))|"
    rf"\bdeath of\s+{_ONE_WHO},\s+who\s+(?:was|had been)\s+killed\b"
)
# "shelling hit the house of a nurse, killing her": the one person the sentence told of
_KILLING_HIM = re.compile(
    r"\b(?:killing|killed|kills|killed both)\s+(?:him|her)\b"
    r"(?!\s+(?:and|own|son|sons|daughters?|husband|wife|father|mother|brothers?|sisters?|child|children|family|parents|relatives|colleagues?)\b)",
    re.I,
)
_ONE_PERSON = re.compile(r"\b(?:a|an|one|his|her|their)\s+(?!civilians|people|children|women|men)\w+$")


def _kin_total(items: str) -> int | None:
    """The number of people in "a woman and her two children" (3); None when one item has no count."""
    total = 0
    for item in re.split(r"\s*(?:,|\band\b)\s*", items):
        nums = find_numbers(item)
        if nums and nums[0].count.low:
            total += nums[0].count.low
        elif re.search(r"\b(?:parents)\b", item):
            total += 2
        elif item.strip().lower() in ("him", "her") or _ONE_PERSON.search(item.strip()):
            total += 1
        else:
            return None
    return total or None


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
            elif item.strip().lower() in ("him", "her") or re.search(
                r"\b(?:a|an|one|his|her|their)\s+\w+$", item.strip()
            ):
                total += 1
            else:
                return None
        return Count(low=total, high=total, qualifier="exact") if total else None
    return None

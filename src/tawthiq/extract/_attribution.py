"""Who the report says makes a claim, and how sure the text is: attribution and certainty.

In: one sentence, and the party the previous sentence was attributed to (for "it said", "the group
said"). Out: a party name with aliases collapsed (SOHR, "the Observatory", "المرصد السوري" → Syrian
Observatory for Human Rights: Arabic names in :mod:`._arabic_parties`; "ORG (Person)" when a named
person speaks for an organisation) and a certainty
(confirmed, reported, unconfirmed, denied). Never: invents a party: ``None`` when the report speaks
in its own voice or cites nobody ("unconfirmed reports").
"""

from __future__ import annotations

import re

from tawthiq.extract._arabic_parties import arabic_party
from tawthiq.text.prefilter import PatternSet

__all__ = ["canonical_party", "find_attribution", "find_certainty", "named_later", "quote_closers"]

_ARABIC = re.compile(r"[\u0600-\u06ff]")

# alias (regex) → canonical party name. Aliases collapse; the canonical form is the long name.
_ORGS: list[tuple[str, str]] = [
    (
        r"Syrian Observatory for Human Rights|SOHR|the Observatory|"
        r"(?:a |the )?(?:UK|Britain|British|London|Coventry)-based (?:war )?(?:monitor|watchdog|Observatory)"
        r"(?:ing group)?",
        "Syrian Observatory for Human Rights",
    ),
    (r"Syrian Network for Human Rights|SNHR", "Syrian Network for Human Rights"),
    (
        r"(?:UN|United Nations)(?:['’]s)? "
        r"(?:human rights office|Office of the High Commissioner for Human Rights)|"
        r"OHCHR|UN human rights chief",
        "UN human rights office",
    ),
    (
        r"(?:UN|United Nations)(?:['’]s)? commission (?:for|on) human rights|Commission of Inquiry|\bCOI\b",
        "UN commission for human rights",
    ),
    (
        r"World Health Organi[sz]ation|\bWHO\b(?= (?:representative|said|reported|spokes|says|\)))|"
        r"\(WHO\)",
        "World Health Organization",
    ),
    (
        r"(?:UN|U\.N\.|United Nations)(?:['’]s)? Office for the Coordination of Humanitarian Affairs|"
        r"\bOCHA\b|"
        r"(?:UN|U\.N\.|United Nations)(?:['’]s)? humanitarian (?:aid )?(?:agency|office|coordination office)",
        "UN humanitarian office",
    ),
    (r"UN Assistance Mission in Afghanistan|\bUNAMA\b", "UNAMA"),
    (r"International Committee of the Red Cross|\bICRC\b", "ICRC"),
    (r"International Red Cross|the Red Cross", "Red Cross"),
    (r"Syrian Arab Red Crescent|SARC", "Syrian Arab Red Crescent"),
    (r"White Helmets|Syria(?:n)? Civil Defen[cs]e|civil defen[cs]e", "Syria Civil Defence"),
    (r"Human Rights Watch|\bHRW\b", "Human Rights Watch"),
    (r"Amnesty International|Amnesty", "Amnesty International"),
    (r"UNICEF", "UNICEF"),
    (r"Medecins Sans Frontieres|Médecins Sans Frontières|Doctors Without Borders|\bMSF\b", "MSF"),
    (r"Syrian American Medical Society|SAMS", "Syrian American Medical Society"),
    (r"Aleppo Media Cent(?:er|re)", "Aleppo Media Center"),
    (r"\bSANA\b|Syrian Arab News Agency|state news agency", "SANA"),
    (r"state (?:television|TV)", "state television"),
    (r"Russian (?:defen[cs]e ministry|ministry of defen[cs]e|military)", "Russian defence ministry"),
    (r"(?:US |U\.S\. )?State Department", "US State Department"),
    (r"(?:the )?Syrian army|Syrian military command|general command of the armed forces", "Syrian army"),
    (r"health directorate", "health directorate"),
    (r"(?:United Nations|\bUN\b|\bU\.N\.)(?! Security)", "UN"),
]
_OTHER_CIVIL_DEFENCE = re.compile(
    r"\b(?:Gaza|Palestinian|Ukrain\w*|Lebanese|Lebanon|Iraqi|Iraq|Yemeni|Yemen|Sudanese|Sudan|Israeli|Turkish|"
    r"Afghan|Libyan|territory['’]s)\b[^,.;]{0,25}?\bcivil defen[cs]e(?: agency| directorate| service)?",
    re.I,
)
# a name in quotes inside a party's noun phrase
_QUOTED_NAME = re.compile(r"[“\"]([A-Z][^\"“”]{1,80}?)[”\"]")
_ORGS_RX = [(re.compile(rf"(?:{p})", re.I if p[0] != "\\" else 0), name) for p, name in _ORGS]
_MEDIA = (
    r"(?:Reuters|AFP|AP|Al Jazeera|the BBC|BBC|CNN|Associated Press|Agence France-Presse|"
    r"reporters|journalists)"
)
_VERBS = (
    r"said|says|say|told|reported|announced|confirmed|confirms|stated|added|claimed|claims(?!\s+of\b)|"
    # "the UN estimates 3,800 civilians have been killed": a count after "estimates" is what it estimates
    r"tweeted|wrote|estimated|estimates(?= that| (?:(?:at least|more than|over|about|around|some|nearly|"
    r"almost|up to) )?\d)|claim(?= that)|documented|"
    r"(?:has |have )?verified(?= that)|recorded|assess(?:es|ed)(?= that)|warned|"
    r"conceded|concedes|admitted|admits|acknowledged|acknowledges|accused|accuse|accuses|"
    r"blamed|have blamed|denied|denies|"
    r"has said|have said|had said|said in a statement|revealed|"
    # the rest of the family of neutral reporting verbs (docs/extraction.md, "Coverage round")
    # "reports of casualties", "claims of abuse", "notes of": a noun, not a verb ("without any reports of
    # casualties" named the clause before it as the party)
    r"noted|notes(?!\s+of\b)|reports(?!\s+of\b)|explained|explains|insisted|insists|asserted|asserts|indicated|indicates|"
    r"disclosed|maintained|observed|mentioned|informed|posted|alleged|alleges|"
    r"(?:found|finds|concluded|concludes|believes|believed)(?= that)|was quoted as saying|"
    # the progressive and the passive of saying: "is reporting", "were saying", "is cited as saying"
    r"(?:is|are|was|were) (?:reporting|saying|claiming|stating)|"
    r"(?:is|are|was|were) (?:quoted|cited) as saying|"
    r"(?:has|have|had) (?:reported|confirmed|documented|stated|announced|claimed|noted|estimated|"
    r"recorded|revealed|alleged|told)|"
    r"(?:put|puts|placed|places|putting|placing) (?:the )?(?:\w+ ){0,2}"
    r"(?:toll|number (?:of )?(?:dead|deaths|victims|fatalities))"
)
_PERSON = re.compile(r"\b([A-Z][a-z]+(?:[ -](?:(?:[Aa]l|[Ee]l|Abu|bin|ibn|Al)[ -])?[A-Z][a-z'’]+){1,3})\b")
_ROLE = re.compile(
    r"\b(?:spokes(?:wo)?man|spokesperson|representative|official|head|director|adviser|advisor|"
    r"envoy|chief|minister|coordinator|commander|surgeon|doctor|journalist|activist|member)\b",
    re.I,
)
# an office held by one person ("the governor of Kharkiv region", "the mayor of Bucha")
_OFFICE = re.compile(
    r"\b(?:governor|mayor|president|prime minister|minister|ambassador|prosecutor|administrator|"
    r"commissioner|secretary|general|chairman|chairwoman|chair|leader|head|director|chief)\b",
    re.I,
)
# (a description — "the ministry", "the army", "the group" — is no pronoun: it points back only to a
# party of its sort, else stays as written: _tidy's _ANAPHOR)
_PRONOUN = re.compile(r"^(?:he|she|they|it|this|that|these|the statement|officials)$", re.I)
_LEADING = re.compile(
    r"^(?:however|but|and|earlier|later|meanwhile|separately|also|in addition|"
    r"on \w+day|on \w+)[, ]+",
    re.I,
)


# an organisation described, then named: "the aid group Save the Children", "the Geneva-based
# monitoring network Airwars", "a local rights organisation, Syrians for Truth and Justice"
_DESCRIBED_NAME = re.compile(
    r"^(?:[Tt]he|[Aa]n?)\s+(?:[\w'’-]+\s+){0,4}?(?:group|charity|organi[sz]ation|agency|monitor|watchdog|NGO|"
    r"network|body|ministry|committee|council|observatory|movement|initiative|foundation|coalition|"
    r"alliance|union|campaign|commission|centre|center|institute)\b,?\s+"
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|for|the|and|al|el|de|du|in|on)){0,8})$"
)


def canonical_party(text: str) -> str | None:
    """A party's name with aliases collapsed; ``ORG (Person)`` when both are named."""
    t = re.sub(r"\s+", " ", text).strip(" ,.;:\"“”'‘’")
    if not t:
        return None
    quoted = _QUOTED_NAME.search(t)
    if quoted and not any(rx.search(t) for rx, _ in _ORGS_RX):
        # a network, page or channel described around its name in quotes ('the pro-opposition “We are
        # all Houran martyrs” news network'): the name
        return quoted.group(1).strip()
    if _ARABIC.search(t):
        # one identity across scripts: "المرصد السوري" is SOHR (aliases in ._arabic_parties)
        return arabic_party(t) or t[:120]
    other = _OTHER_CIVIL_DEFENCE.search(t)
    if other:
        # Gaza's, Iraq's or "the territory's" civil defence is not Syria's White Helmets
        return other.group(0)
    org = None
    org_span = (0, 0)
    for rx, name in _ORGS_RX:
        m = rx.search(t)
        if m:
            org, org_span = name, m.span()
            break
    person = None
    for m in _PERSON.finditer(t):
        if org and not (m.end() <= org_span[0] or m.start() >= org_span[1]):
            continue
        if re.search(r"\b(?:of|with|from|for) (?:the )?(?:rebel group |group )?" + re.escape(m.group(1)), t):
            continue  # the organisation an official speaks for, not a person
        if re.search(r"\b(?:in|at|near|outside)\s+$", t[: m.start()]):
            continue  # "rescuers in Maarat al-Numan": a place, not a person
        words = m.group(1).split()
        if any(
            w.lower()
            in (
                "syrian",
                "united",
                "nations",
                "the",
                "human",
                "rights",
                "red",
                "state",
                "government",
                "army",
                "observatory",
                "health",
                "world",
                "organization",
                "president",
                "rebel",
            )
            for w in words
        ):
            continue
        person = m.group(1)
        break
    if org is None:
        named = _DESCRIBED_NAME.match(t)
        if named:
            return named.group("name")  # "the aid group Save the Children": the name, not the description
        m = re.search(
            r"\b(?:official|member|spokes\w+|commander|representative) (?:of|with|from|for) (?:the )?"
            r"(?:rebel group |group |armed group )?([A-Z][\w'’-]+(?: (?:[A-Z][\w'’-]+|al|el|of|the)){0,5})",
            t,
        )
        if m and person:
            return f"{m.group(1)} ({person})"
        if person and not _ROLE.search(t) and not re.search(r"\b(?:mayor|governor)\b", t, re.I):
            return person
        t = re.sub(r"^(?:its|their|his|her) ", "", t)
        t = re.sub(r"(?:['’]s)\b", "", t)
        return t[:120]
    if person:
        return f"{org} ({person})"
    if org == "health directorate":
        return t if len(t) < 60 else org
    return org


_WHEN_AFTER = re.compile(
    r"\s+(?:(?:late|early)\s+)?(?:on\s+(?:\w+day|\d{1,2}\s+\w+|\w+\s+\d{1,2})|yesterday|today|"
    r"last (?:week|night|month)|this (?:week|morning)|earlier|later)$",
    re.I,
)


# how they said it is not who: "the NGO in a statement posted late Sunday on X" → the NGO
_HOW_AFTER = re.compile(
    r"\s+(?:in|on|via|through)\s+(?:a|an|its|their|his|her)\s+(?:[\w-]+\s+)?(?:statement|post|tweet|"
    r"press release|video|report|briefing|interview|page|website|account|channel)\b.*$|"
    r"\s+(?:on|via)\s+(?:Facebook|Twitter|X|Telegram|Instagram|YouTube|WhatsApp)\b.*$",
    re.I,
)


_INVERTED = re.compile(
    r"^(?:said|says|reported|reports|added|announced|wrote|stated|noted|told)\s+(?=\S)", re.I
)


def _clean_np(np: str) -> str:
    # a leading adverbial before a comma goes first, whole ("In recent weeks, activists have blamed
    # ...", "On their official website, Houthi rebels claim ..."), then a leading word ("Later X")
    parts = [p.strip() for p in re.split(r",\s*", np.strip()) if p.strip()]
    while len(parts) > 1 and re.match(
        r"^(?:in|on|over|during|last|earlier|later|since|after|before|yesterday|"
        r"today|however|meanwhile|\(.*\))\b",
        parts[0],
        re.I,
    ):
        parts = parts[1:]
    np = _LEADING.sub("", ", ".join(parts))
    np = re.sub(r"^(?:that|and|but|as|while|after|when)\s+", "", np, flags=re.I)
    # the speaker after an inverted verb ('"...," said the NGO in a statement posted on X', read up to
    # "posted"): the verb is not part of the name
    np = _INVERTED.sub("", np)
    # an apposition after the head ("An official from X, one of the biggest groups ...") is dropped,
    # unless the head is a bare person name and the apposition says whom they speak for
    parts = [p.strip() for p in re.split(r",\s*", np) if p.strip()]
    # a trailing time is when they spoke, not who ("Activists on Monday reported" → Activists)
    parts = [_WHEN_AFTER.sub("", _HOW_AFTER.sub("", p)) or p for p in parts]
    if len(parts) == 1:
        return parts[0]
    if len(parts) > 1:
        head = parts[0]
        rest = ", ".join(parts[1:])
        if any(rx.search(rest) for rx, _ in _ORGS_RX) and not any(rx.search(head) for rx, _ in _ORGS_RX):
            return f"{head}, {rest}"
        if _PERSON.fullmatch(head) and _ROLE.search(rest):
            return f"{head}, {rest}"
        title = re.sub(r"^(?:Dr|Mr|Mrs|Ms|Gen|General|Major General|Col|Colonel)\.?\s+", "", rest)
        if len(parts) == 2 and (_ROLE.search(head) or _OFFICE.search(head)) and _PERSON.fullmatch(title):
            # "The governor of Kharkiv region, Oleh Synehubov, said": the office, and the person holding it
            return f"{head} ({title})"
        return head
    return np


# News agencies relaying a story are the report's own voice (their sources are the party), as the
# annotators of ../shared/data/dev coded them; corroboration groups wire copies by origin instead.
_AGENCY = re.compile(
    r"^(?:the )?(?:AFP|Reuters|AP|Associated Press|Agence France-Presse|Al Jazeera|BBC|CNN|TASS|Sputnik|"
    r"Xinhua|Anadolu|dpa|UPI|RIA Novosti|Interfax)"
    r"(?: news agency| news)?$",
    re.I,
)
_PARTY_WORD = re.compile(
    r"[A-Z]|\b(?:officials?|sources?|activists?|residents?|witnesses|eyewitnesses|journalists|locals|relatives|"
    r"group|monitor|monitors|ministry|mission|network|observers|commission|coalition|observatory|charity|"
    r"watchdog|"
    r"agency|television|media|spokes\w+|doctors?|medics?|rescuers?|workers?|army|military|"
    r"police|government|authorities|organi[sz]ation|office|directorate|council|committee|"
    r"mayor|governor|minister|commander|chief|director|coordinator|envoy|president|head)\b"
)


# what is not part of a party's name: "Update:", "Last week Iraqi police", "It also", "the Coalition later",
# "the NGO in a statement posted late Sunday on X"
_PREFIX = re.compile(
    r"^(?:[A-Z][a-z]+:\s+|(?:last|this|next) (?:week|month|night|year)\s+|(?:late |early )?(?:on )?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+|(?:yesterday|today|earlier|later|"
    r"meanwhile|separately|also)\s+)+",
    re.I,
)
_ADVERB = re.compile(
    r"\b(?:also|later|now|initially|further|furthermore|previously|earlier|again|too|then|first|"
    r"originally|subsequently|separately|eventually|ultimately|finally|thus|therefore)\b",
    re.I,
)
_TRAIL = re.compile(
    r"\s+(?:in a (?:statement|report|tweet|post|press release)\b|on (?:its|their|his|her) )\S.*$", re.I
)
# a definite description of an organisation already named ("the medical charity", "the aid group")
_ANAPHOR = re.compile(
    r"^(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:group|charity|monitor|organi[sz]ation|NGO|agency|office|"
    r"body|mission|network|watchdog|committee|ministry|army|coalition|observatory|"
    r"volunteers|rescuers|rescue workers|first responders)$",
    re.I,
)
_HEAD_FITS = {
    "ministry": re.compile(r"ministry|minister", re.I),
    "army": re.compile(r"army|military|forces", re.I),
    "coalition": re.compile(r"coalition", re.I),
    "observatory": re.compile(r"observatory", re.I),
    # "the volunteers said", "the rescuers said" after the civil defence was named: the civil defence
    **dict.fromkeys(
        ("volunteers", "rescuers", "workers", "responders"),
        re.compile(r"civil defen[cs]e|white helmets|volunteers|rescuers|rescue workers|responders", re.I),
    ),
}
# a time or circumstance, never a speaker ("..., said on Friday")
_WHEN = re.compile(
    r"(?:on|in|at|late|early|last|this|yesterday|today|earlier|later|after|before|during|while|when)\b", re.I
)
# the report's own reporter speaks in the report's voice
_OWN_REPORTER = re.compile(r"^(?:the |our |its |(?:\w+['’]s )?)(?:correspondent|reporter)s?$", re.I)
# a clause, not a noun phrase: a finite verb with its object ("helicopters dropped more than 12 ...")
_CLAUSE = re.compile(
    r"\b(?:was|were|is|are|had|has|have|would|will|did|does)\b|"
    r"\b(?!based\b|led\b|armed\b|United\b|named\b)[a-z]{3,}ed\s+(?:the|a|an|more|at|over|on|in|\d)\b"
)


def _tidy(party: str, previous: str | None) -> str | None:
    t = _PREFIX.sub("", party.strip())
    t = _TRAIL.sub("", t)
    t = re.sub(r"\s+", " ", _ADVERB.sub("", t)).strip(" ,")
    if not t:
        return None
    if _PRONOUN.match(t):
        return previous
    if _ANAPHOR.match(t):
        # "the medical charity" points back to the organisation named before; without one it stays as
        # written. A head noun that says what the party is points back only to a party of that sort:
        # "the health ministry" after "Syrian state media" is the ministry, not the state media
        head = t.split()[-1].lower()
        fits = _HEAD_FITS.get(head)
        if fits is not None and previous and not fits.search(previous):
            return t
        return previous if previous and previous[0].isupper() and previous != t else t
    if _OWN_REPORTER.match(t):
        return None
    if t != party.strip():
        t = canonical_party(t) or t
    if _CLAUSE.search(t) or len(t.split()) > 14:
        return None  # a whole sentence never becomes a party
    return t


# an organisation described, not named ("a monitor said", "the UN agency", "a rights group"): the head
# noun of the description and the names of parties it can describe
_DESCRIBED = re.compile(
    r"^(?:a|an|the|this|that)\s+(?:[\w-]+\s+){0,3}?(?P<head>monitor|monitoring group|observatory|watchdog|"
    r"rights group|rights organi[sz]ation|human rights group|agency|ministry|charity|aid group|"
    r"medical charity|aid organi[sz]ation|relief organi[sz]ation|humanitarian organi[sz]ation|"
    r"group|organi[sz]ation|body|office|network|mission)$",
    re.I,
)
_FITS: list[tuple[str, re.Pattern[str]]] = [
    (
        r"monitor|observatory|watchdog",
        re.compile(r"Observatory|Network for Human Rights|Airwars|monitor", re.I),
    ),
    (
        r"rights",
        re.compile(r"Human Rights|Amnesty|Rights Watch|Network for Human Rights|Observatory", re.I),
    ),
    (r"agency|office|mission", re.compile(r"^(?:UN|U\.N\.|United Nations)\b|UNICEF|OCHA|UNHCR|UNAMA|WHO\b")),
    (r"ministry", re.compile(r"Ministry", re.I)),
    (
        r"charity|aid|relief|humanitarian|medical",
        re.compile(r"MSF|M[ée]decins|Doctors|Save the Children|Red Cross|Red Crescent|Oxfam|ICRC", re.I),
    ),
]


def quote_closers(text: str, spans: list[tuple[int, int]]) -> dict[tuple[int, int], tuple[int, int]]:
    """For each sentence a quotation runs on from, the sentence that closes that quotation.

    '"Twelve civilians were killed in the strike. We are still pulling bodies out," said Ahmed Hassan, a
    spokesman for the civil defence.': the speaker comes after the last sentence of the quote, and every
    sentence of the quote is his (annotation.md: the speaker of a quotation, before or after the quote).
    Curly quotes open and close; a straight double quote toggles. A quotation still open at a blank line
    (a paragraph's quote that runs on, or a stray mark) closes nowhere, and neither does one open after
    six sentences. 10 of the 70 English corpus texts hold a quotation of several sentences with its speaker
    after it (docs/extraction.md, session 24)."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    waiting: list[tuple[int, int]] = []  # sentences inside the open quotation, in order
    inside = False
    prev_end = spans[0][0] if spans else 0
    for s, e in spans:
        if inside and "\n\n" in text[prev_end:s]:
            inside, waiting = False, []  # a paragraph ended inside the quote: no speaker after it here
        prev_end = e
        starts_inside = inside
        for ch in text[s:e]:
            if ch == "\u201c":
                inside = True
            elif ch == "\u201d":
                inside = False
            elif ch == '"':
                inside = not inside
        if starts_inside and not inside:
            for w in waiting[-6:]:
                out[w] = (s, e)
            waiting = []
        if inside:
            waiting.append((s, e))
        else:
            waiting = []
    return out


def named_later(party: str, named: tuple[str, ...]) -> str | None:
    """The party a description stands for when the report names it only afterwards ("..., with a monitor
    saying at least 17 civilians had been killed" ... "the Syrian Observatory for Human Rights said"):
    the first party of the whole report's ``named`` that fits it, itself no description; else None."""
    m = _DESCRIBED.match(party.strip())
    if not m:
        return None
    for cue, fits in _FITS:
        if re.search(cue, party, re.I):
            return next((n for n in named if n != party and fits.search(n) and not _DESCRIBED.match(n)), None)
    return None


def _described(party: str, named: tuple[str, ...]) -> str | None:
    """The party named earlier in the report that the description ``party`` stands for, or None."""
    m = _DESCRIBED.match(party.strip())
    if not m or not named:
        return None
    for cue, fits in _FITS:
        if re.search(cue, party, re.I):
            for earlier in reversed(named):
                if earlier != party and fits.search(earlier):
                    return earlier
            return None
    return None


_RELAY = re.compile(
    r",\s*(?:the\s+)?(?:AFP|Reuters|AP|Associated Press|TASS|Sputnik|Xinhua|Anadolu|dpa|UPI|RIA Novosti|"
    r"Interfax)(?: news agency)?\s+(?:reports|reported|said|says)\b[^,]*$"
)


# a correspondent of a named outlet: "SANA's correspondent reported", "The correspondent of Enab Baladi in
# the province of Idlib reported", "a reporter for Al Jazeera said"
_CORRESPONDENT_OF = re.compile(
    r"(?:\b(?:the|a|an|our|its)\s+)?(?:correspondent|reporter)s?\s+(?:of|for|with)\s+(?:the\s+)?"
    r"(?P<after>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})|"
    r"\b(?P<before>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})['’]s?\s+(?:own\s+)?(?:correspondent|reporter)s?\b"
)
_REPORTING_AFTER = re.compile(rf"^[^,.;:\"“”]{{0,80}}?\s(?:{_VERBS})\b")


# a denial of who did it, not of what happened ("denied responsibility for", "denies any involvement in")
_DENIES_WHO = re.compile(
    r"\b(?:has |have |had )?(?:\w+ly |earlier |also |again )?(?:denied|denies|deny|denying)\s+"
    r"(?:any\s+|all\s+)?(?:responsibility|involvement|role|blame|being behind|carrying out)\b",
    re.I,
)
_DEATHS = re.compile(r"\b(?:killed|killing|kills|deaths?|dead|died|lives)\b", re.I)
# the denier's own account follows ("..., saying a failed launch caused the blast"): their claim
_SAYING_SO = re.compile(r"\b(?:saying|said|says|adding|insisting|claiming|blaming|arguing)\b", re.I)


def _own_correspondent(sentence: str, outlet: str | None) -> bool:
    """The sentence's speaker is a correspondent of the report's own outlet: the report's own voice
    (annotation.md, "Self-publishing organisations"); a correspondent of another outlet stays named."""
    if not outlet or not ("orrespondent" in sentence or "eporter" in sentence):
        return False
    own = {w for w in re.findall(r"[A-Za-z]{2,}", outlet.lower())} - {"the", "news", "english", "agency"}
    for m in _CORRESPONDENT_OF.finditer(sentence):
        name = m.group("after") or m.group("before")
        words = set(re.findall(r"[A-Za-z]{2,}", name.lower())) - {"the", "news", "english", "agency"}
        if words and words <= own and _REPORTING_AFTER.match(sentence[m.end() :]):
            return True
    return False


def find_attribution(
    sentence: str, previous: str | None = None, named: tuple[str, ...] = (), outlet: str | None = None
) -> str | None:
    """The party the sentence attributes its content to, or None (own voice / nobody cited).

    ``named``: the parties the report named before, in order; a description that fits one of them
    ("a monitor said" after the Syrian Observatory was named) is that party. ``outlet``: the report's
    own outlet (its ``OUTLET:`` header), whose correspondents speak in the report's voice.
    """
    if _own_correspondent(sentence, outlet):
        return None
    denies = _DENIES_WHO.search(sentence) if "den" in sentence else None
    if denies and _DEATHS.search(sentence, denies.end()) and not _SAYING_SO.search(sentence, denies.end()):
        # "Israel denied responsibility for an explosion ... that killed hundreds": the denial is of who
        # did it; the blast and its toll are told in the report's own voice (annotation.md, "Denials")
        return None
    relay = _RELAY.search(sentence)
    if relay:
        # "Houthi rebels claim that ..., TASS reports.": the agency relays; the claimant is inside
        inner = _find_attribution(sentence[: relay.start()] + ".", previous)
        sentence = sentence if inner is None else sentence[: relay.start()] + "."
    if re.match(r"\s*As (?:he|she|they|it) (?:explained|said|noted|added|put it)\b", sentence):
        return previous  # "As he explained, six people were killed ...": the speaker before
    party = _find_attribution(sentence, previous)
    if party is not None and party != previous and not _named_in_quotes(party, sentence):
        party = _tidy(party, previous)
    if party is None or _AGENCY.match(party) or not _PARTY_WORD.search(party):
        return None
    if party.lower() in ("no", "any", "some", "the", "a", "it", "this", "that"):
        return None
    head = party.split()[-1].lower()
    if _ANAPHOR.match(party) and head in ("ngo", "charity", "organisation", "organization"):
        # "MSF ... suspended all activities, the NGO said": the organisation the sentence itself names
        for rx, name in _ORGS_RX:
            if rx.search(sentence) and not rx.search(party):
                return name
    if party == "UN" and named:
        # "the UN mission said", "the UN agency said": the UN body the report named before, not the UN
        m = re.search(
            r"\b(?:UN|U\.N\.|United Nations)(?:['’]s)? (?P<head>mission|agency|office|body)\b", sentence
        )
        if m:
            return _described(f"the {m.group('head')}", named) or party
    party = _author_of(party)
    return _described(party, named) or _of_its_sort(party, named) or _same_person(party, named) or party


# a party cited through its document: "according to a statement by the health ministry", "figures
# released by the UN", "the ministry's latest figures" are the ministry's and the UN's (issue 15: an
# organisation cited through its report); one party, so that corroboration counts one origin
_DOC = r"(?:statement|report|figures|data|tally|count|findings|release|press release|communiqu[eé]|bulletin)"
_DOC_BY = re.compile(
    rf"^(?:(?:a|an|the|its|their)\s+)?(?:(?:new|latest|recent|preliminary|initial|final|daily|weekly|"
    rf"monthly|annual|official|joint)\s+)*{_DOC}\s+(?:(?:released|issued|published|compiled|put out)\s+)?"
    rf"(?:by|from|of)\s+(?P<author>.+)$",
    re.I,
)
_DOC_OF = re.compile(
    rf"^(?P<author>.+?)(?:['’]s)?\s+(?:(?:new|latest|recent|preliminary|initial|final|daily|weekly|monthly|"
    rf"annual|official|own)\s+)*{_DOC}$",
    re.I,
)


def _author_of(party: str) -> str:
    """The author of a document named as the speaker, else the party as it was."""
    m = _DOC_BY.match(party) or _DOC_OF.match(party)
    if not m:
        return party
    author = m.group("author").strip()
    # (a document with no author of its own, "the latest figures", stays as written)
    return author if _PARTY_WORD.search(author) else party


def _named_in_quotes(party: str, sentence: str) -> bool:
    """The party is a name the sentence gives in quotes ("We are all Houran martyrs"), not a clause."""
    return any(m.group(1).strip() == party for m in _QUOTED_NAME.finditer(sentence))


def _of_its_sort(party: str, named: tuple[str, ...]) -> str | None:
    """ "the army said" after the Israeli army was named (and another party since): that army."""
    if not _ANAPHOR.match(party):
        return None
    fits = _HEAD_FITS.get(party.split()[-1].lower())
    if fits is None:
        return None
    return next((earlier for earlier in reversed(named) if earlier != party and fits.search(earlier)), None)


# a person named again by surname, with or without a title ("Colville said", "Mr Colville", "Major General
# Mood said", "according to Solvang") after the full name was given: the party of the full name
_SURNAME_ONLY = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Major|General|Gen|Lt|Lieutenant|Colonel|Col|Brigadier|Brig|"
    r"Captain|Capt|Sheikh|Imam|Father|President|Prime Minister|Minister|Governor|Gov|Mayor|Ambassador|"
    r"Senator|Judge|Commander)\.?\s+)*(?P<surname>[A-Z][\w'’-]{2,})$"
)


def _same_person(party: str, named: tuple[str, ...]) -> str | None:
    """The party named earlier whose person has the surname ``party`` gives alone, or None."""
    m = _SURNAME_ONLY.match(party.strip())
    if not m or not named:
        return None
    word = re.compile(rf"\b{re.escape(m.group('surname'))}\b")
    for earlier in reversed(named):
        if earlier != party and len(earlier.split()) > 1 and word.search(earlier):
            return earlier
    return None


# the adjective of "Credible reports indicate", "Initial reports had": read as "X reports", it is no party
_REPORTS_OF_NOBODY = re.compile(
    r"^(?:credible|initial|preliminary|early|first|local|media|press|unconfirmed|unverified|conflicting|"
    r"multiple|several|some|other|further|new|latest|later|subsequent|separate|unofficial|official)$",
    re.I,
)


# what may follow ", X said" at the end of a sentence: when and how, not another clause
_TAIL = (
    r"(?:(?!\b(?:was|were|is|are|had|has|have|would|will|that)\b)[^,]){0,40}"
    # "..., the ministry said, adding that the toll could rise": a participle clause of the speaker's
    r"(?:,\s+(?:adding|saying|noting|explaining|stressing|warning|citing)\b(?:[^\"“”]*|:\s*[\"“].*))?"
)
_ACCORDING = re.compile(
    r"\b(?:according to|as (?:reported|documented|stated|confirmed|recorded) by|"
    # "..., it was reported by X", "..., cited by X", "..., quoting X"
    r"(?:it was |was |were )?(?:reported|cited|quoted) by|quoting) "
    r"([^,.;:]+(?:, (?:the |a |an )?(?:[\w-]+ ){0,2}?(?:head|director|spokes\w+|chief|"
    r"official|representative|member|founder|[a-z-]*monitor)\b[^,.;:]*|, (?:the|a|an) [^,.;:]+)?)",
    re.I,
)


# a wire dateline before the lede: "TAIZ, March 3 (Reuters) - ", "BEIRUT (AP) — " is where, not who
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^()]{1,40}\))?\s*[-–—]+\s+|"
    # a live blog's time stamp: "12:30 GMT - ", "15:20 – "
    r"^\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?|GMT|UTC|[A-Z]{2,4})?\s*[-–—:]\s+"
)


# a title's or an abbreviation's full stop is not the end of a name: "according to Dr. Mounir al-Boursh"
_ABBREV = re.compile(
    r"\b(Dr|Gen|Col|Lt|Maj|Brig|Capt|Cpt|Mr|Mrs|Ms|Prof|Sgt|Sen|Rep|Gov|Lt\. Gen)\.(?=\s+[A-Z])"
)


# The patterns _find_attribution tries on the whole sentence, each run only when the sentence holds
# one of the words every match of it needs (``text.prefilter``: one automaton pass for all).
_TOLD_BY = re.compile(
    r"\b(?:was|were|had been|has been)\s+(?:\w+\s+)?told by ([^,.;:]+?)(?:\s+that\b|[,.;:]|$)"
)
# "Preliminary findings from the UN mission (UNAMA) indicate that ...": the body whose findings
_FINDINGS = re.compile(
    r"\b(?i:findings|figures|data|records|documentation|investigations?|reports?|statements?|tallies|"
    r"tally|count|monitoring)\s+(?:from|by|of)\s+((?:the\s+)?[A-Z][^,.;:]{1,120}?)\s+"
    r"(?:indicate|indicated|show|showed|shows|suggest|suggests|suggested|found|reveal|revealed)\b"
)
# "..., with a monitor saying at least 17 had been killed", "..., the ministry saying that ...":
# the party of the participle clause that carries the toll
_SAYING = re.compile(
    r"(?:\bwith\s+|[,;]\s+)(?!with\b)((?:the\s+|a\s+|an\s+)?(?:[\w'’.-]+\s+){0,6}?[\w'’.-]+)\s+saying\b",
    re.I,
)
_CITING = re.compile(r"\bciting ([^,.;:]+)", re.I)
_CONFIRMED_BY = re.compile(r"\bconfirmed by ((?:(?! (?:as|who|which|that|to|in|on|after)\b)[^,.;:])+)", re.I)
# a quotation, then its speaker: '"... 31 civilians," Liz Throssell, spokeswoman for the UN human rights
# office, said on Friday.' / '"...," Colville said.' / '"...," it said.'
# (a scare quote inside a clause — 'forces have “massacred” more than 90 people, ..., the
# watchdog said' — is no quotation: the quoted words end with their own punctuation, or a comma
# follows the closing mark)
_QUOTE_THEN_SPEAKER = re.compile(
    rf"(?:[,.!?…]\s*[”\"]\s*,?|[”\"]\s*,)\s*([^”\"\s][^”\"]{{1,200}}?),?\s+(?:{_VERBS})\b{_TAIL}[.!]?\s*$"
)
# inverted trailing: '..., said Ibrahim Abu Laith, a spokesman for the White Helmets.' / '"...," said X.'
_SAID_THEN_SPEAKER = re.compile(
    r"[,”\"]\s*(?:said|says|reported|reports|announced|wrote|added|"
    r"according to|told (?:Reuters|AFP|AP|Al Jazeera|reporters))\s+"
    # a name in quotes inside the speaker ('..., reported the pro-opposition “We are all Houran martyrs”
    # news network on its Facebook page.') is part of it
    r"((?:(?:a|an|the)\s+)?[A-Za-z](?:[^\"“”]|[“\"][^\"“”]{1,80}[”\"]){2,140}?)[.!]?\s*$"
)
# trailing: "..., its health directorate said late on Friday." / "...," X said.
_TRAILING = re.compile(rf"[,”\"]\s*([^,”\"]{{2,100}}?)\s+(?:{_VERBS})\b{_TAIL}[.!]?\s*$")
_TRAILING_LONG = re.compile(
    rf"[,”\"]\s*([^,”\"]{{2,160}}?(?:,[^,”\"]{{2,80}}?)*)\s+(?:{_VERBS})\b{_TAIL}[.!]?\s*$"
)
# leading: "X said/told Reuters (that) ..." — the subject before the first reporting verb
_SPEAKER_FIRST = re.compile(rf"^(.{{2,200}}?)\s+(?:has |have |had )?(?:{_VERBS})\b(?:\s+{_MEDIA})?")
# "what they say are", "they say", "activists say" inside the sentence → the sentence's subject
_THEY_SAY = re.compile(r"\b(?:what )?(they|he|she|\w+)\s+(?:say|says|said|claim)\b")
_GROUP_SAYS = re.compile(
    r"\b(activists|residents|witnesses|medics|rescuers|monitors|sources)\s+(?:say|said|reported|told)", re.I
)
_ON_THE_SENTENCE = PatternSet(
    [_ACCORDING, _TOLD_BY, _FINDINGS, _SAYING, _CITING, _CONFIRMED_BY, _QUOTE_THEN_SPEAKER,
     _SAID_THEN_SPEAKER, _TRAILING, _TRAILING_LONG, _SPEAKER_FIRST, _THEY_SAY, _GROUP_SAYS]
)  # fmt: skip


def _find_attribution(sentence: str, previous: str | None = None) -> str | None:
    s = _ABBREV.sub(r"\1", _DATELINE.sub("", sentence.strip()))
    maybe = _ON_THE_SENTENCE.present(s)
    m = _ACCORDING.search(s) if _ACCORDING in maybe else None
    if m and not re.match(r"(?:its|their|his|her|our)\b", m.group(1).strip(), re.I):
        return canonical_party(_clean_np(m.group(1)))
    m = _TOLD_BY.search(s) if _TOLD_BY in maybe else None
    if m:
        return canonical_party(_clean_np(m.group(1)))
    m = _FINDINGS.search(s) if _FINDINGS in maybe else None
    if m:
        return canonical_party(_clean_np(m.group(1)))
    m = _SAYING.search(s) if _SAYING in maybe else None
    if m and not _CLAUSE.search(m.group(1)) and _PARTY_WORD.search(m.group(1)):
        return canonical_party(_clean_np(m.group(1)))
    m = _CITING.search(s) if _CITING in maybe else None
    if m:
        return canonical_party(_clean_np(m.group(1)))
    m = _CONFIRMED_BY.search(s) if _CONFIRMED_BY in maybe else None
    if m:
        return canonical_party(_clean_np(m.group(1)))
    m = _QUOTE_THEN_SPEAKER.search(s) if _QUOTE_THEN_SPEAKER in maybe else None
    if m and not _CLAUSE.search(m.group(1)) and not _WHEN.match(m.group(1)):
        if _PRONOUN.match(m.group(1).strip()):
            return previous
        return canonical_party(_clean_np(m.group(1)))
    m = _SAID_THEN_SPEAKER.search(s) if _SAID_THEN_SPEAKER in maybe else None
    # how they said it is not part of the test for a clause ("said X in a report published on Monday")
    who = _QUOTED_NAME.sub("Q", _HOW_AFTER.sub("", m.group(1))) if m else ""  # ("We are all ...": a name)
    if (
        m
        and who
        and not re.search(r"\b(?:was|were|is|are|had|has|have|would|will|that)\b", who)
        and not _CLAUSE.search(who)
        and not re.match(r"(?:its|their|his|her|our)\b", who, re.I)
        and not _WHEN.match(who)
    ):
        return canonical_party(_clean_np(m.group(1)))
    m = _TRAILING.search(s) if _TRAILING in maybe else None
    if m and re.match(r"^(?:a|an)\s", m.group(1)) and not _PARTY_WORD.search(m.group(1)[:3] + m.group(1)[3:]):
        m = None
    if m is None:
        m = _TRAILING_LONG.search(s) if _TRAILING_LONG in maybe else None
    if m and not re.search(r"\b(?:that|who|which)\b", m.group(1)):
        np = m.group(1)
        if _PRONOUN.match(np.strip()):
            return previous
        return canonical_party(_clean_np(np))
    m = _SPEAKER_FIRST.search(s) if _SPEAKER_FIRST in maybe else None
    if m:
        np = m.group(1)
        if re.search(r"\b(?:have|has|had|is|are|was|were|will|would)\s+\w+ed\b", np):
            np = ""  # a clause, not a noun phrase: "Aid workers ... have pleaded ... what they say"
        inner = re.search(r"\b(?:after|that|when|as|while|because|since)\s+(.+)$", np)
        if inner and not re.search(r"\b(?:official|spokes|representative)\b", np.split(inner.group(0))[0]):
            np = inner.group(1)
        np = re.sub(r"^(?:unconfirmed |unverified )?reports?\b.*", "", np, flags=re.I)
        if _REPORTS_OF_NOBODY.match(np.strip()):
            np = ""  # "Credible reports indicate ...", "Initial reports had five dead": reports cite nobody
        if np.strip() and _PRONOUN.match(np.strip()):
            return previous
        if not np.strip():
            pass
        elif re.search(r"\b(?:reportedly|unconfirmed)\b", np, re.I) or len(np) > 160:
            return None
        else:
            return canonical_party(_clean_np(np))
    m = _THEY_SAY.search(s) if _THEY_SAY in maybe else None
    if m and m.group(1).lower() in ("they", "he", "she"):
        subj = re.match(r"^([A-Z][^,]{2,80}?)\s+(?:inside|in|from|at|have|has|had|who|are|were)\b", s)
        if subj:
            return canonical_party(subj.group(1))
    m = _GROUP_SAYS.search(s) if _GROUP_SAYS in maybe else None
    if m:
        return m.group(1).lower()
    return None


_DENIED = re.compile(
    r"\b(?:denied|denies|deny|denial|rejected (?:the )?(?:claims?|reports?|allegations?)|"
    r"dismissed (?:the )?(?:claims?|reports?|allegations?)|refut(?:ed|es)|fabricated|not true|untrue|"
    r"baseless|unfounded|(?:were|was|are|is) false|still (?:operating|working|"
    r"functioning|open))\b",
    re.I,
)
_UNCONFIRMED = re.compile(
    r"\b(?:unconfirmed|unverified|could not (?:be )?(?:independently )?(?:verified|confirmed|"
    r"verify|confirm)|cannot (?:be )?(?:independently )?(?:verified|confirmed)|not (?:been )?"
    r"(?:able to )?(?:independently )?(?:verified|confirmed)|reportedly|allegedly|alleged|"
    r"purportedly|supposedly|ostensibly|rumou?r(?:s|ed)?|accuse[sd]?|claims? (?:that|of)|suggested|"
    # "is said to have killed", "it is claimed that": the hedges of the reportedly family
    r"(?:is|are|was|were) (?:said|reported|alleged|claimed|rumou?red) to have|"
    r"it (?:is|was) (?:claimed|alleged|rumou?red))\b",
    re.I,
)
_CONFIRMED = re.compile(
    r"(?<!un)\b(?:confirmed|confirms|confirm|verified|"
    # the responsible party admits it (annotation.md, certainty): "the Coalition later conceded causing 27
    # deaths", "NATO has admitted a US airstrike may have caused", "acknowledged responsibility for"
    r"(?:admit(?:s|ted)?|conceded?|concedes|acknowledg(?:ed|es|e)) (?=that\b|having\b|causing\b|killing\b|"
    r"responsibility\b|(?:its|their|an?|the) |(?:\w+ ){0,2}(?:strike|airstrike|raid|attack|forces|troops)\b)|"
    r"(?:accepted|accepts|took|takes) (?:full )?responsibility\b)",
    re.I,
)


# A hedge or a denial about WHO did it leaves the claim's core (that it happened, its toll) as reported
# (annotation.md, "certainty — its scope"): "allegedly by regime forces", "believed to be Russian jets",
# "accused the coalition of carrying out the strike", "said X was responsible – a claim X denied".
_ACTOR = (
    r"(?:by\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:forces|warplanes|jets|aircraft|planes|helicopters|army|"
    r"militias?|militants|coalition|regime|government|rebels|troops|soldiers|group|fighters|drones?)"
)
_WHO_HEDGE = re.compile(
    rf"\b(?:allegedly|reportedly|apparently|presumably|purportedly|supposedly|ostensibly)\s+"
    rf"(?:carried out\s+|launched\s+|fired\s+)?by\b|"
    rf"\b(?:alleged|suspected|believed to (?:be|have been)|thought to (?:be|have been)|"
    rf"said to (?:be|have been))\s+"
    rf"{_ACTOR}|"
    r"\baccus(?:ed|es|e|ing)\s+[^,.;]{1,60}?\s+of\s+(?:carrying out|being behind|launching|conducting|"
    r"responsibility|committing|the (?:attack|strike|raid|bombing|shelling))|"
    # "denied any involvement" is about who; "denied carrying out any executions" denies the event
    r"\b(?:denied|denies|deny|rejected)\s+(?:any\s+)?(?:responsibility|involvement|being behind)|"
    r"\bwas responsible\b[^.;]{0,30}?[–—-]\s*a claim\b[^.;]*?\bdenied\b|"
    # "aid trucks were denied access / entry", "a denial of access": the harm itself (access denied),
    # not a denial of the claim
    r"\b(?:denied|denies|deny|denying|denial of)\s+(?:humanitarian\s+|them\s+|it\s+)?"
    r"(?:access|entry|passage|permission|permits?|clearance)\b",
    re.I,
)
# the text doubts the toll or the event itself: "it was investigating reports that 50 to 80 had died"
_DOUBT = re.compile(
    r"\b(?:investigating (?:reports|claims|allegations)|working to (?:verify|confirm)|"
    r"seeking to (?:verify|confirm)|"
    r"trying to (?:verify|confirm)|could not (?:immediately )?(?:verify|confirm)|"
    r"has not (?:yet )?been (?:independently )?(?:verified|confirmed))\b",
    re.I,
)


def find_certainty(sentence: str) -> str:
    """confirmed / reported / unconfirmed / denied, from the words of the sentence.

    A hedge or denial whose scope is only the perpetrator does not count (see ``_WHO_HEDGE``).
    """
    core = _WHO_HEDGE.sub(" ", sentence)
    if _DENIED.search(core):
        return "denied"
    if _UNCONFIRMED.search(core) or _DOUBT.search(core):
        return "unconfirmed"
    m = _CONFIRMED.search(sentence)
    # "not confirmed", "never verified"; "The UN confirmed" is the United Nations, not a prefix "un"
    if m and not re.search(
        r"\b(?:not|(?-i:un)|never|yet to)\s*(?:be\s+|been\s+)?$", sentence[: m.start()], re.I
    ):
        return "confirmed"
    return "reported"

"""Origins: who first asserted a claim, so five outlets quoting one statement count once.

In: ``SourcedClaim`` values and (for copy detection) the ``Report`` bodies they came from.
Out: the same claims with ``origin`` filled — the canonical name of the party the claim
is attributed to ("SOHR said" → "Syrian Observatory for Human Rights"), else the origin
group of its report: declared by hand on the Source (a wire and its subscribers), else the
group of copies and light rewrites found by MinHash over word shingles (``datasketch``'s
MinHashLSH), named after the earliest report of the group, else the report's own source.
Never: reads or writes the database; never looks at protected fields.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from datasketch import MinHash, MinHashLSH

from tawthiq.entities import Report, SourcedClaim, SourceKind

from ._arabic import fold_arabic, has_arabic

__all__ = [
    "ALIASES",
    "Party",
    "claim_report_key",
    "credited_wire",
    "find_copies",
    "group_by_origin",
    "normalize_party",
    "party_kind",
    "passed_on",
    "per_origin",
    "read_per_origin",
    "report_key",
]


@dataclass(frozen=True)
class Party:
    name: str  # canonical, as shown in a rationale
    kind: SourceKind
    patterns: tuple[str, ...]  # regexes on the folded attribution; "=" first: case-sensitive, as written


# Order matters: the first party whose pattern matches wins ("UN human rights office"
# before the bare "UN"). Public bodies and officials speaking for them only.
ALIASES: tuple[Party, ...] = (
    Party(
        "UN human rights office (OHCHR)",
        "un",
        (
            r"\bohchr\b",
            r"\bun(ited nations)?'?s? (high commissioner|human rights office|office .*human rights)",
            # the short names outlets use: "the UN rights office", "UN rights chief", "UN human rights
            # chief", "UN rights spokesperson Rupert Colville" (were "United Nations": another origin)
            r"\bun(ited nations)?'?s? (human )?rights (office|chief|spokes\w*|commissioner|boss|head)\b",
            r"\bhuman rights office\b",
            r"\bhigh commissioner for human rights\b",
            r"\bcolville\b",
            r"\bun'?s? commission(er)? for human rights\b",
            r"\bzeid\b",
            r"مفوض.*حقوق انسان",
            r"مكتب .*حقوق انسان",
            r"كولفيل",
        ),
    ),
    Party(
        "UN Commission of Inquiry on Syria",
        "un",
        (r"\bcommission of inquiry\b", r"\bpinheiro\b", r"لجنه (تحقيق|دوليه مستقله)"),
    ),
    Party(
        "World Health Organization",
        "un",
        (r"\bworld health organi[sz]ation\b", r"=\bWHO\b", r"\bhoff\b", r"منظمه صحه عالميه"),
    ),
    Party("UNICEF", "un", (r"\bunicef\b", r"يونيسيف|يونيسف")),
    Party(
        "UN OCHA",
        "un",
        (
            r"\bocha\b",
            r"\bun humanitarian\b",
            r"\bo'?brien\b",
            r"\begeland\b",
            r"\bun aid\b",
            r"\bcoordination of humanitarian affairs\b",
            r"شوون انسانيه",
            r"اوتشا",
        ),
    ),
    Party("ICRC (Red Cross)", "ngo", (r"\bicrc\b", r"\bred cross\b", r"\bsedky\b", r"صليب احمر")),
    Party("Syrian Arab Red Crescent", "ngo", (r"\bred crescent\b", r"\bsarc\b", r"هلال احمر")),
    Party(
        "Syrian Observatory for Human Rights",
        "ngo",
        (
            r"\bsohr\b",
            r"\bsyrian observatory\b",
            r"\bthe observatory\b",
            r"\bobservatory\b",
            r"\brami abdel?[- ]rahman\b",
            r"britain[- ]based monitor",
            r"\bمرصد\b",
            r"رامي عبد ?رحمن",
        ),
    ),
    Party(
        "Syrian Network for Human Rights",
        "ngo",
        (r"\bsnhr\b", r"\bsyrian network for human rights\b", r"شبكه سوريه"),
    ),
    Party(
        "Violations Documentation Center",
        "ngo",
        (r"\bvdc\b", r"\bviolations documentation cent", r"مركز توثيق انتهاكات"),
    ),
    # The civil defence in Syria; other countries' civil defence (Iraq's, Gaza's) is another body.
    Party(
        "Syrian Civil Defence (White Helmets)",
        "ngo",
        (
            r"\bwhite helmets\b",
            r"^(the )?(syria[n]? )?civil defen[cs]e\b(?! in (iraq|gaza|ukraine|yemen))",
            r"\bsyria civil defen[cs]e\b",
            r"\b(idlib|aleppo|douma|ghouta|homs|hama|daraa|deraa|raqqa|syrian) civil defen[cs]e\b",
            r"\bselmo\b",
            r"^(ال)?دفاع مدني(?! (عراقي|في غزه|فلسطيني))",
            r"خوذ بيض",
        ),
    ),
    Party("Human Rights Watch", "ngo", (r"\bhrw\b", r"\bhuman rights watch\b", r"هيومن رايتس")),
    Party("Amnesty International", "ngo", (r"\bamnesty\b", r"عفو دوليه")),
    Party(
        "Medecins Sans Frontieres",
        "ngo",
        # the folding drops ء: "أطباء" is "اطبا"
        (r"\bmsf\b", r"\bmedecins sans frontieres\b", r"\bdoctors without borders\b", r"اطباء? بلا حدود"),
    ),
    Party(
        "Syrian American Medical Society",
        "ngo",
        (r"\bsams\b", r"\bsyrian american medical society\b", r"سامز", r"جمعيه طبيه سوريه (امريكيه|اميركيه)"),
    ),
    Party(
        "Local Coordination Committees",
        "ngo",
        (r"\blocal co-?ordination committees\b", r"\blcc\b", r"لجان تنسيق محليه"),
    ),
    Party(
        "Raqqa is Being Slaughtered Silently",
        "ngo",
        (r"\braqqa is being slaughtered silently\b", r"\brbss\b", r"رقه تذبح بصمت"),
    ),
    Party("Aleppo Media Center", "ngo", (r"\baleppo media cent(er|re)\b", r"\bamc\b", r"مركز حلب اعلامي")),
    # the coalition against the Islamic State in Syria and Iraq (not the Saudi-led coalition in Yemen)
    Party(
        "US-led coalition",
        "government",
        (
            r"\b(us|u\.s\.|american|washington)[- ]led (international |military )?coalition\b",
            r"\binternational coalition\b",
            r"\bcoalition against (the )?(isis|isil|is|islamic state|daesh)\b",
            r"\bcjtf[- ]oir\b",
            r"\boperation inherent resolve\b",
            r"^(ال)?تحالف دولي",
            r"تحالف (دولي )?(بقياده|تقوده) (امريكيه|اميركيه|واشنطن|ولايات متحده)",
        ),
    ),
    Party("Aleppo health directorate", "other", (r"\bhealth directorate\b", r"مديريه صحه")),
    # Wires: "AFP reported" with nobody quoted is the wire's own voice.
    Party("AFP", "wire", (r"\bafp\b", r"\bagence france[- ]presse\b", r"فرانس برس", r"=\(?ا ف ب\)?")),
    Party("Reuters", "wire", (r"\breuters\b", r"رويترز")),
    Party("Associated Press", "wire", (r"=^(the )?AP$", r"\bassociated press\b", r"اسوشيتد برس")),
    Party(
        "Syrian government",
        "government",
        (
            r"\bsyrian (army|military|government|regime|state|foreign ministry|authorities)\b",
            r"\bstate (television|tv|media|news agency)\b",
            r"\bsana\b",
            r"\bdamascus\b",
            r"\bassad\b",
            r"\bgovernment (forces|source|official)s?\b",
            r"\bmilitary source\b",
            r"سانا",
            r"وكاله انبا سوريه",  # ء is dropped by the folding
            r"اعلام (رسمي|سوري)",
            r"تلفزيون (سوري|رسمي)",
            r"(جيش|حكومه|نظام) سوري(?! حر)",
            r"مصدر عسكري",
            r"قوات حكوميه",
            r"وزاره (خارجيه|دفاع) سوريه",
        ),
    ),
    Party(
        "Russian government",
        "government",
        (
            r"\brussia(n)? ?(defen[cs]e ministry|ministry of defen[cs]e|military|government)?\b",
            r"\bkremlin\b",
            r"\bmoscow\b",
            r"\bkonashenkov\b",
            r"\blavrov\b",
            r"روسيا|روسيه|كرملين|موسكو|كوناشينكوف|لافروف",
        ),
    ),
    Party(
        "US government",
        "government",
        (
            r"=^(the )?U\.?S\b",
            r"\bunited states\b",
            r"\bstate department\b",
            r"\bpentagon\b",
            r"\bwashington\b",
            r"\bkerry\b",
            r"\bwhite house\b",
            r"ولايات متحده|واشنطن|بنتاغون|بيت ابيض|خارجيه امريكيه",
        ),
    ),
    Party("Ahrar al-Sham", "other", (r"\bahrar\b", r"احرار شام")),
    Party(
        "Levant Front (Jabha Shamiya)", "other", (r"\bjabha shamiya\b", r"\blevant front\b", r"جبهه شاميه")
    ),
    Party("Free Syrian Army", "other", (r"\bfree syrian army\b", r"\bfsa\b", r"جيش سوري حر")),
    Party(
        "United Nations",
        "un",
        (
            r"\bunited nations\b",
            r"\bun\b",
            r"\bu\.n\b",
            r"\bban ki[- ]moon\b",
            r"\bde mistura\b",
            r"\blaerke\b",
            r"\bdujarric\b",
            r"امم متحده",
            r"بان كي مون",
            r"دي ميستورا",
        ),
    ),
)

# Unnamed speakers: "activists said" in two outlets are two different people, so such
# an attribution is an origin only within the report's own origin group.
_GENERIC = re.compile(
    r"^(local |opposition |syrian |rebel |medical |aid |rescue |some |other |several |"
    r"a |an |the |two |three |many |unnamed |anonymous )*"
    r"(activists?|residents?|witness(es)?|sources?|officials?|doctors?|medics?|aid workers?|"
    r"rescuers?|monitors?|journalists?|people|locals?|fighters?|rebels?|opposition|"
    r"health officials?|medical sources?|a health official|groups?|workers?)\b"
)


# Unnamed speakers written in Arabic (folded: no article, ة → ه): ناشطون، مصادر محلية، أهالي ...
_GENERIC_AR = re.compile(
    r"^(و)?(ناشط|نشطاء|مصدر|مصادر|شهود|شاهد|سكان|اهالي|اهل|مسعف|اطباء|طبيب|مسوول|مسوولين|"
    r"ناشطين|ناشطون|مراسل|صفحات|مواقع|وسائل اعلام|اعلام محلي|تنسيقيات)"
)


def _fold(text: str) -> str:
    if has_arabic(text):
        text = fold_arabic(text)
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = s.replace("’", "'")
    return " ".join(s.split())


@lru_cache(maxsize=65536)
def normalize_party(attributed_to: str | None) -> str | None:
    """The canonical name of a known party, or the cleaned attribution; None when empty.

    >>> normalize_party("SOHR")
    'Syrian Observatory for Human Rights'
    >>> normalize_party("the UN human rights office")
    'UN human rights office (OHCHR)'
    """
    if not attributed_to or not attributed_to.strip():
        return None
    folded = _fold(attributed_to)
    for party in ALIASES:
        if any(_hit(p, folded, attributed_to) for p in party.patterns):
            return party.name
    cleaned = re.sub(r"^(the|a|an)\s+", "", attributed_to.strip(), flags=re.I)
    return cleaned[:1].upper() + cleaned[1:]


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern[1:] if pattern.startswith("=") else pattern)


def _hit(pattern: str, folded: str, written: str) -> bool:
    target = written.strip() if pattern.startswith("=") else folded
    return _compiled(pattern).search(target) is not None


def party_kind(name: str | None) -> SourceKind | None:
    for party in ALIASES:
        if party.name == name:
            return party.kind
    return None


def per_origin(speaker: str, base: str) -> str:
    """The origin of an unnamed speaker: as the origin that carries it gives it ("Activists in
    the city (per Aleppo activists network)"). The web writes it in the page's language from its
    parts (:func:`read_per_origin`). A speaker that is the base itself (an outlet citing "our
    field team" when it is "Our field team") is the base, said once: not "Our field team (per Our
    field team)"; its independence was the base's already (``_grades._independence_key``)."""
    if _clean(speaker).casefold() == _clean(base).casefold():
        return base
    return f"{speaker} (per {base})"


_PER_ORIGIN = re.compile(r"(?P<speaker>.+?) \(per (?P<base>.+)\)", re.S)


def read_per_origin(origin: str) -> tuple[str, str] | None:
    """``(speaker, base)`` of an origin :func:`per_origin` wrote, else None."""
    m = _PER_ORIGIN.fullmatch(origin)
    return (m["speaker"], m["base"]) if m else None


@lru_cache(maxsize=65536)
def _is_generic(attributed_to: str) -> bool:
    """An unnamed speaker: a known word for one ("activists", "medical sources"), or no
    proper name at all ("two relatives of the victims", "a nurse at a field clinic")."""
    if normalize_party(attributed_to) in {p.name for p in ALIASES}:
        return False
    if has_arabic(attributed_to):  # no capitals to show a proper name: known words only
        return bool(_GENERIC_AR.match(_fold(attributed_to)))
    if _GENERIC.match(_fold(attributed_to)):
        return True
    words = re.findall(r"[^\W\d_]+", attributed_to)
    return not any(w[:1].isupper() for w in words[1:])


# ---------------------------------------------------------------- wire credits

# A report that credits a wire in its dateline or its credit line is a rewrite of the wire's
# story: what it says in its own voice is the wire's. Looked for only where a credit stands
# (the first and the last few hundred characters), never in the running text, where "Reuters
# reported" may be one source among several.
_WIRE_CREDITS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "AFP",
        re.compile(r"\(AFP\)|[-–—]\s*AFP\b|\bAFP\s*[-–—]|Agence France[- ]Presse|\(أ\s*ف\s*ب\)|فرانس برس"),
    ),
    ("Reuters", re.compile(r"\(Reuters\)|[-–—]\s*Reuters\b|\bReuters\s*[-–—]|\(رويترز\)|رويترز\s*[-–—]")),
    ("Associated Press", re.compile(r"\(AP\)|[-–—]\s*AP\b|\bAP\s*[-–—]|\(ا\s*ب\)")),
    (
        "Syrian government",
        re.compile(r"\(سانا\)|[-–—]\s*سانا\b|\bسانا\s*[-–—]|\(SANA\)|[-–—]\s*SANA\b|\bSANA\s*[-–—]"),
    ),
)
_CREDIT_REACH = 400


def credited_wire(body: str | None) -> str | None:
    """The wire a report credits in its dateline or credit line ("BEIRUT (AFP) -", "— Reuters",
    "دمشق-سانا"), as the canonical origin name; None when it credits none or several."""
    if not body:
        return None
    text = body.strip()
    where = text[:_CREDIT_REACH] + "\n" + text[-_CREDIT_REACH:]
    found = [name for name, pattern in _WIRE_CREDITS if pattern.search(where)]
    return found[0] if len(found) == 1 else None


# ---------------------------------------------------------------- copies and rewrites


def _shingles(text: str, k: int = 3) -> set[bytes]:
    words = re.findall(r"[^\W_]+", _fold(text))
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def report_key(r: Report) -> str:
    """A report's identity: its file's SHA-256 and its id (the messages of one chat export
    share the file's hash), or its part in the file when it has no id yet."""
    return f"{r.sha256}#{r.id}" if r.id is not None else f"{r.sha256}#p{r.part}"


def claim_report_key(sc: SourcedClaim) -> str:
    """The :func:`report_key` of a claim's report."""
    return f"{sc.report.sha256}#{sc.report_id}" if sc.report_id is not None else f"{sc.report.sha256}#p0"


def find_copies(reports: Iterable[Report], *, threshold: float = 0.4, num_perm: int = 128) -> dict[str, str]:
    """Map each report's key (:func:`report_key`) to the key of the earliest report it copies.

    Reports whose word-3-shingle sets have an estimated Jaccard similarity of at least
    ``threshold`` are one group (transitively); a lightly edited wire story keeps most
    three-word runs of the original. Reports alone in their group map to themselves.
    """
    reps = [r for r in reports if r.body and r.status != "duplicate"]
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    hashes: dict[str, MinHash] = {}
    template = MinHash(num_perm=num_perm, seed=7)  # permutations drawn once, shared by all
    for r in reps:
        sh = _shingles(r.body)
        if len(sh) < 5 or report_key(r) in hashes:
            continue
        m = MinHash(num_perm=num_perm, seed=7, permutations=template.permutations, scheme=template.scheme)
        m.update_batch(list(sh))
        hashes[report_key(r)] = m
        lsh.insert(report_key(r), m)
    parent = {sha: sha for sha in hashes}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for sha, m in hashes.items():
        for other in lsh.query(m):
            if other != sha and m.jaccard(hashes[other]) >= threshold:
                parent[root(other)] = root(sha)
    when = {report_key(r): (r.published_at or date.max, report_key(r)) for r in reps}
    groups: dict[str, list[str]] = {}
    for sha in hashes:
        groups.setdefault(root(sha), []).append(sha)
    out = {report_key(r): report_key(r) for r in reps}
    for members in groups.values():
        first = min(members, key=lambda s: when[s])
        for sha in members:
            out[sha] = first
    return out


def group_by_origin(
    claims: Sequence[SourcedClaim],
    reports: Iterable[Report] = (),
    *,
    threshold: float = 0.4,
    copies: dict[str, str] | None = None,
) -> list[SourcedClaim]:
    """Fill each claim's ``origin``: attributed party, else declared group, else copy group, else source.

    ``copies`` (from :func:`find_copies`) may be given when already computed. A report that
    credits a wire (:func:`credited_wire`) has the wire as its own origin.
    """
    claims = list(claims)
    reports = list(reports)
    if copies is None:
        copies = find_copies(reports, threshold=threshold)
    wires = {report_key(r): w for r in reports if (w := credited_wire(r.body))}
    # a report's own origin: declared on its Source, else that of the first report it copies
    own: dict[str, str] = {}
    for sc in claims:
        key = claim_report_key(sc)
        own.setdefault(key, sc.origin_group or wires.get(key) or _label(sc))
    report_origin: dict[str, str] = {}
    for sc in claims:
        sha = claim_report_key(sc)
        if sc.origin_group:
            report_origin[sha] = sc.origin_group
        elif sha in wires:
            report_origin[sha] = wires[sha]
        else:
            first = copies.get(sha, sha)
            report_origin[sha] = own.get(first, _label(sc))
    out = []
    for sc in claims:
        base = report_origin[claim_report_key(sc)]
        att = sc.claim.attributed_to
        if att and att.strip():
            origin = per_origin(_clean(att), base) if _is_generic(att) else normalize_party(att)
        else:
            origin = base
        out.append(sc.model_copy(update={"origin": origin}))
    return out


def _clean(att: str) -> str:
    att = re.sub(r"^(the|a|an)\s+", "", " ".join(att.split()), flags=re.I)
    return _nominative_ar(att) if has_arabic(att) else att


# an unnamed Arabic speaker is written in the case its sentence gives it: "قال ناشطون" (nominative),
# "بحسب ناشطين" (genitive). One speaker, one origin (issue 16 item 4): the head noun and the plural
# adjectives after it take the nominative ending (ين → ون), the rest is kept as written.
_SOUND_PLURAL_AR = re.compile(r"^(و?)(\S{3,}?)ين$")
_GENERIC_HEAD_AR = re.compile(
    r"^و?(?:ناشط|مسعف|مسؤول|مسوول|مراسل|مواطن|مصور|مقاتل|معارض|متطوع|عامل|موظف|شاهد)ين$"
)


def _nominative_ar(att: str) -> str:
    """The nominative of an unnamed speaker: "ناشطين محليين" → "ناشطون محليون"; others unchanged."""
    words = att.split(" ")
    if not words or not _GENERIC_HEAD_AR.match(fold_arabic(words[0])):
        return att
    out = [_SOUND_PLURAL_AR.sub(r"\1\2ون", words[0])]
    for i, w in enumerate(words[1:], 1):
        if not fold_arabic(w).endswith("يين"):  # a nisba adjective's plural (محليين، ميدانيين) agrees
            out.extend(words[i:])
            break
        out.append(_SOUND_PLURAL_AR.sub(r"\1\2ون", w))
    return " ".join(out)


def _label(sc: SourcedClaim) -> str:
    if sc.source_label:
        return known_party(sc.source_label) or sc.source_label
    return sc.report.title or sc.report.file or sc.report.sha256[:12]


@lru_cache(maxsize=4096)
def known_party(label: str) -> str | None:
    """The canonical name of the known party an outlet's label names, else None: "MSF Middle East",
    "Doctors Without Borders USA" → Medecins Sans Frontieres; "Syria Civil Defence (White Helmets)" and a
    claim attributed to "the civil defence" → one origin. Only the label's own name counts, not what
    a note in brackets says it carries ("Ahram Online (AFP)" stays Ahram Online: wires are
    credited from the text, :func:`credited_wire`)."""
    head = re.split(r"\s[(\[]|\s+via\s|[,;]", label, maxsplit=1)[0].strip()
    if not head:
        return None
    folded = _fold(head)
    for party in ALIASES:
        if any(_hit(p, folded, head) for p in party.patterns):
            return party.name
    return None


# ---------------------------------------------------------------- figures passed on


def _names_party(body_folded: str, body: str, party: str) -> bool:
    """Does a report's text name this party (by any of its aliases, or its name as written)?"""
    for p in ALIASES:
        if p.name == party:
            return any(_hit(pat, body_folded, body) for pat in p.patterns)
    return _fold(party) in body_folded


def passed_on(members: Sequence[SourcedClaim], bodies: dict[str, str]) -> list[SourcedClaim]:
    """The claims of one incident, an outlet's own-voice figure counted under the named party
    it passes on.

    A rewrite may give a statement's figure in its own voice ("at least 82 civilians were
    killed ... the UN human rights office said", the attribution missed or cut): its claim has
    no speaker and would count as the outlet's own origin, an independent one. When another
    report's claim of the same incident gives the very same figure under a named party, and
    the outlet's text names that party, the outlet is passing the party's figure on: the
    claim's origin is the party's. Unnamed speakers ("activists") are never credited so.
    """
    named: dict[tuple[int | None, int | None, str], set[tuple[str, str]]] = {}
    for sc in members:
        att, f = sc.claim.attributed_to, sc.claim.fatalities
        if not att or not att.strip() or _is_generic(att) or f is None or sc.origin is None:
            continue
        named.setdefault((f.low, f.high, f.qualifier), set()).add((sc.origin, claim_report_key(sc)))
    if not named:
        return list(members)
    out = []
    folded: dict[str, str] = {}
    for sc in members:
        f = sc.claim.fatalities
        att = sc.claim.attributed_to
        if f is not None and not (att and att.strip()) and sc.claim.certainty != "denied":
            key = claim_report_key(sc)
            body = bodies.get(key, "")
            parties = sorted({o for o, rk in named.get((f.low, f.high, f.qualifier), ()) if rk != key})
            if body and parties:
                fb = folded.setdefault(key, _fold(body))
                said = [o for o in parties if _names_party(fb, body, o)]
                if len(said) == 1:
                    sc = sc.model_copy(update={"origin": said[0]})
        out.append(sc)
    return out

"""Grades: confirmed / fair / weak / contested / discounted, each with its reason in plain words.

In: an ``Incident`` and its member ``SourcedClaim`` values (with ``origin`` filled).
Out: the incident with ``grade``, ``rationale`` and its phrases ``rationale_phrases`` set;
:func:`with_override` for an analyst's grade and reason; :func:`shown_rationale` for display
(the grade shown is ``Incident.effective_grade``).
Never: touches a database or the audit log (the store records overrides); pure.

Rules are values (:class:`Rule`): a grade, a name, and a test that returns the reason in
plain words when it fires. ``rule_a & rule_b`` fires when both do (reasons joined),
``rule_a | rule_b`` when either does. :data:`DEFAULT_RULES` is tried in order and the
first rule that fires gives the grade, after DESIGN.md's table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from tawthiq.entities import Grade, Incident, RationalePhrase, SourcedClaim

from ._numbers import counts_disagree, toll_update
from ._origins import party_kind
from ._parts import as_part, parts_within

__all__ = [
    "DEFAULT_RULES",
    "PERPETRATOR_SIDES",
    "RATIONALE_PHRASES",
    "Evidence",
    "Rule",
    "grade_incident",
    "rationale_text",
    "read_rationale",
    "say",
    "shown_rationale",
    "with_override",
]

_SIDES: tuple[tuple[str, str], ...] = (
    (r"\b(isis|isil|islamic state|daesh|daech)\b", "Islamic State"),
    (r"\b(sdf|ypg|kurdish|syrian democratic forces)\b", "Kurdish-led forces"),
    (r"\b(coalition|us-led|american|u\.s\.)\b", "US-led coalition"),
    (r"\b(turkish|turkey)\b", "Turkish forces"),
    (
        r"\b(rebels?|opposition|insurgents?|jihadists?|islamists?|nusra|fateh al-sham|ahrar|"
        r"free syrian army|fsa|armed groups?|militants?|terrorists?)\b",
        "armed opposition",
    ),
    (
        r"\b(government|regime|assad|syrian (army|forces|military|troops|jets|warplanes|air force)|"
        r"pro-government|loyalist|russian?|hezbollah|iran(ian)?|shiite|shia|militias?|"
        r"army|warplanes?|jets|helicopters?)\b",
        "pro-government forces",
    ),
)


def perpetrator_side(text: str) -> str | None:
    """The side a perpetrator string names ("Assad forces" → pro-government forces)."""
    t = text.lower()
    for pattern, side in _SIDES:
        if re.search(pattern, t):
            return side
    return None


def _independence_key(origin: str) -> str:
    """ "Activists (per Reuters)" leans on Reuters: it is not independent of Reuters' own voice."""
    m = re.search(r"\(per (.+)\)$", origin)
    return m.group(1) if m else origin


def _own_voice(sc: SourcedClaim) -> bool:
    return not (sc.claim.attributed_to or "").strip()


def _same_report(a: SourcedClaim, b: SourcedClaim) -> bool:
    return a.report.sha256 == b.report.sha256 and a.report_id == b.report_id


@dataclass(frozen=True)
class Evidence:
    """What the rules look at, computed once from an incident's member claims."""

    members: tuple[SourcedClaim, ...]
    origin_names: dict[str, str] = field(default_factory=dict)

    @cached_property
    def active(self) -> tuple[SourcedClaim, ...]:
        return tuple(sc for sc in self.members if sc.claim.review_status != "rejected")

    def origin(self, sc: SourcedClaim) -> str:
        return sc.origin or sc.source_label or sc.report.file or sc.report.sha256[:12]

    @cached_property
    def asserting(self) -> tuple[SourcedClaim, ...]:
        return tuple(sc for sc in self.active if sc.claim.certainty != "denied")

    @cached_property
    def denying(self) -> tuple[SourcedClaim, ...]:
        return tuple(sc for sc in self.active if sc.claim.certainty == "denied")

    @cached_property
    def supporting_origins(self) -> list[str]:
        """Origins with at least one claim stated without doubt (reported or confirmed)."""
        seen: dict[str, str] = {}
        for sc in self.asserting:
            if sc.claim.certainty in ("reported", "confirmed"):
                o = self.origin(sc)
                seen.setdefault(_independence_key(o), o)
        return list(seen.values())

    @cached_property
    def unconfirmed_origins(self) -> list[str]:
        sup = {_independence_key(o) for o in self.supporting_origins}
        out: list[str] = []
        for sc in self.asserting:
            o = self.origin(sc)
            if sc.claim.certainty == "unconfirmed" and _independence_key(o) not in sup and o not in out:
                out.append(o)
        return out

    def independent(self, a: SourcedClaim, b: SourcedClaim) -> bool:
        """Can these two claims disagree as two origins? Not when they have one origin, nor
        when one is the report's own voice beside a party it quotes (a report that states a
        toll and then gives its source's figure, or qualifies it, speaks once)."""
        if _independence_key(self.origin(a)) == _independence_key(self.origin(b)):
            return False
        return not (_same_report(a, b) and (_own_voice(a) or _own_voice(b)))

    @cached_property
    def outlets(self) -> list[str]:
        out: list[str] = []
        for sc in self.members:
            label = sc.source_label or sc.report.file or sc.report.sha256[:12]
            if label not in out:
                out.append(label)
        return out


Test = Callable[[Evidence], "str | None"]


@dataclass(frozen=True)
class Rule:
    """One grading rule: fires with a plain-words reason, or stays silent (None)."""

    grade: Grade
    name: str
    test: Test

    def __call__(self, ev: Evidence) -> str | None:
        return self.test(ev)

    def __and__(self, other: Rule) -> Rule:
        def both(ev: Evidence) -> str | None:
            a, b = self(ev), other(ev)
            return _joined(a, b) if a and b else None

        return Rule(self.grade, f"{self.name} and {other.name}", both)

    def __or__(self, other: Rule) -> Rule:
        return Rule(self.grade, f"{self.name} or {other.name}", lambda ev: self(ev) or other(ev))


# The rationale is made of these phrases only, joined by a space: fixed English templates
# filled with data (origin names, sides, figures, counts). The text is what is stored, printed
# and exported; the phrases are stored beside it as data (``Incident.rationale_phrases``), from
# which the web writes the same facts in another language. A list of names is joined by "; ".
RATIONALE_PHRASES: dict[str, str] = {
    "all_rejected": "All %(n)s claim(s) were rejected in review.",
    "denied": "Denied by %(deniers)s; asserted by %(asserters)s.",
    "toll_disagrees": "Origins disagree on the toll: %(a)s gives %(a_figure)s, %(b)s gives %(b_figure)s.",
    "perpetrators_disagree": (
        "Origins disagree on who did it: %(a)s blames %(a_sides)s, %(b)s blames %(b_sides)s."
    ),
    "authority_confirms": "Confirmed by %(origin)s.",
    "party_acknowledges": "Acknowledged by the responsible party: %(origin)s.",
    # before "independent_origins", whose pattern would take this one's ending as a name
    "independent_confirmed": "%(n)s independent origins: %(origins)s; at least one says it is confirmed.",
    "independent_origins": "%(n)s independent origins: %(origins)s.",
    "single_origin": "A single origin: %(origin)s.",
    "only_unconfirmed": "Only unconfirmed reports: %(origins)s.",
    "no_firm_origin": "No origin states it without doubt.",
    "also_unconfirmed": "Unconfirmed also by %(origins)s.",
    "outlet": "Reported by %(n)s outlet.",
    "outlets": "Reported by %(n)s outlets.",
}
_LIST_PARAMS = frozenset({"deniers", "asserters", "origins", "a_sides", "b_sides"})
PERPETRATOR_SIDES: tuple[str, ...] = tuple(side for _, side in _SIDES)


class Said(str):
    """Text of the rationale that knows the phrases it is made of (what :func:`say` returns), so
    the grader stores the phrases as data rather than parsing them back from the English. A rule
    may return plain text instead (a custom rule's reason): it becomes a phrase of key ""."""

    phrases: tuple[RationalePhrase, ...]

    def __new__(cls, text: str, phrases: tuple[RationalePhrase, ...]) -> Said:
        said = super().__new__(cls, text)
        said.phrases = phrases
        return said


def _phrases_of(text: str) -> tuple[RationalePhrase, ...]:
    if isinstance(text, Said):
        return text.phrases
    return (RationalePhrase(key="", values={"text": text}),) if text else ()


def _joined(*parts: str) -> Said:
    """Sentences of a rationale, joined by a space, with their phrases."""
    phrases = tuple(p for part in parts for p in _phrases_of(part))
    return Said(" ".join(parts), phrases)


def say(key: str, **params: object) -> Said:
    """The phrase ``key`` of :data:`RATIONALE_PHRASES` with its values (lists joined by "; ")."""
    values = {k: "; ".join(map(str, v)) if isinstance(v, list | tuple) else v for k, v in params.items()}
    kept = {k: tuple(map(str, v)) if isinstance(v, list | tuple) else v for k, v in params.items()}
    return Said(RATIONALE_PHRASES[key] % values, (RationalePhrase(key=key, values=kept),))


def rationale_text(phrases: Sequence[RationalePhrase]) -> str:
    """The English rationale written from its phrases: what the grader stores, the CLI prints
    and the exports carry (a phrase of key "" as its text)."""
    return " ".join(say(p.key, **p.values) if p.key else str(p.values["text"]) for p in phrases)


def _phrase_regex(template: str, *, start_only: bool = False) -> str:
    out, pos = [], 0
    for m in re.finditer(r"%\((\w+)\)s", template):
        out.append(re.escape(template[pos : m.start()]))
        if start_only and m.group(1) != "n":
            return "".join(out)
        if m.group(1) == "n":
            out.append(r"\d+" if start_only else r"(?P<n>\d+)")
        else:
            out.append(rf"(?P<{m.group(1)}>.+?)")
        pos = m.end()
    return "".join(out) + re.escape(template[pos:])


_PHRASE_RES = {k: re.compile(_phrase_regex(t)) for k, t in RATIONALE_PHRASES.items()}
# a phrase ends with "." and the next one starts with one of the phrases' fixed openings
_BETWEEN = re.compile(
    r"(?<=\.) (?=" + "|".join(_phrase_regex(t, start_only=True) for t in RATIONALE_PHRASES.values()) + ")"
)


def read_rationale(text: str) -> tuple[tuple[str, dict[str, object]], ...]:
    """A rationale read back into its phrases: ``(key, values)`` per phrase, a list of names as a
    tuple, a count as an int; a sentence no phrase makes (a custom rule's, an older build's) as
    ``("", {"text": sentence})``. ``say`` of each known phrase, joined by spaces, gives the text.

    Only for an incident stored before its phrases were (``Incident.rationale_phrases`` is None,
    migration 0004): a name holding "; " comes back as two names. The grader stores the phrases."""
    out: list[tuple[str, dict[str, object]]] = []
    for piece in _BETWEEN.split(text.strip()) if text.strip() else ():
        for key, rx in _PHRASE_RES.items():
            m = rx.fullmatch(piece)
            if m:
                values: dict[str, object] = {}
                for k, v in m.groupdict().items():
                    values[k] = int(v) if k == "n" else tuple(v.split("; ")) if k in _LIST_PARAMS else v
                out.append((key, values))
                break
        else:
            out.append(("", {"text": piece}))
    return tuple(out)


def _all_rejected(ev: Evidence) -> str | None:
    if ev.members and not ev.active:
        return say("all_rejected", n=len(ev.members))
    return None


def _denied(ev: Evidence) -> str | None:
    """Contested when an origin denies what an independent origin asserts; one source that
    reports an event and reports a denial of part of it does not contest itself."""
    pairs = [(d, a) for d in ev.denying for a in ev.asserting if ev.independent(d, a)]
    if not pairs:
        return None
    deniers = list(dict.fromkeys(ev.origin(d) for d, _ in pairs))
    asserters = list(dict.fromkeys(ev.origin(a) for _, a in pairs))
    return say("denied", deniers=deniers, asserters=asserters)


def _toll_disagrees(ev: Evidence) -> str | None:
    # a part of a larger figure of its own report ("his wife and son", "12 in the market") is a
    # floor of the toll, never a rival count (``_parts``)
    counted = [sc for sc in ev.asserting if sc.claim.fatalities is not None]
    parts = parts_within(counted)
    told = [
        (sc, as_part(n) if k in parts else n) for k, sc in enumerate(counted) if (n := sc.claim.fatalities)
    ]
    for i, (a, a_count) in enumerate(told):
        for b, b_count in told[i + 1 :]:
            if not ev.independent(a, b):
                continue
            if counts_disagree(a_count, b_count) and not toll_update(a, b):
                return say(
                    "toll_disagrees", a=ev.origin(a), a_figure=_fig(a), b=ev.origin(b), b_figure=_fig(b)
                )
    return None


def _fig(sc: SourcedClaim) -> str:
    c = sc.claim.fatalities
    assert c is not None
    words = {"at_least": "at least ", "more_than": "more than ", "up_to": "up to ", "about": "about "}
    if c.low is not None and c.high is not None and c.low != c.high:
        return f"{c.low}-{c.high}"
    return words.get(c.qualifier, "") + str(c.low if c.low is not None else c.high)


def _perpetrators_disagree(ev: Evidence) -> str | None:
    blaming = [
        (sc, sides)
        for sc in ev.asserting
        if (sides := {s for p in sc.claim.perpetrators if (s := perpetrator_side(p))})
    ]
    blamed: dict[str, set[str]] = {}
    for sc, sides in blaming:
        blamed.setdefault(_independence_key(ev.origin(sc)), set()).update(sides)
    for i, (a, _) in enumerate(blaming):
        for b, _ in blaming[i + 1 :]:
            ka, kb = _independence_key(ev.origin(a)), _independence_key(ev.origin(b))
            if ev.independent(a, b) and blamed[ka].isdisjoint(blamed[kb]):
                return say(
                    "perpetrators_disagree",
                    a=ka,
                    a_sides=sorted(blamed[ka]),
                    b=kb,
                    b_sides=sorted(blamed[kb]),
                )
    return None


# Bodies whose confirmation rests on an investigation of their own (DESIGN.md: "an
# authoritative investigation ... confirms it"), besides every UN body.
INVESTIGATORS = frozenset(
    {"Human Rights Watch", "Amnesty International", "UN Commission of Inquiry on Syria"}
)


def _authority_confirms(ev: Evidence) -> str | None:
    for sc in ev.asserting:
        o = ev.origin(sc)
        kind = party_kind(o) or (sc.source_kind if o == sc.source_label else None)
        if sc.claim.certainty == "confirmed" and (kind == "un" or o in INVESTIGATORS):
            return say("authority_confirms", origin=o)
    return None


def _responsible_party_acknowledges(ev: Evidence) -> str | None:
    for sc in ev.asserting:
        o = ev.origin(sc)
        if party_kind(o) != "government" and sc.source_kind != "government":
            continue
        speaker_side = perpetrator_side(o)
        sides = {perpetrator_side(p) for sc2 in ev.asserting for p in sc2.claim.perpetrators}
        if speaker_side and speaker_side in sides:
            return say("party_acknowledges", origin=o)
    return None


def _independent_confirmed(ev: Evidence) -> str | None:
    sup = ev.supporting_origins
    if len(sup) >= 2 and any(sc.claim.certainty == "confirmed" for sc in ev.asserting):
        return say("independent_confirmed", n=len(sup), origins=sup)
    return None


def _two_origins(ev: Evidence) -> str | None:
    sup = ev.supporting_origins
    if len(sup) >= 2:
        return say("independent_origins", n=len(sup), origins=sup)
    return None


def _one_origin(ev: Evidence) -> str:
    sup = ev.supporting_origins
    unc = ev.unconfirmed_origins
    if sup:
        text = say("single_origin", origin=sup[0])
    elif unc:
        text = say("only_unconfirmed", origins=unc)
    else:
        text = say("no_firm_origin")
    if sup and unc:
        text = _joined(text, say("also_unconfirmed", origins=unc))
    return text


DEFAULT_RULES: tuple[Rule, ...] = (
    Rule("discounted", "all claims rejected", _all_rejected),
    Rule("contested", "denied", _denied),
    Rule("contested", "toll disagrees", _toll_disagrees),
    Rule("contested", "perpetrator disagrees", _perpetrators_disagree),
    Rule("confirmed", "authority confirms", _authority_confirms),
    Rule("confirmed", "responsible party acknowledges", _responsible_party_acknowledges),
    Rule("confirmed", "independent origins, one confirmed", _independent_confirmed),
    Rule("fair", "two or more independent origins", _two_origins),
    Rule("weak", "single origin", _one_origin),
)


def grade_incident(
    incident: Incident, members: Sequence[SourcedClaim], rules: Sequence[Rule] = DEFAULT_RULES
) -> Incident:
    """Grade an incident from its members; the first rule that fires decides, with its reason."""
    ev = Evidence(tuple(members))
    grade: Grade = "weak"
    reason: str = _one_origin(ev)
    for rule in rules:
        said = rule(ev)
        if said:
            grade, reason = rule.grade, said
            break
    n = len(ev.outlets)
    phrases = _joined(reason, say("outlet" if n == 1 else "outlets", n=n)).phrases
    update = {"grade": grade, "rationale": rationale_text(phrases), "rationale_phrases": phrases}
    return incident.model_copy(update=update)


def with_override(incident: Incident, grade: Grade, reason: str) -> Incident:
    """An analyst's grade, kept beside the computed one (which is never lost)."""
    if not reason or not reason.strip():
        from tawthiq.errors import InputError

        raise InputError("an override needs a reason", field="reason")
    return incident.model_copy(update={"grade_override": grade, "override_reason": reason.strip()})


def shown_rationale(incident: Incident) -> str:
    if incident.grade_override:
        return (
            f"Analyst override to {incident.grade_override}: {incident.override_reason} "
            f"(computed: {incident.grade} — {incident.rationale})"
        )
    return incident.rationale

"""The seam types: what one stage hands to the next.

In: nothing (this module depends on no other tawthiq module).
Out: frozen pydantic models named as in DESIGN.md (Report, Claim, Incident, Source,
PersonRecord, Person, Place, Evidence, AuditEvent) and the vocabularies of
../shared/eval/CLAIMS.md, spelled exactly as there, one spelling from table to JSON.
Never: touches a database, a file or the network. Stages exchange these, never ORM rows.

A protected value (a source's real name, a chat sender, a witness) travels as
:class:`Protected`, whose ``repr``/``str`` never show the value: it can only be read
with :meth:`Protected.reveal`, so it cannot leak into a log line or a traceback by accident.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Any, Literal, get_args, overload

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator, model_validator

from tawthiq.text.bidi import strip_bidi

__all__ = [
    "CERTAINTIES",
    "CLAIM_ROLES",
    "DATE_PRECISIONS",
    "EVENT_FAMILIES",
    "EVENT_TYPES",
    "GRADES",
    "MAX_ID",
    "NOTE_STATUSES",
    "REPORT_STATUSES",
    "REVIEW_STATUSES",
    "SOURCE_KINDS",
    "USER_ROLES",
    "AgeOffset",
    "AuditEvent",
    "Certainty",
    "Claim",
    "ClaimKind",
    "ClaimRole",
    "Count",
    "DatePrecision",
    "DerivedFile",
    "Estimate",
    "EstimateReason",
    "EventType",
    "Evidence",
    "Fatalities",
    "Grade",
    "Incident",
    "IncidentFilter",
    "LinkResult",
    "LinkedPair",
    "MessageContact",
    "MissingNote",
    "NoteStatus",
    "PairDecision",
    "Person",
    "PersonRecord",
    "Place",
    "PlacePrecision",
    "PlaceRef",
    "Protected",
    "Qualifier",
    "RationalePhrase",
    "Report",
    "ReportRef",
    "ReportStatus",
    "ReviewStatus",
    "Source",
    "SourceCheckin",
    "SourceKind",
    "SourcedClaim",
    "TimeBasis",
    "TimePrecision",
    "TimeSpan",
    "UserRole",
    "date_text",
    "is_web_address",
    "partial_date",
    "read_sender_label",
    "sender_label",
]

# The largest id a stored entity can have: the tables' ids are INTEGER, a signed 32-bit integer on
# PostgreSQL (SQLite takes 64 bits). An id a user types (a CLI argument, a web path or form field) is
# checked against it before it is bound to a statement: past it PostgreSQL fails with "integer out
# of range" and SQLite (past 2**63) with OverflowError, where the user should read "no such record"
# (issues 18 and 21). No table holds more rows than this either, so it also bounds a row count
# or offset a user types (--limit, --offset, --last).
MAX_ID = 2**31 - 1

EventType = Literal[
    "attack.air_strike",
    "attack.shelling",
    "attack.chemical",
    "attack.ground",
    "attack.medical",
    "killing.execution",
    "detention.arbitrary",
    "disappearance.enforced",
    "displacement.forced",
    "siege.blockade",
    "evacuation",
    "humanitarian.access_denied",
    "territory.change",
    "armed.clash",
    "other",
]
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
# What an event-type filter may name besides a type: its family ("attack" for every
# "attack.*"); a type without one ("evacuation", "other") is its own family.
EVENT_FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(t.split(".", 1)[0] for t in EVENT_TYPES))

ClaimKind = Literal["incident", "tally", "status"]
Certainty = Literal["confirmed", "reported", "unconfirmed", "denied"]
CERTAINTIES: tuple[Certainty, ...] = get_args(Certainty)
PlacePrecision = Literal["exact", "neighbourhood", "town", "district", "governorate", "country"]
TimePrecision = Literal["day", "days", "week", "month", "year", "unknown"]
# How a claim's day was found (issue 15): told in its own sentence; borrowed from its paragraph (the
# day told last in it, the strike just told, the first source's account of the sentence); borrowed
# from the report's context beyond it (the event day a follow-up report tells); or its report's own
# day, for want of any. Corroboration reads a day borrowed from the context as loosely as a report's
# own day (docs/corroboration.md).
TimeBasis = Literal["sentence", "paragraph", "context", "report"]
Qualifier = Literal["exact", "about", "at_least", "more_than", "up_to", "vague"]
Grade = Literal["confirmed", "fair", "weak", "contested", "discounted"]
GRADES: tuple[Grade, ...] = get_args(Grade)
# An incident's member claims: the claims it rests on, those that dispute it, tallies beside it.
ClaimRole = Literal["supporting", "contradicting", "tally"]
CLAIM_ROLES: tuple[ClaimRole, ...] = get_args(ClaimRole)
ReviewStatus = Literal["unreviewed", "accepted", "corrected", "rejected"]
REVIEW_STATUSES: tuple[ReviewStatus, ...] = get_args(ReviewStatus)
ReportStatus = Literal["stored", "failed", "duplicate"]
REPORT_STATUSES: tuple[ReportStatus, ...] = get_args(ReportStatus)
# Web and API users, each role able to do what the ones before it can (web/_roles.py).
UserRole = Literal["viewer", "reviewer", "documenter", "admin"]
USER_ROLES: tuple[UserRole, ...] = get_args(UserRole)
SourceKind = Literal["ngo", "media", "wire", "un", "government", "individual", "social", "other"]
SOURCE_KINDS: tuple[SourceKind, ...] = get_args(SourceKind)
PersonStatus = Literal["killed", "detained", "missing", "injured", "unknown"]
# How much of a list's date is known (issue 17): "12/2016" is a month, "2016" a year. The date is
# kept as the first day of that period, never shown as that day (:func:`date_text`).
DatePrecision = Literal["day", "month", "year"]
DATE_PRECISIONS: tuple[DatePrecision, ...] = get_args(DatePrecision)


@overload
def date_text(value: date, precision: DatePrecision | None = None) -> str: ...
@overload
def date_text(value: None, precision: DatePrecision | None = None) -> None: ...
@overload
def date_text(value: date | None, precision: DatePrecision | None = None) -> str | None: ...
def date_text(value: date | None, precision: DatePrecision | None = None) -> str | None:
    """A date as ISO text at its precision: ``2016-12-13``, ``2016-12`` (month), ``2016`` (year).

    >>> date_text(date(2016, 12, 1), "month")
    '2016-12'
    """
    if value is None:
        return None
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def partial_date(text: str) -> tuple[date, DatePrecision]:
    """The inverse of :func:`date_text`: ``2016-12`` → (2016-12-01, ``month``). ValueError otherwise."""
    parts = text.split("-")
    if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
        return date(int(parts[0]), int(parts[1]), 1), "month"
    if len(parts) == 1 and len(text) == 4 and text.isdigit():
        return date(int(text), 1, 1), "year"
    return date.fromisoformat(text), "day"


_WEB_ADDRESS = re.compile(r"(?i)https?://[^\s/?#]+")


def is_web_address(url: str | None) -> bool:
    """Whether ``url`` is an ``http(s)://host…`` address: the only kind made a link or published
    (a report's ``URL:`` of another kind is kept as written; docs/ingest.md)."""
    return bool(url and _WEB_ADDRESS.match(url))


_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Protected:
    """A value that must never be printed: encrypted at rest, redacted everywhere else.

    ``str()``, ``repr()`` and ``format()`` give ``'‹protected›'``; only :meth:`reveal`
    returns the value, so every place that shows it is a deliberate, greppable call.
    """

    __slots__ = ("_value",)
    MASK = "‹protected›"

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return self.MASK

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return self.MASK

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Protected) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Protected", self._value))

    def __reduce__(self):  # pickling would be a way around the mask
        raise TypeError("Protected values are not picklable")

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any):
        from pydantic_core import core_schema

        def validate(v: Any) -> Protected:
            if isinstance(v, Protected):
                return v
            if isinstance(v, str):
                return Protected(v)
            raise TypeError("a protected value must be a string")

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda v: cls.MASK),
        )


# ---------------------------------------------------------------- places and time


class PlaceRef(BaseModel):
    """A place as a claim names it, resolved against the gazetteer when possible."""

    model_config = _FROZEN
    name: str
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision = "town"
    place_id: str | None = None  # gazetteer id, e.g. "aleppo-nbhd:fardous" or "SY02"
    name_ar: str | None = None

    def contract(self) -> dict[str, Any]:
        return {"name": self.name, "lat": self.lat, "lon": self.lon, "precision": self.precision}


class TimeSpan(BaseModel):
    model_config = _FROZEN
    start: date | None = None
    end: date | None = None
    precision: TimePrecision = "unknown"

    def contract(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision,
        }

    def text(self) -> str:
        """The span as a reader wants it: ``2016-12-12``, ``2016-11-30 – 2016-12-30``, ``2016-12``
        (a whole calendar month known to the month), ``2016`` (a whole year); empty if unknown."""
        s, e = self.start, self.end
        if s is None and e is None:
            return ""
        if s is not None and e is not None and s.day == 1:
            whole_month = (s.year, s.month) == (e.year, e.month) and (e + timedelta(days=1)).day == 1
            if self.precision in ("month", "year") and whole_month:
                return date_text(s, "month")
            if self.precision == "year" and (s.month, e.year, e.month, e.day) == (1, s.year, 12, 31):
                return date_text(s, "year")
        if e is None or s == e:
            return str(s)
        return f"{s or '…'} – {e}"


class Count(BaseModel):
    """A number as written: "at least 79" is low=79, high=None, qualifier=at_least."""

    model_config = _FROZEN
    low: int | None = None
    high: int | None = None
    qualifier: Qualifier = "exact"

    def contract(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "qualifier": self.qualifier}


class Fatalities(BaseModel):
    """An incident's toll from its claims: best/low/high, and the rule that made them."""

    model_config = _FROZEN
    best: int | None = None
    low: int | None = None
    high: int | None = None
    rule: str = ""
    claim_ids: tuple[int, ...] = ()  # the claims whose numbers made best/low/high


# ---------------------------------------------------------------- reports and claims


class Source(BaseModel):
    """Who gave us information. ``identity`` and ``contact`` are protected."""

    model_config = _FROZEN
    id: int | None = None
    label: str
    kind: SourceKind = "other"
    origin_group: str | None = None
    identity: Protected | None = None
    contact: Protected | None = None
    checkin_days: int | None = None


_SENDER_LABEL = re.compile(r"(?P<channel>[a-z0-9_]+) sender (?P<digest>[0-9a-f]{8})")


def sender_label(channel: str, digest: str) -> str:
    """The label ingest gives the source of a message whose sender no source was registered for:
    its channel and a short keyed digest of the sender, never the name ("chat sender 3f9a01bc").
    Stored, and printed by the CLI, as it is; the web writes it in the page's language from its
    parts (:func:`read_sender_label`)."""
    return f"{channel} sender {digest[:8]}"


def read_sender_label(label: str) -> tuple[str, str] | None:
    """``(channel, digest)`` of a label :func:`sender_label` wrote, else None (a label a person
    gave)."""
    m = _SENDER_LABEL.fullmatch(label)
    return (m["channel"], m["digest"]) if m else None


class SourceCheckin(BaseModel):
    """One source's check-in state, as the store reads it for ``sources.overdue_sources``."""

    model_config = ConfigDict(frozen=True)
    source_id: int
    label: str
    kind: str = "individual"
    checkin_days: int | None  # whole days, as stored (the column, Source and --days are integers)
    registered_at: datetime
    last_contact: datetime | None = None
    last_channel: str | None = None
    farewell: str | None = None  # the farewell pattern of the latest message, if any


class MessageContact(BaseModel):
    """A message that counts as contact with its sender's source (``sources.message_contacts``),
    as the store logs it: the sender (protected; matched to its source by a keyed digest, never in
    clear), when the contact happened and the farewell the message reads as, if any."""

    model_config = ConfigDict(frozen=True)
    report_id: int
    sender: Protected
    channel: str
    at: datetime
    farewell: str | None = None


class ReportRef(BaseModel):
    """How an incident's claim points back at its report (issue 4's `report` object)."""

    model_config = _FROZEN
    file: str | None = None
    sha256: str
    title: str | None = None
    url: str | None = None  # the report's URL:, as written: how a reader finds the original


class Report(BaseModel):
    """One document or message as ingested; ``status='failed'`` keeps what could not be parsed."""

    model_config = _FROZEN
    id: int | None = None
    sha256: str
    file_name: str | None = None
    media_type: str = "text/plain"
    size: int = 0
    channel: str = "file"  # file, html, email, chat, jsonl
    source_label: str | None = None
    source_id: int | None = None
    received_at: datetime | None = None
    published_at: date | None = None
    language: str | None = None
    title: str | None = None
    body: str = ""
    sender: Protected | None = None  # chat sender / e-mail From: protected
    status: ReportStatus = "stored"
    failure_reason: str | None = None
    part: int = 0  # index of the message within a multi-report file (chat export, JSONL)
    # How much of published_at is known (issue 17 item 5): "month" for "DATE: 2016-12", "year" for
    # "DATE: 2016", published_at being the first day of that period; "day" for a full date, None
    # without one. published_at stays a date in JSON; published_text shows it at its precision.
    published_precision: DatePrecision | None = None
    # The header block's address of the original (``URL:``), as written: an address that is not
    # http(s) is kept too (ingest warns), and shown as a link nowhere (issue 15 item 5).
    url: str | None = None
    # The header's other keys (``CONFLICT:``, ``SAME_EVENT_GROUP:``…), as written, in their order;
    # read-only. A key that names a person (``CONTACT:``, ``REPORTER:``) holds ``Protected.MASK``:
    # its value stays only in the sealed original (ingest.PERSON_KEYS, docs/ingest.md).
    metadata: Mapping[str, str] = Field(default_factory=lambda: MappingProxyType({}))

    @field_validator("metadata", mode="after")
    @classmethod
    def _read_only(cls, value: Mapping[str, str]) -> Mapping[str, str]:
        return value if isinstance(value, MappingProxyType) else MappingProxyType(dict(value))

    @field_validator("title", mode="after")
    @classmethod
    def _title_without_bidi_marks(cls, value: str | None) -> str | None:
        # a display field: a leading RLM (U+200F) copied from an Arabic page is dropped, as any bidi
        # control, whichever reader gave the title and in rows stored before; the body and the sealed
        # original keep theirs (spans index the body as stored; the original is evidence)
        if value is None:
            return None
        return strip_bidi(value) or None

    @field_serializer("metadata")
    def _metadata_dict(self, value: Mapping[str, str]) -> dict[str, str]:
        return dict(value)

    def __hash__(self) -> int:  # pydantic's frozen hash would hash the mapping, which has none
        return hash(tuple(tuple(v.items()) if k == "metadata" else v for k, v in self.__dict__.items()))

    @model_validator(mode="after")
    def _published_day_precision(self) -> Report:
        if self.published_precision is None and self.published_at is not None:
            object.__setattr__(self, "published_precision", "day")
        elif self.published_at is None and self.published_precision is not None:
            object.__setattr__(self, "published_precision", None)
        return self

    @property
    def published_text(self) -> str | None:
        """``published_at`` at its precision: ``2016-12-13``, ``2016-12`` (month), ``2016`` (year)."""
        return date_text(self.published_at, self.published_precision)


class Claim(BaseModel):
    """One assertion in one report, with the exact quote and span it came from."""

    model_config = _FROZEN
    kind: ClaimKind = "incident"
    event_type: EventType = "other"
    quote: str = ""
    span: tuple[int, int] = (0, 0)
    places: tuple[PlaceRef, ...] = ()
    time: TimeSpan = Field(default_factory=TimeSpan)
    fatalities: Count | None = None
    injured: Count | None = None
    victims: tuple[str, ...] = ()
    perpetrators: tuple[str, ...] = ()
    attributed_to: str | None = None
    certainty: Certainty = "reported"
    method: str = "rules"
    confidence: float = 0.5
    id: int | None = None
    report_id: int | None = None
    review_status: ReviewStatus = "unreviewed"
    # how ``time`` was found (:data:`TimeBasis`); None when not said (hand-made, Arabic rules, stored).
    # Internal: not in the CLAIMS.md contract (``contract()``), whose time object is start/end/precision.
    time_basis: TimeBasis | None = None

    def contract(self) -> dict[str, Any]:
        """The claim exactly as ../shared/eval/CLAIMS.md prints it."""
        return {
            "kind": self.kind,
            "event_type": self.event_type,
            "quote": self.quote,
            "span": list(self.span),
            "places": [p.contract() for p in self.places],
            "time": self.time.contract(),
            "fatalities": self.fatalities.contract() if self.fatalities else None,
            "injured": self.injured.contract() if self.injured else None,
            "victims": list(self.victims),
            "perpetrators": list(self.perpetrators),
            "attributed_to": self.attributed_to,
            "certainty": self.certainty,
        }


class SourcedClaim(BaseModel):
    """A claim with what corroboration must know of its report and source (issue 4).

    ``origin_group`` is declared by hand on the Source (a wire service and its
    subscribers); ``origin`` is filled by ``corroborate.group_by_origin``.
    """

    model_config = _FROZEN
    claim: Claim
    report: ReportRef
    report_id: int | None = None
    published: date | None = None
    source_label: str | None = None
    source_kind: SourceKind = "other"
    origin_group: str | None = None
    origin: str | None = None


class RationalePhrase(BaseModel):
    """One sentence of a grade's rationale as data: the ``key`` of a phrase of
    ``corroborate.RATIONALE_PHRASES`` with the ``values`` it is filled with (a list of names as a
    tuple, a count as an int, a figure as written: "at least 79"). A sentence no phrase makes (a
    custom rule's reason) has the key "" and its text in ``values["text"]``.

    The English text (stored, printed, exported) and the web's Arabic are both written from
    these, so a name holding "; " or ". " is never split, and a change of wording in one language
    cannot break the other (issue 18)."""

    model_config = _FROZEN
    key: str
    values: dict[str, int | str | tuple[str, ...]] = Field(default_factory=dict)


class Incident(BaseModel):
    """One real-world event: its claims (supporting and contradicting) and its grade."""

    model_config = _FROZEN
    id: int | None = None
    kind: ClaimKind = "incident"  # "status" for a state of affairs told by several claims
    key: str = ""  # stable id derived from member claims, so re-runs keep ids
    event_type: EventType = "other"
    places: tuple[PlaceRef, ...] = ()
    time: TimeSpan = Field(default_factory=TimeSpan)
    fatalities: Fatalities = Field(default_factory=Fatalities)
    grade: Grade = "weak"
    rationale: str = ""
    # the rationale's phrases; None for an incident stored before they were (migration 0004):
    # readers then read them back from the text (corroborate.read_rationale). Left out of every
    # model_dump (the analyst's JSON, the dossier keep their fields): the pages write them.
    rationale_phrases: tuple[RationalePhrase, ...] | None = Field(default=None, exclude=True)
    origins: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    claim_ids: tuple[int, ...] = ()
    contradicting_claim_ids: tuple[int, ...] = ()
    tally_claim_ids: tuple[int, ...] = ()
    grade_override: Grade | None = None
    override_reason: str | None = None

    @property
    def effective_grade(self) -> Grade:
        """The grade shown everywhere: the analyst's override, else the computed grade."""
        return self.grade_override or self.grade

    def claim_role(self, claim_id: int | None) -> ClaimRole:
        """How a member claim stands in this incident (the pages and the dossier show it)."""
        if claim_id in self.contradicting_claim_ids:
            return "contradicting"
        return "tally" if claim_id in self.tally_claim_ids else "supporting"


# ---------------------------------------------------------------- people


@dataclass(frozen=True)
class IncidentFilter:
    """What the incidents list, the map, the timeline and ``tawthiq incidents`` filter on (all
    optional): the one query model of incident filters, hashable (a cache key of the web).

    Two executors answer it, with the same meaning: SQL (``store.browse``) and the web's
    in-memory index (``web/_index.py``, every field but ``place``). :meth:`problem` is the one
    check of its values (the web's query string; ``tawthiq incidents`` checks only the grade).

    - ``grade``: the grade shown, :attr:`Incident.effective_grade` (an analyst's override wins);
    - ``event_type``: a type (``attack.air_strike``) or a family (``attack``: every type in it),
      see :attr:`family` and :attr:`exact_type`;
    - ``place``: text in the incident's places (a name, an Arabic name, a gazetteer id);
    - ``date_from``: incidents ending (else starting) on or after this day;
    - ``date_to``: incidents starting on or before this day. An undated incident passes no date.
    """

    grade: str | None = None
    event_type: str | None = None
    place: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def family(self) -> str | None:
        """The event family asked for (``event_type`` without a dot), else ``None``."""
        return self.event_type if self.event_type and "." not in self.event_type else None

    @property
    def exact_type(self) -> str | None:
        """The one event type asked for (``event_type`` with a dot), else ``None``."""
        return self.event_type if self.event_type and "." in self.event_type else None

    def problem(self) -> str | None:
        """The first field whose value cannot be asked, in the order ``grade`` (not one of
        :data:`GRADES`), ``event_type`` (neither one of :data:`EVENT_TYPES` nor of
        :data:`EVENT_FAMILIES`), ``date_from`` (after ``date_to``); ``None`` when all can."""
        if self.grade and self.grade not in GRADES:
            return "grade"
        if self.event_type and self.event_type not in EVENT_TYPES and self.event_type not in EVENT_FAMILIES:
            return "event_type"
        if self.date_from and self.date_to and self.date_from > self.date_to:
            return "date_from"
        return None


class PersonRecord(BaseModel):
    """A person as one list gives them. Names in Arabic script and/or Latin."""

    model_config = _FROZEN
    id: int | None = None
    list_name: str
    record_id: str
    name_ar: str | None = None
    name_latin: str | None = None
    given_name: str | None = None
    father_name: str | None = None
    grandfather_name: str | None = None
    family_name: str | None = None
    sex: Literal["m", "f"] | None = None
    age: int | None = None
    birth_date: date | None = None
    event_date: date | None = None
    place: str | None = None
    # Identity-document number (national ID, passport) and residence address, as the list
    # writes them: strong linkage evidence, never public (policy.ALWAYS_PROTECTED).
    national_id: str | None = None
    address: str | None = None
    status: PersonStatus = "unknown"
    row: int | None = None  # line or row in the imported file, for error messages
    # Missing persons (issue 8): where and when last seen, and how ("crossed at Bustan al-Qasr").
    last_seen_date: date | None = None
    last_seen_place: str | None = None
    circumstances: str | None = None
    # How much of birth_date / event_date the list gives (issue 17): "month" for "12/2016", "year"
    # for "2016", the date being the first day of that period; "day" for a full date, None without
    # one. JSON shows the date at its precision ("2016-12"), and reads it back the same way.
    birth_date_precision: DatePrecision | None = None
    event_date_precision: DatePrecision | None = None

    @model_validator(mode="before")
    @classmethod
    def _partial_dates(cls, data: Any) -> Any:
        """Read "2016-12" / "2016" (as JSON shows them) as the period's first day and its precision."""
        if type(data) is dict:
            ev, bd = data.get("event_date"), data.get("birth_date")
            if (type(ev) is str and len(ev) < 10) or (type(bd) is str and len(bd) < 10):
                data = dict(data)
                for field in ("birth_date", "event_date"):
                    value = data.get(field)
                    if type(value) is str and len(value) < 10:
                        data[field], data[f"{field}_precision"] = partial_date(value)
        return data

    @model_validator(mode="after")
    def _day_precision(self) -> PersonRecord:
        # a date given without its precision is a full date; no date, no precision. Set on the
        # frozen model while it is being built (written out: this runs for every record loaded).
        if self.event_date_precision is None:
            if self.event_date is not None:
                object.__setattr__(self, "event_date_precision", "day")
        elif self.event_date is None:
            object.__setattr__(self, "event_date_precision", None)
        if self.birth_date_precision is None:
            if self.birth_date is not None:
                object.__setattr__(self, "birth_date_precision", "day")
        elif self.birth_date is None:
            object.__setattr__(self, "birth_date_precision", None)
        return self

    @property
    def event_date_text(self) -> str | None:
        """``event_date`` at its precision, for display: ``2016-12`` for a month."""
        return date_text(self.event_date, self.event_date_precision)

    @field_serializer("birth_date", when_used="json")
    def _birth_date_json(self, value: date | None) -> str | None:
        return date_text(value, self.birth_date_precision)

    @field_serializer("event_date", when_used="json")
    def _event_date_json(self, value: date | None) -> str | None:
        return date_text(value, self.event_date_precision)


NoteStatus = Literal[
    "",
    "information_sought",
    "believed_alive",
    "believed_missing",
    "believed_dead",
    "is_note_author",
    "detained_acknowledged",
    "detained_denied",
]
NOTE_STATUSES: tuple[NoteStatus, ...] = get_args(NoteStatus)  # "" is a note that only informs


class MissingNote(BaseModel):
    """One entry in a missing person's status history (PFIF 1.4 note, plus detention statuses).

    The current status is derived from the notes (:func:`tawthiq.people.missing.current_status`),
    never overwritten. ``confidential`` notes never leave the workspace.
    """

    model_config = _FROZEN
    id: int | None = None
    note_record_id: str
    person_record_id: int | None = None  # PersonRecord.id in this workspace
    status: NoteStatus = ""
    author_name: str = ""
    author_email: Protected | None = None
    author_phone: Protected | None = None
    source_date: datetime
    entry_date: datetime | None = None
    source: str | None = None  # list, organisation or record the note rests on
    author_made_contact: bool | None = None
    last_known_location: str | None = None
    text: str = ""
    linked_person_record_id: str | None = None
    confidential: bool = False

    def shown_json(self) -> dict[str, Any]:
        """The note as a documenter's JSON shows it (``people missing show --json``,
        ``/missing.json``): every field but the author's e-mail and phone, which are protected
        (the page says only whether they are there)."""
        return self.model_dump(mode="json", exclude={"author_email", "author_phone"})


class Person(BaseModel):
    """Linked records that are one human being."""

    model_config = _FROZEN
    id: int | None = None
    key: str = ""
    record_ids: tuple[int, ...] = ()
    status: PersonStatus = "unknown"


# ---------------------------------------------------------------- linkage results
# A linkage result holds record ids and weights only, never names or other record contents,
# so it can be logged or shown without leaking who the people are.

PairDecision = Literal["match", "review", "non_match"]


class LinkedPair(BaseModel):
    """Two records (``PersonRecord.id``) and how strongly the linker thinks they are one person.

    ``weights`` are the per-comparison match weights (log2 Bayes factors, splink's ``mw_*``
    columns, term-frequency adjustment included), for the review screen; ``probability`` is the
    final match probability after the deterministic passes; ``reason`` says which stage
    decided (``model``, ``exact_key``, ``label``, ``sibling_guard`` …).
    """

    model_config = _FROZEN
    a: int
    b: int
    probability: float
    weight: float
    decision: PairDecision
    weights: dict[str, float] = {}
    reason: str = "model"


class AgeOffset(BaseModel):
    """``list_name``'s ages from ``ages_from`` to ``ages_to`` are ``years`` off ``other_list``'s.

    ``years`` is signed: such an age of ``list_name`` minus ``years`` is the age
    ``other_list`` gives. ``pairs`` confident pairs show it, out of ``large`` confident pairs whose ages
    differ by more than ``_link_lists.TOLERANCE`` years and ``confident`` confident pairs in all.
    """

    model_config = _FROZEN
    list_name: str
    other_list: str
    years: int
    ages_from: int
    ages_to: int
    pairs: int
    large: int
    confident: int


class LinkResult(BaseModel):
    """Every scored candidate pair above the review floor, and the persons (clusters) they make.

    ``clusters`` holds every record id exactly once (singletons included), each cluster
    sorted, clusters sorted by their first id, so re-runs give the same order.
    """

    model_config = _FROZEN
    pairs: tuple[LinkedPair, ...] = ()
    clusters: tuple[tuple[int, ...], ...] = ()
    match_threshold: float = 0.9
    review_threshold: float = 0.5
    backend: str = "duckdb"
    age_offsets: tuple[AgeOffset, ...] = ()
    """Systematic age offsets found between the lists (see ``docs/linkage.md``); usually none."""

    @property
    def matches(self) -> tuple[LinkedPair, ...]:
        return tuple(p for p in self.pairs if p.decision == "match")

    @property
    def review(self) -> tuple[LinkedPair, ...]:
        """Uncertain pairs for the review queue (between the two thresholds, unlabelled)."""
        return tuple(p for p in self.pairs if p.decision == "review")


class EstimateReason(BaseModel):
    """Why an estimate did not converge, as data: the ``code`` of a sentence of
    ``estimate.REASON_CODES`` and the ``values`` it is written from (counts as ints, R-hat and ESS as
    figures, list pairs as a tuple of names); ``first`` is, for a total or a linkage-averaged
    estimate, the reason of the first stratum or draw that did not converge.

    The English ``Estimate.reason`` (printed by the CLI, saved) and the web's Arabic are both
    written from it, as a grade's rationale is from its phrases (issue 18)."""

    model_config = _FROZEN
    code: str
    values: dict[str, Any] = Field(default_factory=dict)
    first: EstimateReason | None = None


class Estimate(BaseModel):
    """An estimated total (people documented or not) with its 95% interval, from one method (issue 6).

    ``N`` is the point estimate (posterior median for ``lcmcr``, model-averaged MLE for ``loglinear``);
    ``low``/``high`` the 95% interval (``high`` None when unbounded); ``observed`` the people on at least
    one list. ``strata`` holds one Estimate per stratum when the total is their sum; ``N`` is None when a
    stratum could not be estimated (the reason is in ``diagnostics["error"]``).

    ``status`` is ``did_not_converge`` when the sampler's chains disagree (R-hat) or hold too few
    independent draws (ESS): the numbers are then not an estimate and must be shown as "did not converge"
    with ``reason`` (why, and what to try), never as a figure (issue 20).
    """

    model_config = _FROZEN
    method: str
    N: int | None
    low: int | None
    high: int | None
    observed: int
    status: Literal["ok", "did_not_converge"] = "ok"
    reason: str | None = None
    why: EstimateReason | None = None  # ``reason`` as data (the web writes it in its language)
    stratum: str | None = None
    lists: tuple[str, ...] = ()
    diagnostics: dict[str, Any] = Field(default_factory=dict)
    strata: tuple[Estimate, ...] = ()


# ---------------------------------------------------------------- gazetteer, evidence, audit


class Place(BaseModel):
    """A gazetteer entry, with where its facts came from and under which licence."""

    model_config = _FROZEN
    id: str
    name_en: str
    name_ar: str | None = None
    variants: tuple[str, ...] = ()
    kind: str  # country, governorate, district, subdistrict, town, neighbourhood, landmark
    parent_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    source: str = ""
    licence: str = ""


class Evidence(BaseModel):
    """A stored original file, content-addressed by SHA-256."""

    model_config = _FROZEN
    sha256: str
    media_type: str
    size: int
    captured_at: datetime
    file_name: str | None = None


class DerivedFile(BaseModel):
    """A working copy or redaction of an original, stored beside it and linked back (issue 9)."""

    model_config = _FROZEN
    id: int | None = None
    sha256: str
    original_sha256: str
    kind: Literal["working", "redacted"] = "working"
    media_type: str = "application/octet-stream"
    size: int = 0
    file_name: str | None = None
    note: str | None = None
    actor: str = "cli"
    created_at: datetime | None = None


class AuditEvent(BaseModel):
    """Who did what, when; each event carries the hash of the one before it."""

    model_config = _FROZEN
    id: int | None = None
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    before_hash: str | None = None
    after_hash: str | None = None
    detail: str | None = None
    reason: str | None = None  # why a protected value was shown (``evidence.view``)
    prev_hash: str
    hash: str

    @field_serializer("at")
    def _iso(self, v: datetime) -> str:
        return v.isoformat()

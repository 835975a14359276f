"""The database schema: SQLAlchemy 2 declarative models, one per core entity of DESIGN.md.

In: nothing but SQLAlchemy. Out: ``Base`` (with a MetaData naming convention, so Alembic
names every constraint the same way on SQLite and PostgreSQL) and the mapped classes.
Never: imported by a stage other than ``store``; stages exchange ``entities.py`` models,
and the functions in ``store`` convert rows to entities at the edge.

Protected values (a source's identity and contact, a chat or e-mail sender, a witness)
are stored only as AES-256-GCM ciphertext in ``LargeBinary`` columns named ``*_enc``;
``store/_crypto.py`` seals and opens them. JSON columns use ``sqlalchemy.JSON``, which is
TEXT on SQLite and ``json`` on PostgreSQL.

Other engineers append tables for their stage at the end of this file (small edits), then
run ``scripts/regen_initial_migration.py`` (pre-release: one initial revision).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "ApiTokenRow",
    "AuditEventRow",
    "Base",
    "ClaimRow",
    "DerivedFileRow",
    "EvidenceRow",
    "IncidentClaimRow",
    "IncidentRow",
    "InquiryRow",
    "MissingNoteRow",
    "PersonListRow",
    "PersonPairDecisionRow",
    "PersonPairRow",
    "PersonRecordLinkRow",
    "PersonRecordRow",
    "PersonRow",
    "PfifFieldsRow",
    "PlaceRow",
    "ReportRow",
    "SourceContactRow",
    "SourceIndexRow",
    "SourceRow",
    "UserRow",
    "WebSessionRow",
]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JsonList = JSON  # a list of objects; an explicit alias so the intent reads in the models


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads it as a class attribute
        datetime: DateTime(timezone=True),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


# ---------------------------------------------------------------- sources and reports


class SourceRow(Base):
    """Who gave us information. ``identity_enc`` and ``contact_enc`` are ciphertext only."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="other")
    origin_group: Mapped[str | None] = mapped_column(String(200))
    identity_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    contact_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    checkin_days: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]


class EvidenceRow(Base):
    """A stored original file, content-addressed: the bytes live under ``evidence/ab/cdef…``."""

    __tablename__ = "evidence"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    captured_at: Mapped[datetime]
    file_name: Mapped[str | None] = mapped_column(String(500))


class ReportRow(Base):
    """One document or message, or one failed intake (``status='failed'`` with its reason).

    A multi-message file (chat export, JSON lines) gives one row per message, sharing the
    file's ``sha256`` and numbered by ``part``.
    """

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("sha256", "part"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="stored", index=True)
    failure_reason: Mapped[str | None] = mapped_column(Text)
    file_name: Mapped[str | None] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    media_type: Mapped[str] = mapped_column(String(100), default="text/plain")
    channel: Mapped[str] = mapped_column(String(20), default="file")
    part: Mapped[int] = mapped_column(Integer, default=0)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    received_at: Mapped[datetime]
    published_at: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    sender_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    # "month" or "year" when the report gives no more (published_at is the period's first day),
    # "day" for a full date, NULL without a date (entities.Report, migration 0003)
    published_precision: Mapped[str | None] = mapped_column(String(5))
    # The header's URL: and its other keys as [key, value] pairs in their order (a list, not an
    # object: PostgreSQL's JSONB would reorder keys); NULL for rows stored before (migration 0005)
    url: Mapped[str | None] = mapped_column(Text)
    header_metadata: Mapped[list[Any] | None] = mapped_column(JsonList)


# ---------------------------------------------------------------- claims and incidents


class ClaimRow(Base):
    """One assertion in one report, with the exact quote and its character span."""

    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    event_type: Mapped[str] = mapped_column(String(40), index=True)
    places: Mapped[list[Any]] = mapped_column(JsonList, default=list)
    time_start: Mapped[date | None] = mapped_column(Date)
    time_end: Mapped[date | None] = mapped_column(Date)
    time_precision: Mapped[str] = mapped_column(String(10), default="unknown")
    # how the day was found (Claim.time_basis; NULL: not said, and rows from before 0006)
    time_basis: Mapped[str | None] = mapped_column(String(10))
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    fatalities_qualifier: Mapped[str | None] = mapped_column(String(20))
    injured_low: Mapped[int | None] = mapped_column(Integer)
    injured_high: Mapped[int | None] = mapped_column(Integer)
    injured_qualifier: Mapped[str | None] = mapped_column(String(20))
    victims: Mapped[list[Any]] = mapped_column(JsonList, default=list)
    perpetrators: Mapped[list[Any]] = mapped_column(JsonList, default=list)
    attributed_to: Mapped[str | None] = mapped_column(String(300))
    certainty: Mapped[str] = mapped_column(String(20), default="reported")
    method: Mapped[str] = mapped_column(String(40), default="rules")
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    review_status: Mapped[str] = mapped_column(String(20), default="unreviewed")


class IncidentRow(Base):
    """One real-world event, graded, with the rationale for its grade."""

    __tablename__ = "incidents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    event_type: Mapped[str] = mapped_column(String(40), index=True)
    places: Mapped[list[Any]] = mapped_column(JsonList, default=list)
    time_start: Mapped[date | None] = mapped_column(Date)
    time_end: Mapped[date | None] = mapped_column(Date)
    time_precision: Mapped[str] = mapped_column(String(10), default="unknown")
    fatalities_best: Mapped[int | None] = mapped_column(Integer)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    fatalities_rule: Mapped[str] = mapped_column(Text, default="")
    grade: Mapped[str] = mapped_column(String(20), default="weak")
    rationale: Mapped[str] = mapped_column(Text, default="")
    # [{"key": …, "values": {…}}] (entities.RationalePhrase); NULL: stored before 0004
    rationale_phrases: Mapped[list[Any] | None] = mapped_column(JsonList)
    origins: Mapped[list[Any]] = mapped_column(JsonList, default=list)
    outlets: Mapped[list[Any]] = mapped_column(JsonList, default=list)
    grade_override: Mapped[str | None] = mapped_column(String(20))
    override_reason: Mapped[str | None] = mapped_column(Text)


class IncidentClaimRow(Base):
    """Which claims an incident rests on: ``role`` is supporting, contradicting or tally."""

    __tablename__ = "incident_claims"
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), default="supporting")


# ---------------------------------------------------------------- places and people


class PlaceRow(Base):
    """A gazetteer entry, with where its facts came from and under which licence."""

    __tablename__ = "places"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(300))
    name_ar: Mapped[str | None] = mapped_column(String(300))
    variants: Mapped[list[Any]] = mapped_column(JsonList, default=list)
    kind: Mapped[str] = mapped_column(String(30))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("places.id"), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(300), default="")
    licence: Mapped[str] = mapped_column(String(200), default="")


class PersonRecordRow(Base):
    """A person as one list gives them; ``(list_name, record_id)`` is unique."""

    __tablename__ = "person_records"
    __table_args__ = (UniqueConstraint("list_name", "record_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_name: Mapped[str] = mapped_column(String(200))
    record_id: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str | None] = mapped_column(String(500))
    name_latin: Mapped[str | None] = mapped_column(String(500))
    given_name: Mapped[str | None] = mapped_column(String(200))
    father_name: Mapped[str | None] = mapped_column(String(200))
    grandfather_name: Mapped[str | None] = mapped_column(String(200))
    family_name: Mapped[str | None] = mapped_column(String(200))
    sex: Mapped[str | None] = mapped_column(String(1))
    age: Mapped[int | None] = mapped_column(Integer)
    birth_date: Mapped[date | None] = mapped_column(Date)
    event_date: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(300))
    national_id: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), default="unknown")
    row: Mapped[int | None] = mapped_column(Integer)
    last_seen_date: Mapped[date | None] = mapped_column(Date)
    last_seen_place: Mapped[str | None] = mapped_column(String(300))
    circumstances: Mapped[str | None] = mapped_column(Text)
    # "month" or "year" when the list gave no more (the date is the period's first day), "day"
    # for a full date, NULL without a date (entities.PersonRecord, migration 0002)
    birth_date_precision: Mapped[str | None] = mapped_column(String(5))
    event_date_precision: Mapped[str | None] = mapped_column(String(5))


class PersonRow(Base):
    """Linked records that are one human being."""

    __tablename__ = "persons"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="unknown")


class PersonRecordLinkRow(Base):
    """Which records make up a person (a record belongs to at most one person)."""

    __tablename__ = "person_record_links"
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("person_records.id", ondelete="CASCADE"), primary_key=True
    )
    match_probability: Mapped[float | None] = mapped_column(Float)
    __table_args__ = (UniqueConstraint("record_id"),)


# ---------------------------------------------------------------- audit


class AuditEventRow(Base):
    """One link of the hash chain (see ``store/audit.py``).

    ``prev_hash`` is unique, so two writers can never fork the chain: the second one to
    append after the same event fails its transaction instead.
    """

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    object_type: Mapped[str] = mapped_column(String(100))
    object_id: Mapped[str] = mapped_column(String(200))
    before_hash: Mapped[str | None] = mapped_column(String(64))
    after_hash: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)
    # Why a protected value was shown (``evidence.view``), as the person gave it; never the value.
    reason: Mapped[str | None] = mapped_column(String(500))
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)


Index("ix_audit_events_object", AuditEventRow.object_type, AuditEventRow.object_id)


# ---------------------------------------------------------------- people: lists and review (issue 5)


class PersonListRow(Base):
    """One imported list: may it name a person twice (the same-list constraint); its last import."""

    __tablename__ = "person_lists"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    has_duplicates: Mapped[bool] = mapped_column(default=False)
    file_name: Mapped[str | None] = mapped_column(String(500))
    sha256: Mapped[str | None] = mapped_column(String(64))
    mapping: Mapped[dict[str, Any]] = mapped_column(default=dict)
    imported_at: Mapped[datetime]


class PersonPairRow(Base):
    """A pair the last ``people link`` left in the review band, with its weights (ids, never names)."""

    __tablename__ = "person_pairs"
    record_a: Mapped[int] = mapped_column(
        ForeignKey("person_records.id", ondelete="CASCADE"), primary_key=True
    )
    record_b: Mapped[int] = mapped_column(
        ForeignKey("person_records.id", ondelete="CASCADE"), primary_key=True
    )
    probability: Mapped[float] = mapped_column(Float)
    weight: Mapped[float] = mapped_column(Float)
    weights: Mapped[dict[str, Any]] = mapped_column(default=dict)
    reason: Mapped[str] = mapped_column(String(40), default="model")


class PersonPairDecisionRow(Base):
    """A reviewer's answer on a pair (``match`` / ``non_match``): a label for every later link run."""

    __tablename__ = "person_pair_decisions"
    record_a: Mapped[int] = mapped_column(
        ForeignKey("person_records.id", ondelete="CASCADE"), primary_key=True
    )
    record_b: Mapped[int] = mapped_column(
        ForeignKey("person_records.id", ondelete="CASCADE"), primary_key=True
    )
    decision: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime]


# ---------------------------------------------------------------- evidence: derived files (issue 9)


class DerivedFileRow(Base):
    """A working copy or redaction of an original: its own bytes in the evidence store, linked back.

    The original (``evidence`` row) is never changed; ``kind`` is ``working`` or ``redacted``.
    """

    __tablename__ = "derived_files"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_sha256: Mapped[str] = mapped_column(ForeignKey("evidence.sha256"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="working")
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    file_name: Mapped[str | None] = mapped_column(String(500))
    note: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200), default="cli")
    created_at: Mapped[datetime]


# ------------------------- web accounts (issue 7: store/users.py, store/sessions.py, store/tokens.py)


class UserRow(Base):
    """A web user: an argon2id hash, never the password."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class WebSessionRow(Base):
    """A login session; ``id_hash`` is the SHA-256 of the cookie value, never the value."""

    __tablename__ = "web_sessions"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class ApiTokenRow(Base):
    """An API token; only its SHA-256 digest is stored."""

    __tablename__ = "api_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    revoked: Mapped[bool] = mapped_column(default=False)
    # Shown to admins (/admin, `tokens list`); written at most once a minute per token.
    last_used_at: Mapped[datetime | None]


# Web list and map queries (issue 7): filter by grade/type, order by date, and bbox by coordinates.
Index("ix_incidents_time", IncidentRow.time_start, IncidentRow.id)
Index("ix_incidents_type_time", IncidentRow.event_type, IncidentRow.time_start)
Index("ix_incidents_grade_time", IncidentRow.grade, IncidentRow.time_start)
Index("ix_incidents_grade_override", IncidentRow.grade_override)


# ------------------------------------------------------- missing persons and silent sources (issue 8)


class MissingNoteRow(Base):
    """One note in a missing person's status history (PFIF 1.4 + detention statuses).

    Notes are only ever added: the current status is derived from them, never stored over them.
    The author's e-mail and phone are ciphertext; ``confidential`` notes never leave the workspace.
    """

    __tablename__ = "missing_notes"
    __table_args__ = (UniqueConstraint("note_record_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    note_record_id: Mapped[str] = mapped_column(String(300))
    person_record_id: Mapped[int] = mapped_column(
        ForeignKey("person_records.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(40), default="")
    author_name: Mapped[str] = mapped_column(String(300), default="")
    author_email_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    author_phone_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    source_date: Mapped[datetime]
    entry_date: Mapped[datetime | None]
    source: Mapped[str | None] = mapped_column(String(300))
    author_made_contact: Mapped[bool | None]
    last_known_location: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text, default="")
    linked_person_record_id: Mapped[str | None] = mapped_column(String(300))
    confidential: Mapped[bool] = mapped_column(default=False)


class PfifFieldsRow(Base):
    """The PFIF fields an imported record came with (protected ones left out), for a lossless export."""

    __tablename__ = "pfif_fields"
    person_record_id: Mapped[int] = mapped_column(
        ForeignKey("person_records.id", ondelete="CASCADE"), primary_key=True
    )
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)


class InquiryRow(Base):
    """A family's inquiry from the public form: minimal data, reviewed by a documenter.

    The inquirer's contact is ciphertext; ``ticket_hash`` is the SHA-256 of the ticket the family
    keeps, so only its holder can read the answer.
    """

    __tablename__ = "inquiries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="ask")  # ask | register
    name: Mapped[str] = mapped_column(String(300))
    age: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(1))
    last_seen_date: Mapped[date | None] = mapped_column(Date)
    last_seen_place: Mapped[str | None] = mapped_column(String(300))
    circumstances: Mapped[str | None] = mapped_column(Text)
    contact_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | answered | closed
    answer: Mapped[str | None] = mapped_column(Text)
    person_record_id: Mapped[int | None] = mapped_column(ForeignKey("person_records.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]


class SourceContactRow(Base):
    """One contact with a source: a message ingested from it, or a check-in logged by hand."""

    __tablename__ = "source_contacts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(String(40), default="manual")
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id", ondelete="SET NULL"))
    farewell: Mapped[str | None] = mapped_column(String(60))
    note_enc: Mapped[bytes | None] = mapped_column(LargeBinary)


class SourceIndexRow(Base):
    """A keyed hash (HMAC-SHA256 under the workspace key) of a source's identity, so a chat sender
    can be matched to its source without storing or comparing the identity in clear."""

    __tablename__ = "source_identity_index"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)

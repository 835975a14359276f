"""The redaction policy as a value: one ``policy.yaml`` per workspace.

In: a YAML file (or nothing: the documented defaults below).
Out: a frozen :class:`Policy`; :func:`load_policy` and :func:`write_default_policy`.
Never: reads the database, decides anything about a given entity (that is ``_redact``).

The defaults are written by ``tawthiq init`` as ``policy.yaml`` with comments, so a team
sees every knob before it publishes anything. Protected fields (a source's identity and
contact, a chat sender, a witness name) are listed in :data:`ALWAYS_PROTECTED`: no policy
file can make them public; a file that tries is an :class:`~tawthiq.errors.InputError`.

Whatever the file holds — bytes that are not UTF-8, brackets nested past Python's recursion
limit, a number where a list of field names belongs, an infinite radius, a delay past the
calendar — the answer is an ``InputError`` naming the file, line or field (issue 21).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tawthiq.entities import Grade, PlacePrecision
from tawthiq.errors import EncodingError, InputError

__all__ = [
    "ALWAYS_PROTECTED",
    "DEFAULT_POLICY_YAML",
    "POLICY_FILE",
    "FrontLine",
    "Policy",
    "PublicFields",
    "load_policy",
    "write_default_policy",
]

POLICY_FILE = "policy.yaml"

# entity -> fields that are protected by nature; never public whatever the YAML says.
ALWAYS_PROTECTED: dict[str, frozenset[str]] = {
    "source": frozenset({"identity", "contact"}),
    "report": frozenset({"sender"}),
    "claim": frozenset(),
    "incident": frozenset(),
    # An identity-document number and a home address point at a living family: never public.
    "person": frozenset({"witness", "contact", "national_id", "address"}),
}

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class PublicFields(BaseModel):
    """Which fields of each entity appear in public output (web public view, API, exports)."""

    model_config = _FROZEN
    incident: tuple[str, ...] = (
        "id",
        "key",
        "event_type",
        "places",
        "time",
        "fatalities",
        "grade",
        "rationale",
        "origins",
        "outlets",
        "claims",
        "perpetrators",
    )
    claim: tuple[str, ...] = (
        "id",
        "kind",
        "event_type",
        "quote",
        "places",
        "time",
        "fatalities",
        "injured",
        "attributed_to",
        "certainty",
        "report",
    )
    # url: only an http(s) one (public_report); metadata (the header's other keys) is not public
    # unless a policy adds it (issue 15 item 5)
    report: tuple[str, ...] = (
        "id", "title", "source_label", "published_at", "channel", "language", "sha256", "url",
    )  # fmt: skip
    source: tuple[str, ...] = ("id", "label", "kind", "origin_group")
    person: tuple[str, ...] = ("id", "status", "sex", "age", "event_date", "place")


# Aleppo neighbourhoods the gazetteer notes as on the 2016 front line (../shared gazetteer, notes).
_FRONT_2016_IDS = ("farafra", "aqabeh", "jdeydeh", "ansari", "amiriyah", "salah-al-din", "saif-al-dawla",
                   "suleiman-al-halabi", "bustan-al-zahra")  # fmt: skip
_FRONT_2016_NAMES = ("Farafra", "Aqabeh", "Jdeydeh", "Ansari", "Amiriyah", "Salah al-Din", "Saif al-Dawla",
                     "Suleiman al-Halabi", "Bustan al-Zahra")  # fmt: skip


class FrontLine(BaseModel):
    """Places whose published coordinates are moved, deterministically, within ``radius_m``."""

    model_config = _FROZEN
    radius_m: float = Field(default=1500.0, ge=0, le=100_000, allow_inf_nan=False)
    # A place with a gazetteer id matches by id only (so "Ansari" elsewhere is not moved);
    # a place without one matches by its English or Arabic name.
    places: tuple[str, ...] = (
        *(f"aleppo-nbhd:{n}" for n in _FRONT_2016_IDS),
        *_FRONT_2016_NAMES,
    )
    # Points of these precisions are fuzzed wherever they are (a single building is a target).
    precisions: tuple[PlacePrecision, ...] = ("exact",)


class Policy(BaseModel):
    """A workspace's redaction policy. Build it with :func:`load_policy`, not by hand."""

    model_config = _FROZEN
    version: int = 1
    public_fields: PublicFields = Field(default_factory=PublicFields)
    front_line: FrontLine = Field(default_factory=FrontLine)
    # Secret mixed into the per-place offset, so the offset cannot be recomputed from the
    # place id alone; written at random by init. Keep policy.yaml out of public releases.
    fuzz_secret: str = Field(default="tawthiq-default-fuzz-secret", repr=False)
    suppress_counts_below: int = Field(default=3, ge=0, le=1_000_000)
    publication_delay_days: int = Field(default=7, ge=0, le=36_500)  # a century: timedelta's range
    publish_undated: bool = False
    public_grades: tuple[Grade, ...] = ("confirmed", "fair", "weak", "contested")
    # Only claims a person has reviewed are published; an incident with none stays internal.
    public_review_statuses: tuple[str, ...] = ("accepted", "corrected")
    # Reports that came over these channels are private: no quote, no body, no original.
    private_channels: tuple[str, ...] = ("chat", "email")
    # Source kinds whose label is replaced by the kind alone ("individual source").
    anonymous_source_kinds: tuple[str, ...] = ("individual",)

    def is_public_field(self, entity: str, name: str) -> bool:
        if name in ALWAYS_PROTECTED.get(entity, frozenset()):
            return False
        return name in getattr(self.public_fields, entity, ())


DEFAULT_POLICY_YAML = """\
# Tawthiq redaction policy: one file per workspace, applied by one implementation
# (tawthiq.policy) to the public web view, the JSON API and every public export.
# Protected fields (source identity and contact, chat/e-mail senders, witness names)
# are never public, whatever this file says. See docs/exports.md.
version: 1

# Fields of each entity that may appear in public output. Remove a name to hide it.
public_fields:
  incident: [id, key, event_type, places, time, fatalities, grade, rationale, origins, outlets, claims,
             perpetrators]
  claim: [id, kind, event_type, quote, places, time, fatalities, injured, attributed_to, certainty, report]
  # url: a report's http(s) address (another is never published); add metadata to publish
  # the header's other keys (CONFLICT: ...), a key that names a person never shows its value
  report: [id, title, source_label, published_at, channel, language, sha256, url]
  source: [id, label, kind, origin_group]
  person: [id, status, sex, age, event_date, place]

# Coordinates of places near front lines are moved by a fixed, secret, per-place offset
# of up to radius_m metres (the same offset on every export, so averaging many exports
# never reveals the true point). Points of the listed precisions are moved everywhere.
front_line:
  radius_m: 1500
  precisions: [exact]
  # Aleppo neighbourhoods noted on the front line in 2016 (gazetteer notes). A place with a
  # gazetteer id matches by id only; one without an id matches by English or Arabic name.
  # To move every point of the 2016 eastern pocket, add its ids ("aleppo-nbhd:fardous", …).
  places: [aleppo-nbhd:farafra, aleppo-nbhd:aqabeh, aleppo-nbhd:jdeydeh, aleppo-nbhd:ansari,
           aleppo-nbhd:amiriyah, aleppo-nbhd:salah-al-din, aleppo-nbhd:saif-al-dawla,
           aleppo-nbhd:suleiman-al-halabi, aleppo-nbhd:bustan-al-zahra,
           Farafra, Aqabeh, Jdeydeh, Ansari, Amiriyah, Salah al-Din, Saif al-Dawla,
           Suleiman al-Halabi, Bustan al-Zahra]
fuzz_secret: {secret}

# Counts (killed, injured, people in a group) below this are published as "fewer than N".
suppress_counts_below: 3
# Incidents are published only this many days after they ended.
publication_delay_days: 7
# An incident with no date at all cannot be delayed: publish it anyway?
publish_undated: false
# Grades that are published; discounted incidents stay internal.
public_grades: [confirmed, fair, weak, contested]
# Claims published only once reviewed (machine extractions are not published unread);
# an incident none of whose claims is public stays internal.
public_review_statuses: [accepted, corrected]
# Reports received over these channels are private: no quote, body or original file.
private_channels: [chat, email]
# Sources of these kinds appear only as their kind ("individual source").
anonymous_source_kinds: [individual]
"""


def write_default_policy(workspace: str | Path, *, overwrite: bool = False) -> Path:
    """Write the documented default ``policy.yaml`` into ``workspace`` (a random fuzz secret)."""
    path = Path(workspace) / POLICY_FILE
    if path.exists() and not overwrite:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DEFAULT_POLICY_YAML.format(secret=secrets.token_hex(16)), encoding="utf-8")
    return path


def _check_protected(data: dict[str, Any], path: Path) -> None:
    fields = data.get("public_fields") or {}
    if not isinstance(fields, dict):
        raise InputError("must be a mapping of entity to field names", path=path, field="public_fields")
    for entity, names in fields.items():
        if names is not None and (not isinstance(names, list) or not all(isinstance(n, str) for n in names)):
            raise InputError("must be a list of field names", path=path, field=f"public_fields.{entity}")
        bad = sorted(set(names or ()) & ALWAYS_PROTECTED.get(str(entity), frozenset()))
        if bad:
            raise InputError(
                f"{', '.join(bad)} is protected and can never be public",
                path=path,
                field=f"public_fields.{entity}",
            )


def load_policy(path: str | Path | None) -> Policy:
    """Read a policy file; ``None`` or a missing file gives the defaults.

    A workspace folder may be given instead of the file. Errors name the file and field.
    """
    if path is None:
        return Policy()
    p = Path(path)
    if p.is_dir():
        p = p / POLICY_FILE
    if not p.exists():
        return Policy()
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or type(exc).__name__})", path=p) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise EncodingError(
            f"byte {e.start} (0x{raw[e.start]:02x}) is not valid UTF-8",
            path=p,
            line=raw.count(b"\n", 0, e.start) + 1,
        ) from None
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError("not valid YAML", path=p, line=None if line is None else line + 1) from None
    except RecursionError:
        raise InputError("not a policy: nested too deeply", path=p) from None
    if not isinstance(data, dict):
        raise InputError("a policy file must be a YAML mapping", path=p)
    _check_protected(data, p)
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise InputError(first["msg"], path=p, field=where or None) from None
    except RecursionError:  # an alias that holds itself (`a: &a [*a]`)
        raise InputError("a value refers to itself", path=p) from None

"""people stage: PersonRecords from many lists -> linked persons (see DESIGN.md, issue 5).

Front door of the stage. Names: :mod:`tawthiq.people.names` (Arabic and Latin
normalisation, name parts, transliteration keys). Linkage: :func:`link_records`
(splink, Fellegi–Sunter with EM, on DuckDB or Spark) returning a :class:`LinkResult`.
Import: :func:`read_table`, :func:`guess_mapping`, :func:`build_records` (a CSV, XLSX or
JSON-lines list -> PersonRecords and row errors); :func:`assign_person_ids` keeps person ids
stable across re-links. Showing: :func:`names_as_written` gives a record's name parts as the
list wrote them (the stored parts split from a full name are linkage's normalised tokens).
"""

from tawthiq.people._import import (
    FIELDS,
    ImportResult,
    Table,
    build_records,
    check_mapping,
    guess_mapping,
    mapping_from_args,
    mapping_from_yaml,
    read_table,
)
from tawthiq.people._link_types import AgeOffset, LinkedPair, LinkResult, PairDecision
from tawthiq.people._persons import assign_person_ids, person_status, plan_persons
from tawthiq.people._written import names_as_written
from tawthiq.people.linkage import DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD, link_records
from tawthiq.people.names import NameParts, name_key, normalise_arabic, normalise_latin, split_name

__all__ = [
    "DEFAULT_MATCH_THRESHOLD",
    "DEFAULT_REVIEW_THRESHOLD",
    "FIELDS",
    "AgeOffset",
    "ImportResult",
    "LinkResult",
    "LinkedPair",
    "NameParts",
    "PairDecision",
    "Table",
    "assign_person_ids",
    "build_records",
    "check_mapping",
    "guess_mapping",
    "link_records",
    "mapping_from_args",
    "mapping_from_yaml",
    "name_key",
    "names_as_written",
    "normalise_arabic",
    "normalise_latin",
    "person_status",
    "plan_persons",
    "read_table",
    "split_name",
]

"""corroborate: claims from many reports into graded incidents. Pure: never touches a database.

In: ``SourcedClaim`` values (a claim with its report's reference, publication date,
source label and kind, declared origin group) and the ``Report`` bodies for copy detection.
Out: ``Incident`` values — one real event each, with its origins, toll (best/low/high
and the rule), grade and the rationale in plain words; tallies listed beside them.
Never: reads or writes the store; the CLI loads, calls :func:`build_incidents`, saves.

    >>> from tawthiq.corroborate import build_incidents
    >>> incidents = build_incidents(sourced_claims, reports)      # doctest: +SKIP
"""

from ._cluster import Cluster, cluster_claims
from ._fit import pair_score
from ._grades import (
    DEFAULT_RULES,
    PERPETRATOR_SIDES,
    RATIONALE_PHRASES,
    Evidence,
    Rule,
    grade_incident,
    perpetrator_side,
    rationale_text,
    read_rationale,
    say,
    shown_rationale,
    with_override,
)
from ._identity import inherit_incident_ids
from ._incidents import build_incidents, claim_fingerprint, incident_from_cluster, incident_key
from ._numbers import FATALITIES_RULE, FATALITIES_RULES, count_interval, counts_compatible, fatalities_of
from ._origins import (
    ALIASES,
    claim_report_key,
    credited_wire,
    find_copies,
    group_by_origin,
    normalize_party,
    passed_on,
    per_origin,
    read_per_origin,
    report_key,
)
from ._places import places_match

__all__ = [
    "ALIASES",
    "DEFAULT_RULES",
    "FATALITIES_RULE",
    "FATALITIES_RULES",
    "PERPETRATOR_SIDES",
    "RATIONALE_PHRASES",
    "Cluster",
    "Evidence",
    "Rule",
    "build_incidents",
    "claim_fingerprint",
    "claim_report_key",
    "cluster_claims",
    "count_interval",
    "counts_compatible",
    "credited_wire",
    "fatalities_of",
    "find_copies",
    "grade_incident",
    "group_by_origin",
    "incident_from_cluster",
    "incident_key",
    "inherit_incident_ids",
    "normalize_party",
    "pair_score",
    "passed_on",
    "per_origin",
    "perpetrator_side",
    "places_match",
    "rationale_text",
    "read_per_origin",
    "read_rationale",
    "report_key",
    "say",
    "shown_rationale",
    "with_override",
]

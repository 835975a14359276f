"""The redaction policy: one YAML file per workspace, one implementation for every public output.

In: ``policy.yaml`` (written with documented defaults by ``tawthiq init``) and seam entities.
Out: a frozen :class:`Policy` and the public form of incidents, claims, reports, sources and
people (dicts ready for JSON), or ``None`` for what must not be published.
Never: touches the database, reveals a protected value. The web public view, the API and
every public export call these same functions.

    >>> from tawthiq.policy import load_policy, public_incident
    >>> policy = load_policy(workspace / "policy.yaml")
    >>> public_incident(incident, claims, now, policy, reports=reports_by_id)
"""

from ._model import (
    ALWAYS_PROTECTED,
    DEFAULT_POLICY_YAML,
    POLICY_FILE,
    FrontLine,
    Policy,
    PublicFields,
    load_policy,
    write_default_policy,
)
from ._redact import (
    fuzz_point,
    incident_date,
    incident_perpetrators,
    is_private_report,
    is_publishable,
    public_claim,
    public_count,
    public_incident,
    public_person,
    public_place,
    public_report,
    public_source,
    public_url,
)
from ._withheld import (
    RULE_TEXT,
    WHOLE_RULES,
    WITHHELD_RULES,
    PublicationFacts,
    WithheldTally,
    facts_withheld_reasons,
    facts_withheld_tally,
    internal_policy,
    withheld_reasons,
    withheld_tally,
)

__all__ = [
    "ALWAYS_PROTECTED",
    "DEFAULT_POLICY_YAML",
    "POLICY_FILE",
    "RULE_TEXT",
    "WHOLE_RULES",
    "WITHHELD_RULES",
    "FrontLine",
    "Policy",
    "PublicFields",
    "PublicationFacts",
    "WithheldTally",
    "facts_withheld_reasons",
    "facts_withheld_tally",
    "fuzz_point",
    "incident_date",
    "incident_perpetrators",
    "internal_policy",
    "is_private_report",
    "is_publishable",
    "load_policy",
    "public_claim",
    "public_count",
    "public_incident",
    "public_person",
    "public_place",
    "public_report",
    "public_source",
    "public_url",
    "withheld_reasons",
    "withheld_tally",
    "write_default_policy",
]

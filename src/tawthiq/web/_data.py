"""The web's one door to the workspace's data, in parts by subject, sharing one per-version cache.

In: an open :class:`~tawthiq.store.workspace.Workspace` (and its redaction policy).
Out: a :class:`WebData` whose parts the routers call:

==================  ============================================================  ======================
part                what it answers                                               module
==================  ============================================================  ======================
``data.reports``    a page of reports, one report with its claims                 ``web/_reads.py``
``data.claims``     the review queue, one claim, a claim's review                 ``web/_reads.py``
``data.people``     person records by name                                        ``web/_reads.py``
``data.incidents``  the list, one incident, override, map, timeline, places       ``web/_incidents.py``
                    (through the in-memory index)
``data.public``     the public view: pages, one incident, what is withheld, map   ``web/_public.py``
``data.versions``   values kept per data version (the routers' rendered rows too) ``web/_versions.py``
==================  ============================================================  ======================

Accounts (logins, sessions, tokens), missing persons, person pairs, sources, estimates and
admin are no part of it: their routers call the ``tawthiq.app`` use case with the workspace
(``request.app.state.workspace``), as the CLI does; nothing of theirs is cached.

Never: builds SQL (``store`` does), reveals a protected value, or shows the public an unreviewed
claim (``web/_public.py``).
"""

from __future__ import annotations

from typing import Any

from tawthiq.entities import IncidentFilter
from tawthiq.policy import Policy, load_policy

from ._incidents import IncidentReads
from ._public import PublicView
from ._reads import ClaimReads, PeopleSearch, ReportReads
from ._versions import VersionCache

__all__ = ["IncidentFilter", "WebData"]


class WebData:
    """The web's reads and writes of one workspace, each in its own short transaction.

    One object per server process (``create_app``), so its parts' caches are shared by every
    request; the parts that cache per data version share one :class:`VersionCache`, so a write
    anywhere moves them all.
    """

    def __init__(self, workspace: Any, policy: Policy | None = None) -> None:
        self.ws = workspace
        self.policy = policy if policy is not None else load_policy(workspace.path)
        self.versions = VersionCache(workspace)
        self.reports = ReportReads(workspace)
        self.claims = ClaimReads(workspace)
        self.people = PeopleSearch(workspace)
        self.incidents = IncidentReads(workspace, self.versions)
        self.public = PublicView(workspace, self.policy, self.versions, self.incidents)

"""store: the only package that touches the database. Front door for every other stage.

In: entities from ``tawthiq.entities``; a workspace folder and optionally a database URL.
Out: entities with ids; never ORM rows (``tables`` is for store modules and migrations).
Never: imports another stage.

API for the other stages::

    ws = open_workspace(path=None, db=None)   # finds the workspace (cwd/parents, --workspace,
                                              # TAWTHIQ_WORKSPACE; --db/TAWTHIQ_DB), migrates to head
    ws = init_workspace(path, db=None)        # new folder: marker, key (0600), evidence/, database
    ws.path, ws.engine, ws.evidence_dir, ws.cipher (None without a key), ws.require_cipher()
    with ws.session(actor="cli") as s:        # one transaction: commit, or roll back on error
        record_event(s, "claim.create", "claim", claim_id, before=None, after=claim_entity)
        add_reports(s, [Report(...)]); list_reports(s, status="stored"); get_report(s, id)
        find_reports_by_sha256(s, sha); count_reports(s)
        get_or_create_source(s, Source(label=..., identity=Protected(...))); list_sources(s)
        add_evidence(s, Evidence(...))         # after evidence.store_file() put the bytes down
        verify_chain(s) -> ChainCheck(ok, events, broken_id, reason); list_events(s, ...)
    ws.cipher.seal(value, column="table.column") -> bytes; ws.cipher.open(blob, column=...) -> Protected
    load_key(ws.key_file) -> bytes | None; Cipher(read_key_file(path))   # another workspace's key

The modules per subject (``store/claims.py``, ``store/incidents.py``, ``store/people.py``, …)
are the repository of their stage's entities: they take a session, convert entities to rows of
``tables`` and back (one mapper and one reader per entity), and call ``record_event`` after each
write, in the same session. They decide no domain rule: the stage does, and the use case
(``tawthiq.app``) hands its result to the store (docs/architecture.md).
"""

from tawthiq.store._crypto import Cipher, load_key, read_key_file
from tawthiq.store.audit import ChainCheck, content_hash, list_events, record_event, verify_chain
from tawthiq.store.reports import (
    add_evidence,
    add_reports,
    count_reports,
    find_reports_by_sha256,
    get_or_create_source,
    get_report,
    list_reports,
    list_sources,
)
from tawthiq.store.session import make_engine, session_scope
from tawthiq.store.workspace import Workspace, init_workspace, open_workspace

__all__ = [
    "ChainCheck",
    "Cipher",
    "Workspace",
    "add_evidence",
    "add_reports",
    "content_hash",
    "count_reports",
    "find_reports_by_sha256",
    "get_or_create_source",
    "get_report",
    "init_workspace",
    "list_events",
    "list_reports",
    "list_sources",
    "load_key",
    "make_engine",
    "open_workspace",
    "read_key_file",
    "record_event",
    "session_scope",
    "verify_chain",
]

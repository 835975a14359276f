"""app: one function per use case, the layer the CLI, the web and the demo call.

In: a workspace or a session, and plain values parsed by the caller (paths, ids, options).
Out: entities and small result values for the caller to render.
Never: parses command lines or requests, prints or renders; never builds SQL (``store`` does)
and never decides a domain rule itself (the stages do): a use case loads through the store,
calls the stages, and saves through the store, in the caller's transaction or its own.

The layers (docs/architecture.md)::

    cli / web / demo   parse, call one use case, render
    app                this package: one module per subject, one function per use case
    stages             ingest, extract, corroborate, people, sources, estimate, evidence, export, policy
    store              repository: rows <-> entities, transactions; imports no stage
    entities, errors   the seam types and the exception tree

Modules import their stages lazily where a stage is heavy (splink, PyMC), so importing a
use case module stays cheap for the CLI.
"""

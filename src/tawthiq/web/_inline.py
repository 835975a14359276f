"""Which requests run on the event loop and which in the thread pool.

In: an endpoint written as a plain (sync) function. Out: ``@inline`` makes it an ``async``
endpoint that runs its body on the event loop, and re-runs it in anyio's thread pool when the
body calls :func:`leave_loop` (it is about to do slow work).
Never: lets a write, a lock wait or work that grows with the workspace hold the loop.

**The rule.** FastAPI runs a ``def`` endpoint, and each ``def`` dependency, in a thread pool
(40 threads per process): two hops per request, and with 20 clients the threads fight over
the GIL. Measured at 100,000 incidents, the hops and that contention were 60 % of an incident
page's CPU (6.6 ms in process, 2.6 ms inline). So:

- *Inline* (``@inline``, on the loop): reads bounded by one page that the in-memory incident
  index, the per-version caches and a few primary-key reads answer in a few milliseconds:
  ``/incidents`` and ``/incidents/{id}`` (and ``.json``), ``/map/incidents.json``,
  ``/timeline`` (and ``.json``), and the API's ``/api/v1/incidents``, ``/incidents/{id}`` and
  ``/timeline``. Their slow paths call :func:`leave_loop` first and so run in the pool: an
  index to (re)build after a write, or held by a thread building it; the ``place`` filter
  (name matching in SQL) when its result is not cached; a map view whose features are
  mostly not made yet.
- *Authentication* (``_auth.require``) is inline for every endpoint: one indexed read. Its
  once-a-minute write (a session's or token's last use) goes to the pool.
- *In the pool* (plain ``def``): everything else: writes (they can wait on SQLite's write
  lock), imports, exports, dossiers and PDFs, people search, the public view (the policy runs
  per incident), lists that count in SQL. A slow one holds a pool thread, never the loop.

A body that may call ``leave_loop`` must not have written anything before it (it runs again
from the start in the pool): the inline endpoints only read.

Connections: SQLAlchemy's pool lends each transaction one connection, whichever thread asks
(it opens SQLite files with ``check_same_thread=False``), so the loop and the pool threads share
the engine. With SQLite the pool never makes anyone wait (``store/session.py``); with
PostgreSQL it keeps SQLAlchemy's default of 15, so more than 15 slow requests at once holding
connections would make the inline pages wait for one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from starlette.concurrency import run_in_threadpool

__all__ = ["NeedsPool", "inline", "leave_loop", "on_loop"]

_ON_LOOP: ContextVar[bool] = ContextVar("tawthiq_on_loop", default=False)


class NeedsPool(Exception):
    """Raised by :func:`leave_loop` on the event loop: the body runs again in the thread pool."""


def on_loop() -> bool:
    """True inside an ``@inline`` body running on the event loop."""
    return _ON_LOOP.get()


def leave_loop() -> None:
    """Call before slow work: on the event loop it raises :class:`NeedsPool`; elsewhere nothing."""
    if _ON_LOOP.get():
        raise NeedsPool


def inline(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """The endpoint as a coroutine that runs ``endpoint`` on the loop, or in the pool if it asks."""

    @functools.wraps(endpoint)
    async def run(*args: Any, **kwargs: Any) -> Any:
        token = _ON_LOOP.set(True)
        try:
            return endpoint(*args, **kwargs)
        except NeedsPool:
            pass
        finally:
            _ON_LOOP.reset(token)
        return await run_in_threadpool(endpoint, *args, **kwargs)

    return run

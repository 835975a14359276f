"""Values kept per data version: a computation made once until the workspace's data moves.

In: a workspace, a key and a ``compute()``. Out: ``compute()``'s value, kept under (key, data
version) for the next request, the newest 512 kept. Never: keeps a value under a version older
than the data it was made from, or anything that depends on a user, a role or a CSRF token
(the caller's key says what the value depends on besides the data).

Shared by the incident reads (``web/_incidents.py``), the public view (``web/_public.py``) and
the routers' rendered rows (``per_version``): one cache, so a write anywhere moves every part.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from tawthiq.store import browse

__all__ = ["MISSING", "Kept", "VersionCache"]

MISSING = object()  # what :meth:`VersionCache.kept` answers for a value not kept


class Kept:
    """Values by id for one data version, at most :attr:`SIZE` of them, the oldest put dropped
    first; with :attr:`RECENT`, a lookup makes its value the newest (least recently used dropped).
    A subclass names what it keeps and sets the bound."""

    SIZE = 1_000
    RECENT = False

    def __init__(self) -> None:
        self._items: OrderedDict[int, Any] = OrderedDict()
        self._lock = threading.Lock()

    def lookup(self, key: int) -> Any:
        """The value kept, or ``MISSING``."""
        if not self.RECENT:
            return self._items.get(key, MISSING)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return MISSING

    def put(self, key: int, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.SIZE:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


class VersionCache:
    """Values by (key, data version), least recently used dropped past :attr:`SIZE`."""

    SIZE = 512

    def __init__(self, workspace: Any) -> None:
        self.ws = workspace
        self._cache: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def cached(self, s: Any, key: Any, compute: Any, version: Any = None) -> Any:
        """``compute()`` once per data version (read from ``s`` unless given).

        Correct because the version is read before ``compute()`` reads the data: a value is
        never filed under a version older than the data it was made from, and every write
        (audited, or adding incidents or claims) moves the version, so the next request after
        a write misses and recomputes. Entities are frozen, so sharing them is safe.
        """
        version = browse.data_version(s) if version is None else version
        full = (key, version)
        kept = self.kept(full)
        if kept is not MISSING:
            return kept
        value = compute()
        self.keep(full, value)
        return value

    def kept(self, full: Any) -> Any:
        """The value filed under ``(key, version)``, or ``MISSING``."""
        with self._lock:
            if full in self._cache:
                self._cache.move_to_end(full)
                return self._cache[full]
        return MISSING

    def keep(self, full: Any, value: Any) -> None:
        with self._lock:
            self._cache[full] = value
            while len(self._cache) > self.SIZE:
                self._cache.popitem(last=False)

    def version(self) -> Any:
        """The workspace's data version now, in a session of its own."""
        with self.ws.session() as s:
            return browse.data_version(s)

    def per_version(self, key: Any, compute: Any, version: Any = None) -> Any:
        """``compute()`` (which may call the web's readers) once per data version and ``key``.

        For the web layer's role- and user-independent parts of a page (the incident rows of
        a list): ``key`` must hold everything the value depends on besides the data (filters,
        page, language); never a user, a role or a CSRF token. ``version``: the data version the
        caller has just read (:meth:`version`), so a request reads it once.
        """
        # The version is read in a session of its own, closed before ``compute`` opens its own:
        # a request holding two pooled connections at once can exhaust the pool under load
        # (seen: 30 s waits, then errors).
        return self.cached(None, ("page-part", key), compute, self.version() if version is None else version)

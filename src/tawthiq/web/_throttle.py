"""Login throttling: an exponential delay, then a temporary lockout, per account and per client.

In: an account key (:func:`tawthiq.app.accounts.name_key` of the name typed, whether or not such a
user exists, so throttling says nothing about which names exist) and a client key (a hash of the
client's address, :func:`client_key`). Out: how many seconds the next login attempt must wait
(0: it may be checked). Never: keeps a password, a name in clear or an address in clear; never
sleeps (a refused attempt is answered at once with 429 and ``Retry-After``, so an attacker holds
no server thread).

The rule (OWASP Authentication cheat sheet, "Login throttling"), per key, with the numbers of
:class:`~tawthiq.web.settings.WebSettings`:

- the first ``login_free_failures`` failures cost nothing;
- each further failure makes the next attempt wait ``login_delay_seconds``, doubled per failure,
  at most ``login_max_delay_seconds``;
- ``login_lockout_failures`` failures on one account (``login_client_lockout_failures`` from
  one client, over every name it tries) lock it for ``login_lockout_seconds``: during a lockout
  even the right password is refused; after it the count starts again;
- a success clears the account's count (not the client's: one's own account must not reset
  the guessing budget for others); a key with no failure for ``login_forget_seconds`` is forgotten.

Hand-written, with this reason: the rate-limit packages on the registries (``limits``,
``slowapi``, ``pyrate-limiter``) count requests in windows; none keeps a per-key failure count
with exponential back-off and a lockout that a success clears, and the ones with shared state
need a store server (Redis). The state is per server process: with ``--workers N`` an attacker
gets at most N times the budget.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from .settings import WebSettings

__all__ = ["LoginThrottle", "client_key"]

# At most this many keys are remembered; the least recently failed are dropped first.
MAX_KEYS = 100_000


def client_key(host: str | None) -> str:
    """A client's address as a key: a short hash, so addresses are not kept."""
    return hashlib.sha256((host or "unknown").encode()).hexdigest()[:16]


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0
    locked_until: float = 0.0
    refusal_reported: bool = False


class LoginThrottle:
    """Failure counts per account and per client, with the clock injectable for tests."""

    def __init__(self, settings: WebSettings, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.clock = clock
        self._keys: OrderedDict[str, _Failures] = OrderedDict()
        self._lock = threading.Lock()

    def _current(self, key: str, now: float) -> _Failures | None:
        record = self._keys.get(key)
        if record is None:
            return None
        lock_over = record.locked_until and now >= record.locked_until
        if lock_over or now - record.last > self.settings.login_forget_seconds:
            del self._keys[key]
            return None
        return record

    def _wait(self, record: _Failures | None, now: float) -> float:
        if record is None:
            return 0.0
        if record.locked_until:
            return record.locked_until - now
        extra = record.count - self.settings.login_free_failures
        if extra <= 0:
            return 0.0
        delay = min(
            self.settings.login_max_delay_seconds, self.settings.login_delay_seconds * 2 ** (extra - 1)
        )
        return max(0.0, record.last + delay - now)

    def wait(self, account: str, client: str) -> tuple[float, bool]:
        """(seconds before an attempt may be checked, whether this refusal is the first since the
        wait began: the one to write to the audit log)."""
        now = self.clock()
        with self._lock:
            records = [self._current(f"a:{account}", now), self._current(f"c:{client}", now)]
            waits = [self._wait(r, now) for r in records]
            seconds = max(waits)
            first = False
            if seconds > 0:
                for record, w in zip(records, waits, strict=True):
                    if record is not None and w > 0 and not record.refusal_reported:
                        record.refusal_reported = first = True
            return seconds, first

    def failed(self, account: str, client: str) -> None:
        """Count a wrong password (or unknown name) against both keys."""
        now = self.clock()
        s = self.settings
        with self._lock:
            for key, limit in (
                (f"a:{account}", s.login_lockout_failures),
                (f"c:{client}", s.login_client_lockout_failures),
            ):
                record = self._current(key, now) or _Failures()
                record.count += 1
                record.last = now
                record.refusal_reported = False
                if record.count >= limit:
                    record.locked_until = now + s.login_lockout_seconds
                self._keys[key] = record
                self._keys.move_to_end(key)
            while len(self._keys) > MAX_KEYS:
                self._keys.popitem(last=False)

    def succeeded(self, account: str) -> None:
        """A right password: the account's count starts again."""
        with self._lock:
            self._keys.pop(f"a:{account}", None)

"""Settings of one running web workspace.

In: values from the CLI (``tawthiq serve``) or a test. Out: a frozen :class:`WebSettings`.
Never: reads the environment or a file by itself; the caller decides where values come from.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

__all__ = ["WebSettings"]


@dataclass(frozen=True)
class WebSettings:
    """How the web workspace behaves.

    ``secret_key`` signs the CSRF cookie; a fresh random one per process is the safe default
    (sessions live in the database, so a restart only invalidates open forms).
    ``session_ttl_seconds`` is the absolute lifetime of a login; ``idle_ttl_seconds`` ends a
    session nobody used for that long. ``secure_cookies`` should be on behind HTTPS.
    ``min_password_length`` applies when an admin sets a password on ``/admin`` or the admin API
    (15 by default, NIST SP 800-63B rev. 4 for a single factor; never below 8).
    """

    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    session_ttl_seconds: int = 8 * 3600
    idle_ttl_seconds: int = 2 * 3600
    secure_cookies: bool = False
    page_size: int = 50
    max_page_size: int = 500
    default_language: str = "en"
    map_max_markers: int = 5000
    min_password_length: int = 15

    def __post_init__(self) -> None:
        from tawthiq.store.users import check_min_length

        check_min_length(self.min_password_length)

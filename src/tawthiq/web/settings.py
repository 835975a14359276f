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
    """

    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    session_ttl_seconds: int = 8 * 3600
    idle_ttl_seconds: int = 2 * 3600
    secure_cookies: bool = False
    page_size: int = 50
    max_page_size: int = 500
    default_language: str = "en"
    map_max_markers: int = 5000

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

    Login throttling (``web/_throttle.py``, docs/web.md): per account and per client, the first
    ``login_free_failures`` failures are free; then each attempt waits ``login_delay_seconds``,
    doubled per further failure up to ``login_max_delay_seconds``; ``login_lockout_failures`` on
    an account (``login_client_lockout_failures`` from one client) lock it for
    ``login_lockout_seconds``; counts are forgotten after ``login_forget_seconds`` without failure.

    ``trusted_proxies``: addresses (or networks, ``10.0.0.0/8``) of reverse proxies whose
    ``X-Forwarded-For`` / ``X-Forwarded-Proto`` are believed. Empty (the default): the client is
    the connection's peer and forwarded headers are ignored, so nobody can pick the address that
    throttling and rate limits count.

    ``map_tile_url``: a tile server for the map's background, for online use
    (``https://tile.example.org/{z}/{x}/{y}.png``) with its ``map_tile_attribution``. ``None``
    (the default): no tile is fetched; the map draws the vector layers shipped in the package.
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
    login_free_failures: int = 5
    login_delay_seconds: float = 1.0
    login_max_delay_seconds: float = 60.0
    login_lockout_failures: int = 10
    login_client_lockout_failures: int = 30
    login_lockout_seconds: float = 900.0
    login_forget_seconds: float = 3600.0
    trusted_proxies: tuple[str, ...] = ()
    map_tile_url: str | None = None
    map_tile_attribution: str = ""

    def __post_init__(self) -> None:
        from tawthiq.app.accounts import check_min_length

        check_min_length(self.min_password_length)
        # JSON (the worker processes' settings) turns the tuple into a list
        object.__setattr__(self, "trusted_proxies", tuple(self.trusted_proxies))
        if (
            self.login_free_failures < 0
            or min(self.login_lockout_failures, self.login_client_lockout_failures) < 1
        ):
            from tawthiq.errors import InputError

            raise InputError("login failure counts must be at least 1", field="login_lockout_failures")
        if self.map_tile_url is not None:
            from urllib.parse import urlsplit

            from tawthiq.errors import InputError

            url = urlsplit(self.map_tile_url)
            if (
                url.scheme not in ("http", "https")
                or not url.netloc
                or not all(k in self.map_tile_url for k in ("{z}", "{x}", "{y}"))
            ):
                raise InputError("a map tile URL is http(s)://host/…{z}/{x}/{y}…", field="map_tile_url")

    @property
    def map_tile_origin(self) -> str | None:
        """The tile server's origin (for the Content-Security-Policy's img-src), if any."""
        if self.map_tile_url is None:
            return None
        from urllib.parse import urlsplit

        url = urlsplit(self.map_tile_url.replace("{s}", "a"))
        host = url.netloc.replace("a.", "*.", 1) if "{s}." in self.map_tile_url else url.netloc
        return f"{url.scheme}://{host}"

"""The one error shape of the web app and the API.

In: an :class:`HTTPError`, a :class:`~tawthiq.errors.TawthiqError`, or FastAPI's validation errors.
Out: ``{"error": {"status": 404, "code": "not_found", "message": "…", "field": null}}`` for JSON
requests (the API and every ``.json`` twin), the same fields in an HTML page otherwise.
Never: puts a traceback, a SQL statement or a protected value in a response.

The message stays English in JSON (clients match on ``code`` and ``field``); an HTML page in the
Arabic interface shows the translation of a message in :data:`FIXED_MESSAGES` (the ``error_text``
filter, ``_labels.py``) and the error code's label. A message with values in it is raised as a
template with ``params`` and translated, then filled (one with a count in it, in the plural form
its number takes: :data:`PLURAL_MESSAGES`); a list of accepted values (``choices``) is
written ``a, b, c`` in English and by the values' labels in the Arabic interface.
"""

from __future__ import annotations

from typing import Any

__all__ = ["AMOUNTS", "FIXED_MESSAGES", "PLURAL_MESSAGES", "HTTPError", "english_params", "error_body"]


def N_(text: str) -> str:
    """Marks ``text`` for the catalogue (``pybabel extract``) without translating it here."""
    return text


# Every error message of the web layer written as a literal, as raised (HTTPError, a template
# when it has ``params``) or answered (app.py); tests/web/test_error_language.py fails on one
# missing here or untranslated.
FIXED_MESSAGES: frozenset[str] = frozenset(
    {
        N_("'from' is after 'to'"),
        N_("%(value)r is not YYYY-MM-DD"),
        N_("%(value)r is not a whole number"),
        N_("%(value)r is not a certainty"),
        N_("%(value)r is not a grade; use one of %(choices)s"),
        N_("%(value)r is not an event type"),
        N_("kind must be one of %(choices)s"),
        N_("status must be one of %(choices)s"),
        "a reason has at most %(limit)s characters",  # plural: PLURAL_MESSAGES
        N_("at most %(limit)s"),
        "at most %(limit)s characters",  # plural: PLURAL_MESSAGES
        N_("no claim %(id)s"),
        N_("no incident %(id)s"),
        N_("no pair of person records %(a)s, %(b)s"),
        N_("no public incident %(id)s"),
        N_("no report %(id)s"),
        N_("page must be at most %(limit)s"),
        N_("your role (%(role)s) may not %(action)s"),
        N_("your role (%(role)s) may not decide on a missing person"),
        N_("your role (%(role)s) may not see missing-person matches"),
        N_("CSRF token does not match this browser; reload the page"),
        N_("a NUL character is not allowed"),
        N_("a correction needs at least one corrected field"),
        N_("a date YYYY-MM-DD"),
        N_("a whole number of years"),
        N_("bad CSRF token; reload the page and try again"),
        N_("bbox corners out of range or crossed"),
        N_("bbox is required: west,south,east,north"),
        N_("cannot be negative"),
        N_("choose match or no match"),
        N_("decision must be accept, correct or reject"),
        N_("high is below low"),
        N_("kind must be ask or register"),
        N_("log in to see this page"),
        N_("m or f"),
        N_("missing CSRF token; reload the page and try again"),
        N_("no such record"),
        N_("pages start at 1"),
        N_("please fill this in"),
        N_("say why you decided so"),
        N_("say why you override the grade"),
        N_("the API token is unknown, revoked or expired"),
        N_("the database refused a value in the request"),
        N_("the server failed to answer; the error has been logged"),
        N_("too many requests from this connection; please try again later"),
        # accounts (app.accounts, and the store's account rules under it): the admin page shows them
        N_("%(role)r is not a role; use one of %(choices)s"),
        N_("the minimum password length must be %(low)s..%(high)s, not %(value)s"),
        "a password needs at least %(limit)s characters; a few words are easiest to remember",  # plural
        "a password has at most %(limit)s characters",  # plural: PLURAL_MESSAGES
        "a user name has at most %(limit)s characters",  # plural: PLURAL_MESSAGES
        N_("a user name cannot be empty"),
        N_(
            "a user name cannot hold the invisible or control character U+%(code)s "
            "(character %(position)s); type the name without it"
        ),
        N_(
            "this password is common or easy to guess (a known password, a repeat or sequence, "
            "a dictionary word or the user's name); choose a few unrelated words"
        ),
        N_("%(name)r is the last active admin; make another user admin before this change"),
        N_("no user %(id)s"),
        N_("user %(name)r is disabled; enable them first"),
        N_("days must be 0 (never expires) or more"),
        N_("a user named %(name)r already exists"),
        N_(
            "a user named %(name)r already exists; names that differ only in case or in "
            "character form are the same name"
        ),
        N_("no user named %(name)r"),
        N_("a token id is %(length)s hex digits, as 'tokens list' shows"),
        N_("no token with id %(id)s"),
    }
)


# The messages with a count in them, and the value that counts. Their translations are plural
# entries of the catalogue (msgid_plural), written by ``ngettext`` in ``_labels.error_text``: Arabic
# has six forms, and a number decides the noun's ("حرفان", "10 أحرف", "11 حرفاً", "200 حرف"), so a
# fixed noun after any number is wrong for most of them (issue 18).
PLURAL_MESSAGES: dict[str, str] = {
    "a reason has at most %(limit)s characters": "limit",
    "at most %(limit)s characters": "limit",
    "a password needs at least %(limit)s characters; a few words are easiest to remember": "limit",
    "a password has at most %(limit)s characters": "limit",
    "a user name has at most %(limit)s characters": "limit",
}


# The values that are amounts (a limit: "at most 10,000,000"), given as numbers and written with
# the language's digit grouping when the message is written (Babel, ``_labels.error_text``); any
# other number is an id or a typed value and stays as it is ("no incident 1234").
AMOUNTS: frozenset[str] = frozenset({"limit"})


def english_params(params: dict[str, Any]) -> dict[str, Any]:
    """``params`` as the English message writes them: a list of accepted values as ``a, b, c``,
    an amount (:data:`AMOUNTS`) with its thousands grouped ("10,000,000", as Babel's en_GB)."""
    out: dict[str, Any] = {}
    for k, v in params.items():
        if isinstance(v, list | tuple):
            out[k] = ", ".join(map(str, v))
        elif k in AMOUNTS and isinstance(v, int) and not isinstance(v, bool):
            out[k] = f"{v:,}"
        else:
            out[k] = v
    return out


class HTTPError(Exception):
    """An error the web layer answers with ``status`` and a stable ``code``."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        """``message`` may be a template with ``params`` (``"no incident %(id)s", {"id": 12}``): the
        English text is ``message % params``, and a page translates the template, then fills it."""
        text = message % english_params(params) if params else message
        super().__init__(text)
        self.status = status
        self.code = code
        self.message = text
        self.template = message
        self.params = params
        self.field = field


def error_body(status: int, code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message, "field": field}}

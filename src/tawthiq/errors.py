"""One exception tree for Tawthiq. Messages name file, line and field — never a protected value.

    TawthiqError
    ├── InputError(path, line, field)      bad input a user can fix
    │   ├── EncodingError                  bytes that are not text in any encoding we accept
    │   └── ParseError                     text that is not the format it claims to be
    ├── WorkspaceError                     no workspace here, or a broken one
    ├── StoreError                         the database refused or is inconsistent
    ├── ProtectedDataError                 protected data asked for without the key
    ├── PermissionDenied                   the user's role may not do this
    ├── LinkageError                       people linkage could not run
    └── EstimationError                    an estimator could not run on this table

The CLI turns every TawthiqError into a one-line message and exit code 1; anything else
is a bug and keeps its traceback (at the CLI edge only).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = [
    "EncodingError",
    "EstimationError",
    "InputError",
    "InputErrors",
    "LinkageError",
    "ParseError",
    "PermissionDenied",
    "ProtectedDataError",
    "StoreError",
    "TawthiqError",
    "WorkspaceError",
]


class TawthiqError(Exception):
    """Base of every error Tawthiq raises on purpose."""


class InputError(TawthiqError):
    """Bad input: says where (file, line or record, field) and what is wrong.

    >>> str(InputError("'13/12/16' is not YYYY-MM-DD", path="reports/013.txt", line=42, field="published_at"))
    "reports/013.txt:42: field 'published_at': '13/12/16' is not YYYY-MM-DD"
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        # With ``params``, ``message`` is a template (``"no user %(id)s"``): the message is the
        # template filled (a list of values written ``a, b, c``), and an interface in another
        # language translates the template (``template``), then fills it (the web, issue 18).
        self.template = message
        self.params = params
        if params:
            message = message % {
                k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v for k, v in params.items()
            }
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        fld = f"field '{self.field}': " if self.field else ""
        return f"{where}{fld}{self.message}"


class EncodingError(InputError):
    """The bytes could not be decoded as text."""


class ParseError(InputError):
    """The text is not in the format it should be."""


class InputErrors(InputError):
    """Several row errors gathered from one file, reported together."""

    def __init__(
        self, errors: Iterable[InputError], *, path: str | Path | None = None, summary: str | None = None
    ) -> None:
        """``summary``: the message instead of the list of problems, when they were already shown
        one by one (``tawthiq people import`` prints each refused row as it reads); ``errors``
        still carries them, for ``--json``."""
        self.errors = list(errors)
        lines = [str(e) for e in self.errors]
        head = f"{len(self.errors)} problem(s)"
        super().__init__(summary or head + ":\n  " + "\n  ".join(lines), path=path)


class WorkspaceError(TawthiqError):
    """No workspace where one was expected, or a workspace that is incomplete."""


class StoreError(TawthiqError):
    """The database refused a write or holds something inconsistent."""


class ProtectedDataError(TawthiqError):
    """Protected data was asked for without the key (or the key does not open it)."""


class PermissionDenied(TawthiqError):
    """The acting user's role may not do this (a reviewer exporting internally, a viewer reviewing)."""


class LinkageError(TawthiqError):
    """People linkage could not run (settings, data or backend)."""


class EstimationError(TawthiqError):
    """An estimator could not run on the given table."""

"""Where log records and library warnings go when ``tawthiq`` runs: a log file, not the terminal.

In: the root option ``--verbose/-v`` and the environment variable ``TAWTHIQ_LOG_FILE``.
Out: the root logger writes INFO and above to the log file (default
``~/.local/state/tawthiq/tawthiq.log`` on Linux: the user's state folder as platformdirs
gives it), Python warnings (``warnings.warn``: pandas, numba, arviz …) go there too, and with
``--verbose`` the same records are also shown on stderr. Never: logs a protected value (our
modules log record ids and counts only; a library's warning names its own settings, as
splink's "Level … not observed in dataset"), or changes what a command prints to stdout.

Without this, splink's training warnings (a dozen on a real list) and other libraries' warnings
reached the user on every ``people link`` (issue 17).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

__all__ = ["LOG_FILE_ENV", "configure_logging", "log_file", "reset_logging"]

LOG_FILE_ENV = "TAWTHIQ_LOG_FILE"
_OURS = "_tawthiq_cli_handler"  # marks the handlers this module added, to replace them on re-run
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_file() -> Path:
    """``TAWTHIQ_LOG_FILE``, else ``tawthiq.log`` in the user's state folder (platformdirs)."""
    env = os.environ.get(LOG_FILE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_state_path

    return user_state_path("tawthiq", appauthor=False) / "tawthiq.log"


def configure_logging(verbose: bool = False) -> Path | None:
    """Send log records and warnings to the log file (and to stderr with ``verbose``).

    Returns the log file's path, or ``None`` when it cannot be opened (a read-only home): then
    records at WARNING and above still reach stderr (Python's last resort), never lost.
    Idempotent: a second call replaces the handlers of the first; :func:`reset_logging`, run
    when the command ends, removes them (a next command in the same process, as in tests,
    never writes to this one's streams).
    """
    reset_logging()
    # splink's Linker adds its own stderr handler to the 'splink' logger when no handler is
    # configured above it (splink.logging.enable); one added before this call would bypass ours
    splink = logging.getLogger("splink")
    for handler in [h for h in splink.handlers if getattr(h, "_splink_default_handler", False)]:
        splink.removeHandler(handler)
        handler.close()
    splink.propagate = True
    # alembic says "Context impl SQLiteImpl." at INFO on every command: only its warnings
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # a PDF dossier: WeasyPrint announces each rendering step and fontTools each font subset at
    # INFO (a dozen lines a PDF); their warnings (bad CSS, an unreadable font) still reach the log
    for chatty in ("weasyprint.progress", "fontTools"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
    logging.captureWarnings(True)  # warnings.warn -> the 'py.warnings' logger -> the handlers below

    root = logging.getLogger()
    path = log_file()
    opened: Path | None = path
    handlers: list[logging.Handler] = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(path, encoding="utf-8"))
    except OSError:
        opened = None
    if verbose:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setLevel(logging.INFO)
        handler.setFormatter(logging.Formatter(_FORMAT))
        setattr(handler, _OURS, True)
        root.addHandler(handler)
    if handlers:
        root.setLevel(min(root.level or logging.INFO, logging.INFO))
    return opened


def reset_logging() -> None:
    """Remove the handlers :func:`configure_logging` added (at the end of a command)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()
    logging.captureWarnings(False)

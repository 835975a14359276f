"""Web commands: ``serve``, ``users add|list|set-role|disable|enable|password``, ``tokens …``.

In: command-line options. Out: a running server (address on stderr), user lists (``--json``),
a new API token on stdout (shown once). Exit 0 ok, 1 a TawthiqError, 2 usage.
Never: prints or logs a password; a token is printed only at creation.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from tawthiq.cli._common import DbOpt, JsonOpt, WorkspaceOpt, emit, err_console, json_option, print_json_line
from tawthiq.entities import USER_ROLES
from tawthiq.errors import InputError

_ROLES_SAID = f"{', '.join(USER_ROLES[:-1])} or {USER_ROLES[-1]}"  # viewer, reviewer, documenter or admin

__all__ = ["register"]

users_app = typer.Typer(help=f"Web users and their roles ({', '.join(USER_ROLES)}).", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens for /api/v1 (Authorization: Bearer …).", no_args_is_help=True)


def _open(workspace: Path | None, db: str | None):
    from tawthiq.store import open_workspace

    return open_workspace(workspace, db=db)


def serve(
    workspace_arg: Annotated[
        Path | None,
        typer.Argument(metavar="[WORKSPACE]", help="Workspace folder (default: --workspace or here)."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    session_hours: Annotated[float, typer.Option(help="A login lasts at most this long.")] = 8.0,
    secure_cookies: Annotated[bool, typer.Option(help="Mark cookies Secure (behind HTTPS).")] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Server processes (one per core at most). One by default: it answers pages on its "
            "event loop; each more process keeps its own caches and login-throttling counts.",
        ),
    ] = 1,
    min_password_length: Annotated[
        int, typer.Option(help="Shortest password an admin may set on the web (at least 8).")
    ] = 15,
    trusted_proxy: Annotated[
        list[str] | None,
        typer.Option(
            help="Address or network of a reverse proxy whose X-Forwarded-For is believed "
            "(repeat for several); none by default."
        ),
    ] = None,
    login_lockout_failures: Annotated[
        int, typer.Option(min=1, help="Failed logins that lock an account for --login-lockout-minutes.")
    ] = 10,
    login_lockout_minutes: Annotated[float, typer.Option(min=0, help="How long a lockout lasts.")] = 15.0,
    map_tiles: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            help="A tile server for the map's background, e.g. https://tiles.example.org/{z}/{x}/{y}.png "
            "(online use only; by default no tile is fetched and the map draws the shipped layers).",
        ),
    ] = None,
    map_tiles_attribution: Annotated[
        str, typer.Option(metavar="TEXT", help="The credit the tile server asks for, shown on the map.")
    ] = "",
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: Annotated[
        bool,
        json_option(
            "On start, print the address it serves and its settings as one JSON line on stdout "
            "(then serve as without it)."
        ),
    ] = False,
) -> None:
    """Serve the workspace in the browser: review, incidents, map, timeline, people, API, public view."""
    from tawthiq.web import WebSettings, serve_workspace

    ws = _open(workspace_arg or workspace, db)
    settings = WebSettings(
        session_ttl_seconds=int(session_hours * 3600),
        secure_cookies=secure_cookies,
        min_password_length=min_password_length,
        trusted_proxies=tuple(trusted_proxy or ()),
        login_lockout_failures=login_lockout_failures,
        login_lockout_seconds=login_lockout_minutes * 60,
        map_tile_url=map_tiles,
        map_tile_attribution=map_tiles_attribution,
    )
    err_console.print(f"serving {ws.path} at http://{host}:{port}/  (Ctrl-C to stop)", highlight=False)
    if json_:
        print_json_line(
            {"url": f"http://{host}:{port}/", "host": host, "port": port, "workspace": str(ws.path),
             "database": ws.engine.dialect.name, "workers": workers, "session_hours": session_hours,
             "secure_cookies": secure_cookies, "min_password_length": min_password_length,
             "trusted_proxies": list(settings.trusted_proxies), "map_tiles": map_tiles}
        )  # fmt: skip
    serve_workspace(ws, settings, host=host, port=port, workers=workers)


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)


def _when(dt) -> str:
    return dt.strftime("%Y-%m-%d %H:%M") if dt else "-"


def _say_user(user, json_: bool, message: str) -> None:
    emit(user, json_, lambda u: err_console.print(f"user {u.name} ({u.role}, {_state(u)}): {message}",
         highlight=False), as_json=lambda u: u.model_dump(mode="json"))  # fmt: skip


def _change_user(
    workspace: Path | None, db: str | None, json_: bool, message: str, change: Callable[[Any], Any]
) -> None:
    """Run ``change(workspace)`` (an ``app.accounts`` write returning the user), then say so."""
    with _open(workspace, db) as ws:
        user = change(ws)
    _say_user(user, json_, message)


def _state(user) -> str:
    return "active" if user.active else "disabled"


PasswordStdinOpt = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from standard input.")
]
MinLengthOpt = Annotated[
    int,
    typer.Option(
        "--min-length", help="Shortest password accepted (default 15, NIST SP 800-63B; at least 8)."
    ),
]


def users_add(
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option(help=f"{_ROLES_SAID}.")] = "viewer",
    password_stdin: PasswordStdinOpt = False,
    min_length: MinLengthOpt = 15,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Add a user (or reset an existing user's role and password)."""
    from tawthiq.app import accounts

    password = _read_password(password_stdin)
    with _open(workspace, db) as ws:
        user = accounts.add_user(ws, name, role, password, actor="cli", min_length=min_length)
    _say_user(user, json_, "saved")


def users_list(workspace: WorkspaceOpt = None, db: DbOpt = None, json_: JsonOpt = False) -> None:
    """List users: role, active or disabled, when created, last login."""
    from tawthiq.app import accounts

    with _open(workspace, db) as ws:
        found = accounts.list_users(ws)
    emit(found, json_, _users_lines, as_json=lambda us: [u.model_dump(mode="json") for u in us])


def _users_lines(found: list[Any]) -> None:
    for u in found:
        typer.echo(
            f"{u.name}\t{u.role}\t{_state(u)}\t"
            f"created {_when(u.created_at)}\tlast login {_when(u.last_login)}"
        )


def users_set_role(
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Argument(help=f"{_ROLES_SAID}.")],
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Change a user's role (the last active admin cannot be demoted)."""
    from tawthiq.app import accounts

    _change_user(workspace, db, json_, "role set", lambda ws: accounts.set_role(ws, name, role, actor="cli"))


def users_disable(
    name: Annotated[str, typer.Argument(help="Login name.")],
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Disable a user: their sessions end and their API tokens stop working at once."""
    from tawthiq.app import accounts

    _change_user(
        workspace, db, json_, "disabled", lambda ws: accounts.set_active(ws, name, False, actor="cli")
    )


def users_enable(
    name: Annotated[str, typer.Argument(help="Login name.")],
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Enable a disabled user again (their unrevoked tokens work again)."""
    from tawthiq.app import accounts

    _change_user(workspace, db, json_, "enabled", lambda ws: accounts.set_active(ws, name, True, actor="cli"))


def users_password(
    name: Annotated[str, typer.Argument(help="Login name.")],
    password_stdin: PasswordStdinOpt = False,
    min_length: MinLengthOpt = 15,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Reset a user's password; their open sessions end."""
    from tawthiq.app import accounts

    password = _read_password(password_stdin)
    with _open(workspace, db) as ws:
        user = accounts.set_password(ws, name, password, actor="cli", min_length=min_length)
    _say_user(user, json_, "password reset")


def tokens_create(
    user: Annotated[str, typer.Option("--user", help="The token acts as this user, with their role.")],
    label: Annotated[str, typer.Option(help="What the token is for.")] = "",
    days: Annotated[int, typer.Option(help="Days until it expires (0: never).")] = 365,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Create an API token; it is printed once, on stdout, and only its digest is stored."""
    from tawthiq.app import accounts

    with _open(workspace, db) as ws:
        try:
            token, created = accounts.create_token(ws, user, label, days or None, actor="cli")
        except InputError as exc:
            if exc.template != "no user named %(name)r":
                raise
            raise InputError(f"{exc.message}; add one with 'tawthiq users add'", field=exc.field) from None

    def token_lines(made: dict[str, str]) -> None:
        typer.echo(made["token"])
        err_console.print(f"token {made['id']}: keep it secret, it will not be shown again", highlight=False)

    emit({"user": user, "label": label, "id": created.id, "token": token}, json_, token_lines)


def tokens_list(
    user: Annotated[str | None, typer.Option("--user", help="Only this user's tokens.")] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """List API tokens: id, owner, state, created, expires, last used, label (never the secret)."""
    from tawthiq.app import accounts

    with _open(workspace, db) as ws:
        found = accounts.list_tokens(ws, user)
    emit(found, json_, _tokens_lines, as_json=lambda ts: [t.model_dump(mode="json") for t in ts])


def _tokens_lines(found: list[Any]) -> None:
    for t in found:
        state = "revoked" if t.revoked else "expired" if t.expired else "active"
        typer.echo(
            f"{t.id}\t{t.user}\t{state}\t"
            f"created {_when(t.created_at)}\texpires {_when(t.expires_at)}\t"
            f"last used {_when(t.last_used)}\t{t.label}"
        )


def tokens_revoke(
    token: Annotated[str | None, typer.Argument(help="The token to revoke (or give --id).")] = None,
    token_id: Annotated[str | None, typer.Option("--id", help="The token's id from 'tokens list'.")] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Revoke an API token, by its secret or by its id."""
    from tawthiq.app import accounts

    if (token is None) == (token_id is None):
        raise typer.BadParameter("give either the token or --id")
    with _open(workspace, db) as ws:
        if token_id is not None:
            token_id = accounts.revoke_token_id(ws, token_id, actor="cli").id
        elif token is not None and not accounts.revoke_token(ws, token, actor="cli"):
            raise InputError("no such token", field="token")
    emit({"revoked": True, **({"id": token_id} if token_id else {})}, json_,
         lambda _: err_console.print("revoked", highlight=False))  # fmt: skip


# once, at import: register() may be called more than once (a root group per test)
users_app.command("add")(users_add)
users_app.command("list")(users_list)
users_app.command("set-role")(users_set_role)
users_app.command("disable")(users_disable)
users_app.command("enable")(users_enable)
users_app.command("password")(users_password)
tokens_app.command("create")(tokens_create)
tokens_app.command("list")(tokens_list)
tokens_app.command("revoke")(tokens_revoke)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")

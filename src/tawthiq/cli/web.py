"""Web commands: ``serve``, ``users add|list``, ``tokens create|revoke``.

In: command-line options. Out: a running server (address on stderr), user lists (``--json``),
a new API token on stdout (shown once). Exit 0 ok, 1 a TawthiqError, 2 usage.
Never: prints or logs a password; a token is printed only at creation.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tawthiq.cli._common import DbOpt, JsonOpt, WorkspaceOpt, err_console, handle_errors, print_json

__all__ = ["register"]

users_app = typer.Typer(
    help="Web users and their roles (viewer, reviewer, documenter, admin).", no_args_is_help=True
)
tokens_app = typer.Typer(help="API tokens for /api/v1 (Authorization: Bearer …).", no_args_is_help=True)


def _open(workspace: Path | None, db: str | None):
    from tawthiq.store import open_workspace

    return open_workspace(workspace, db=db)


@handle_errors
def serve(
    workspace_arg: Annotated[
        Path | None,
        typer.Argument(metavar="[WORKSPACE]", help="Workspace folder (default: --workspace or here)."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    session_hours: Annotated[float, typer.Option(help="A login lasts at most this long.")] = 8.0,
    secure_cookies: Annotated[bool, typer.Option(help="Mark cookies Secure (behind HTTPS).")] = False,
    workers: Annotated[int, typer.Option(min=1, help="Server processes (one per core at most).")] = 1,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
) -> None:
    """Serve the workspace in the browser: review, incidents, map, timeline, people, API, public view."""
    from tawthiq.web import WebSettings, serve_workspace

    ws = _open(workspace_arg or workspace, db)
    settings = WebSettings(session_ttl_seconds=int(session_hours * 3600), secure_cookies=secure_cookies)
    err_console.print(f"serving {ws.path} at http://{host}:{port}/  (Ctrl-C to stop)", highlight=False)
    serve_workspace(ws, settings, host=host, port=port, workers=workers)


@handle_errors
def users_add(
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option(help="viewer, reviewer, documenter or admin.")] = "viewer",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Add a user (or reset an existing user's role and password)."""
    from tawthiq.store import users

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    with _open(workspace, db) as ws, ws.session(actor="cli") as s:
        user = users.add_user(s, name, role, password)
    if json_:
        print_json(user.model_dump())
    else:
        err_console.print(f"user {user.name} ({user.role}) saved", highlight=False)


@handle_errors
def users_list(workspace: WorkspaceOpt = None, db: DbOpt = None, json_: JsonOpt = False) -> None:
    """List users and their roles."""
    from tawthiq.store import users

    with _open(workspace, db) as ws, ws.session() as s:
        found = users.list_users(s)
    if json_:
        print_json([u.model_dump() for u in found])
        return
    for u in found:
        typer.echo(f"{u.name}\t{u.role}\t{'active' if u.active else 'inactive'}")


@handle_errors
def tokens_create(
    user: Annotated[str, typer.Option("--user", help="The token acts as this user, with their role.")],
    label: Annotated[str, typer.Option(help="What the token is for.")] = "",
    days: Annotated[int, typer.Option(help="Days until it expires (0: never).")] = 365,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Create an API token; it is printed once, on stdout, and only its digest is stored."""
    from tawthiq.store import users

    with _open(workspace, db) as ws, ws.session(actor="cli") as s:
        token = users.create_token(s, user, label, days or None)
    if json_:
        print_json({"user": user, "label": label, "token": token})
    else:
        typer.echo(token)
        err_console.print("keep it secret: it will not be shown again", highlight=False)


@handle_errors
def tokens_revoke(
    token: Annotated[str, typer.Argument(help="The token to revoke.")],
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
) -> None:
    """Revoke an API token."""
    from tawthiq.errors import InputError
    from tawthiq.store import users

    with _open(workspace, db) as ws, ws.session(actor="cli") as s:
        if not users.revoke_token(s, token):
            raise InputError("no such token", field="token")
    err_console.print("revoked", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    users_app.command("add")(users_add)
    users_app.command("list")(users_list)
    tokens_app.command("create")(tokens_create)
    tokens_app.command("revoke")(tokens_revoke)
    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")

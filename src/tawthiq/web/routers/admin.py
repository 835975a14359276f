"""Administration of users and API tokens (role admin only): ``/admin``.

In: an admin's session and CSRF-protected forms: add a user, change a role, disable or enable,
reset a password; create or revoke an API token.
Out: the admin page (and its ``.json`` twin: users and tokens, never a secret or a hash); a new
token's secret on the response page of its creation only (``Cache-Control: no-store``).
Every write is a use case of ``tawthiq.app.accounts``, one transaction whose actor is the admin,
so the audit log names who did it; the store refuses to demote or disable the last active admin.
Never: stores, logs or shows again a token's secret; shows a password or a hash; answers anyone
but an admin (others get 403, the public 401/redirect to the login page).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from tawthiq.app import accounts
from tawthiq.entities import USER_ROLES
from tawthiq.errors import InputError
from tawthiq.store.users import User

from .._auth import require, verify_csrf
from .._render import render

router = APIRouter(tags=["admin"], include_in_schema=False)
_admin = require("manage_users")

# A successful write redirects to ``/admin?done=ACTION``; the template words each (en/ar).
DONE = ("user.create", "user.role", "user.disable", "user.enable", "user.password", "token.revoke")


def _listing(request: Request) -> dict[str, Any]:
    ws = request.app.state.workspace
    return {"users": accounts.list_users(ws), "tokens": accounts.list_tokens(ws)}


def _page(
    request: Request,
    *,
    error: InputError | None = None,
    done: str | None = None,
    typed: dict[str, Any] | None = None,
) -> Response:
    data = _listing(request)
    context = {
        **data,
        "roles": USER_ROLES,
        "min_password": request.app.state.settings.min_password_length,
        "done": done if done in DONE else None,
        "error": error,
        "typed": typed or {},  # what the refused form had (never a password): shown again
    }
    return render(request, "admin.html", context, json_data=data, status_code=400 if error else 200)


def _write(request: Request, action: str, change: Any, typed: dict[str, Any] | None = None) -> Response:
    """Run ``change(workspace)`` (an ``app.accounts`` use case acting as the admin); a refused
    change re-renders the page with the reason and what was typed."""
    try:
        change(request.app.state.workspace)
    except InputError as exc:
        return _page(request, error=exc, typed=typed)
    return RedirectResponse(f"/admin?done={action}", status_code=303)


@router.get("/admin")
@router.get("/admin.json")
def admin_page(request: Request, done: str | None = None, _user: User = Depends(_admin)) -> Response:
    return _page(request, done=done)


@router.post("/admin/users", dependencies=[Depends(verify_csrf)])
def add_user(
    request: Request,
    name: str = Form(""),
    role: str = Form("viewer"),
    password: str = Form(""),
    admin: User = Depends(_admin),
) -> Response:
    least = request.app.state.settings.min_password_length
    return _write(
        request,
        "user.create",
        lambda ws: accounts.create_user(ws, name, role, password, actor=admin.name, min_length=least),
        typed={"form": "add-user", "name": name, "role": role},
    )


@router.post("/admin/users/role", dependencies=[Depends(verify_csrf)])
def set_role(
    request: Request, name: str = Form(...), role: str = Form(...), admin: User = Depends(_admin)
) -> Response:
    return _write(request, "user.role", lambda ws: accounts.set_role(ws, name, role, actor=admin.name))


@router.post("/admin/users/active", dependencies=[Depends(verify_csrf)])
def set_active(
    request: Request, name: str = Form(...), active: str = Form(...), admin: User = Depends(_admin)
) -> Response:
    on = active == "1"
    return _write(
        request,
        "user.enable" if on else "user.disable",
        lambda ws: accounts.set_active(ws, name, on, actor=admin.name),
    )


@router.post("/admin/users/password", dependencies=[Depends(verify_csrf)])
def reset_password(
    request: Request, name: str = Form(...), password: str = Form(""), admin: User = Depends(_admin)
) -> Response:
    least = request.app.state.settings.min_password_length
    return _write(
        request,
        "user.password",
        lambda ws: accounts.set_password(ws, name, password, actor=admin.name, min_length=least),
    )


@router.post("/admin/tokens", dependencies=[Depends(verify_csrf)])
def create_token(
    request: Request,
    user: str = Form(...),
    label: str = Form(""),
    days: int = Form(365),
    admin: User = Depends(_admin),
) -> Response:
    try:
        secret, token = accounts.create_token(
            request.app.state.workspace, user, label, days or None, actor=admin.name
        )
    except InputError as exc:
        return _page(
            request, error=exc, typed={"form": "create-token", "user": user, "label": label, "days": days}
        )
    # The only time the secret exists outside its owner's hands: this response, never cached.
    response = render(
        request,
        "admin_token.html",
        {"secret": secret, "token_id": token.id, "owner": user, "label": label},
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/admin/tokens/revoke", dependencies=[Depends(verify_csrf)])
def revoke_token(request: Request, token_id: str = Form(...), admin: User = Depends(_admin)) -> Response:
    return _write(
        request, "token.revoke", lambda ws: accounts.revoke_token_id(ws, token_id, actor=admin.name)
    )

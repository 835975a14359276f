"""Administration of users and API tokens (role admin only): ``/admin``.

In: an admin's session and CSRF-protected forms: add a user, change a role, disable or enable,
reset a password; create or revoke an API token.
Out: the admin page (and its ``.json`` twin: users and tokens, never a secret or a hash); a new
token's secret on the response page of its creation only (``Cache-Control: no-store``).
Every write goes through ``tawthiq.store.users`` in one transaction whose actor is the admin,
so the audit log names who did it; the store refuses to demote or disable the last active admin.
Never: stores, logs or shows again a token's secret; shows a password or a hash; answers anyone
but an admin (others get 403, the public 401/redirect to the login page).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from tawthiq.errors import InputError
from tawthiq.store import users
from tawthiq.store.users import User

from .._auth import require, verify_csrf
from .._render import render

router = APIRouter(tags=["admin"], include_in_schema=False)
_admin = require("manage_users")

# A successful write redirects to ``/admin?done=ACTION``; the template words each (en/ar).
DONE = ("user.create", "user.role", "user.disable", "user.enable", "user.password", "token.revoke")


def _listing(request: Request) -> dict[str, Any]:
    with request.app.state.workspace.session() as s:
        return {"users": users.list_users(s), "tokens": users.list_tokens(s)}


def _page(request: Request, *, error: InputError | None = None, done: str | None = None) -> Response:
    data = _listing(request)
    context = {
        **data,
        "roles": users.ROLES,
        "min_password": request.app.state.settings.min_password_length,
        "done": done if done in DONE else None,
        "error": error,
    }
    return render(request, "admin.html", context, json_data=data, status_code=400 if error else 200)


def _write(request: Request, admin: User, action: str, change: Any) -> Response:
    """Run ``change(session)`` as ``admin``; a refused change re-renders the page with the reason."""
    try:
        with request.app.state.workspace.session(actor=admin.name) as s:
            change(s)
    except InputError as exc:
        return _page(request, error=exc)
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
        request, admin, "user.create", lambda s: users.create_user(s, name, role, password, min_length=least)
    )


@router.post("/admin/users/role", dependencies=[Depends(verify_csrf)])
def set_role(
    request: Request, name: str = Form(...), role: str = Form(...), admin: User = Depends(_admin)
) -> Response:
    return _write(request, admin, "user.role", lambda s: users.set_role(s, name, role))


@router.post("/admin/users/active", dependencies=[Depends(verify_csrf)])
def set_active(
    request: Request, name: str = Form(...), active: str = Form(...), admin: User = Depends(_admin)
) -> Response:
    on = active == "1"
    return _write(
        request, admin, "user.enable" if on else "user.disable", lambda s: users.set_active(s, name, on)
    )


@router.post("/admin/users/password", dependencies=[Depends(verify_csrf)])
def reset_password(
    request: Request, name: str = Form(...), password: str = Form(""), admin: User = Depends(_admin)
) -> Response:
    least = request.app.state.settings.min_password_length
    return _write(
        request, admin, "user.password", lambda s: users.set_password(s, name, password, min_length=least)
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
        with request.app.state.workspace.session(actor=admin.name) as s:
            secret = users.create_token(s, user, label, days or None)
    except InputError as exc:
        return _page(request, error=exc)
    # The only time the secret exists outside its owner's hands: this response, never cached.
    response = render(
        request,
        "admin_token.html",
        {"secret": secret, "token_id": users.token_id(secret), "owner": user, "label": label},
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/admin/tokens/revoke", dependencies=[Depends(verify_csrf)])
def revoke_token(request: Request, token_id: str = Form(...), admin: User = Depends(_admin)) -> Response:
    return _write(request, admin, "token.revoke", lambda s: users.revoke_token_id(s, token_id))

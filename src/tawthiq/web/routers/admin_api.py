"""The admin JSON API, ``/api/v1/admin/…``: users and API tokens, for admins only.

In: an admin's API token (``Authorization: Bearer …``) or session (whose writes then send the
``X-CSRF-Token`` header), and JSON bodies (:class:`NewUser`, :class:`RoleChange`,
:class:`PasswordChange`, :class:`NewToken`).
Out: :class:`~tawthiq.store.users.User` and :class:`~tawthiq.store.tokens.ApiToken` (never a
password, a hash or a token's digest); a new token's secret in the response to its creation
only (:class:`CreatedToken`, ``Cache-Control: no-store``). Errors in the API's one shape: 400
``bad_input`` naming the field (a short or guessable password, an unknown role, a taken name,
the last active admin), 404 ``not_found`` for an unknown user or token, 401/403 otherwise.
Every write is a use case of ``tawthiq.app.accounts`` (the functions ``/admin`` and the CLI
call), one transaction whose actor is the admin, so the audit log names who did it.
Never: echoes a password (request bodies carry it as a write-only ``SecretStr``, and the error
handler repeats only the message, never the input), logs or shows a token secret again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Depends, Request, Security
from fastapi.responses import Response
from pydantic import BaseModel, Field, SecretStr

from tawthiq.app import accounts
from tawthiq.entities import UserRole
from tawthiq.store.tokens import ApiToken
from tawthiq.store.users import User

from .._auth import require, verify_csrf
from .._errors import HTTPError
from .._query import RecordId
from .._render import JSONResponse
from .api import _ERRORS, _bearer

router = APIRouter(prefix="/api/v1/admin", tags=["admin"], responses=_ERRORS)
T = TypeVar("T")

Role = UserRole


async def _admin(user: User = Depends(require("manage_users")), _token: Any = Security(_bearer)) -> User:
    """An admin; a coroutine, so no thread-pool hop (``web/_inline.py``), like ``api``'s own."""
    return user


class UserList(BaseModel):
    items: list[User]


class TokenList(BaseModel):
    items: list[ApiToken]


class NewUser(BaseModel):
    name: str = Field(description="Login name (at most 200 characters; must not be taken).")
    role: Role = "viewer"
    password: SecretStr = Field(
        description="Initial password: at least 15 characters by default (`--min-password-length`), "
        "any Unicode; common or guessable passwords are refused (docs/web.md, Password rules)."
    )


class RoleChange(BaseModel):
    role: Role


class PasswordChange(BaseModel):
    password: SecretStr = Field(description="The new password (same rules); the user's sessions end.")


class NewToken(BaseModel):
    user: str = Field(description="The name of the user the token acts as (with that user's role).")
    label: str = Field("", max_length=200, description="What the token is for.")
    days: int | None = Field(
        365, ge=0, le=36_500, description="Days until it expires (at most 100 years); 0 or null: never."
    )


class CreatedToken(ApiToken):
    secret: str = Field(description="The token itself: shown in this response only, never again.")


def _write(request: Request, change: Callable[[Any], T]) -> T:
    """Run ``change(workspace)``, an ``app.accounts`` use case; an unknown user id is 404."""
    try:
        return change(request.app.state.workspace)
    except accounts.UnknownAccount as exc:
        if exc.field == "user_id":
            raise HTTPError(404, "not_found", exc.message, field="user_id") from None
        raise


def _least(request: Request) -> int:
    return request.app.state.settings.min_password_length


@router.get("/users", response_model=UserList)
def list_users(request: Request, admin: User = Depends(_admin)) -> Any:
    """Every user: id, name, role, active or disabled, created, last login."""
    return {"items": accounts.list_users(request.app.state.workspace)}


@router.post("/users", response_model=User, status_code=201, dependencies=[Depends(verify_csrf)])
def add_user(request: Request, body: NewUser, admin: User = Depends(_admin)) -> Any:
    """Add a user (``user.create`` in the audit log); a taken name is refused."""
    password = body.password.get_secret_value()
    return _write(
        request,
        lambda ws: accounts.create_user(
            ws, body.name, body.role, password, actor=admin.name, min_length=_least(request)
        ),
    )


@router.put("/users/{user_id}/role", response_model=User, dependencies=[Depends(verify_csrf)])
def set_role(request: Request, user_id: RecordId, body: RoleChange, admin: User = Depends(_admin)) -> Any:
    """Change a user's role (``user.role``); the last active admin cannot be demoted."""
    return _write(request, lambda ws: accounts.set_role(ws, user_id, body.role, actor=admin.name))


@router.post("/users/{user_id}/disable", response_model=User, dependencies=[Depends(verify_csrf)])
def disable_user(request: Request, user_id: RecordId, admin: User = Depends(_admin)) -> Any:
    """Disable a user (``user.disable``): their sessions end and their tokens fail at once.
    The last active admin cannot be disabled."""
    return _write(request, lambda ws: accounts.set_active(ws, user_id, False, actor=admin.name))


@router.post("/users/{user_id}/enable", response_model=User, dependencies=[Depends(verify_csrf)])
def enable_user(request: Request, user_id: RecordId, admin: User = Depends(_admin)) -> Any:
    """Enable a user again (``user.enable``); their unrevoked tokens work again."""
    return _write(request, lambda ws: accounts.set_active(ws, user_id, True, actor=admin.name))


@router.put("/users/{user_id}/password", response_model=User, dependencies=[Depends(verify_csrf)])
def reset_password(
    request: Request, user_id: RecordId, body: PasswordChange, admin: User = Depends(_admin)
) -> Any:
    """Reset a user's password (``user.password``, never the password); their sessions end."""
    password = body.password.get_secret_value()
    return _write(
        request,
        lambda ws: accounts.set_password(ws, user_id, password, actor=admin.name, min_length=_least(request)),
    )


@router.get("/tokens", response_model=TokenList)
def list_tokens(request: Request, user: str | None = None, admin: User = Depends(_admin)) -> Any:
    """API tokens, newest first (``user``: one user's): id, owner, label, dates, state; never a secret."""
    return {"items": accounts.list_tokens(request.app.state.workspace, user)}


@router.post(
    "/tokens",
    response_model=CreatedToken,
    status_code=201,
    dependencies=[Depends(verify_csrf)],
)
def create_token(request: Request, body: NewToken, admin: User = Depends(_admin)) -> Response:
    """Create a token for a user (``token.create``, detail: its id and label). The ``secret`` is
    in this response only (``Cache-Control: no-store``); the workspace keeps its SHA-256."""

    secret, token = accounts.create_token(
        request.app.state.workspace, body.user, body.label, body.days or None, actor=admin.name
    )
    created = CreatedToken(**token.model_dump(), secret=secret)
    response = JSONResponse(created.model_dump(mode="json"), status_code=201)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/tokens/{token_id}/revoke", response_model=ApiToken, dependencies=[Depends(verify_csrf)])
def revoke_token(request: Request, token_id: str, admin: User = Depends(_admin)) -> Any:
    """Revoke a token by its id (``token.revoke``); it fails at once (401)."""

    # An id of the right length that no token has is 404; a malformed one, 400 (the store's).
    try:
        return accounts.revoke_token_id(request.app.state.workspace, token_id, actor=admin.name)
    except accounts.UnknownAccount:
        raise HTTPError(404, "not_found", f"no token with id {token_id}", field="token_id") from None

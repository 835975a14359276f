"""The admin JSON API (``/api/v1/admin/…``), driven with an admin's token as a script would.

The traps: a non-admin token (or none) managing accounts; a session-cookie write without the
CSRF header; the last active admin demoted or disabled; a password or a token secret in a
response, an error, the audit log or a later listing; a disabled user's token still working;
an error that does not name its field; the routes missing from the OpenAPI document.
"""

from __future__ import annotations

import pytest

from .conftest import add_user, csrf_of, login

SECRET_PASSWORD = "olive lantern harbour 1948"


@pytest.fixture
def api(make_client, built):
    """A client and the headers of a fresh admin token ("root" is the only admin)."""
    from tawthiq.store import tokens

    add_user(built.ws, "root", "admin")
    with built.ws.session() as s:
        token = tokens.create_token(s, "root", "admin script")
    return make_client(), {"authorization": f"Bearer {token}"}


def _audit_text(ws) -> str:
    from tawthiq.store import list_events

    with ws.session() as s:
        return "\n".join(e.model_dump_json() for e in list_events(s))


def _id(client, auth, name: str) -> int:
    return next(
        u["id"] for u in client.get("/api/v1/admin/users", headers=auth).json()["items"] if u["name"] == name
    )


def test_admin_api_adds_a_user_who_logs_in_and_every_write_is_audited_as_the_admin(api, built, make_client):
    client, auth = api
    r = client.post(
        "/api/v1/admin/users",
        json={"name": "hala", "role": "reviewer", "password": SECRET_PASSWORD},
        headers=auth,
    )
    assert r.status_code == 201
    hala = r.json()
    assert hala["name"] == "hala" and hala["role"] == "reviewer" and hala["active"] is True
    assert "password" not in r.text and SECRET_PASSWORD not in r.text
    assert login(make_client(), "hala", SECRET_PASSWORD).status_code == 303

    uid = hala["id"]
    assert client.put(f"/api/v1/admin/users/{uid}/role", json={"role": "documenter"}, headers=auth).json()[
        "role"
    ] == ("documenter")
    assert client.post(f"/api/v1/admin/users/{uid}/disable", headers=auth).json()["active"] is False
    assert login(make_client(), "hala", SECRET_PASSWORD).status_code == 401
    assert client.post(f"/api/v1/admin/users/{uid}/enable", headers=auth).json()["active"] is True
    new_password = "cedar river morning tea"
    r = client.put(f"/api/v1/admin/users/{uid}/password", json={"password": new_password}, headers=auth)
    assert r.status_code == 200 and new_password not in r.text
    assert login(make_client(), "hala", SECRET_PASSWORD).status_code == 401
    assert login(make_client(), "hala", new_password).status_code == 303

    listed = {u["name"]: u for u in client.get("/api/v1/admin/users", headers=auth).json()["items"]}
    assert listed["hala"]["role"] == "documenter" and listed["hala"]["last_login"] is not None

    from tawthiq.store import list_events

    with built.ws.session() as s:
        done = [(e.actor, e.action) for e in list_events(s, object_type="user", object_id="hala")]
    assert [a for a in done if a[0] == "root"] == [
        ("root", "user.create"),
        ("root", "user.role"),
        ("root", "user.disable"),
        ("root", "user.enable"),
        ("root", "user.password"),
    ]
    audit = _audit_text(built.ws)
    assert SECRET_PASSWORD not in audit and new_password not in audit


def test_a_token_secret_is_in_its_creation_response_only(api, built):
    client, auth = api
    add_user(built.ws, "sami", "viewer")
    r = client.post(
        "/api/v1/admin/tokens", json={"user": "sami", "label": "notebook", "days": 30}, headers=auth
    )
    assert r.status_code == 201 and r.headers["cache-control"] == "no-store"
    created = r.json()
    secret = created["secret"]
    assert secret.startswith("tq_") and created["user"] == "sami" and created["label"] == "notebook"
    assert created["expires_at"] is not None and created["revoked"] is False
    sami = {"authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/incidents", headers=sami).status_code == 200
    assert client.get("/api/v1/admin/users", headers=sami).status_code == 403  # a viewer's token

    listed = client.get("/api/v1/admin/tokens", params={"user": "sami"}, headers=auth)
    assert [t["id"] for t in listed.json()["items"]] == [created["id"]]
    assert secret not in listed.text and "secret" not in listed.json()["items"][0]
    assert secret not in _audit_text(built.ws) and secret not in client.get("/api/v1/openapi.json").text

    r = client.post(f"/api/v1/admin/tokens/{created['id']}/revoke", headers=auth)
    assert r.status_code == 200 and r.json()["revoked"] is True
    assert client.get("/api/v1/incidents", headers=sami).status_code == 401
    r = client.post("/api/v1/admin/tokens/0123456789abcdef/revoke", headers=auth)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = client.post("/api/v1/admin/tokens/nothex/revoke", headers=auth)
    assert r.status_code == 400 and r.json()["error"]["field"] == "id"


def test_disabling_a_user_stops_their_token_at_once(api, built):
    from tawthiq.store import tokens

    client, auth = api
    add_user(built.ws, "omar", "documenter")
    with built.ws.session() as s:
        token = tokens.create_token(s, "omar", "t")
    omar = {"authorization": f"Bearer {token}"}
    assert client.get("/api/v1/claims", headers=omar).status_code == 200
    client.post(f"/api/v1/admin/users/{_id(client, auth, 'omar')}/disable", headers=auth)
    assert client.get("/api/v1/claims", headers=omar).status_code == 401


def test_the_last_active_admin_cannot_be_demoted_or_disabled_over_the_api(api, built):
    client, auth = api
    root = _id(client, auth, "root")
    r = client.put(f"/api/v1/admin/users/{root}/role", json={"role": "viewer"}, headers=auth)
    assert r.status_code == 400
    assert r.json()["error"] == {
        "status": 400,
        "code": "bad_input",
        "message": "'root' is the last active admin; make another user admin before this change",
        "field": "role",
    }
    r = client.post(f"/api/v1/admin/users/{root}/disable", headers=auth)
    assert r.status_code == 400 and r.json()["error"]["field"] == "active"
    assert client.get("/api/v1/admin/users", headers=auth).status_code == 200  # still an admin


def test_bad_input_is_refused_in_the_one_error_shape_naming_the_field_and_never_the_password(api, built):
    client, auth = api
    cases = [
        ({"name": "x1", "role": "viewer", "password": "short pass"}, 400, "password"),
        ({"name": "x1", "role": "viewer", "password": "passwordpassword"}, 400, "password"),
        ({"name": "", "role": "viewer", "password": SECRET_PASSWORD}, 400, "name"),
        ({"name": "root", "role": "viewer", "password": SECRET_PASSWORD}, 400, "name"),
        ({"name": "x1", "role": "boss", "password": SECRET_PASSWORD}, 422, "role"),
        ({"name": "x1", "role": "viewer"}, 422, "password"),
    ]
    for body, status, field in cases:
        r = client.post("/api/v1/admin/users", json=body, headers=auth)
        assert r.status_code == status, (body, r.text)
        assert r.json()["error"]["field"] == field, (body, r.text)
        assert body.get("password", "@@") not in r.text
    r = client.put("/api/v1/admin/users/99999/role", json={"role": "viewer"}, headers=auth)
    assert r.status_code == 404 and r.json()["error"]["field"] == "user_id"
    r = client.post("/api/v1/admin/tokens", json={"user": "nobody"}, headers=auth)
    assert r.status_code == 400 and r.json()["error"]["field"] == "user"
    names = [u["name"] for u in client.get("/api/v1/admin/users", headers=auth).json()["items"]]
    assert "x1" not in names
    assert "short pass" not in _audit_text(built.ws)


@pytest.mark.parametrize("role", ["viewer", "reviewer", "documenter"])
def test_only_an_admin_token_manages_accounts(make_client, built, role):
    from tawthiq.store import tokens

    add_user(built.ws, f"{role}-api", role)
    with built.ws.session() as s:
        token = tokens.create_token(s, f"{role}-api", "t")
    client = make_client()
    auth = {"authorization": f"Bearer {token}"}
    assert client.get("/api/v1/admin/users", headers=auth).json()["error"]["code"] == "forbidden"
    r = client.post(
        "/api/v1/admin/users",
        json={"name": "mallory", "role": "admin", "password": SECRET_PASSWORD},
        headers=auth,
    )
    assert r.status_code == 403
    assert client.post("/api/v1/admin/tokens", json={"user": f"{role}-api"}, headers=auth).status_code == 403
    assert client.get("/api/v1/admin/tokens").status_code == 401  # no token at all
    assert login(make_client(), "mallory", SECRET_PASSWORD).status_code == 401


def test_an_admin_session_needs_the_csrf_header_to_write(make_client, built):
    admin = make_client("admin")
    body = {"name": "nadia", "role": "viewer", "password": SECRET_PASSWORD}
    r = admin.post("/api/v1/admin/users", json=body)
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf"
    r = admin.post("/api/v1/admin/users", json=body, headers={"X-CSRF-Token": csrf_of(admin, "/admin")})
    assert r.status_code == 201
    assert login(make_client(), "nadia", SECRET_PASSWORD).status_code == 303


def test_the_admin_api_is_in_the_openapi_document_with_its_models(make_client):
    doc = make_client().get("/api/v1/openapi.json").json()
    paths = doc["paths"]
    for path, method in [
        ("/api/v1/admin/users", "get"),
        ("/api/v1/admin/users", "post"),
        ("/api/v1/admin/users/{user_id}/role", "put"),
        ("/api/v1/admin/users/{user_id}/disable", "post"),
        ("/api/v1/admin/users/{user_id}/enable", "post"),
        ("/api/v1/admin/users/{user_id}/password", "put"),
        ("/api/v1/admin/tokens", "get"),
        ("/api/v1/admin/tokens", "post"),
        ("/api/v1/admin/tokens/{token_id}/revoke", "post"),
    ]:
        assert method in paths[path], (path, method)
    schemas = doc["components"]["schemas"]
    assert schemas["NewUser"]["properties"]["password"]["format"] == "password"
    assert "secret" in schemas["CreatedToken"]["properties"]
    assert "secret" not in schemas["ApiToken"]["properties"]
    assert "ErrorShape" in str(paths["/api/v1/admin/users"]["post"]["responses"]["400"])

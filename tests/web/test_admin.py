"""The admin page: users and API tokens, through the web as an admin would use it.

The traps: a non-admin (or the public) reaching the page or its writes; a write without CSRF;
a disabled user whose open session or token still works; a demoted or disabled last admin;
a token secret that shows up again after its creation page (list, JSON, audit log).
"""

from __future__ import annotations

import html
import re

import pytest

from .conftest import PASSWORD, add_user, csrf_of, login


def _post(client, path: str, **data):
    return client.post(path, data={"csrf_token": csrf_of(client, "/admin"), **data}, follow_redirects=False)


def _events(ws, object_id: str) -> list[tuple[str, str]]:
    from tawthiq.store import list_events

    with ws.session() as s:
        return [(e.actor, e.action) for e in list_events(s, object_type="user", object_id=object_id)]


@pytest.mark.parametrize("role", ["viewer", "reviewer", "documenter"])
def test_only_an_admin_reaches_the_admin_page_and_its_writes(make_client, role):
    client = make_client(role)
    assert client.get("/admin").status_code == 403
    assert client.get("/admin.json").json()["error"]["code"] == "forbidden"
    assert 'href="/admin"' not in client.get("/incidents").text
    token = csrf_of(client, "/incidents")
    r = client.post(
        "/admin/users", data={"csrf_token": token, "name": "mallory", "role": "admin", "password": PASSWORD}
    )
    assert r.status_code == 403
    assert login(make_client(), "mallory", PASSWORD).status_code == 401


def test_the_public_never_sees_the_admin_page(make_client):
    client = make_client()
    r = client.get("/admin", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert client.get("/admin.json").status_code == 401
    assert 'href="/admin"' not in client.get("/public").text


def test_admin_adds_a_user_who_can_then_log_in_and_the_audit_log_names_the_admin(make_client, built):
    admin = make_client("admin")
    assert 'href="/admin"' in admin.get("/incidents").text
    r = _post(admin, "/admin/users", name="hala", role="reviewer", password="hala's long passphrase")
    assert r.status_code == 303 and r.headers["location"] == "/admin?done=user.create"
    page = admin.get(r.headers["location"]).text
    assert "User added." in page and "hala" in page
    assert ("admin-user", "user.create") in _events(built.ws, "hala")
    assert login(make_client(), "hala", "hala's long passphrase").status_code == 303
    # the name is taken now; a short password is refused with its reason, nothing half-written
    r = _post(admin, "/admin/users", name="hala", role="viewer", password="hala's long passphrase")
    assert r.status_code == 400 and "already exists" in r.text
    r = _post(admin, "/admin/users", name="omar", role="viewer", password="short")
    assert r.status_code == 400 and "at least 15 characters" in r.text
    assert "omar" not in admin.get("/admin.json").text


def test_admin_write_without_csrf_is_refused(make_client):
    admin = make_client("admin")
    r = admin.post("/admin/users", data={"name": "x1", "role": "viewer", "password": PASSWORD})
    assert r.status_code == 403 and "CSRF" in r.text
    assert "x1" not in admin.get("/admin.json").text


def test_a_role_change_applies_to_the_users_open_session_at_once(make_client, built):
    admin = make_client("admin")
    doc = make_client("documenter")
    assert doc.get("/missing").status_code == 200
    assert _post(admin, "/admin/users/role", name="documenter-user", role="viewer").status_code == 303
    assert doc.get("/missing").status_code == 403
    assert ("admin-user", "user.role") in _events(built.ws, "documenter-user")


def test_a_disabled_users_session_and_token_stop_working_at_once(make_client, built):
    from tawthiq.store import tokens

    admin = make_client("admin")
    viewer = make_client("viewer")
    with built.ws.session() as s:
        token = tokens.create_token(s, "viewer-user", "notebook")
    bearer = {"authorization": f"Bearer {token}"}
    assert viewer.get("/incidents").status_code == 200
    assert viewer.get("/api/v1/incidents", headers=bearer).status_code == 200

    r = _post(admin, "/admin/users/active", name="viewer-user", active="0")
    assert r.status_code == 303
    assert viewer.get("/incidents", follow_redirects=False).status_code == 303  # back to the login page
    assert viewer.get("/api/v1/incidents", headers=bearer).status_code == 401
    assert login(make_client(), "viewer-user", PASSWORD).status_code == 401
    row = re.search(r'<tr id="user-\d+" class="user-disabled">.*?</tr>', admin.get("/admin").text, re.S)
    assert row and "viewer-user" in row.group(0)

    assert _post(admin, "/admin/users/active", name="viewer-user", active="1").status_code == 303
    assert viewer.get("/api/v1/incidents", headers=bearer).status_code == 200
    # the refused login of the disabled user is in the audit log too (issue 18)
    assert [a for _, a in _events(built.ws, "viewer-user")][-3:] == [
        "user.disable",
        "user.login_failed",
        "user.enable",
    ]


def test_the_last_active_admin_cannot_be_demoted_or_disabled(make_client, built):
    admin = make_client("admin")
    for path, field in (("/admin/users/role", {"role": "viewer"}), ("/admin/users/active", {"active": "0"})):
        r = _post(admin, path, name="admin-user", **field)
        assert r.status_code == 400 and "last active admin" in r.text
    [me] = [u for u in admin.get("/admin.json").json()["users"] if u["name"] == "admin-user"]
    assert (me["role"], me["active"]) == ("admin", True)
    # with a second admin, the first may step down (and then loses the page at once)
    add_user(built.ws, "second-admin", "admin")
    assert _post(admin, "/admin/users/role", name="admin-user", role="documenter").status_code == 303
    assert admin.get("/admin").status_code == 403


def test_password_reset_ends_the_users_sessions_and_the_old_password(make_client, built):
    admin = make_client("admin")
    viewer = make_client("viewer")
    r = _post(admin, "/admin/users/password", name="viewer-user", password="a brand new passphrase")
    assert r.status_code == 303
    assert viewer.get("/incidents", follow_redirects=False).status_code == 303
    assert login(make_client(), "viewer-user", PASSWORD).status_code == 401
    assert login(make_client(), "viewer-user", "a brand new passphrase").status_code == 303
    assert ("admin-user", "user.password") in _events(built.ws, "viewer-user")


def test_a_new_token_is_shown_once_and_never_again_then_revoked(make_client, built):
    from tawthiq.store import list_events

    admin = make_client("admin")
    add_user(built.ws, "analyst", "viewer")
    r = _post(admin, "/admin/tokens", user="analyst", label="analysis notebook", days="30")
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    secret = re.search(r'<code id="new-token" class="secret">(tq_[^<]+)</code>', r.text).group(1)
    token_id = re.search(r"<code>([0-9a-f]{16})</code>", r.text).group(1)

    bearer = {"authorization": f"Bearer {secret}"}
    [tok] = [t for t in admin.get("/admin.json").json()["tokens"] if t["id"] == token_id]
    assert tok["last_used"] is None
    assert make_client().get("/api/v1/incidents", headers=bearer).status_code == 200
    [tok] = [t for t in admin.get("/admin.json").json()["tokens"] if t["id"] == token_id]
    assert tok["last_used"] is not None  # the admin can tell a token in use from a forgotten one
    listing = admin.get("/admin").text + admin.get("/admin.json").text
    assert token_id in listing and "analysis notebook" in listing and secret not in listing
    with built.ws.session() as s:
        trail = " ".join(f"{e.object_id} {e.detail}" for e in list_events(s))
    assert secret not in trail and secret[3:] not in trail

    r = _post(admin, "/admin/tokens/revoke", token_id=token_id)
    assert r.status_code == 303
    assert make_client().get("/api/v1/incidents", headers=bearer).status_code == 401
    [tok] = [t for t in admin.get("/admin.json").json()["tokens"] if t["id"] == token_id]
    assert tok["revoked"] is True
    assert [a for _, a in _events(built.ws, "analyst")][-2:] == ["token.create", "token.revoke"]


def test_a_token_for_a_disabled_or_unknown_user_is_refused(make_client, built):
    admin = make_client("admin")
    add_user(built.ws, "gone", "viewer")
    _post(admin, "/admin/users/active", name="gone", active="0")
    r = _post(admin, "/admin/tokens", user="gone", label="x")
    assert r.status_code == 400 and "disabled" in r.text and "tq_" not in r.text
    r = _post(admin, "/admin/tokens", user="nobody", label="x")
    assert r.status_code == 400 and "no user named" in r.text


def test_admin_page_in_arabic(make_client):
    admin = make_client("admin")
    html = admin.get("/admin?lang=ar").text
    assert '<html lang="ar" dir="rtl">' in html
    for word in ("المستخدمون ورموز الواجهة البرمجية", "إضافة مستخدم", "آخر دخول", "الإدارة"):
        assert word in html


def test_re_adding_a_user_from_the_command_line_ends_their_sessions(make_client, built):
    viewer = make_client("viewer")
    assert viewer.get("/incidents").status_code == 200
    add_user(built.ws, "viewer-user", "viewer")  # `tawthiq users add` on a taken name resets the password
    assert viewer.get("/incidents", follow_redirects=False).status_code == 303


def test_an_account_refusal_on_the_arabic_admin_page_is_in_arabic_with_its_values(make_client):
    """app.accounts (and the store's account rules) raise templates with values: the Arabic admin
    page translates the template, then fills it (a name as typed, a number as Arabic writes it,
    roles by their labels), instead of showing the English sentence."""
    admin = make_client("admin")
    admin.get("/admin?lang=ar")  # the lang cookie: every later page in Arabic
    assert _post(admin, "/admin/users", name="rana", role="viewer", password=PASSWORD).status_code == 303
    cases = [
        ({"name": "rana", "role": "viewer", "password": PASSWORD}, "يوجد مستخدم باسم 'rana'"),
        ({"name": "samir", "role": "viewer", "password": "short"}, "تحتاج إلى 15 حرفاً على الأقل"),
        ({"name": "samir", "role": "superuser", "password": PASSWORD}, "'superuser' ليس دوراً"),
        ({"name": "sa\u202emir", "role": "viewer", "password": PASSWORD}, "U+202E (المحرف رقم 3)"),
        ({"name": "x" * 201, "role": "viewer", "password": PASSWORD}, "لا يتجاوز 200 حرف"),
    ]
    for form, arabic in cases:
        r = _post(admin, "/admin/users", **form)
        assert r.status_code == 400
        error = re.search(r'<p class="error" role="alert">(.*?)</p>', r.text, re.S)
        assert error
        text = html.unescape(error.group(1))
        assert arabic in text, (form["name"][:10], text)
        assert not re.search(r"[a-z]{4,} [a-z]{3,}", text)  # no English sentence left
    r = _post(admin, "/admin/users", name="samir", role="superuser", password=PASSWORD)
    assert "مطّلع" in r.text and "مدير" in r.text  # the roles one may choose, by their labels
    r = _post(admin, "/admin/tokens", user="nobody", label="x")
    assert r.status_code == 400 and "لا يوجد مستخدم باسم 'nobody'" in html.unescape(r.text)
    # the English page keeps the English message
    english = make_client("admin")
    r = _post(english, "/admin/users", name="rana", role="viewer", password=PASSWORD)
    assert "a user named 'rana' already exists" in html.unescape(r.text)

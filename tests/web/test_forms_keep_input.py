"""A form refused keeps what was typed (issue 18, a user's walk): the log-in name after a wrong
password, the admin's new user's name and role after a refused password, a token's label and
lifetime after a refused user. A password is never sent back."""

from __future__ import annotations

import pytest

from .conftest import PASSWORD, add_user, csrf_of, login


def test_a_wrong_password_keeps_the_name_typed_never_the_password(make_client, built):
    client = make_client()
    r = client.post(
        "/login",
        data={"name": "rana-typed", "password": "wrong horse", "csrf_token": csrf_of(client), "next": "/"},
    )
    assert r.status_code == 401
    assert 'name="name" autocomplete="username" required dir="auto" value="rana-typed"' in r.text
    assert "wrong horse" not in r.text


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_refused_new_user_keeps_the_name_and_role_chosen(make_client, built, lang):
    add_user(built.ws, "root", "admin")
    client = make_client()
    login(client, "root", PASSWORD)
    r = client.post(
        f"/admin/users?lang={lang}",
        data={
            "name": "nour",
            "role": "reviewer",
            "password": "short",
            "csrf_token": csrf_of(client, "/admin"),
        },
    )
    assert r.status_code == 400
    form = r.text.split('id="add-user"')[1].split("</form>")[0]
    assert 'value="nour"' in form and '<option value="reviewer" selected>' in form
    assert 'value="short"' not in r.text
    token_form = r.text.split('id="create-token"')[1].split("</form>")[0]
    assert 'value="nour"' not in token_form  # the other form is not filled from this one


def test_a_refused_token_keeps_its_label_and_lifetime(make_client, built):
    add_user(built.ws, "root", "admin")
    client = make_client()
    login(client, "root", PASSWORD)
    r = client.post(
        "/admin/tokens",
        data={
            "user": "nobody-here",
            "label": "nightly export",
            "days": "30",
            "csrf_token": csrf_of(client, "/admin"),
        },
    )
    assert r.status_code == 400
    form = r.text.split('id="create-token"')[1].split("</form>")[0]
    assert 'value="nightly export"' in form and 'value="30"' in form


def test_a_tokens_last_use_is_written_per_locale(make_client, built):
    import re

    add_user(built.ws, "root", "admin")
    client = make_client()
    login(client, "root", PASSWORD)
    r = client.post(
        "/admin/tokens",
        data={"user": "root", "label": "t", "days": "30", "csrf_token": csrf_of(client, "/admin")},
    )
    secret = re.search(r'<code id="new-token" class="secret">([^<]+)</code>', r.text).group(1)
    assert (
        make_client().get("/api/v1/incidents", headers={"Authorization": f"Bearer {secret}"}).status_code
        == 200
    )
    html = client.get("/admin", params={"lang": "ar"}).text
    used = re.search(r'<td class="last-used">(.*?)</td>', html, re.S).group(1)
    assert used.startswith('<time class="nowrap"') and not re.search(r">\d{4}-\d\d-\d\d \d", used)

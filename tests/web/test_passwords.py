"""Password rules (NIST SP 800-63B rev. 4), wherever a password is set: the CLI, /admin, the admin API.

The traps: a 14-character password let through (or a 15-character Arabic one refused because it
is counted in bytes); a long passphrase cut short; a composition rule sneaking in; a common
password, a repeat or the user's own name accepted; the same passphrase typed in another Unicode
form not matching; a password set before these rules no longer logging in; a setting below 8;
the password echoed in an error.
"""

from __future__ import annotations

import pytest

from tawthiq.app import accounts
from tawthiq.errors import InputError
from tawthiq.store import users

from .conftest import csrf_of, login


def _refused(password: str, *, name: str = "hala", min_length: int = 15) -> InputError:
    with pytest.raises(InputError) as err:
        accounts.check_password(password, name=name, min_length=min_length)
    assert err.value.field == "password"
    assert password not in str(err.value)
    return err.value


def test_fifteen_characters_are_needed_counted_in_code_points_not_bytes():
    _refused("fourteen chars")  # 14
    assert accounts.check_password("fifteen chars!!") == "fifteen chars!!"
    arabic = "كلمات سر عربية!"  # 15 code points, 27 bytes in UTF-8
    assert len(arabic) == 15 and accounts.check_password(arabic) == arabic
    assert "at least 15 characters" in str(_refused("كلمات سر عربية"))


def test_long_passphrases_and_any_characters_are_accepted_without_composition_rules():
    long = " ".join(["olive", "river", "lantern", "cedar", "harbour"] * 4)  # 119 characters
    assert accounts.check_password(long) == long  # nothing cut
    assert accounts.check_password("all lower case words") == "all lower case words"  # no digit needed
    emoji = "🌿 zaatar and 🫒 olives at dawn"
    assert accounts.check_password(emoji) == emoji
    assert "at most" in str(_refused("x y z " * 200))


@pytest.mark.parametrize(
    "password",
    [
        "passwordpassword",  # a common password, twice
        "qwertyuiopasdfgh",  # a keyboard walk
        "1234567890123456",  # a sequence
        "aaaaaaaaaaaaaaaa",  # a repeat
        "halahalahalahala",  # the user's own name
        "tawthiqtawthiq123",  # the service's name
    ],
)
def test_common_or_guessable_passwords_are_refused(password):
    assert "easy to guess" in str(_refused(password))


def test_a_common_password_is_refused_even_where_the_minimum_is_lowered_to_eight():
    assert "easy to guess" in str(_refused("sunshine", min_length=8))
    assert accounts.check_password("kx7 mule", min_length=8) == "kx7 mule"


def test_the_minimum_cannot_be_set_below_eight():
    from tawthiq.web import WebSettings

    for bad in (7, 0):
        with pytest.raises(InputError) as err:
            WebSettings(min_password_length=bad)
        assert err.value.field == "min_password_length"
    assert WebSettings().min_password_length == 15


def test_the_same_passphrase_in_another_unicode_form_logs_in(workspace):
    full_width = "ｆｕｌｌ ｗｉｄｔｈ ｗｏｒｄｓ"
    accounts.add_user(workspace, "hala", "viewer", full_width, actor="test")
    with workspace.session() as s:
        assert users.authenticate(s, "hala", "full width words") is not None  # NFKC-equal
        assert users.authenticate(s, "hala", "ｆｕｌｌ ｗｉｄｔｈ ｗｏｒｄｓ") is not None
        assert users.authenticate(s, "hala", "full width word") is None


def test_a_password_set_before_the_rules_still_logs_in_and_is_rehashed_normalised(workspace):
    from argon2 import PasswordHasher
    from sqlalchemy import select

    from tawthiq.store.tables import UserRow

    legacy = "ﬁve ﬁgs"  # short, and with the 'fi' ligature that NFKC turns into two letters
    with workspace.session() as s:
        users.add_user(s, "old", "viewer", "a placeholder passphrase")
        s.scalar(select(UserRow).where(UserRow.name == "old")).password_hash = PasswordHasher().hash(legacy)
    with workspace.session() as s:
        assert users.authenticate(s, "old", legacy) is not None
    with workspace.session() as s:
        stored = s.scalar(select(UserRow.password_hash).where(UserRow.name == "old"))
        PasswordHasher().verify(stored, "five figs")  # now kept in its NFKC form
        assert users.authenticate(s, "old", legacy) is not None
        assert users.authenticate(s, "old", "five figs") is not None


def test_cli_applies_the_rules_and_its_min_length_floor(workspace, cli):
    r = cli(workspace, "users", "add", "hala", "--password-stdin", input="fourteen chars\n", ok=False)
    assert r.exit_code == 1 and "field 'password'" in r.stderr and "fourteen chars" not in r.stderr
    r = cli(workspace, "users", "add", "hala", "--password-stdin", input="passwordpassword\n", ok=False)
    assert r.exit_code == 1 and "easy to guess" in r.stderr
    r = cli(
        workspace,
        "users",
        "add",
        "hala",
        "--min-length",
        "7",
        "--password-stdin",
        input="kx7 mule\n",
        ok=False,
    )
    assert r.exit_code == 1 and "field 'min_password_length'" in r.stderr
    cli(workspace, "users", "add", "hala", "--min-length", "8", "--password-stdin", input="kx7 mule\n")
    r = cli(workspace, "users", "password", "hala", "--password-stdin", input="kx7 mule\n", ok=False)
    assert r.exit_code == 1 and "at least 15" in r.stderr  # the default applies again


def test_admin_form_uses_the_configured_minimum(make_client, built):
    from tawthiq.web import WebSettings

    admin = make_client("admin", settings=WebSettings(min_password_length=10))
    page = admin.get("/admin").text
    assert 'minlength="10"' in page
    form = {"csrf_token": csrf_of(admin, "/admin"), "name": "sami", "role": "viewer"}
    r = admin.post("/admin/users", data={**form, "password": "kx7 mule"})
    assert r.status_code == 400 and "at least 10 characters" in r.text and "kx7 mule" not in r.text
    r = admin.post("/admin/users", data={**form, "password": "kx7 mule 42"}, follow_redirects=False)
    assert r.status_code == 303
    assert login(make_client(), "sami", "kx7 mule 42").status_code == 303

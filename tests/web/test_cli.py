"""`tawthiq users` and `tawthiq tokens`: clear errors, exit codes, the token printed once."""

from __future__ import annotations

from typer.testing import CliRunner

from tawthiq.cli.main import app


def test_users_add_rejects_a_bad_role_and_short_password_naming_the_field(tmp_path):
    runner = CliRunner()
    ws = str(tmp_path / "ws")
    assert runner.invoke(app, ["init", ws]).exit_code == 0
    r = runner.invoke(
        app,
        ["users", "add", "amal", "--role", "boss", "--password-stdin", "-w", ws],
        input="a long passphrase\n",
    )
    assert r.exit_code == 1 and "field 'role'" in r.output
    r = runner.invoke(
        app, ["users", "add", "amal", "--role", "viewer", "--password-stdin", "-w", ws], input="short\n"
    )
    assert r.exit_code == 1 and "field 'password'" in r.output


def test_token_created_on_the_command_line_opens_the_api(tmp_path):
    from fastapi.testclient import TestClient

    from tawthiq.store import open_workspace
    from tawthiq.web import create_app

    runner = CliRunner()
    ws = str(tmp_path / "ws")
    runner.invoke(app, ["init", ws])
    r = runner.invoke(
        app,
        ["users", "add", "amal", "--role", "viewer", "--password-stdin", "-w", ws, "--json"],
        input="a long passphrase\n",
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["tokens", "create", "--user", "amal", "-w", ws, "--json"])
    assert r.exit_code == 0, r.output
    import json

    token = json.loads(r.stdout)["token"]
    with open_workspace(ws) as opened:
        client = TestClient(create_app(opened))
        assert (
            client.get("/api/v1/incidents", headers={"authorization": f"Bearer {token}"}).status_code == 200
        )
    r = runner.invoke(app, ["tokens", "create", "--user", "nobody", "-w", ws])
    assert r.exit_code == 1 and "no user named 'nobody'" in r.output


# ---------------------------------------------------------------- user and token administration


def _users(cli_json, ws) -> dict:
    return {u["name"]: u for u in cli_json(ws, "users", "list")}


def test_cli_refuses_to_demote_or_disable_the_last_active_admin(workspace, cli, cli_json):
    cli(workspace, "users", "add", "root", "--role", "admin", "--password-stdin", input="a long passphrase\n")
    for args in (("users", "set-role", "root", "viewer"), ("users", "disable", "root")):
        r = cli(workspace, *args, ok=False)
        assert r.exit_code == 1 and "last active admin" in r.stderr, r.stderr
    # re-adding the admin with a lower role is a demotion too
    r = cli(
        workspace,
        "users",
        "add",
        "root",
        "--role",
        "viewer",
        "--password-stdin",
        input="a long passphrase\n",
        ok=False,
    )
    assert r.exit_code == 1 and "last active admin" in r.stderr
    assert _users(cli_json, workspace)["root"]["role"] == "admin"
    # with a second admin the first may step down
    cli(
        workspace,
        "users",
        "add",
        "deputy",
        "--role",
        "admin",
        "--password-stdin",
        input="a long passphrase\n",
    )
    assert cli_json(workspace, "users", "set-role", "root", "documenter")["role"] == "documenter"
    r = cli(workspace, "users", "disable", "deputy", ok=False)
    assert "last active admin" in r.stderr


def test_cli_disable_enable_and_password_reset_show_in_the_list_and_audit_log(workspace, cli, cli_json):
    from tawthiq.store import list_events

    cli(workspace, "users", "add", "root", "--role", "admin", "--password-stdin", input="a long passphrase\n")
    cli(
        workspace, "users", "add", "amal", "--role", "viewer", "--password-stdin", input="a long passphrase\n"
    )
    assert cli_json(workspace, "users", "disable", "amal")["active"] is False
    listed = _users(cli_json, workspace)["amal"]
    assert listed["active"] is False and listed["created_at"] and listed["last_login"] is None
    assert cli_json(workspace, "users", "enable", "amal")["active"] is True
    r = cli(workspace, "users", "password", "amal", "--password-stdin", input="short\n", ok=False)
    assert r.exit_code == 1 and "field 'password'" in r.stderr
    cli(workspace, "users", "password", "amal", "--password-stdin", input="another long passphrase\n")
    r = cli(workspace, "users", "disable", "nobody", ok=False)
    assert r.exit_code == 1 and "no user named 'nobody'" in r.stderr
    with workspace.session() as s:
        actions = [(e.actor, e.action) for e in list_events(s, object_type="user", object_id="amal")]
        details = " ".join(e.detail or "" for e in list_events(s))
    assert ("cli", "user.disable") in actions and ("cli", "user.enable") in actions
    assert ("cli", "user.password") in actions
    assert "another long passphrase" not in details


def test_cli_tokens_are_listed_by_id_without_secret_and_revoked_by_id(workspace, cli, cli_json):
    from fastapi.testclient import TestClient

    from tawthiq.web import create_app

    cli(
        workspace, "users", "add", "amal", "--role", "viewer", "--password-stdin", input="a long passphrase\n"
    )
    made = cli_json(workspace, "tokens", "create", "--user", "amal", "--label", "notebook")
    listed = cli(workspace, "tokens", "list").stdout + cli(workspace, "tokens", "list", "--json").stdout
    assert made["id"] in listed and "notebook" in listed and made["token"] not in listed
    [tok] = cli_json(workspace, "tokens", "list", "--user", "amal")
    assert tok["revoked"] is False and set(tok) >= {"id", "user", "label", "created_at", "expires_at"}
    client = TestClient(create_app(workspace))
    auth = {"authorization": f"Bearer {made['token']}"}
    assert client.get("/api/v1/incidents", headers=auth).status_code == 200
    r = cli(workspace, "tokens", "revoke", "--id", "nothex", ok=False)
    assert r.exit_code == 1 and "field 'id'" in r.stderr
    assert cli_json(workspace, "tokens", "revoke", "--id", made["id"]) == {"revoked": True, "id": made["id"]}
    assert client.get("/api/v1/incidents", headers=auth).status_code == 401
    assert cli_json(workspace, "tokens", "list")[0]["revoked"] is True


def test_serve_refuses_a_tile_url_without_z_x_y_before_it_serves(tmp_path, monkeypatch):
    """`serve --map-tiles` takes a tile template; a plain image URL is refused at start, naming
    the setting, and no server starts."""
    import tawthiq.web

    started = []
    monkeypatch.setattr(tawthiq.web, "serve_workspace", lambda ws, settings, **k: started.append(settings))
    runner = CliRunner()
    ws = str(tmp_path / "ws")
    assert runner.invoke(app, ["init", ws]).exit_code == 0
    r = runner.invoke(app, ["serve", ws, "--map-tiles", "https://tiles.example.org/world.png"])
    assert r.exit_code == 1 and "map_tile_url" in r.output and "{z}/{x}/{y}" in r.output
    assert started == []
    r = runner.invoke(app, ["serve", ws, "--map-tiles", "https://tiles.example.org/{z}/{x}/{y}.png"])
    assert r.exit_code == 0, r.output
    assert [s.map_tile_url for s in started] == ["https://tiles.example.org/{z}/{x}/{y}.png"]


def test_a_token_for_a_user_nobody_added_says_how_to_add_one_on_the_command_line(workspace, cli):
    """The web's admin page has its own form for users: only the CLI's message names the command
    (a command typed into a translated sentence would run backwards in the Arabic line)."""
    result = cli(workspace, "tokens", "create", "--user", "nobody-yet", ok=False)
    assert result.exit_code == 1
    assert "no user named 'nobody-yet'; add one with 'tawthiq users add'" in result.stderr

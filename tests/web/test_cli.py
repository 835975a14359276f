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

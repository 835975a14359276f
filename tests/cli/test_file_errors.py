"""A file the user names that cannot be written or read is bad input, not a bug.

The trap: ``people pfif export --out missing-folder/x.xml`` ended as "the command stopped on an
unexpected error (FileNotFoundError) … please report it", naming neither the file nor the folder,
and under ``--json`` as ``{"code": "unexpected", "file": null}``. A real bug (an OS error about no
file) must still be reported as one.
"""

from __future__ import annotations

import json

import pytest


def test_an_out_file_in_a_folder_that_does_not_exist_names_the_folder(workspace, tmp_path, cli):
    out = tmp_path / "not-made-yet" / "missing.xml"
    result = cli(workspace, "people", "pfif", "export", "--out", str(out), ok=False)
    assert result.exit_code == 1
    assert f"the folder {out.parent} does not exist" in result.stderr
    assert "unexpected" not in result.stderr and not out.parent.exists()


def test_under_json_the_unwritable_file_is_a_bad_input_error_naming_it(workspace, tmp_path, cli):
    (tmp_path / "a-file").write_text("not a folder")
    out = tmp_path / "a-file" / "missing.xml"  # a path through a file: NotADirectoryError
    result = cli(workspace, "people", "pfif", "export", "--out", str(out), "--json", ok=False)
    error = json.loads(result.stdout)["error"]
    assert result.exit_code == 1 and error["code"] == "bad_input" and error["file"] == str(out)
    assert "Not a directory" in error["message"] and "unexpected" not in result.stderr


def test_an_os_error_about_no_file_is_still_reported_as_a_bug(workspace, tmp_path, cli, monkeypatch):
    import tawthiq.app.missing

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")  # no filename: nothing the user named

    monkeypatch.setattr(tawthiq.app.missing, "pfif_export", broken)
    result = cli(workspace, "people", "pfif", "export", "--out", str(tmp_path / "x.xml"), ok=False)
    assert result.exit_code == 1 and "unexpected error (OSError)" in result.stderr


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_a_written_file_still_works(workspace, tmp_path, cli, json_flag):
    out = tmp_path / "missing.xml"
    cli(workspace, "people", "pfif", "export", "--out", str(out), *json_flag)
    assert out.read_bytes().startswith(b"<?xml")

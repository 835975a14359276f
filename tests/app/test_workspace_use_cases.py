"""The use cases the CLI's ``init``, ``sources add``, ``evidence public-key``, ``people pfif
export`` and ``import-dump`` call (issue 14: a use case, not the command, does the work, so the
web and the demo can call it too).

The traps: a workspace announced only after its signing key (a failure there would hide where
the workspace is); a second registration of a source making a second source; a signing key
replaced when it is asked for again (every export it signed would stop verifying); a folder
that is no dump opened as one; a dump whose restore loses rows.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tawthiq.app.evidence import public_key
from tawthiq.app.export import check_dump, export_workspace, restore_dump
from tawthiq.app.missing import pfif_export
from tawthiq.app.sources import add_source
from tawthiq.app.workspace import create_workspace
from tawthiq.entities import Source
from tawthiq.errors import InputError, WorkspaceError
from tawthiq.store import init_workspace, list_sources


def test_a_new_workspace_is_announced_before_its_signing_key_and_policy_are_made(tmp_path: Path):
    heard = []
    pub, policy = create_workspace(
        tmp_path / "ws",
        on_created=lambda ws: heard.append((ws.path, sorted(p.name for p in ws.path.iterdir()))),
    )
    assert len(heard) == 1 and heard[0][0] == (tmp_path / "ws").resolve()
    assert pub.name not in heard[0][1] and policy.name not in heard[0][1]
    assert pub.exists() and policy.exists()
    with pytest.raises(WorkspaceError):  # not twice in one folder
        create_workspace(tmp_path / "ws")


def test_registering_a_source_again_by_its_label_updates_it_and_makes_no_second_source(workspace):
    first = add_source(workspace, Source(label="Aleppo Media Centre", kind="media"))
    again = add_source(workspace, Source(label="Aleppo Media Centre", kind="media", checkin_days=3))
    assert again.id == first.id and again.checkin_days == 3
    with workspace.session() as s:
        assert [src.label for src in list_sources(s)] == ["Aleppo Media Centre"]


def test_the_signing_key_is_made_once_and_the_same_key_is_given_every_time(workspace):
    pem, fingerprint = public_key(workspace)
    assert pem.startswith(b"-----BEGIN PUBLIC KEY-----") and len(fingerprint) == 64
    assert public_key(workspace) == (pem, fingerprint)


def test_a_folder_that_is_no_signed_dump_is_refused_naming_the_folder(tmp_path: Path):
    folder = tmp_path / "not-a-dump"
    folder.mkdir()
    (folder / "dump.json").write_text("{}", encoding="utf-8")
    with pytest.raises(InputError) as err:
        check_dump(folder)
    assert str(err.value.path) == str(folder) and "not a Tawthiq export" in str(err.value)


def test_a_missing_persons_export_of_an_empty_registry_is_valid_pfif_with_no_person(workspace):
    count, xml = pfif_export(workspace)
    root = ET.fromstring(xml)
    assert count == 0 and root.tag.endswith("pfif") and len(root) == 0


def test_a_dump_restored_into_an_empty_workspace_keeps_every_row(tmp_path: Path):
    with init_workspace(tmp_path / "a") as ws:
        add_source(ws, Source(label="SOHR", kind="ngo", checkin_days=7))
        export_workspace(ws, "dump", tmp_path / "dump", {})
    with init_workspace(tmp_path / "b") as target:
        summary = restore_dump(
            target, tmp_path / "dump", check_dump(tmp_path / "dump"), source_key=ws.key_file
        )
        with target.session() as s:
            restored = [(src.label, src.kind, src.checkin_days) for src in list_sources(s)]
    assert summary["rows"] == sum(summary["tables"].values()) > 0 and summary["resealed"]
    assert restored == [("SOHR", "ngo", 7)]

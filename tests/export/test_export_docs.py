"""Every command, format and policy key of issue 9 is documented in docs/exports.md."""

from __future__ import annotations

from pathlib import Path

from tawthiq.export import exporters
from tawthiq.policy import Policy

DOC = Path(__file__).resolve().parents[2] / "docs" / "exports.md"


def test_every_command_format_and_policy_key_is_in_the_docs():
    text = DOC.read_text(encoding="utf-8")
    commands = ("tawthiq export", "tawthiq import-dump", "tawthiq dossier", "tawthiq verify-export",
                "tawthiq evidence verify", "tawthiq evidence public-key", "tawthiq evidence derive",
                "tawthiq evidence history")  # fmt: skip
    missing = [c for c in commands if c not in text]
    missing += [f"format {f}" for f in exporters() if f"`{f}`" not in text]
    missing += [f"policy key {k}" for k in Policy.model_fields if f"`{k}" not in text]
    assert not missing, f"undocumented in {DOC.name}: {missing}"

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


def test_a_heading_under_formats_that_names_a_format_is_one_tawthiq_export_accepts():
    """The Formats section had a heading "`admin1` and `country`" among the formats' own headings:
    a reader ran `tawthiq export admin1` and got "unknown format" (session-24 walk). A heading that
    opens with a backquoted name is a format; the two columns now have a heading of their own words."""
    text = DOC.read_text(encoding="utf-8")
    formats_section = text.split("\n## Formats\n", 1)[1].split("\n## ", 1)[0]
    named = [line.split("`")[1] for line in formats_section.splitlines() if line.startswith("### `")]
    assert named, "no format headings found"
    unknown = [n for n in named if n not in exporters()]
    assert not unknown, f"headings in docs/exports.md name formats `tawthiq export` refuses: {unknown}"

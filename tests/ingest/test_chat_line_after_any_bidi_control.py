"""A chat export's message line may start with any bidi control before its timestamp (polish,
session 24, item 5): the chat reader skipped only LRM, RLM, LRE, PDF and the BOM (its own list), so
a line after an RLE, an LRO or an isolate (FSI … PDI) was not a message; it now skips every control
of ``text/bidi.BIDI_CONTROLS``, the one list of them."""

from __future__ import annotations

import pytest

from tawthiq.ingest import ingest_paths
from tawthiq.store import list_reports
from tawthiq.text.bidi import BIDI_CONTROLS


@pytest.mark.parametrize("mark", sorted(BIDI_CONTROLS), ids=lambda c: f"U+{ord(c):04X}")
def test_a_message_line_after_a_bidi_control_is_still_a_message(workspace, tmp_path, mark):
    chat = tmp_path / "chat.txt"
    lines = [f"{mark}1{i}/12/2016, 21:0{i} - Planted Sender: message number {i}" for i in range(3)]
    chat.write_text("\n".join(lines) + "\n", "utf-8")
    [out] = ingest_paths(workspace, [chat])
    assert out.status == "stored" and len(out.report_ids) == 3
    with workspace.session() as s:
        assert [r.body for r in list_reports(s)] == [f"message number {i}" for i in range(3)]

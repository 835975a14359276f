"""A stored report has lost its `OUTLET:` header (ingest keeps it as the source label): workspace
extraction passes the label in, so a repost and the outlet's own correspondent read as in file mode
(docs/extraction.md, "A reposted statement"; issue 15: one reader for `extract FILE` and the workspace)."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

BODY = "On 26 May, gunmen shot and killed 27 civilians trying to flee al-Shifa in Mosul."
CASES = [
    ("Iraq Business News (reposting UN Human Rights Office statement)", BODY, "UN human rights office"),
    (
        "SANA (Syrian Arab News Agency, English)",
        "Eight people were killed in Aleppo on Monday, SANA’s correspondent reported.",
        None,
    ),
]


@pytest.mark.parametrize(("outlet", "body", "party"), CASES)
def test_a_header_and_a_given_outlet_read_alike(outlet, body, party):
    day = date(2017, 6, 10)
    (from_header,) = extract_claims(f"OUTLET: {outlet}\nDATE: 2017-06-10\n\n{body}", day)
    (given,) = extract_claims(body, day, outlet=outlet)
    assert from_header.attributed_to == given.attributed_to == party


def test_workspace_extraction_passes_the_source_label(tmp_path, cli, workspace):
    f = tmp_path / "repost.txt"
    f.write_text(
        "OUTLET: Iraq Business News (reposting UN Human Rights Office statement)\nDATE: 2017-06-10\n\n"
        f"Mass killings of fleeing civilians in Mosul\n\n{BODY}\n",
        encoding="utf-8",
    )
    cli(workspace, "ingest", str(f), "--published-from-header")
    cli(workspace, "extract")
    from tawthiq.store.claims import load_claims

    with workspace.session() as s:
        claims = load_claims(s)
    assert [c.attributed_to for c in claims if c.fatalities] == ["UN human rights office"]

"""`tawthiq extract FILE` titles a report as `tawthiq ingest` does: one rule, not two copies.

Before: `extract FILE` had its own copy of the title rule without ingest's 300-character limit,
so a report whose first line is a whole paragraph (13 texts of the shared corpus, 300 to 1,700
characters) was given that paragraph as its title by `extract FILE` and no title by ingest — and
the Arabic extractor reads the title, so the same file gave different claims in and out of a
workspace. A `TITLE:` anywhere in the first 2,000 characters was also taken, where ingest reads
only the header block.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tawthiq.cli.main import app
from tawthiq.ingest import read_file

BODY = "Twelve civilians were killed in an air strike on al-Shaar on Monday, residents said.\n"
LONG = "Residents said " + "the shelling went on through the night and " * 8 + "nobody could leave.\n"

CASES = {
    "no_header": "Air strike on al-Shaar\n" + BODY,
    "leading_blank_lines": "\n\n   \nAir strike on al-Shaar\n" + BODY,
    "header_with_title": "DATE: 2016-12-13\nTITLE: Strike on a market\nOUTLET: Invented Daily\n\n" + BODY,
    "header_without_title": "DATE: 2016-12-13\nOUTLET: Invented Daily\n\nAir strike on al-Shaar\n" + BODY,
    "first_line_over_300": LONG + BODY,
    "header_then_first_line_over_300": "DATE: 2016-12-13\n\n" + LONG + BODY,
    "first_line_exactly_300": "A" * 300 + "\n" + BODY,
    "title_word_in_the_body_is_no_header": "Air strike on al-Shaar\nTITLE: not a header\n" + BODY,
    "arabic_first_line": "غارة على حي الشعار\nقتل اثنا عشر مدنيا في غارة جوية على حي الشعار يوم الاثنين.\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_extract_file_gives_the_title_ingest_stores(tmp_path, name):
    assert len(LONG.strip()) > 300
    f = tmp_path / f"{name}.txt"
    f.write_text(CASES[name], encoding="utf-8")
    [draft] = read_file(f, from_header=True)  # what `tawthiq ingest --published-from-header` stores
    r = CliRunner().invoke(app, ["extract", str(f), "--published", "2016-12-13", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["report"]["title"] == draft.title

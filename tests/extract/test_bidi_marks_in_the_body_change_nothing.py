"""Bidi marks inside a report's body never change what is extracted (polish, session 24, item 6).

Trap: an RLM, LRM or RLE between two words (an Arabic page copied with its marks) cut a number from
its noun or a party from its verb: with a mark before every 2nd word, 97 of the 108 annotated corpus
texts gave other claims (``benchmarks/bidi_invariance.py``). The rules now read a copy without the
marks (``text.bidi.without_bidi``) and each claim's span and quote index the body as given."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tawthiq.errors import InputError
from tawthiq.extract import extract_claims

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "dev" / "reports"
MARKS = ("\u200f", "\u200e", "\u202b")
_WORD_START = re.compile(r"(?<![\w])(?=\w)")
PUBLISHED = date(2016, 12, 13)


def with_marks(text: str, every: int) -> str:
    """A mark (RLM, LRM, RLE in turn) before every ``every``-th word."""
    out, last = [], 0
    for n, m in enumerate(_WORD_START.finditer(text)):
        if n % every == 0:
            out += [text[last : m.start()], MARKS[(n // every) % len(MARKS)]]
            last = m.start()
    return "".join(out) + text[last:]


def _without(s: str) -> str:
    return re.sub(f"[{''.join(MARKS)}]", "", s)


def _texts() -> list[Path]:
    return sorted(FIXTURES.glob("*.txt")) + (sorted(DEV.glob("*.txt")) if DEV.is_dir() else [])


@pytest.mark.parametrize("every", [1, 2, 5])
@pytest.mark.parametrize("path", _texts(), ids=lambda p: p.stem[:40])
def test_marks_between_words_change_no_claim_and_spans_index_the_marked_body(path, every):
    text = path.read_text(encoding="utf-8")
    marked = with_marks(text, every)
    try:
        plain = [c.contract() for c in extract_claims(text, PUBLISHED)]
    except InputError as e:  # a text refused (visual order) is refused with its marks, in the same words
        with pytest.raises(InputError) as marked_error:
            extract_claims(marked, PUBLISHED)
        assert str(marked_error.value) == str(e)
        return
    got = extract_claims(marked, PUBLISHED)
    assert all(marked[c.span[0] : c.span[1]] == c.quote for c in got)  # true to the body as given
    assert all(not c.quote.startswith(MARKS) and not c.quote.endswith(MARKS) for c in got)
    moved = [c.contract() for c in got]
    for c in plain + moved:  # the quotes compared without the marks (a fixture may hold some of its own)
        c["quote"] = _without(c["quote"])
        c.pop("span")
    assert moved == plain


def test_extract_file_json_is_the_same_with_marks(tmp_path):
    from tawthiq.cli.main import app

    text = (FIXTURES / "ar_bidi_controls.txt").read_text(encoding="utf-8")
    runs = []
    for body in (text, with_marks(text, 1)):
        f = tmp_path / "report.txt"
        f.write_text(body, encoding="utf-8")
        r = CliRunner().invoke(app, ["extract", str(f), "--published", "2016-12-13", "--json"])
        assert r.exit_code == 0, r.output
        claims = json.loads(r.stdout)["claims"]
        runs.append(
            [{k: _without(v) if k == "quote" else v for k, v in c.items() if k != "span"} for c in claims]
        )
    assert runs[0] == runs[1] and runs[0]

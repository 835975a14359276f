"""A header key that names a person is masked; one that only contains NAME or FROM beside a place,
a time or a document is not (session 22's walk).

The traps, both ways: ``PLACE_NAME: Fardous`` and ``FROM_DATE: 2016-12-01`` were stored as
‹protected›, their values lost to every view, export and the reviewer; loosening that must not let
``NAME:``, ``FROM:``, ``SOURCE_NAME:``, ``VICTIM-NAME:`` or any ``CONTACT``/``PHONE`` key through.
Words are compared whole: ``NAMED`` or ``TELEVISION`` are no person words.
"""

from __future__ import annotations

import json

import pytest

from tawthiq.entities import Protected
from tawthiq.ingest import read_header
from tawthiq.ingest._headers import _THING_WORDS, PERSON_KEYS

SECRET = "Planted Reporter Value"
STRONG = sorted(PERSON_KEYS - {"NAME", "FROM"})
WHOSE = ["SOURCE", "VICTIM", "FULL", "FIRST", "LAST", "FAMILY", "CONTACT", "WITNESS", "AR", "EN"]


def _joined(*words: str) -> list[str]:
    return ["_".join(words), "-".join(words)]


PERSON = sorted(
    {"NAME", "FROM"}
    | {k for w in STRONG for k in (w, *_joined("SOURCE", w), *_joined(w, "AR"), *_joined("PLACE", w))}
    | {k for w in ("NAME", "FROM") for q in WHOSE for k in (*_joined(q, w), *_joined(w, q))}
)
THINGS = sorted({k for w in ("NAME", "FROM") for t in _THING_WORDS for k in (*_joined(t, w), *_joined(w, t))})
NOT_WORDS = ["NAMED", "FROMAGE", "TELEVISION", "SIGNALLING", "MAILBOX", "SURNAMES", "RENAME"]


def _head(key: str):
    return read_header(f"DATE: 2016-12-13\n{key}: {SECRET}\n\nBody.\n", "r.txt")


@pytest.mark.parametrize("key", PERSON)
def test_every_key_that_names_a_person_is_still_masked(key):
    assert _head(key).metadata == {key: Protected.MASK}


@pytest.mark.parametrize("key", THINGS + NOT_WORDS)
def test_a_key_about_a_place_a_time_or_a_document_keeps_its_value(key):
    assert _head(key).metadata == {key: SECRET}


def test_through_a_workspace_the_place_name_shows_and_the_contact_never_does(cli, workspace, tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(
        "DATE: 2016-12-13\nPLACE_NAME: Fardous\nFROM_DATE: 2016-12-01\nSOURCE_NAME: "
        f"{SECRET}\nFROM: {SECRET}\n\nShelling on Aleppo.\n",
        encoding="utf-8",
    )
    ingested = cli(workspace, "ingest", str(f), "--published-from-header")
    shown = cli(workspace, "reports", "show", "1", "--json")
    metadata = json.loads(shown.stdout)["metadata"]
    assert metadata == {
        "PLACE_NAME": "Fardous",
        "FROM_DATE": "2016-12-01",
        "SOURCE_NAME": Protected.MASK,
        "FROM": Protected.MASK,
    }
    for res in (ingested, shown):
        assert SECRET not in res.stdout + res.stderr

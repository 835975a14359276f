"""Every reader, fuzzed (issue 21): it returns storable text or raises InputError, nothing else.

Bounded for CI (a few seconds a reader): byte-level mutations of the seed corpus
(``tests/fixtures/fuzz/seeds/``, real-shaped files) through hypothesis, structure-aware
strategies for each format (``TAWTHIQ_FUZZ_EXAMPLES`` raises the bound), and a replay of every
input the long run (``benchmarks/fuzz.py --minutes N``) ever kept under
``tests/fixtures/fuzz/crashes/``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import random
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
import yaml
from _fuzz_targets import CRASHES, TARGETS, mutate, run_target, seed_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tawthiq.people import build_records, read_table

# 25 examples a test in CI; TAWTHIQ_FUZZ_EXAMPLES=1000 for a longer run of the same strategies.
BOUNDED = settings(
    max_examples=int(os.environ.get("TAWTHIQ_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_every_seed_is_accepted(name, folder):
    for data in seed_bytes(TARGETS[name]):
        assert run_target(TARGETS[name], data, folder) == "ok"


@pytest.mark.parametrize("name", sorted(TARGETS))
@BOUNDED
@given(st.data())
def test_byte_mutations_of_the_seeds_are_read_or_refused(name, folder, data):
    target = TARGETS[name]
    seeds = seed_bytes(target)
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    blob = seeds[data.draw(st.integers(0, len(seeds) - 1))]
    for _ in range(data.draw(st.integers(1, 3))):  # stacked mutations reach further
        blob = mutate(blob, rng, seeds)
    assert run_target(target, blob, folder) in ("ok", "refused")


def _crashes() -> list[tuple[str, Path]]:
    return sorted((p.parent.name, p) for p in CRASHES.glob("*/*") if p.parent.name in TARGETS)


@pytest.mark.parametrize(("name", "path"), _crashes(), ids=lambda v: getattr(v, "name", v))
def test_every_input_the_long_run_kept_is_now_read_or_refused(name, path, folder):
    assert run_target(TARGETS[name], path.read_bytes(), folder) in ("ok", "refused")


# ------------------------------------------------------------- structure-aware strategies

_CELL = st.text(st.sampled_from("ab عم,;\t|\"'\n\r=-+@ ٣"), max_size=12)


@BOUNDED
@given(st.lists(st.lists(_CELL, min_size=1, max_size=5), min_size=1, max_size=8), st.sampled_from(",;\t|"))
def test_csv_of_any_cells_with_any_delimiter_and_quoting_is_read_or_refused(folder, rows, delim):
    text = "\n".join(delim.join(r) for r in rows)
    assert run_target(TARGETS["list_csv"], text.encode(), folder) in ("ok", "refused")


@BOUNDED
@given(st.lists(st.lists(_CELL, min_size=3, max_size=3), min_size=1, max_size=8), st.sampled_from(",;\t|"))
def test_csv_written_by_a_csv_writer_round_trips_every_cell(folder, rows, delim):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delim, quoting=csv.QUOTE_ALL)
    writer.writerow(["id", "name", "place"])
    writer.writerows([[f"r{i}", *r[1:]] for i, r in enumerate(rows)])
    path = folder / "written.csv"
    path.write_bytes(buf.getvalue().encode())
    table = read_table(path)
    assert not table.errors
    want = [{"id": f"r{i}", "name": _nl(r[1]), "place": _nl(r[2])} for i, r in enumerate(rows)]
    assert [row for _, row in table.rows] == want  # newlines as decode_text normalises them
    build_records(table, {"id": "record_id", "name": "name_latin", "place": "place"}, "x")


def _nl(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=6), kids, max_size=3),
    max_leaves=12,
)
_KEYS = st.sampled_from(
    [
        "body",
        "text",
        "title",
        "published_at",
        "language",
        "source",
        "sender",
        "id",
        "name",
        "age",
        "sex",
        "date",
        "status",
        "x",
    ]
)


@pytest.mark.parametrize("name", ["jsonl", "list_jsonl"])
@BOUNDED
@given(st.lists(st.dictionaries(_KEYS, _JSON, max_size=5) | _JSON, min_size=1, max_size=4), st.booleans())
def test_json_lines_of_any_values_are_read_or_refused(name, folder, lines, ascii_only):
    text = "\n".join(json.dumps(v, ensure_ascii=ascii_only) for v in lines)
    assert run_target(TARGETS[name], text.encode(), folder) in ("ok", "refused")


_TS = st.builds(
    "{}/{}/{}, {}:{:02d}{}".format,
    st.integers(0, 40), st.integers(0, 40), st.sampled_from([16, 2016, 99999, 0]),
    st.integers(0, 30), st.integers(0, 70), st.sampled_from(["", " PM", ":59"]),
)  # fmt: skip
_LINE = st.one_of(
    st.builds("{} - {}: {}".format, _TS, st.text(max_size=10), st.text(max_size=20)),
    st.builds("[{}] {}: {}".format, _TS, st.text(max_size=10), st.text(max_size=20)),
    st.text(max_size=30),
)


@BOUNDED
@given(st.lists(_LINE, min_size=1, max_size=10), st.sampled_from(["auto", "dmy", "mdy"]))
def test_chat_lines_of_any_shape_are_read_or_refused(folder, lines, order):
    from tawthiq.errors import InputError
    from tawthiq.ingest._chat import read_chat
    from tawthiq.ingest._types import ReadContext

    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    with contextlib.suppress(InputError):
        read_chat(ReadContext(path=folder / "c.txt", data=data, chat_date_order=order))


_HEADER_VALUE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["Tue, 13 Dec 2016 18:22:00 +0200", "1 Jan 99999999999999999999", "=?utf-8?b?2KM=?=",
                     "=?x-unknown?q?a=00?=", "Mon, 1 Jan 99999999999999999999 10:00:00 +0000", "<a@b>"]),
)  # fmt: skip
_HEADER_NAME = st.sampled_from(["From", "Subject", "Date", "Content-Type", "Content-Transfer-Encoding", "To"])


@BOUNDED
@given(st.lists(st.tuples(_HEADER_NAME, _HEADER_VALUE), min_size=1, max_size=6), st.binary(max_size=80))
def test_email_with_any_headers_is_read_or_refused(folder, headers, body):
    head = "".join(f"{k}: {v}\n" for k, v in headers).encode("utf-8", "surrogatepass")
    assert run_target(TARGETS["email"], head + b"\n" + body, folder) in ("ok", "refused")


_TAGS = st.sampled_from(["p", "div", "blockquote", "article", "li", "script", "h1", "td", "title", "time"])


@BOUNDED
@given(
    st.recursive(
        st.text(max_size=10).map(escape),
        lambda kids: st.builds("<{0}>{1}</{0}>".format, _TAGS, st.lists(kids, max_size=3).map("".join)),
        max_leaves=15,
    )
)
def test_html_of_any_nesting_is_read_or_refused(folder, inner):
    page = f"<html><head><title>t</title></head><body>{inner}</body></html>"
    assert run_target(TARGETS["html"], page.encode("utf-8", "surrogatepass"), folder) in ("ok", "refused")


_PFIF_VALUE = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "2016-12-20T10:00:00Z",
            "2016-02-30T10:00:00Z",
            "2016-99-99T99:99:99Z",
            "2016-13-45",
            "1976",
            "1976-03",
            "believed_alive",
            "detained_denied",
            "male",
            "40",
            "5-10",
            "x/y",
            "true",
        ]
    ),
)
_PERSON_FIELD = st.sampled_from(
    ["person_record_id", "source_date", "full_name", "date_of_birth", "age", "sex", "entry_date", "home_city"]
)
_NOTE_FIELD = st.sampled_from(["note_record_id", "author_name", "source_date", "text", "status",
                               "author_made_contact", "tawthiq:status", "entry_date"])  # fmt: skip


def _el(name: str, value: str) -> str:
    tag = name if ":" in name else f"pfif:{name}"
    return f"<{tag}>{escape(value)}</{tag}>"


@BOUNDED
@given(st.lists(st.tuples(st.dictionaries(_PERSON_FIELD, _PFIF_VALUE, max_size=8),
                          st.lists(st.dictionaries(_NOTE_FIELD, _PFIF_VALUE, max_size=8), max_size=2)),
                min_size=1, max_size=3))  # fmt: skip
def test_pfif_of_any_field_values_is_read_or_refused(folder, persons):
    body = "".join(
        "<pfif:person>" + "".join(_el(k, v) for k, v in p.items())
        + "".join("<pfif:note>" + "".join(_el(k, v) for k, v in n.items()) + "</pfif:note>" for n in notes)
        + "</pfif:person>"
        for p, notes in persons
    )  # fmt: skip
    xml = ('<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4" xmlns:tawthiq="urn:tawthiq:pfif-extension:1">'
           f"{body}</pfif:pfif>")  # fmt: skip
    assert run_target(TARGETS["pfif"], xml.encode("utf-8", "surrogatepass"), folder) in ("ok", "refused")


_POLICY_KEY = st.sampled_from(
    [
        "version",
        "public_fields",
        "front_line",
        "fuzz_secret",
        "suppress_counts_below",
        "publication_delay_days",
        "publish_undated",
        "public_grades",
        "incident",
        "radius_m",
        "places",
        "precisions",
        "private_channels",
        "x",
    ]
)
_YAML = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(_POLICY_KEY, kids, max_size=4),
    max_leaves=10,
)


@pytest.mark.parametrize("name", ["policy", "mapping"])
@BOUNDED
@given(_YAML)
def test_yaml_of_any_shape_is_read_or_refused(name, folder, value):
    text = yaml.safe_dump(value, allow_unicode=True)
    assert run_target(TARGETS[name], text.encode("utf-8", "surrogatepass"), folder) in ("ok", "refused")

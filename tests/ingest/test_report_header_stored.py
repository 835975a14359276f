"""Issue 15 item 5: a report's header block is stored with the report, whatever keys it holds.

Before: ingest read ``URL:`` and the other keys (``CONFLICT:``, ``SAME_EVENT_GROUP:``…) into the
draft and dropped them, since the reports table had no column for them: the address a reader
needs to find the original was lost at the door. Now ``Report.url`` and ``Report.metadata`` (the
other keys, as written, in their order) are stored (migration 0005) and shown; a key given twice, a
URL that is not a web address and a key that names a person each have one documented rule
(docs/ingest.md, "Dates and sources carried by the files").
"""

from __future__ import annotations

import json
import logging
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tawthiq.entities import Protected, Report
from tawthiq.ingest import read_header

BODY = "Yesterday at least 12 civilians were killed in air strikes on al-Sukkari in Aleppo, activists said."
SECRET = "Abu Invented +963 999 000 111"
PASSWORD = "correct horse battery staple 1"


def _write(tmp_path, name: str, header: str, body: str = BODY):
    path = tmp_path / name
    path.write_text(f"{header}\n\n{body}\n", "utf-8")
    return path


def test_a_date_below_a_url_and_an_unknown_key_still_dates_the_claims(workspace, cli, cli_json, tmp_path):
    report = _write(
        tmp_path,
        "wire.txt",
        "URL: https://example.org/story\nCONFLICT: syria-aleppo-2016\nOUTLET: Example Wire\nDATE: 2016-12-13",
    )
    cli(workspace, "ingest", str(report), "--published-from-header")
    (rep,) = cli_json(workspace, "reports")
    assert rep["published_at"] == "2016-12-13"
    cli(workspace, "extract")
    (claim,) = cli_json(workspace, "claims", "list")["items"]
    # "yesterday" read against the header's date, never the machine's clock
    assert claim["time"] == {"start": "2016-12-12", "end": "2016-12-12", "precision": "day"}


def test_the_url_and_the_other_keys_are_stored_in_their_order_and_a_second_ingest_is_a_duplicate(
    workspace, cli, cli_json, tmp_path
):
    header = (
        "URL: https://example.org/story?id=82\nSAME_EVENT_GROUP: g7\nOUTLET: Example Wire\n"
        "DATE: 2016-12-13\nCONFLICT: syria-aleppo-2016\nTITLE: UN: 82 civilians killed"
    )
    report = _write(tmp_path, "wire.txt", header)
    cli(workspace, "ingest", str(report), "--published-from-header")
    (rep,) = cli_json(workspace, "reports")
    assert rep["url"] == "https://example.org/story?id=82"
    assert list(rep["metadata"].items()) == [("SAME_EVENT_GROUP", "g7"), ("CONFLICT", "syria-aleppo-2016")]
    res = cli(workspace, "ingest", str(report), "--published-from-header")
    assert "duplicate" in res.stdout + res.stderr
    assert len(cli_json(workspace, "reports")) == 1
    with workspace.session() as s:
        from tawthiq.store import list_reports

        (stored,) = list_reports(s)
    assert stored.url == rep["url"] and list(stored.metadata) == ["SAME_EVENT_GROUP", "CONFLICT"]
    with pytest.raises(TypeError):  # read-only: a stage cannot edit what the file said
        stored.metadata["CONFLICT"] = "x"  # type: ignore[index]


@pytest.mark.parametrize(
    ("header", "line", "field", "says"),
    [
        ("OUTLET: Example Wire\nURL: example.org/story\nDATE: 2016-12-13", 2, "URL", "not an http(s)"),
        ("URL: javascript:alert(1)\nDATE: 2016-12-13", 1, "URL", "it starts 'javascript:'"),
        ("DATE: 2016-12-13\nCONFLICT: a\nCONFLICT: b", 3, "CONFLICT", "given again (line 2"),
        (
            "DATE: 2016-12-13\nURL: https://a.example/1\nURL: https://b.example/2",
            3,
            "URL",
            "first value is kept",
        ),
        ("CONFLICT: a\nDATE: 13/12/2016\nURL: https://a.example/1", 2, "DATE", "kept without a date"),
    ],
    ids=["url-without-scheme", "url-javascript", "key-twice", "url-twice", "bad-date-mid-header"],
)
def test_a_malformed_header_line_is_a_warning_naming_file_and_line_and_the_report_is_kept(
    workspace, cli, cli_json, tmp_path, header, line, field, says
):
    report = _write(tmp_path, "odd.txt", header)
    res = cli(workspace, "ingest", str(report), "--published-from-header", "--json")
    (outcome,) = json.loads(res.stdout)["outcomes"]
    assert outcome["status"] == "stored"
    (warning,) = outcome["warnings"]
    assert warning.startswith(f"odd.txt:{line}: field '{field}': ") and says in warning
    (rep,) = cli_json(workspace, "reports")
    assert rep["status"] == "stored" and BODY[:20] in rep["title"]  # the body was read whole
    if field == "URL" and "again" not in says and "first" not in says:
        assert rep["url"] == header.split("URL: ")[1].split("\n")[0]  # kept as written
    if field == "CONFLICT":
        assert rep["metadata"] == {"CONFLICT": "a"}  # the first value


def test_a_key_that_names_a_person_keeps_its_key_and_never_its_value(
    workspace, cli, cli_json, tmp_path, caplog
):
    header = f"CONTACT: {SECRET}\nREPORTER_PHONE: {SECRET}\nDATE: 2016-12-13\nCONFLICT: syria-aleppo-2016"
    report = _write(tmp_path, "contact.txt", header)
    with caplog.at_level(logging.DEBUG):
        res = cli(workspace, "ingest", str(report), "--published-from-header", "--json")
    (rep,) = cli_json(workspace, "reports")
    assert rep["metadata"] == {
        "CONTACT": Protected.MASK,
        "REPORTER_PHONE": Protected.MASK,
        "CONFLICT": "syria-aleppo-2016",
    }
    assert SECRET not in res.stdout + res.stderr + caplog.text
    with workspace.session() as s:  # nor in any column of the database: only the sealed original holds it
        from sqlalchemy import text

        rows = s.execute(text("SELECT * FROM reports")).all()
        events = s.execute(text("SELECT * FROM audit_events")).all()
    assert SECRET not in repr(rows) + repr(events)


def test_a_sidecar_and_a_json_line_give_a_url_too(workspace, cli, cli_json, tmp_path):
    report = _write(tmp_path, "side.txt", "TITLE: with a sidecar")
    (tmp_path / "side.txt.meta.json").write_text(json.dumps({"url": "https://example.org/side"}), "utf-8")
    lines = tmp_path / "feed.jsonl"
    lines.write_text(json.dumps({"body": BODY, "url": "ftp://example.org/x"}) + "\n", "utf-8")
    res = cli(workspace, "ingest", str(report), str(lines), "--published-from-header", "--json")
    warned = [w for f in json.loads(res.stdout)["outcomes"] for w in f["warnings"]]
    assert warned == [
        "feed.jsonl:1: field 'url': not an http(s):// web address (it starts 'ftp:'); "
        "kept as written, not shown as a link nor published"
    ]
    urls = {r["file_name"]: r["url"] for r in cli_json(workspace, "reports")}
    assert urls == {"side.txt": "https://example.org/side", "feed.jsonl": "ftp://example.org/x"}


def test_a_workspace_from_before_migration_0005_upgrades_keeping_every_report(tmp_path, db_url):
    from alembic import command
    from sqlalchemy import create_engine, text

    from tawthiq.store._migrate import alembic_config, upgrade
    from tawthiq.store.reports import report_from_row
    from tawthiq.store.tables import ReportRow

    engine = create_engine(db_url or f"sqlite:///{tmp_path / 'old.db'}")
    try:
        command.upgrade(alembic_config(engine), "0004_rationale_phrases")
        with engine.begin() as conn:
            sql = (
                "INSERT INTO reports (status, sha256, size, media_type, channel, part, received_at,"
                " published_at, title, body) VALUES ('stored', :sha, 0, 'text/plain', 'file', 0,"
                " '2016-12-14 00:00:00', :d, :t, 'text')"
            )
            conn.execute(text(sql), [dict(sha="a", d="2016-12-13", t="one"), dict(sha="b", d=None, t=None)])
        upgrade(engine)
        from sqlalchemy.orm import Session

        with Session(engine) as s:
            reports = [report_from_row(r, None) for r in s.query(ReportRow).order_by(ReportRow.sha256)]
    finally:
        engine.dispose()
    assert [(r.sha256, r.title, r.published_at, r.url, dict(r.metadata)) for r in reports] == [
        ("a", "one", date(2016, 12, 13), None, {}),
        ("b", None, None, None, {}),
    ]


# ---------------------------------------------------------------- generated headers

_KNOWN = {"DATE": "2016-12-13", "URL": "https://example.org/s", "OUTLET": "Example Wire", "TITLE": "A title"}
_OTHER = st.from_regex(r"[A-Z][A-Z0-9_]{1,12}", fullmatch=True).filter(
    lambda k: (
        k not in {"DATE", "URL", "OUTLET", "TITLE", "SOURCE", "PUBLISHED", "PUBLISHED_AT", "LANGUAGE", "LANG"}
    )
)


@given(
    known=st.permutations(sorted(_KNOWN)),
    others=st.lists(
        st.tuples(_OTHER, st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True)),
        max_size=5,
        unique_by=lambda kv: kv[0],
    ),
    cut=st.integers(0, 4),
)
def test_a_header_is_read_whole_in_any_order_of_known_and_unknown_keys(known, others, cut):
    from tawthiq.ingest._headers import is_person_key

    lines = [f"{k}: {_KNOWN[k]}" for k in known]
    lines[cut:cut] = [f"{k}: {v}" for k, v in others]
    text = "\n".join(lines) + "\n\n" + BODY
    head = read_header(text, "gen.txt")
    assert (head.published_at, head.url, head.source, head.title) == (
        date(2016, 12, 13),
        "https://example.org/s",
        "Example Wire",
        "A title",
    )
    assert list(head.metadata.items()) == [(k, Protected.MASK if is_person_key(k) else v) for k, v in others]
    assert head.warnings == () and text[head.body_start :] == BODY


def test_a_malformed_date_above_a_good_one_lets_the_good_one_date_the_report_and_says_so():
    head = read_header(
        "DATE: 12/12/2016\nURL: https://example.org/s\nPUBLISHED: 2016-12-13\n\nBody.", "r.txt"
    )
    assert head.published_at == date(2016, 12, 13)
    assert head.warnings == (
        "r.txt:1: field 'DATE': '12/12/2016' is not a date YYYY-MM-DD; the date is taken from a later line",
    )


@pytest.mark.parametrize(("value", "said"), [("unknown", "('unknown')"), ("N/A", "('N/A')"), ("", "(empty)")])
def test_a_date_given_as_unknown_is_said_so_not_called_malformed_and_the_report_is_undated(value, said):
    head = read_header(f"URL: https://example.org/s\nDATE: {value}\nCONFLICT: c\n\nBody.", "r.txt")
    assert head.published_at is None and head.metadata == {"CONFLICT": "c"}
    assert head.warnings == (
        f"r.txt:2: field 'DATE': no date given {said}; the report is kept without a date",
    )
    later = read_header(f"DATE: {value}\nPUBLISHED: 2016-12-13\n\nBody.", "r.txt")
    assert later.published_at == date(2016, 12, 13) and later.warnings[0].endswith("taken from a later line")


def test_a_report_entity_keeps_its_metadata_read_only_and_hashable():
    a = Report(sha256="x", url="https://example.org/s", metadata={"B": "1", "A": "2"})
    assert list(a.metadata) == ["B", "A"] and hash(a) == hash(Report.model_validate_json(a.model_dump_json()))
    assert Report(sha256="x").metadata == {} and Report(sha256="x").url is None


# ---------------------------------------------------------------- where a user reaches them

WIRE = (
    "URL: https://example.org/story-82\nOUTLET: Example Wire\nCONFLICT: syria-aleppo-2016\n"
    f"CONTACT: {SECRET}\nDATE: 2016-12-13\nTITLE: Civilians killed in al-Sukkari"
)
ODD = "URL: javascript:alert(1)\nOUTLET: Other Outlet\nDATE: 2016-12-13\nTITLE: A second telling"


def test_the_url_survives_ingest_store_reports_show_api_and_export(workspace, cli, cli_json, tmp_path):
    from fastapi.testclient import TestClient

    from tawthiq.store import tokens
    from tawthiq.web import WebSettings, create_app

    wire, odd = _write(tmp_path, "wire.txt", WIRE), _write(tmp_path, "odd.txt", ODD)
    cli(workspace, "ingest", str(wire), str(odd), "--published-from-header")
    ids = {r["file_name"]: r["id"] for r in cli_json(workspace, "reports")}
    shown = cli_json(workspace, "reports", "show", str(ids["wire.txt"]))
    assert shown["url"] == "https://example.org/story-82"
    assert shown["metadata"] == {"CONFLICT": "syria-aleppo-2016", "CONTACT": Protected.MASK}
    text = cli(workspace, "reports", "show", str(ids["wire.txt"])).stdout
    assert "url: https://example.org/story-82" in text and "CONFLICT: syria-aleppo-2016" in text

    # the API (and its OpenAPI schema) and the report page
    with workspace.session() as s:
        from tawthiq.store import users

        users.add_user(s, "api-reader", "viewer", PASSWORD)
        token = tokens.create_token(s, "api-reader", "tests")
    client = TestClient(create_app(workspace, WebSettings()))
    h = {"authorization": f"Bearer {token}"}
    api = client.get(f"/api/v1/reports/{ids['wire.txt']}", headers=h).json()["report"]
    assert (api["url"], api["metadata"]["CONFLICT"]) == ("https://example.org/story-82", "syria-aleppo-2016")
    spec = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["ReportOut"]["properties"]
    assert {"url", "metadata"} <= set(spec)
    bad = client.get(f"/api/v1/reports/{ids['odd.txt']}", headers=h).json()["report"]
    assert bad["url"] == "javascript:alert(1)"  # kept as written for the analyst...

    # ... and published nowhere: the exports give the web address only
    cli(workspace, "extract")
    cli(workspace, "claims", "approve", "--all", "--reason", "test batch")
    cli(workspace, "corroborate")
    cli(workspace, "export", "hxl", "--out", str(tmp_path / "h"))
    hxl = (tmp_path / "h" / "hxl.csv").read_text("utf-8")
    assert "#meta+url" in hxl and "https://example.org/story-82" in hxl and "javascript:" not in hxl
    (inc,) = [i for i in cli_json(workspace, "incidents") if i.get("claims") or i.get("claim_ids")][:1]
    cited = cli_json(workspace, "incident", str(inc["id"]))["claims"]
    assert "https://example.org/story-82" in {c["report"]["url"] for c in cited}
    cli(workspace, "dossier", str(inc["id"]), "--out", str(tmp_path / "d"), "--no-pdf")
    dossier = (tmp_path / "d" / "dossier.html").read_text("utf-8")
    assert "https://example.org/story-82" in dossier
    for out in (hxl, dossier, json.dumps(api), json.dumps(shown)):
        assert SECRET not in out


def test_the_report_page_links_only_a_web_address_and_masks_a_persons_key(workspace, cli, tmp_path):
    from fastapi.testclient import TestClient

    from tawthiq.web import WebSettings, create_app

    cli(workspace, "ingest", str(_write(tmp_path, "w.txt", WIRE)), str(_write(tmp_path, "o.txt", ODD)),
        "--published-from-header")  # fmt: skip
    with workspace.session() as s:
        from tawthiq.store import list_reports, users

        by_name = {r.file_name: r.id for r in list_reports(s)}
        users.add_user(s, "reader", "viewer", PASSWORD)
    client = TestClient(create_app(workspace, WebSettings()))
    page = client.get("/login")
    import re

    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    client.post("/login", data={"name": "reader", "password": PASSWORD, "csrf_token": csrf})
    good = client.get(f"/reports/{by_name['w.txt']}").text
    assert '<a href="https://example.org/story-82"' in good and "syria-aleppo-2016" in good
    assert SECRET not in good and "CONTACT" in good
    odd = client.get(f"/reports/{by_name['o.txt']}").text
    assert 'href="javascript:' not in odd and "javascript:alert(1)" in odd


@pytest.mark.parametrize(
    ("url", "published"),
    [
        ("https://example.org/s", "https://example.org/s"),
        ("HTTP://example.org/s", "HTTP://example.org/s"),
        ("javascript:alert(1)", None),
        ("mailto:someone@example.org", None),
        ("example.org/s", None),
        ("https://", None),
        (None, None),
    ],
)
def test_the_public_form_of_a_report_gives_only_a_web_address_and_no_persons_key(url, published):
    from tawthiq.policy import Policy, public_report

    meta = {"CONFLICT": "syria", "CONTACT": Protected.MASK}
    rep = Report(id=1, sha256="x", url=url, metadata=meta)
    assert public_report(rep)["url"] == published
    assert "metadata" not in public_report(rep)  # not public unless a policy lists it
    fields = Policy().public_fields.model_copy(
        update={"report": (*Policy().public_fields.report, "metadata")}
    )
    opened = Policy().model_copy(update={"public_fields": fields})
    assert public_report(rep, opened)["metadata"] == {"CONFLICT": "syria"}
    private = rep.model_copy(update={"channel": "chat"})
    assert public_report(private, opened)["url"] is None and public_report(private, opened)["metadata"] == {}

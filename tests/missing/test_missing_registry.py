"""The missing-persons registry end to end through the CLI: PFIF in, a later victim list, review, note."""

from pathlib import Path

from sqlalchemy import select

FIX = Path(__file__).parent / "fixtures"
PLANTED = ("planted-secret-email", "PLANTED-PHONE", "PLANTED-FOUND-PHONE")


def _import_registry(cli, ws):
    cli(ws, "people", "pfif", "import", str(FIX / "personfinder_1_2_top_level_notes.xml"), "--list", "family")


def test_pfif_import_derives_status_from_the_latest_note(workspace, cli, cli_json):
    _import_registry(cli, workspace)
    [m] = cli_json(workspace, "people", "missing", "list")
    assert m["status"] == "believed_missing" and m["notes"] == 2
    assert m["last_seen_place"] == "Bustan al-Qasr crossing"
    shown = cli(workspace, "people", "missing", "show", str(m["record"]), "--json").stdout
    assert not any(secret in shown for secret in PLANTED)  # the author's phone and e-mail stay sealed


def test_missing_person_on_a_later_victim_list_reaches_the_review_queue_and_a_confirmed_match_adds_a_note(
    workspace, cli, cli_json
):
    _import_registry(cli, workspace)
    imported = cli_json(
        workspace, "people", "import", str(FIX / "victims_later_list.csv"), "--list", "victims", "--yes"
    )
    assert imported["missing_candidates"] == 1
    queue = cli_json(workspace, "people", "review")
    [pair] = [p for p in queue if {p["a"]["list"], p["b"]["list"]} == {"family", "victims"}]
    # not merged behind the family's back: linking keeps the two apart until a reviewer decides
    cli(workspace, "people", "link")
    persons = cli_json(workspace, "people", "persons")
    together = [p for p in persons if {r["list"] for r in p["records"]} == {"family", "victims"}]
    assert together == []
    cli(workspace, "people", "decide", str(pair["a"]["id"]), str(pair["b"]["id"]), "match")
    [m] = cli_json(workspace, "people", "missing", "list")
    assert m["status"] == "believed_dead"
    detail = cli_json(workspace, "people", "missing", "show", str(m["record"]))
    last = detail["notes"][-1]
    assert last["source"] == "victims#V-001" and "V-001" in last["text"]
    cli(workspace, "people", "link")  # the confirmed pair is now one person
    persons = cli_json(workspace, "people", "persons")
    assert any({r["list"] for r in p["records"]} == {"family", "victims"} for p in persons)
    from tawthiq.store.tables import AuditEventRow

    with workspace.session() as s:
        actions = set(s.scalars(select(AuditEventRow.action)))
    assert {"missing.note", "missing.match", "people.review"} <= actions


def test_pfif_export_round_trips_without_protected_fields(workspace, cli, tmp_path):
    _import_registry(cli, workspace)
    cli(
        workspace,
        "people",
        "missing",
        "note",
        "1",
        "--status",
        "detained_denied",
        "--text",
        "Authorities deny.",
        "--author",
        "documenter",
        "--date",
        "2016-12-30",
    )
    cli(
        workspace,
        "people",
        "missing",
        "note",
        "1",
        "--status",
        "believed_dead",
        "--text",
        "A witness, unverified",
        "--confidential",
        "--date",
        "2016-12-31",
    )
    out = tmp_path / "export.xml"
    cli(workspace, "people", "pfif", "export", "--out", str(out))
    xml = out.read_text()
    assert not any(secret in xml for secret in PLANTED)
    assert "A witness, unverified" not in xml  # confidential notes never leave
    from tawthiq.people.pfif import parse_pfif

    [person] = parse_pfif(out.read_bytes())
    assert person.fields["person_record_id"] == "example.org/p.1001"
    assert person.fields["home_neighborhood"] == "Bustan al-Qasr"
    assert [n.get("status") for n in person.notes] == [
        "information_sought",
        "believed_missing",
        "believed_missing",
    ]


def test_bad_pfif_is_refused_whole_naming_line_and_field(workspace, cli, cli_json, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text(
        '<?xml version="1.0"?>\n<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">\n<pfif:person>\n'
        "<pfif:person_record_id>x.org/1</pfif:person_record_id>\n<pfif:full_name>A B</pfif:full_name>\n"
        "<pfif:source_date>yesterday</pfif:source_date>\n</pfif:person>\n</pfif:pfif>\n"
    )
    result = cli(workspace, "people", "pfif", "import", str(bad), ok=False)
    assert result.exit_code == 1
    assert "bad.xml:3" in result.stderr and "source_date" in result.stderr
    assert cli_json(workspace, "people", "missing", "list") == []


def test_a_note_reads_the_same_in_the_cli_and_on_the_registry_page_without_the_authors_contacts(
    workspace, cli, cli_json
):
    """One shape for a missing person's note (``MissingNote.shown_json``): the terminal and the
    page's JSON twin must not drift apart, and neither may carry the author's e-mail or phone."""
    from fastapi.testclient import TestClient

    from tawthiq.app import accounts
    from tawthiq.web import create_app

    _import_registry(cli, workspace)
    [m] = cli_json(workspace, "people", "missing", "list")
    shown = cli_json(workspace, "people", "missing", "show", str(m["record"]))["notes"]
    accounts.create_user(workspace, "doc", "documenter", "a long enough passphrase", actor="test")
    secret, _ = accounts.create_token(workspace, "doc", "test", actor="test")
    page = TestClient(create_app(workspace)).get(
        "/missing.json", headers={"authorization": f"Bearer {secret}"}
    )
    [item] = page.json()["items"]
    on_page = item["notes"]
    flags = {"has_author_email", "has_author_phone"}
    assert all(flags <= set(n) for n in on_page)  # the page says whether they are there
    assert [{k: v for k, v in n.items() if k not in flags} for n in on_page] == shown
    assert len(shown) == 2 and not any({"author_email", "author_phone"} & set(n) for n in shown)
    assert not any(secret in page.text for secret in PLANTED)


def test_a_list_of_the_missing_shows_its_date_and_place_as_last_seen_in_the_cli_as_on_the_web(
    workspace, cli_json, tmp_path
):
    """A list gives when and where someone went missing as the record's own date and place: the CLI
    showed them empty (the web's /missing fell back to them, the CLI did not), and a month is shown
    as the month, not its first day."""
    sheet = tmp_path / "missing_list.csv"
    sheet.write_text(
        "id,name,sex,age,date,place,status\n"
        "M-1,Ziad Fares Qabbani,m,31,12/2016,Bustan al-Qasr,missing\n"
        "M-2,Nour Adel Shami,f,22,2016-12-14,Sukkari,missing\n",
        encoding="utf-8",
    )
    cli_json(workspace, "people", "import", str(sheet), "--list", "families", "--yes")
    seen = {m["record_id"]: (m["last_seen_date"], m["last_seen_place"]) for m in
            cli_json(workspace, "people", "missing", "list")}  # fmt: skip
    assert seen == {"M-1": ("2016-12", "Bustan al-Qasr"), "M-2": ("2016-12-14", "Sukkari")}


def test_a_person_a_list_gives_as_missing_has_a_history_not_an_empty_table(
    workspace, cli, cli_json, tmp_path
):
    # a list entry carries no note: `missing show` printed the name over an empty table, though the list
    # says when and where (the web's /missing shows "listed as missing on …" and the last seen)
    f = tmp_path / "missing.csv"
    f.write_text(
        "record_id,name_latin,sex,age,place,event_date,status\n"
        "M-7,Invented Person,m,40,Bustan al-Qasr,2016-12-13,missing\n",
        encoding="utf-8",
    )
    cli(workspace, "people", "import", str(f), "--list", "family-list", "--yes")
    [m] = cli_json(workspace, "people", "missing", "list")
    shown = cli(workspace, "people", "missing", "show", str(m["record"])).stdout
    assert "last seen: 2016-12-13, Bustan al-Qasr" in shown
    assert "listed as missing on family-list #M-7" in shown
    detail = cli_json(workspace, "people", "missing", "show", str(m["record"]))
    assert (detail["last_seen_date"], detail["last_seen_place"]) == ("2016-12-13", "Bustan al-Qasr")


def test_missing_show_takes_the_lists_own_id_and_names_the_lists_that_share_it(
    workspace, cli, cli_json, tmp_path
):
    # before: `people missing show M-7` (the id the user's own list gives) was refused as "not a
    # whole number"; only the stored record id worked, which the list the user imported never shows
    for name, person in (("family-list", "Invented Person"), ("crossing-list", "Other Invented")):
        f = tmp_path / f"{name}.csv"
        rows = f"M-7,{person},m,40,Bustan al-Qasr,2016-12-13,missing\n"
        if name == "family-list":
            rows += "M-8,Third Invented,m,33,Sukkari,2016-12-14,missing\n"
        f.write_text("record_id,name_latin,sex,age,place,event_date,status\n" + rows, encoding="utf-8")
        cli(workspace, "people", "import", str(f), "--list", name, "--yes")
    listed = cli_json(workspace, "people", "missing", "list")
    stored = {(m["list"], m["record_id"]): m["record"] for m in listed}
    # one list gives it: the list's own id is enough
    shown = cli_json(workspace, "people", "missing", "show", "M-8")
    assert (shown["record"]["list_name"], shown["record"]["record_id"]) == ("family-list", "M-8")
    # two lists give it: the error names both lists and the field, and --list chooses
    refused = cli(workspace, "people", "missing", "show", "M-7", ok=False)
    assert refused.exit_code == 1
    assert "field 'record'" in refused.stderr
    assert "crossing-list" in refused.stderr and "family-list" in refused.stderr
    assert "--list" in refused.stderr
    shown = cli_json(workspace, "people", "missing", "show", "M-7", "--list", "crossing-list")
    assert shown["record"]["name_latin"] == "Other Invented"
    # the stored id still works, and a note can be added by the list's own id
    shown = cli_json(workspace, "people", "missing", "show", str(stored[("family-list", "M-7")]))
    assert shown["record"]["name_latin"] == "Invented Person"
    cli(workspace, "people", "missing", "note", "M-8", "--text", "seen", "--author", "Documenter")
    assert len(cli_json(workspace, "people", "missing", "show", "M-8")["notes"]) == 1
    # an id no list gives says so, naming the field
    unknown = cli(workspace, "people", "missing", "show", "M-9", ok=False)
    assert unknown.exit_code == 1 and "field 'record'" in unknown.stderr and "'M-9'" in unknown.stderr
    wrong_list = cli(workspace, "people", "missing", "show", "M-8", "--list", "crossing-list", ok=False)
    assert "on list 'crossing-list'" in wrong_list.stderr

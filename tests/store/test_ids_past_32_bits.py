"""An id no row can have, typed on the command line, is "no such record" (issue 21).

The tables' ids are INTEGER: 32 bits on PostgreSQL, where binding 2**31 fails with "integer out
of range"; SQLite fails past 2**63 with OverflowError. Either came out as the one-line
"unexpected error". Each lookup by a typed id now answers as for any id it does not hold, on
both databases (the ``workspace`` fixture runs on SQLite, and on PostgreSQL under scripts/test.sh).
"""

from __future__ import annotations

import pytest

PAST_32_BITS = str(2**31)
THIRTY_DIGITS = "123456789012345678901234567890"


@pytest.mark.parametrize("big", [PAST_32_BITS, THIRTY_DIGITS])
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("sources", "log", "{}"), "no source has this id or label"),
        (("sources", "contact", "{}"), "no source has this id or label"),
        (("sources", "checkin", "{}", "--days", "3"), "no source has this id or label"),
        (("claims", "approve", "{}", "--reason", "typo"), "no claim"),
        (("claims", "reject", "{}", "--reason", "typo"), "no claim"),
        (("incident", "{}"), "no incident"),
        (("dossier", "{}", "--out", "{out}"), "no incident"),
        (("people", "decide", "{}", "1", "match"), "no such pair of person records"),
        (("people", "missing", "show", "{}"), "no missing person"),
        (("people", "missing", "note", "{}", "--status", "believed_alive"), "no person record"),
        (("people", "missing", "answer", "{}", "--text", "none yet"), "no inquiry"),
    ],
    ids=lambda v: "-".join(a for a in v if a.isalpha()) if isinstance(v, tuple) else "",
)
def test_an_id_past_32_bits_is_no_such_record_not_an_unexpected_error(
    workspace, cli, tmp_path, args, said, big
):
    cli(workspace, "sources", "add", "stringer")
    argv = [a.format(big, out=tmp_path / "dossier") for a in args]
    result = cli(workspace, *argv, ok=False)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert said in result.stderr
    assert "unexpected error" not in result.stderr


def test_a_source_labelled_with_a_huge_number_is_found_by_its_label(workspace, cli, cli_json):
    # the label is looked up once the number cannot be an id
    cli(workspace, "sources", "add", THIRTY_DIGITS)
    cli(workspace, "sources", "contact", THIRTY_DIGITS, "--at", "2016-12-10T09:00")
    assert [c["at"][:10] for c in cli_json(workspace, "sources", "log", THIRTY_DIGITS)] == ["2016-12-10"]


def test_a_digit_that_is_no_decimal_is_a_label_not_a_crash(workspace, cli):
    # "²".isdigit() is True, int("²") a ValueError: resolve_source took it for an id
    result = cli(workspace, "sources", "log", "²", ok=False)
    assert result.exit_code == 1 and "no source has this id or label" in result.stderr


@pytest.mark.parametrize("record", ["9", THIRTY_DIGITS])
def test_answering_an_inquiry_about_a_record_that_is_not_there_is_refused_and_changes_nothing(
    workspace, cli, record
):
    from tawthiq.store.missing import add_inquiry, list_inquiries

    with workspace.session() as s:
        inquiry, _ticket = add_inquiry(s, {"name": "Example Name"}, None)
    argv = ["people", "missing", "answer", str(inquiry.id), "--text", "found", "--record", record]
    result = cli(workspace, *argv, ok=False)
    assert result.exit_code == 1 and f"no person record {record}" in result.stderr, result.stderr
    with workspace.session() as s:
        (after,) = list_inquiries(s)
    assert after.status == "open" and after.answer is None


@pytest.mark.parametrize(
    "command",
    [("sources", "add", "stringer", "--checkin-days"), ("sources", "checkin", "stringer", "--days")],
)
@pytest.mark.parametrize("days", [THIRTY_DIGITS, "36526", "0"])
def test_a_check_in_interval_past_a_century_is_refused_naming_the_field(
    workspace, cli, cli_json, command, days
):
    cli(workspace, "sources", "add", "stringer", "--checkin-days", "2")
    result = cli(workspace, *command, days, ok=False)
    assert result.exit_code == 1 and "field 'checkin_days'" in result.stderr, result.stderr
    assert [s["checkin_days"] for s in cli_json(workspace, "sources", "list")] == [2]

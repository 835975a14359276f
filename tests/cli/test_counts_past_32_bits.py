"""A row count or offset no database integer holds is a usage error naming the option (issue 21).

``--limit``, ``--offset`` and ``--last`` went to the database as typed: a 30-digit value overflowed
(PostgreSQL "integer out of range", SQLite OverflowError) and came out as the one-line "unexpected
error". They are now bounded at 2**31 - 1 by the option itself, like any other bad option value.
"""

from __future__ import annotations

import pytest

THIRTY_DIGITS = "123456789012345678901234567890"


@pytest.mark.parametrize(
    "args",
    [
        ("reports", "--limit", THIRTY_DIGITS),
        ("reports", "--offset", THIRTY_DIGITS),
        ("claims", "list", "--limit", THIRTY_DIGITS),
        ("claims", "review", "--limit", THIRTY_DIGITS, "--reason", "batch"),
        ("people", "review", "--limit", THIRTY_DIGITS),
        ("audit", "list", "--last", THIRTY_DIGITS),
    ],
    ids=lambda v: "-".join(a.strip("-") for a in v if not a.isdigit()),
)
def test_a_thirty_digit_count_names_its_option_not_an_unexpected_error(workspace, cli, args):
    result = cli(workspace, *args, ok=False)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    option = next(a for a in args if a.startswith("--") and a != "--reason")
    assert option in result.stderr
    assert "unexpected error" not in result.stderr


def test_the_largest_count_still_lists(workspace, cli_json):
    assert cli_json(workspace, "reports", "--limit", str(2**31 - 1), "--offset", str(2**31 - 1)) == []

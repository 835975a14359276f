"""`tawthiq estimate` from the command line: JSON shape, strata, the plot, and errors as exit code 1."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tawthiq.cli.main import app

TABLE = (
    "A,B,C,D,count,month\n"
    "1,0,0,0,60,2016-11\n0,1,0,0,50,2016-11\n0,0,1,0,45,2016-11\n0,0,0,1,40,2016-11\n"
    "1,1,0,0,20,2016-11\n1,0,1,0,15,2016-11\n0,1,1,0,12,2016-11\n1,0,0,1,10,2016-11\n"
    "0,1,0,1,9,2016-11\n0,0,1,1,8,2016-11\n1,1,1,0,5,2016-11\n1,1,0,1,4,2016-11\n1,1,1,1,2,2016-11\n"
    "1,0,0,0,80,2016-12\n0,1,0,0,70,2016-12\n0,0,1,0,55,2016-12\n0,0,0,1,50,2016-12\n"
    "1,1,0,0,25,2016-12\n1,0,1,0,20,2016-12\n0,1,1,0,15,2016-12\n1,0,0,1,12,2016-12\n"
    "0,1,0,1,10,2016-12\n0,0,1,1,9,2016-12\n1,1,1,0,6,2016-12\n1,0,1,1,4,2016-12\n1,1,1,1,3,2016-12\n"
)
OBSERVED = sum(int(line.split(",")[4]) for line in TABLE.splitlines()[1:])
FAST = ["--iterations", "3000", "--thin", "5", "--chains", "2", "--seed", "5"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_json_has_the_documented_keys(runner, write_csv):
    res = runner.invoke(app, ["estimate", "--table", str(write_csv(TABLE)), "--json", *FAST])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert {"method", "N", "low", "high", "observed", "strata"} <= set(data)
    assert data["method"] == "lcmcr" and data["observed"] == OBSERVED
    assert data["low"] <= data["N"] <= data["high"]


def test_by_gives_one_estimate_per_stratum_and_a_total(runner, write_csv):
    res = runner.invoke(app, ["estimate", "-t", str(write_csv(TABLE)), "--by", "month", "--json", *FAST])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [s["stratum"] for s in data["strata"]] == ["2016-11", "2016-12"]
    assert sum(s["observed"] for s in data["strata"]) == data["observed"]
    assert data["low"] > max(s["low"] for s in data["strata"])


def test_method_all_prints_a_list_one_per_method(runner, write_csv):
    res = runner.invoke(app, ["estimate", "-t", str(write_csv(TABLE)), "--method", "all", "--json", *FAST])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [d["method"] for d in data] == ["lcmcr", "loglinear"]


def test_plot_writes_a_png(runner, write_csv, tmp_path):
    png = tmp_path / "n.png"
    res = runner.invoke(app, ["estimate", "-t", str(write_csv(TABLE)), "--plot", str(png), *FAST])
    assert res.exit_code == 0, res.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_human_output_shows_interval_and_diagnostics(runner, write_csv):
    res = runner.invoke(app, ["estimate", "-t", str(write_csv(TABLE)), "--method", "loglinear"])
    assert res.exit_code == 0, res.output
    assert "95% interval" in res.stdout and "people per list" in res.stdout and "A&B" in res.stdout


def test_bad_table_exits_1_with_the_line_and_no_traceback(runner, write_csv):
    res = runner.invoke(app, ["estimate", "-t", str(write_csv("A,B,C,count\n1,0,0,5\n0,0,0,7\n"))])
    assert res.exit_code == 1
    assert "table.csv:3" in res.stderr and "count" in res.stderr
    assert "Traceback" not in res.output


def test_two_lists_with_lcmcr_is_an_estimation_error(runner, write_csv):
    res = runner.invoke(app, ["estimate", "-t", str(write_csv("A,B,count\n1,0,5\n0,1,4\n1,1,2\n")), *FAST])
    assert res.exit_code == 1
    assert "at least 3 lists" in res.stderr


def test_unknown_method_is_a_usage_error(runner, write_csv):
    res = runner.invoke(app, ["estimate", "-t", str(write_csv(TABLE)), "--method", "magic"])
    assert res.exit_code == 2


def test_workspace_only_options_with_a_table_are_a_usage_error(runner, write_csv):
    res = runner.invoke(app, ["estimate", "-t", str(write_csv(TABLE)), "--status", "killed"])
    assert res.exit_code == 2


TWO_LISTS = (
    "A,B,count,month\n1,0,40,2016-11\n0,1,30,2016-11\n1,1,20,2016-11\n"
    "1,0,35,2016-12\n0,1,25,2016-12\n1,1,15,2016-12\n"
)


@pytest.mark.parametrize("by", [[], ["--by", "month"]])
def test_method_all_on_two_lists_runs_loglinear_and_says_why_lcmcr_was_skipped(runner, write_csv, by):
    # issue 17: two lists used to stop `--method all` entirely ("lcmcr needs at least 3 lists")
    res = runner.invoke(app, ["estimate", "-t", str(write_csv(TWO_LISTS)), "--method", "all", *by, "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [d["method"] for d in data] == ["loglinear"]
    a, b, both = 40 + 35 + 20 + 15, 30 + 25 + 20 + 15, 20 + 15
    assert data[0]["observed"] == a + b - both
    assert data[0]["low"] <= data[0]["N"] <= data[0]["high"]
    assert "skipped lcmcr: lcmcr needs at least 3 lists, the table has 2" in res.stderr


def test_lcmcr_asked_by_name_on_two_lists_is_still_refused(runner, write_csv):
    res = runner.invoke(app, ["estimate", "-t", str(write_csv(TWO_LISTS)), "--method", "lcmcr"])
    assert res.exit_code == 1
    assert "lcmcr needs at least 3 lists" in res.stderr


def test_plot_as_svg_draws_the_strata_beside_their_total(runner, write_csv, tmp_path):
    svg = tmp_path / "n.svg"
    res = runner.invoke(
        app, ["estimate", "-t", str(write_csv(TABLE)), "--by", "month", "--plot", str(svg), *FAST]
    )
    assert res.exit_code == 0, res.output
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "strata side by side" in text and "2016-11" in text and "2016-12" in text


def test_plot_of_one_lcmcr_table_shows_the_chains(runner, write_csv, tmp_path):
    svg = tmp_path / "n.svg"
    res = runner.invoke(app, ["estimate", "-t", str(write_csv(TABLE)), "--plot", str(svg), *FAST])
    assert res.exit_code == 0, res.output
    assert "trace of N per chain" in svg.read_text(encoding="utf-8")


def test_plot_in_an_unknown_format_is_refused_before_estimating(runner, write_csv, tmp_path):
    res = runner.invoke(app, ["estimate", "-t", str(write_csv(TABLE)), "--plot", str(tmp_path / "n.gif")])
    assert res.exit_code == 2 and "estimating" not in res.stderr
    assert not (tmp_path / "n.gif").exists()


def test_tempering_is_reachable_from_the_command_line_and_says_its_ladder(runner, write_csv):
    """Parallel tempering (issue 20) was only a Python setting: a documenter with a stuck sparse table
    could not ask for it. With --tempering always the diagnostics carry the ladder and the swaps."""
    path = str(write_csv(TABLE))
    plain = json.loads(runner.invoke(app, ["estimate", "-t", path, "--json", *FAST]).stdout)
    assert "tempering" not in plain["diagnostics"]
    res = runner.invoke(app, ["estimate", "-t", path, "--tempering", "always", "--json", *FAST])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["diagnostics"]["tempering"]["ladder"] == [1.0, 0.8, 0.6]
    assert len(data["diagnostics"]["tempering"]["swap_acceptance"]) == 2
    assert data["low"] <= data["N"] <= data["high"]
    bad = runner.invoke(app, ["estimate", "-t", path, "--tempering", "sometimes"])
    assert bad.exit_code == 2 and "sometimes" in bad.output


def test_the_iterations_help_tells_the_burn_in_the_default_first_run_has():
    # --help said "burn-in a quarter"; since candidate C (issue 20) a first run of 2,500 sweeps or more
    # tunes the proposals for at least 1,250 and burns them: half of the default run (walk, session 22)
    import typing

    from tawthiq.cli.estimate import estimate as estimate_command
    from tawthiq.estimate import LcmcrSettings
    from tawthiq.estimate._lcmcr import _tuning

    option = typing.get_type_hints(estimate_command, include_extras=True)["iterations"].__metadata__[0]
    burnt = _tuning(LcmcrSettings().iterations)
    assert burnt == LcmcrSettings().iterations // 2
    assert f"at least the {burnt:,} that tune the proposals" in option.help
    assert "burn-in a quarter)" not in option.help

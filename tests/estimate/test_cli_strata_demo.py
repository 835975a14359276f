"""`tawthiq estimate --by sex|age-group|place|governorate` end to end on the demo lists.

The three lists of the killed bundled with the demo (Arabic CSV, English XLSX, JSONL) are imported and
linked with the real commands once for the module; each test then estimates from that workspace.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from tawthiq.cli.main import app
from tawthiq.demo import LISTS
from tawthiq.estimate import AGE_GROUPS

FAST = ["--status", "killed", "--iterations", "2000", "--chains", "2", "--seed", "3"]
LISTS_OF_THE_KILLED = (
    ("aleppo_killed_vdc.csv", "vdc-aleppo"),
    ("aleppo_victims_en.xlsx", "victims-en"),
    ("aleppo_field_hospital.jsonl", "field-hospital"),
)


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    runner = CliRunner()
    path = tmp_path_factory.mktemp("demo") / "ws"
    env = {"TAWTHIQ_WORKSPACE": str(path)}

    def run(*args: str):
        res = runner.invoke(app, list(args), env=env)
        assert res.exit_code == 0, (res.stdout, res.stderr)
        return res

    run("init", str(path))
    for file, name in LISTS_OF_THE_KILLED:
        run("people", "import", str(LISTS / file), "--list", name, "--yes")
    run("people", "link")
    return run


def _json(run, *args: str) -> dict:
    return json.loads(run("estimate", *FAST, *args, "--json").stdout)


def test_by_sex_total_is_the_sum_of_strata_and_the_pooled_estimate_is_beside_it(demo_ws):
    data = _json(demo_ws, "--by", "sex")
    assert {s["stratum"] for s in data["strata"]} == {"f", "m"}
    assert sum(s["observed"] for s in data["strata"]) == data["observed"]
    pooled = _json(demo_ws)  # the unstratified estimate the check must reproduce
    check = data["diagnostics"]["unstratified"]
    assert (check["N"], check["low"], check["high"]) == (pooled["N"], pooled["low"], pooled["high"])
    assert check["agree"] == (
        data["low"] <= pooled["N"] <= data["high"] and pooled["low"] <= data["N"] <= pooled["high"]
    )


def test_by_age_group_uses_the_casualty_recording_groups(demo_ws):
    data = _json(demo_ws, "--by", "age-group", "--method", "loglinear")
    groups = [s["stratum"] for s in data["strata"]]
    assert set(groups) <= {*AGE_GROUPS, "unknown"} and len(groups) >= 3
    assert sum(s["observed"] for s in data["strata"]) == data["observed"]


def test_by_place_puts_a_neighbourhood_written_in_arabic_and_latin_in_one_stratum(demo_ws):
    data = _json(demo_ws, "--by", "place", "--method", "loglinear")
    places = [s["stratum"] for s in data["strata"]]
    # the VDC list writes places in Arabic, the others in Latin: one gazetteer name per neighbourhood
    assert not any(re.search(r"[\u0600-\u06FF]", p) for p in places), places
    assert "unknown" not in places and "Kallaseh" in places
    assert sum(s["observed"] for s in data["strata"]) == data["observed"]


def test_by_governorate_reads_arabic_place_names_too(demo_ws):
    data = _json(demo_ws, "--by", "governorate", "--method", "loglinear")
    # one stratum only: nobody left in 'unknown' because their list wrote the place in Arabic
    assert data["stratum"] == "Aleppo" and data["strata"] == []


def test_human_output_shows_each_stratum_and_the_pooled_check(demo_ws):
    out = demo_ws("estimate", *FAST, "--by", "sex").stdout
    assert "total" in out and "95% interval" in out
    assert "pooled table (no strata)" in out and ("agrees" in out or "DISAGREES" in out)


def test_by_sex_table_and_plot_say_female_and_male_as_the_web_does_not_f_and_m(demo_ws, tmp_path):
    plot = tmp_path / "by-sex.svg"
    res = demo_ws("estimate", *FAST, "--by", "sex", "--method", "loglinear", "--plot", str(plot), "--no-save")
    rows = {line.split("│")[1].strip() for line in res.stdout.splitlines() if line.count("│") > 2}
    assert {"female", "male", "total"} <= rows and not rows & {"f", "m"}
    svg = plot.read_text("utf-8")
    assert "<!-- female -->" in svg and "<!-- male -->" in svg  # matplotlib writes each text so
    data = _json(demo_ws, "--by", "sex", "--method", "loglinear", "--no-save")
    assert {s["stratum"] for s in data["strata"]} == {"f", "m"}  # the data keeps the records' codes


def test_the_cli_s_stratum_labels_are_the_web_s():
    from tawthiq.estimate import stratum_label
    from tawthiq.web._labels import LABELS

    for code in ("f", "m"):
        assert stratum_label(code) == LABELS[code]
    assert stratum_label("unknown") == "unknown" and stratum_label("Kallaseh") == "Kallaseh"

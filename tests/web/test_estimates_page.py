"""/estimates: the latest estimates saved under the workspace, each interval drawn as an SVG, and its JSON."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import numpy as np
from markupsafe import escape

from tawthiq.app.estimate import save_estimates
from tawthiq.estimate import (
    LcmcrSettings,
    LoglinearSettings,
    estimate_tables,
    loglinear,
    random_population,
)

T0 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _table():
    return random_population(np.random.default_rng(4), scenario="heterogeneous").table


def _save_runs(ws):
    """An older log-linear run that converged, then a newer stratified LCMCR run that did not."""
    good = loglinear(_table(), LoglinearSettings(seed=1))
    save_estimates(ws, [good], {"source": "workspace", "by": None}, now=T0)
    short = LcmcrSettings(iterations=100, max_iterations=100, thin=1, chains=2, seed=3)
    stuck = estimate_tables([_table(), _table()], "lcmcr", short)
    save_estimates(ws, stuck, {"source": "workspace by sex", "by": "sex"}, now=T0 + timedelta(hours=1))
    return good.estimate, stuck[0].estimate


def test_estimates_json_lists_the_newest_run_first_as_saved(make_client, built):
    good, _ = _save_runs(built.ws)
    items = make_client("viewer").get("/estimates.json").json()["items"]
    assert [i["source"] for i in items] == ["workspace by sex", "workspace"]
    assert items[1]["estimates"][0]["N"] == good.N and items[1]["estimates"][0]["low"] == good.low
    assert items[0]["estimates"][0]["status"] == "did_not_converge" and items[0]["estimates"][0]["N"] is None


def test_page_draws_each_interval_and_no_number_for_a_run_that_did_not_converge(make_client, built):
    good, stuck = _save_runs(built.ws)
    html = make_client("viewer").get("/estimates").text
    svgs = re.findall(r"<svg[^>]*class=\"estimate\".*?</svg>", html, flags=re.S)
    assert len(svgs) == 2
    stuck_svg, good_svg = svgs  # newest first
    assert f"N = {good.N:,}" in good_svg and f"95% interval {good.low:,}" in good_svg
    assert "<rect" not in stuck_svg and "did not converge" in stuck_svg  # words, not a bar
    hidden = stuck.diagnostics["unconverged"]["N"]
    assert f"{hidden:,}" not in html.split('class="estimate-run"')[1]  # the withheld figure is not shown


def test_a_corrupt_saved_estimate_is_named_and_the_others_still_shown(make_client, built):
    _save_runs(built.ws)
    (built.ws.path / "estimates" / "29991231T000000000000Z.json").write_text("{not json", encoding="utf-8")
    client = make_client("viewer")
    items = client.get("/estimates.json").json()["items"]
    assert (
        items[0]["file"] == "29991231T000000000000Z.json"
        and "29991231T000000000000Z.json" in items[0]["error"]
    )
    assert len(items) == 3 and "29991231T000000000000Z.json" in client.get("/estimates").text


def test_estimates_need_login(make_client, built):
    _save_runs(built.ws)
    assert make_client().get("/estimates.json").status_code == 401


def test_cli_saves_a_workspace_estimate_that_the_page_then_shows(make_client, built, cli_json):
    from tawthiq.app.people import save_link_result
    from tawthiq.entities import PersonRecord
    from tawthiq.people import LinkResult
    from tawthiq.store.people import load_records, save_list

    # person i is on list a when i < 60, on b when 30 <= i < 90, on c when i is even: overlaps everywhere
    on = {"a": range(0, 60), "b": range(30, 90), "c": range(0, 90, 2)}
    with built.ws.session() as s:
        for name, people in on.items():
            recs = [PersonRecord(list_name=name, record_id=f"{name}-{i}", name_latin=f"P{i}") for i in people]
            save_list(s, name, recs)
        recs = [r for r in load_records(s) if r.list_name in on]  # the fixture has lists of its own
        by_person: dict[str, list[int]] = {}
        for r in recs:
            by_person.setdefault(r.record_id.split("-")[1], []).append(r.id)
        clusters = tuple(sorted(tuple(sorted(ids)) for ids in by_person.values()))
        save_link_result(s, LinkResult(clusters=clusters), recs)
    data = cli_json(built.ws, "estimate", "--method", "loglinear", "--lists", "a,b,c")
    items = make_client("viewer").get("/estimates.json").json()["items"]
    assert items[0]["estimates"][0]["N"] == data["N"] and items[0]["settings"]["method"] == "loglinear"


def test_the_arabic_estimates_page_says_what_was_estimated_in_arabic_not_the_clis_english(make_client, built):
    from tawthiq.web._i18n import translations

    _save_runs(built.ws)
    client = make_client("viewer")
    html = client.get("/estimates", params={"lang": "ar"}).text
    ar = translations("ar").gettext
    # the run's heading from its parts, not the CLI's stored "workspace by sex"
    assert "workspace by sex" not in html
    assert (
        f"<h2>{ar('The workspace' + chr(39) + 's linked persons, by %(by)s') % {'by': ar('sex')}}</h2>"
        in html
    )
    # the estimator, its status, the saved date and the seed: labels and Babel, never raw values
    assert "<h3>النموذج اللوغاريتمي الخطي</h3>" in html and "<h3>loglinear</h3>" not in html
    assert ">ok<" not in html and "مُقدَّر" in html
    assert '<time class="nowrap" datetime="2026-12-01T12:00:00+00:00">' in html and "seed" not in html
    # the chart's words in Arabic, each line isolated so "N" and "95%" keep their places
    stuck_svg, good_svg = re.findall(r"<svg[^>]*class=\"estimate\".*?</svg>", html, flags=re.S)
    assert "\u2068الشريط: مجال 95% · النقطة: N · الخط: الموثَّقون\u2069" in good_svg
    assert "\u2068لم يتقارب: لا رقم\u2069" in stuck_svg and "did not converge" not in stuck_svg
    english = client.get("/estimates", params={"lang": "en"}).text
    assert "<h2>The workspace's linked persons, by sex</h2>" in english.replace("&#39;", "'")
    assert (
        "<h3>log-linear model</h3>" in english and "bar: 95% interval · dot: N · tick: documented" in english
    )


def test_the_arabic_page_says_why_a_run_did_not_converge_in_arabic_and_the_english_page_as_the_cli(
    make_client, built
):
    """The reason is data (``Estimate.why``: a code and its values), so the Arabic page writes it in
    Arabic, with the noun its number takes; the English page and the CLI keep estimate's English."""
    _, stuck = _save_runs(built.ws)
    # a total of two strata, neither converged: the total's reason and its first stratum's
    assert stuck.why is not None and stuck.why.code == "strata" and stuck.why.first.code == "chains"
    client = make_client("viewer")
    html = client.get("/estimates", params={"lang": "ar"}).text
    run = html.split('class="estimate-run"')[1]
    assert "لم تتقارب الطبقات" in run and "فلا رقم لمجموعها" in run
    assert "أولاها: لم تتقارب السلاسل بعد 100 تكرار لكل سلسلة" in run  # 100 takes the singular noun
    assert '<code dir="ltr">--iterations 200</code>' in run and "جرّب" in run
    assert 'lang="en"' not in run and "did not converge" not in run and "Try:" not in run
    english = client.get("/estimates", params={"lang": "en"}).text.split('class="estimate-run"')[1]
    assert (
        stuck.reason is not None
        and "; first: did not converge after 100 iterations per chain" in stuck.reason
    )
    assert str(escape(stuck.reason)) in english


def test_a_run_saved_before_its_reason_was_data_shows_the_english_reason_marked_as_english(
    make_client, built
):
    _save_runs(built.ws)
    newest = sorted((built.ws.path / "estimates").glob("*.json"))[-1]
    saved = json.loads(newest.read_text("utf-8"))
    for e in saved["estimates"]:
        e.pop("why", None)
    newest.write_text(json.dumps(saved), encoding="utf-8")
    run = make_client("viewer").get("/estimates", params={"lang": "ar"}).text.split('class="estimate-run"')[1]
    assert '<span dir="auto" lang="en">stratum(s) ' in run and "did not converge after 100 iterations" in run


def test_a_stratum_with_no_name_is_labelled_by_its_place_never_none(make_client, built):
    """An estimate over tables nobody named (a CSV without a stratum column, a simulation) has
    strata whose name is null: the table and the chart say "stratum 1", "stratum 2" (Arabic
    "الطبقة 1"), never "None"; a month stratum reads as its month, in each language."""
    from dataclasses import replace

    tables = [_table(), _table(), replace(_table(), stratum="2016-12")]
    runs = estimate_tables(tables, "loglinear", LoglinearSettings(seed=1))
    save_estimates(built.ws, runs, {"source": "workspace by month", "by": "month"}, now=T0)
    client = make_client("viewer")
    for lang, first, second, month in (
        ("en", "stratum 1", "stratum 2", "December 2016"),
        ("ar", "الطبقة 1", "الطبقة 2", "كانون الأول 2016"),
    ):
        html = client.get("/estimates", params={"lang": lang}).text
        assert "None" not in html
        cells = re.findall(r"<tr><td>(.*?)</td>", html)
        assert cells[:2] == [first, second] and month in cells[2], cells
        svg = re.findall(r"<svg[^>]*class=\"estimate\".*?</svg>", html, flags=re.S)[0]
        assert first in svg and second in svg

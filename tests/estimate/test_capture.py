"""Capture histories from a workspace's linked persons, and `tawthiq estimate` on a workspace."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from tawthiq.app.people import save_link_result
from tawthiq.cli.main import app
from tawthiq.entities import PersonRecord
from tawthiq.estimate import age_group
from tawthiq.people import LinkResult
from tawthiq.store.capture import capture_histories
from tawthiq.store.people import load_records, save_list


def _records(list_name: str, n: int, month: int, place: str | None) -> list[PersonRecord]:
    return [
        PersonRecord(list_name=list_name, record_id=f"{list_name}-{i}", name_latin=f"Person {list_name} {i}",
                     event_date=date(2016, month, 1 + i % 28), place=place, status="killed")
        for i in range(n)
    ]  # fmt: skip


def _fill(ws) -> None:
    """Three lists; record i of each list is the same person for i < 3 (linked), the rest are singletons."""
    with ws.session() as s:
        save_list(s, "morgue", _records("morgue", 6, 11, "Aleppo"))
        save_list(s, "hospital", _records("hospital", 5, 12, "Aleppo"))
        save_list(s, "families", _records("families", 4, 12, None))
        recs = load_records(s)
        by_key = {(r.list_name, r.record_id): r.id for r in recs}
        clusters = [tuple(sorted(by_key[(lst, f"{lst}-{i}")] for lst in ("morgue", "hospital", "families")))
                    for i in range(3)]  # fmt: skip
        linked = {rid for c in clusters for rid in c}
        clusters += [(r.id,) for r in recs if r.id not in linked]
        save_link_result(s, LinkResult(clusters=tuple(sorted(clusters))), recs)


def test_each_person_is_one_row_and_unlinked_records_are_their_own_person(workspace):
    _fill(workspace)
    with workspace.session() as s:
        df = capture_histories(s)
    assert list(df.columns) == ["families", "hospital", "morgue"]
    assert len(df) == 3 + 3 + 2 + 1  # 3 linked persons, then the rest of each list
    assert int((df.sum(axis=1) == 3).sum()) == 3
    assert df[["families", "hospital", "morgue"]].sum().to_dict() == {
        "families": 4,
        "hospital": 5,
        "morgue": 6,
    }


def test_month_stratum_is_the_earliest_event_date(workspace):
    _fill(workspace)
    with workspace.session() as s:
        df = capture_histories(s, by="month")
    linked = df[df[["families", "hospital", "morgue"]].sum(axis=1) == 3]
    assert set(linked["stratum"]) == {"2016-11"}  # the morgue's November date is the earliest
    assert set(df["stratum"]) == {"2016-11", "2016-12"}


def test_histories_never_carry_names(workspace):
    _fill(workspace)
    with workspace.session() as s:
        df = capture_histories(s, by="governorate")
    assert not any("Person" in str(v) for v in df.to_numpy().ravel())


def test_cli_estimates_from_the_workspace(workspace):
    _fill(workspace)
    res = CliRunner().invoke(app, ["estimate", "-w", str(workspace.path), "--method", "loglinear", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["observed"] == 9 and data["lists"] == ["families", "hospital", "morgue"]


def test_cli_workspace_refuses_a_table_column_as_stratum(workspace):
    _fill(workspace)
    res = CliRunner().invoke(app, ["estimate", "-w", str(workspace.path), "--by", "ethnicity"])
    assert res.exit_code == 1 and "month or governorate" in res.stderr


def test_governorate_stratum_comes_from_the_resolver_and_unresolved_places_are_none(workspace):
    _fill(workspace)
    with workspace.session() as s:
        df = capture_histories(
            s, by="governorate", place_stratum=lambda p: "Aleppo" if p == "Aleppo" else None
        )
    families_only = df[(df["families"] == 1) & (df[["hospital", "morgue"]].sum(axis=1) == 0)]
    assert families_only["stratum"].isna().all()  # the families list gives no place
    assert (df.loc[df["morgue"] == 1, "stratum"] == "Aleppo").all()


def test_cli_by_governorate_counts_unplaced_people_in_unknown(workspace):
    _fill(workspace)
    args = ["estimate", "-w", str(workspace.path), "--by", "governorate", "--method", "loglinear", "--json"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert {s["stratum"]: s["observed"] for s in data["strata"]} == {"Aleppo": 8, "unknown": 1}


def test_sex_stratum_is_none_when_a_persons_records_disagree(workspace):
    recs = {
        "a": [PersonRecord(list_name="a", record_id="a1", name_latin="x", sex="m", status="killed")],
        "b": [PersonRecord(list_name="b", record_id="b1", name_latin="x", sex="f", status="killed"),
              PersonRecord(list_name="b", record_id="b2", name_latin="y", sex="f", status="killed")],
        "c": [PersonRecord(list_name="c", record_id="c1", name_latin="y", sex=None, status="killed")],
    }  # fmt: skip
    with workspace.session() as s:
        for name, rs in recs.items():
            save_list(s, name, rs)
        got = {(r.list_name, r.record_id): r.id for r in load_records(s)}
        clusters = ((got["a", "a1"], got["b", "b1"]), (got["b", "b2"], got["c", "c1"]))
        save_link_result(s, LinkResult(clusters=clusters), load_records(s))
        df = capture_histories(s, by="sex")
    by_lists = {(row.a, row.b, row.c): row.stratum for row in df.itertuples()}
    assert by_lists[(1, 1, 0)] is None  # one list says man, the other woman: not guessed
    assert by_lists[(0, 1, 1)] == "f"  # one says woman, the other says nothing


def test_age_group_stratum_is_the_group_of_the_median_age(workspace):
    ages = {"a": 17, "b": 19, "c": 40}  # one person, three lists: median 19, not the youngest's group
    with workspace.session() as s:
        for name, age in ages.items():
            save_list(s, name, [PersonRecord(list_name=name, record_id=f"{name}1", name_latin="x", age=age)])
        recs = load_records(s)
        save_link_result(s, LinkResult(clusters=(tuple(sorted(r.id for r in recs)),)), recs)
        df = capture_histories(s, by="age-group", age_stratum=age_group)
    assert list(df["stratum"]) == ["18-29"]

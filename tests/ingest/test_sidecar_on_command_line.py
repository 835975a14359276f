"""A sidecar named on the command line beside its report is its metadata, not another report.

``tawthiq ingest corpus/*`` (a shell glob) passes ``story.html`` and ``story.html.meta.json``
alike: the sidecar was stored as a report of its own (its JSON as text), though a folder ingest
skips it. Found walking through the README on the demo corpus (15 "reports" from 11 files).
"""

from __future__ import annotations

import json


def test_a_globbed_sidecar_is_not_stored_as_a_report_and_still_dates_its_report(
    workspace, cli, cli_json, tmp_path
):
    story = tmp_path / "story.txt"
    story.write_text("At least 5 civilians were killed in shelling on al-Shaar.\n", "utf-8")
    side = tmp_path / "story.txt.meta.json"
    side.write_text(json.dumps({"published_at": "2016-11-30", "source": "Wire One"}), "utf-8")
    short = tmp_path / "brief.txt"
    short.write_text("Hanano was taken.\n", "utf-8")
    (tmp_path / "brief.meta.json").write_text(json.dumps({"published_at": "2016-11-26"}), "utf-8")
    paths = sorted(str(p) for p in tmp_path.iterdir() if p.is_file())  # what `ingest dir/*` passes
    assert len(paths) == 4
    cli(workspace, "ingest", *paths, "--published-from-header")
    reports = {r["file_name"]: r for r in cli_json(workspace, "reports")}
    assert set(reports) == {"story.txt", "brief.txt"}
    story_row = reports["story.txt"]
    assert (story_row["published_at"], story_row["source"]) == ("2016-11-30", "Wire One")
    assert reports["brief.txt"]["published_at"] == "2016-11-26"


def test_a_meta_json_file_with_no_report_beside_it_is_still_read_as_a_file(workspace, cli, tmp_path):
    alone = tmp_path / "orphan.meta.json"
    alone.write_text(json.dumps({"published_at": "2016-11-30"}), "utf-8")
    res = cli(workspace, "ingest", str(alone), ok=False)
    # not silently dropped: it is ingested (or refused) like any other file named on the command line
    assert "orphan.meta.json" in res.stdout + res.stderr

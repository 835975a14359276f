"""`tawthiq reports show ID` prints the header's other keys where docs/cli.md says: under the URL."""

from __future__ import annotations


def test_the_header_keys_are_shown_under_their_heading_not_after_the_received_time(
    workspace, cli, cli_json, tmp_path
):
    # the walk of session 22: the keys came after `received_at:`, indented with no heading, so
    # "  CONFLICT: syria-aleppo-2016" read as a part of the time the report was received
    path = tmp_path / "r.txt"
    path.write_text(
        "URL: https://example.org/story\nCONFLICT: syria-aleppo-2016\nREGION_CODE: ALP-7\n"
        "DATE: 2016-12-10\n\n"
        "Activists said an air strike killed six civilians in Aleppo on Saturday.\n",
        "utf-8",
    )
    cli(workspace, "ingest", str(path), "--published-from-header")
    report_id = cli_json(workspace, "reports")[0]["id"]
    lines = cli(workspace, "reports", "show", str(report_id)).stdout.splitlines()
    heads = [line.split(":")[0] for line in lines if line and not line.startswith(" ")]
    assert heads.index("url") < heads.index("metadata") < heads.index("channel") < heads.index("received_at")
    at = lines.index("metadata:")
    assert lines[at + 1 : at + 3] == ["  CONFLICT: syria-aleppo-2016", "  REGION_CODE: ALP-7"]

"""A report dated only to the month shows as that month on the web, never as its first day (issue 17)."""

from __future__ import annotations

from datetime import date


def _month_report(ws) -> int:
    from tawthiq.entities import Report
    from tawthiq.store import add_reports

    with ws.session(actor="test") as s:
        (rep,) = add_reports(
            s,
            [
                Report(
                    sha256="ab" * 32,
                    file_name="month.txt",
                    title="Dated to the month",
                    body="Shelling on al-Shaar.",
                    published_at=date(2016, 12, 1),
                    published_precision="month",
                )
            ],
        )
    assert rep.id is not None
    return rep.id


def test_a_month_dated_report_shows_its_month_on_the_page_the_inbox_and_the_json(make_client, built):
    rid = _month_report(built.ws)
    client = make_client("viewer")
    page = client.get(f"/reports/{rid}").text
    assert "2016-12" in page and "2016-12-01" not in page
    assert "1 Dec" not in page and "Dec 1" not in page  # a first of the month shown as a day
    data = client.get(f"/reports/{rid}.json").json()["report"]
    assert (data["published_at"], data["published_precision"]) == ("2016-12-01", "month")
    inbox = client.get("/reports").text
    # the inbox writes the month as the page's language does, never as its first day
    assert '<time class="nowrap" datetime="2016-12">December 2016</time>' in inbox
    assert "2016-12-01" not in inbox and "1 December 2016" not in inbox

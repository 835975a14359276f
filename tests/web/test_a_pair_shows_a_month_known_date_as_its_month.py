"""A list that knows only the month of a disappearance ("12/2016") stores the first of the month with
precision ``month``. The person-pair review page wrote it "1 December 2016" and its ``.json``
"2016-12-01": a day nobody gave, beside the other list's real day, on the page where a reviewer
decides whether a missing man is the one on a list of the detained (session-24 walk: an Arabic
list of the missing, a Latin list of the detained). ``people review --json`` already said
"2016-12"; docs/people.md promises the same of the web."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.entities import LinkedPair, PersonRecord


def _pair(precision: str, year_or_month: date) -> tuple[LinkedPair, PersonRecord, PersonRecord]:
    missing = PersonRecord(list_name="missing-ar", record_id="A4", name_latin="Test Person One",
                           status="missing", event_date=year_or_month, event_date_precision=precision,
                           birth_date=date(1990, 1, 1), birth_date_precision="year")  # fmt: skip
    detained = PersonRecord(list_name="detained-en", record_id="L4", name_latin="Test Person One",
                            status="detained", event_date=date(2016, 12, 20))  # fmt: skip
    return LinkedPair(a=1, b=2, probability=0.9, weight=3.0, decision="review"), missing, detained


@pytest.mark.parametrize(
    ("precision", "value", "written"),
    [
        ("month", date(2016, 12, 1), "2016-12"),
        ("year", date(2016, 1, 1), "2016"),
        ("day", date(2016, 12, 5), "2016-12-05"),
    ],
)
def test_the_pair_json_writes_each_date_at_its_precision(precision, value, written):
    from tawthiq.web.routers.people import pair_view

    fields = {f["field"]: f for f in pair_view(*_pair(precision, value))["fields"]}
    assert fields["event_date"]["a"] == written and fields["event_date"]["b"] == "2016-12-20"
    assert fields["birth_date"]["a"] == "1990"
    assert fields["event_date"]["same"] is False


@pytest.mark.parametrize(
    ("lang", "month", "day"),
    [("en", "December 2016", "20 December 2016"), ("ar", "كانون الأول 2016", "20 كانون الأول 2016")],
)
def test_the_pair_page_writes_a_month_as_its_month_never_the_first_day(lang, month, day):
    from tawthiq.web._i18n import translations
    from tawthiq.web._render import template_env
    from tawthiq.web.routers.people import pair_view

    tr = translations(lang)
    html = (
        template_env()
        .get_template("_pair.html")
        .render(lang=lang, _=tr.gettext, pair=pair_view(*_pair("month", date(2016, 12, 1))), may_decide=False)
    )
    assert f'<time class="nowrap" datetime="2016-12">{month}</time>' in html
    assert f'<time class="nowrap" datetime="2016-12-20">{day}</time>' in html
    assert "2016-12-01" not in html and ">1 December 2016<" not in html and ">1 كانون الأول 2016<" not in html

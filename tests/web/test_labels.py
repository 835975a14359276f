"""The one label filter (web/_labels.py): internal values as people read them, in both languages."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.entities import Count


def _render(source: str, lang: str, **values) -> str:
    from tawthiq.web._i18n import translations
    from tawthiq.web._render import template_env

    tr = translations(lang)
    return template_env().from_string(source).render(lang=lang, _=tr.gettext, ngettext=tr.ngettext, **values)


@pytest.mark.parametrize(
    ("value", "en", "ar"),
    [
        ("killing.execution", "execution", "إعدام"),
        ("believed_missing", "believed missing", "يُعتقد أنه مفقود"),
        ("non_match", "not the same person", "ليس الشخص نفسه"),
        ("Fardous", "Fardous", "Fardous"),  # data is never translated
    ],
)
def test_an_internal_value_is_shown_by_its_label_never_raw(value, en, ar):
    assert _render("{{ v|label }}", "en", v=value) == en
    assert _render("{{ v|label }}", "ar", v=value) == ar


def test_a_toll_reads_at_least_82_not_at_least_underscore():
    toll = Count(low=82, qualifier="at_least")
    assert _render("{{ f|toll }}", "en", f=toll) == "at least 82"
    assert _render("{{ f|toll }}", "ar", f=toll) == "ما لا يقل عن 82"
    assert _render("{{ f|toll }}", "en", f=Count(low=12, high=15, qualifier="about")) == "12–15"


def test_an_overdue_duration_is_days_and_hours_not_decimal_hours():
    assert _render("{{ h|duration }}", "en", h=87.4) == "3 days 15 h"
    assert _render("{{ h|duration }}", "en", h=24.0) == "1 day"
    assert _render("{{ h|duration }}", "en", h=0.3) == "under an hour"
    assert _render("{{ h|duration }}", "ar", h=51.0) == "يومان 3 ساعات"


def test_a_source_silent_since_2016_is_overdue_since_a_date_not_3642_days():
    # the demo's 2016 check-ins read today: 87,423.2 hours was written "3,642 days 15 h"
    old = "{{ h|overdue(d) }}"
    assert _render(old, "en", h=87423.2, d="2016-12-15T10:00") == "since 15 December 2016"
    assert _render(old, "ar", h=87423.2, d="2016-12-15T10:00") == "منذ 15 كانون الأول 2016"
    assert _render(old, "en", h=30 * 24.0, d="2026-11-06T10:00") == "since 6 November 2026"
    # a recent lapse is still counted in days and hours, in the page's language
    assert _render(old, "en", h=30 * 24 - 0.5, d="2026-11-06T10:00") == "29 days 23 h"
    assert _render(old, "ar", h=51.0, d="2026-12-04T10:00") == "يومان 3 ساعات"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_match_share_is_a_percentage_formatted_by_babel_for_the_language(lang):
    from babel.numbers import format_percent

    from tawthiq.web._labels import _locale

    for share in (0.0, 0.5, 0.875, 1.0):
        assert _render("{{ s|percent }}", lang, s=share) == format_percent(share, locale=_locale(lang))
    assert _render("{{ s|percent }}", lang, s=0.875) == "88%"  # whole percents, rounded
    assert _render("{{ s|percent }}", lang, s=None) == ""


def test_dates_follow_the_interface_language():
    assert _render("{{ d|label }}", "en", d=date(2016, 12, 12)) == "12 December 2016"
    assert _render("{{ d|label }}", "ar", d=date(2016, 12, 12)) == "12 كانون الأول 2016"

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
    assert _render("{{ h|duration }}", "en", h=87423.2) == "3,642 days 15 h"
    assert _render("{{ h|duration }}", "en", h=24.0) == "1 day"
    assert _render("{{ h|duration }}", "en", h=0.3) == "under an hour"
    assert _render("{{ h|duration }}", "ar", h=51.0) == "يومان 3 ساعات"


def test_dates_follow_the_interface_language():
    assert _render("{{ d|label }}", "en", d=date(2016, 12, 12)) == "12 December 2016"
    assert _render("{{ d|label }}", "ar", d=date(2016, 12, 12)) == "12 كانون الأول 2016"

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


def _literal_values() -> dict[str, set[str]]:
    """Every value of every ``Literal`` the entities declare (module-level types such as
    ``SourceKind`` and the fields of every model), with where it is declared."""
    import inspect
    import typing

    from tawthiq import entities

    found: dict[str, set[str]] = {}

    def walk(tp: object, where: str) -> None:
        if typing.get_origin(tp) is typing.Literal:
            for v in typing.get_args(tp):
                found.setdefault(v, set()).add(where)
        else:
            for arg in typing.get_args(tp):
                walk(arg, where)

    for name, obj in vars(entities).items():
        if typing.get_origin(obj) is typing.Literal:
            walk(obj, name)
        elif inspect.isclass(obj) and obj.__module__ == entities.__name__:
            for field, tp in typing.get_type_hints(obj).items():
                walk(tp, f"{name}.{field}")
    return found


def test_every_internal_value_the_entities_declare_has_a_label_in_both_languages():
    import re

    from tawthiq.web._i18n import translations
    from tawthiq.web._labels import LABELS

    values = _literal_values()
    assert {"individual", "ngo", "killing.execution", "believed_missing", "review"} <= set(values)
    # a missing person's note with no status ("") is shown as "information", never as a value
    del values[""]
    unlabelled = {v: sorted(w) for v, w in values.items() if v not in LABELS}
    assert unlabelled == {}
    ar = translations("ar")
    untranslated = {v for v in values if not re.search(r"[\u0600-\u06ff]", ar.gettext(LABELS[v]))}
    assert untranslated == set()


def test_an_origin_or_source_named_by_its_kind_is_labelled_not_raw():
    # the fixture's origin "individual"; the public view's anonymous "individual source" (policy)
    assert _render("{{ o|source_label }}", "ar", o="individual") == "فرد"
    assert _render("{{ o|source_label }}", "ar", o="individual source") == "مصدر (فرد)"
    assert _render("{{ o|source_label }}", "en", o="individual source") == "individual source"
    assert _render("{{ o|source_label }}", "ar", o="Aleppo Monitor") == "Aleppo Monitor"  # a name as given

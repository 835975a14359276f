"""English left on the Arabic pages after walking them as a user (issue 18, item 4): the match
weights of a person pair, the separators between values, the public incident's origins, toll and
moved location. (The map's pop-up dates: tests/web/test_browser.py.)"""

from __future__ import annotations

import re

import pytest

from .test_people_review import pairs  # noqa: F401  (the fixture: pairs the linker left)


def test_a_pairs_match_weights_name_each_comparison_in_arabic(make_client, pairs):  # noqa: F811
    html = make_client("reviewer").get("/people/review", params={"lang": "ar"}).text
    weights = re.search(r'<table class="list pair-weights">.*?</table>', html, re.S).group(0)
    compared = re.findall(r"<tr><td>([^<]+)</td>", weights)
    assert compared and all(re.search(r"[\u0600-\u06ff]", c) for c in compared), compared


def test_every_comparison_of_the_linkage_model_has_an_arabic_label():
    from pathlib import Path

    from tawthiq.web._i18n import translations
    from tawthiq.web._labels import LABELS

    model = Path(__file__).resolve().parents[2] / "src/tawthiq/people/_link_model.py"
    names = set(re.findall(r'output_column_name="(\w+)"', model.read_text("utf-8")))
    assert {"name", "age", "birth_date", "place"} <= names
    ar = translations("ar")
    assert {
        n for n in names if n not in LABELS or not re.search(r"[\u0600-\u06ff]", ar.gettext(LABELS[n]))
    } == set()


def test_the_arabic_incident_page_separates_values_with_the_arabic_comma(make_client, built):
    html = make_client("viewer").get(f"/incidents/{built.incident_ids['shelling-fardous']}?lang=ar").text
    assert "(الأدنى 12، الأعلى 12)" in html
    assert "<bdi>am</bdi>، <bdi>فرد</bdi>" in html  # an origin named by its kind: labelled
    english = make_client("viewer").get(f"/incidents/{built.incident_ids['shelling-fardous']}?lang=en").text
    assert "(low 12, high 12)" in english


def test_the_arabic_public_incident_isolates_origins_and_writes_the_toll_the_arabic_way(make_client, built):
    from tawthiq.store.tables import IncidentRow

    iid = built.incident_ids["shelling-fardous"]
    with built.ws.session(actor="test") as s:
        row = s.get(IncidentRow, iid)
        row.fatalities_best = row.fatalities_low = row.fatalities_high = 1200
    client = make_client()
    html = client.get(f"/public/incidents/{iid}", params={"lang": "ar"}).text
    killed = re.search(r"<dt>القتلى</dt><dd>(.*?)</dd>", html, re.S).group(1)
    assert killed == "1,200"
    assert "<bdi>am</bdi>، <bdi>فرد</bdi>" in html  # an origin named by its kind: labelled
    assert client.get(f"/public/incidents/{iid}.json").json()["fatalities"]["best"] == 1200


def test_the_timeline_and_the_admin_page_write_dates_the_arabic_way(make_client, built):
    client = make_client("admin")
    svg = client.get("/timeline", params={"lang": "ar"}).text
    written = re.findall(r"<(?:text|title)[^>]*>([^<]*)</(?:text|title)>", svg)
    assert any("كانون الأول 2016" in w for w in written)
    assert [w for w in written if re.search(r"\d{4}-\d\d-\d\d", w)] == []  # axis and tooltips
    assert 'data-day="2016-12-12"' in svg  # the data keeps ISO
    assert client.get("/timeline.json").json()["items"][0]["day"].count("-") == 2
    english = client.get("/timeline", params={"lang": "en"}).text
    assert "12 Dec 2016" in english
    admin = client.get("/admin", params={"lang": "ar"}).text
    main = admin.split("<main>")[1]
    assert not re.search(r"<td>\d{4}-\d\d-\d\d", main)


def test_an_unnamed_speakers_origin_says_whose_it_is_in_arabic(make_client, built):
    """Walking the demo's incidents: "volunteers (per Civil defence volunteers)", the origin
    corroborate gives an unnamed speaker, kept its English "per" on the Arabic page."""
    from tawthiq.corroborate import per_origin, say
    from tawthiq.store.tables import IncidentRow

    origin = per_origin("Activists in the city", "Aleppo activists network")
    phrases = (say("single_origin", origin=origin), say("outlet", n=1))
    iid = built.incident_ids["shelling-fardous"]
    with built.ws.session(actor="test") as s:
        row = s.get(IncidentRow, iid)
        row.origins, row.rationale = [origin], " ".join(phrases)
        row.rationale_phrases = [p.phrases[0].model_dump(mode="json") for p in phrases]
    client = make_client("viewer")
    ar = client.get(f"/incidents/{iid}?lang=ar").text
    assert "(per " not in ar
    said = "Activists in the city (نقلاً عن Aleppo activists network)"
    assert f"<dt>المصادر الأصلية</dt><dd><bdi>{said}</bdi>" in ar  # the origins
    assert f"مصدر أصلي واحد: <bdi>{said}</bdi>." in ar  # and the rationale
    assert f"<bdi>{origin}</bdi>" in client.get(f"/incidents/{iid}?lang=en").text


def test_values_in_arabic_lines_are_separated_by_arabic_punctuation(make_client, built):
    """Walking the demo: two places of a claim or an incident were joined by ";", a claim's
    source and date by ","; the English pages keep theirs."""
    from tawthiq.entities import PlaceRef
    from tawthiq.store.tables import ClaimRow, IncidentRow

    two = [PlaceRef(name="Fardous", name_ar="الفردوس"), PlaceRef(name="Aleppo", name_ar="حلب")]
    with built.ws.session(actor="test") as s:
        s.get(IncidentRow, built.incident_ids["shelling-fardous"]).places = [
            p.model_dump(mode="json") for p in two
        ]
        s.get(ClaimRow, built.claim_ids["shelling"]).places = [p.model_dump(mode="json") for p in two]
    client = make_client("viewer")
    for path in ("/incidents", f"/claims/{built.claim_ids['shelling']}"):
        ar = client.get(path, params={"lang": "ar"}).text
        assert re.search(
            r"الفردوس</bdi>[^<]*(?:<bdi[^>]*>Fardous</bdi>)? *(?:<small>[^<]*</small>)?؛ ", ar
        ), path
        en = client.get(path, params={"lang": "en"}).text
        assert re.search(
            r"Fardous</bdi>[^<]*(?:<bdi[^>]*>الفردوس</bdi>)? *(?:<small>[^<]*</small>)?; ", en
        ), path
    # the queue's report, source and date: each on its own labelled row (tests/web/test_bidi_layout.py)
    queue = client.get("/claims", params={"lang": "ar"}).text
    assert '<dl class="meta small report-ref">' in queue and not re.search(
        r"</bdi>, (?:<time[^>]*>)?\d", queue
    )


def test_a_count_of_incidents_in_an_arabic_sentence_takes_the_plural_its_number_needs(make_client, built):
    """ "9 حادثة" (the singular after a number from 3 to 10) read on the demo's public list: the
    sentence goes through ngettext, or puts the number after a colon where no noun follows it."""
    client = make_client("documenter")
    public = client.get("/public", params={"lang": "ar"}).text
    assert "المنشور: 1 من 3 حوادث في السجل." in public and "3 حادثة" not in public
    timeline = client.get("/timeline", params={"lang": "ar"}).text
    assert "الحوادث المؤرَّخة: 3" in timeline
    assert "Dated incidents: 3" in client.get("/timeline", params={"lang": "en"}).text


@pytest.mark.parametrize(
    ("n", "words"), [(15, "15 حرفاً على الأقل"), (8, "8 أحرف على الأقل"), (100, "100 حرف على الأقل")]
)
def test_the_password_hint_counts_its_letters_the_arabic_way(make_client, n, words):
    """ "15 أحرف" (the plural of 3 to 10 after fifteen) on the admin page: the hint goes through
    ngettext, whose six Arabic forms take the number's noun."""
    from tawthiq.web import WebSettings

    html = make_client("admin", WebSettings(min_password_length=n)).get("/admin", params={"lang": "ar"}).text
    assert words in html


def test_received_times_say_the_minute_not_the_second(make_client, built):
    """The inbox's Received column wrote seconds ("05:23:40"): the day and the minute are what a
    reader uses, in each language's own order."""
    for lang in ("en", "ar"):
        html = make_client("documenter").get("/reports", params={"lang": lang}).text
        stamps = re.findall(r'<time class="nowrap" datetime="([^"]+T[^"]+)">([^<]+)</time>', html)
        assert stamps, lang
        assert not any(re.search(r"\d:\d\d:\d\d", text) for _, text in stamps), (lang, stamps)
        assert all(re.search(r"\d:\d\d", text) for _, text in stamps), (lang, stamps)

"""The redaction policy: what the public web view, the API and every public export rely on."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tawthiq.entities import (
    Claim,
    Count,
    Fatalities,
    Incident,
    PersonRecord,
    PlaceRef,
    Report,
    Source,
    TimeSpan,
)
from tawthiq.errors import InputError
from tawthiq.policy import (
    Policy,
    load_policy,
    public_claim,
    public_incident,
    public_person,
    public_place,
    public_report,
    public_source,
    write_default_policy,
)

NOW = datetime(2017, 1, 31, 12, 0)
FARDOUS = PlaceRef(
    name="Fardous", lat=36.1905, lon=37.1553, precision="neighbourhood", place_id="aleppo-nbhd:fardous"
)
SALAH = PlaceRef(name="Salah al-Din", lat=36.1805, lon=37.1222, precision="neighbourhood")


REVIEWED = [Claim(id=10, review_status="accepted", event_type="killing.execution")]


def _incident(**kw) -> Incident:
    base = dict(
        id=1,
        key="inc-1",
        event_type="killing.execution",
        places=(FARDOUS,),
        time=TimeSpan(start=date(2016, 12, 12), end=date(2016, 12, 12), precision="day"),
        fatalities=Fatalities(best=79, low=79, high=82),
        grade="fair",
        claim_ids=(10, 11),
    )
    base.update(kw)
    return Incident(**base)


def test_default_policy_file_written_by_init_loads_back(tmp_path):
    path = write_default_policy(tmp_path)
    pol = load_policy(path)
    assert pol.suppress_counts_below == 3
    assert "Salah al-Din" in pol.front_line.places
    assert pol.fuzz_secret != Policy().fuzz_secret  # a random secret per workspace
    assert pol.fuzz_secret not in repr(pol)


def test_policy_cannot_make_source_identity_public(tmp_path):
    p = tmp_path / "policy.yaml"
    p.write_text("public_fields:\n  source: [label, identity]\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_policy(p)
    assert "policy.yaml" in str(exc.value) and "public_fields.source" in str(exc.value)


def test_bad_policy_value_names_file_and_field(tmp_path):
    p = tmp_path / "policy.yaml"
    p.write_text("publication_delay_days: soon\n", encoding="utf-8")
    with pytest.raises(InputError, match="publication_delay_days"):
        load_policy(p)


def test_front_line_place_is_moved_the_same_way_every_time():
    pol = Policy(fuzz_secret="s1")
    a, b = public_place(SALAH, pol), public_place(SALAH, pol)
    assert (a["lat"], a["lon"]) == (b["lat"], b["lon"])
    assert (a["lat"], a["lon"]) != (SALAH.lat, SALAH.lon)
    # within the radius, and at least 30% of it away
    dy = (a["lat"] - SALAH.lat) * 111_320
    dx = (a["lon"] - SALAH.lon) * 111_320 * 0.807
    assert 0.25 * 1500 < (dx * dx + dy * dy) ** 0.5 < 1.05 * 1500
    # a different secret moves it elsewhere: the offset is not computable from the id alone
    c = public_place(SALAH, Policy(fuzz_secret="s2"))
    assert (c["lat"], c["lon"]) != (a["lat"], a["lon"])


def test_place_away_from_front_line_keeps_its_coordinates():
    out = public_place(FARDOUS, Policy())
    assert (out["lat"], out["lon"], out["fuzzed_within_m"]) == (FARDOUS.lat, FARDOUS.lon, None)


def test_small_count_is_suppressed_but_zero_and_large_are_not():
    pol = Policy(suppress_counts_below=3)
    small = public_incident(_incident(fatalities=Fatalities(best=2, low=1, high=2)), REVIEWED, NOW, pol)
    assert small["fatalities"]["best"] is None and small["fatalities"]["high"] is None
    assert small["fatalities"]["suppressed_below"] == 3
    big = public_incident(_incident(), REVIEWED, NOW, pol)
    assert big["fatalities"]["best"] == 79


def test_incident_held_back_until_publication_delay_passes():
    pol = Policy(publication_delay_days=7)
    inc = _incident()
    assert public_incident(inc, REVIEWED, datetime(2016, 12, 15), pol) is None
    assert public_incident(inc, REVIEWED, datetime(2016, 12, 19), pol) is not None


def test_undated_and_discounted_incidents_stay_internal():
    pol = Policy()
    assert public_incident(_incident(time=TimeSpan()), REVIEWED, NOW, pol) is None
    assert public_incident(_incident(grade="discounted"), REVIEWED, NOW, pol) is None
    # a reviewer's override wins over the computed grade
    assert public_incident(_incident(grade="weak", grade_override="discounted"), REVIEWED, NOW, pol) is None


def test_quote_from_chat_report_and_sender_never_public():
    pol = Policy()
    chat = Report(
        id=5,
        sha256="a" * 64,
        channel="chat",
        title="Abu Planted said",
        sender="Abu Planted",
        body="Abu Planted: they took my brother",
    )
    claim = Claim(
        id=10,
        report_id=5,
        quote="Abu Planted: they took my brother",
        event_type="disappearance.enforced",
        review_status="accepted",
    )
    out = public_incident(_incident(claim_ids=(10,)), [claim], NOW, pol, reports={5: chat})
    assert "Abu Planted" not in repr(out)
    assert out["claims"][0]["quote"] is None and out["claims"][0]["report"]["private"] is True


def test_individual_source_published_as_its_kind_only():
    src = Source(
        id=3, label="Umm Planted, nurse", kind="individual", identity="Planted Person", contact="+963 000"
    )
    out = public_source(src, Policy())
    assert out["label"] == "individual source"
    assert "Planted" not in repr(out) and "+963" not in repr(out)
    rep = Report(id=4, sha256="b" * 64, source_id=3, source_label="Umm Planted, nurse")
    assert "Planted" not in repr(public_report(rep, Policy(), src))


def test_rejected_claim_is_not_published_and_small_claim_count_suppressed():
    pol = Policy()
    assert public_claim(Claim(id=1, review_status="rejected"), pol) is None
    out = public_claim(Claim(id=2, fatalities=Count(low=1, high=2), review_status="accepted"), pol)
    assert out["fatalities"]["low"] is None and out["fatalities"]["suppressed_below"] == 3


def test_field_removed_from_policy_disappears_from_output():
    pol = Policy.model_validate({"public_fields": {"incident": ["id", "grade"]}})
    assert set(public_incident(_incident(), REVIEWED, NOW, pol)) == {"id", "grade"}


def test_incident_with_only_unreviewed_claims_is_not_published():
    pol = Policy()
    unread = [Claim(id=10, review_status="unreviewed"), Claim(id=11, review_status="rejected")]
    assert public_incident(_incident(), unread, NOW, pol) is None
    mixed = [Claim(id=10, review_status="unreviewed"), Claim(id=11, review_status="corrected")]
    out = public_incident(_incident(), mixed, NOW, pol)
    assert [c["id"] for c in out["claims"]] == [11]  # the unread claim is not shown either
    # a team that publishes machine extractions says so in its policy
    lax = Policy(public_review_statuses=("unreviewed", "accepted", "corrected"))
    assert len(public_incident(_incident(), mixed, NOW, lax)["claims"]) == 2


@given(
    lat=st.floats(min_value=-60, max_value=60),
    lon=st.floats(min_value=-179, max_value=179),
    key=st.text(min_size=1, max_size=30),
    radius=st.floats(min_value=100, max_value=20_000),
)
def test_fuzzed_point_stays_within_the_radius_and_off_the_true_point(lat, lon, key, radius):
    from tawthiq.policy import fuzz_point

    a = fuzz_point(lat, lon, key, radius, "secret")
    assert a == fuzz_point(lat, lon, key, radius, "secret")
    dy = (a[0] - lat) * 111_320
    dx = (a[1] - lon) * 111_320 * math.cos(math.radians(lat))
    dist = math.hypot(dx, dy)
    # rounding to 4 decimals moves a point by at most ~8 m
    assert 0.3 * radius - 10 <= dist <= radius + 10


def test_front_line_matches_gazetteer_id_not_a_homonym_elsewhere():
    pol = Policy(fuzz_secret="s")
    in_aleppo = PlaceRef(name="al-Ansari", lat=36.1962, lon=37.1308, place_id="aleppo-nbhd:ansari")
    homonym = PlaceRef(name="Ansari", lat=34.9, lon=36.7, place_id="SY040103")  # a sub-district in Homs
    assert public_place(in_aleppo, pol)["fuzzed_within_m"] == 1500  # surface form differs, id matches
    assert public_place(homonym, pol)["fuzzed_within_m"] is None


def test_policy_cannot_make_a_person_s_id_number_or_address_public(tmp_path):
    p = tmp_path / "policy.yaml"
    p.write_text("public_fields:\n  person: [id, national_id, address]\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_policy(p)
    assert "public_fields.person" in str(exc.value)
    record = PersonRecord(id=3, list_name="l", record_id="1", national_id="401234567", address="12 Omar St")
    shown = public_person(record, Policy())
    assert shown["id"] == 3 and "national_id" not in shown and "address" not in shown

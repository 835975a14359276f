"""The pure core: origins, clustering, the toll rule and grades, on claims we write here."""

from __future__ import annotations

from datetime import date

import pytest
from corroborate_helpers import load_fixture_gold
from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.corroborate import (
    DEFAULT_RULES,
    Rule,
    build_incidents,
    counts_compatible,
    fatalities_of,
    find_copies,
    group_by_origin,
    incident_key,
    normalize_party,
    report_key,
    shown_rationale,
    with_override,
)
from tawthiq.entities import Claim, Count, PlaceRef, Report, ReportRef, SourcedClaim, TimeSpan
from tawthiq.errors import InputError

ALEPPO = PlaceRef(name="Aleppo", lat=36.2012, lon=37.1612, precision="town")
EAST = PlaceRef(name="east Aleppo", lat=36.2012, lon=37.1612, precision="town")
WEST = PlaceRef(name="west Aleppo", lat=36.2012, lon=37.1612, precision="town")
FARDOUS = PlaceRef(name="al-Fardous", lat=36.1870, lon=37.1508, precision="neighbourhood")
NAIRAB = PlaceRef(name="Bab al-Nairab", lat=36.1915, lon=37.1721, precision="neighbourhood")
SUKKARI = PlaceRef(name="Sukkari", lat=36.175, lon=37.1425, precision="neighbourhood")
DAY = date(2016, 12, 12)

_ids = iter(range(1, 10_000))


def sc(
    report: str,
    *,
    places=(FARDOUS, EAST, ALEPPO),
    event_type="killing.execution",
    kind="incident",
    day: date | None = DAY,
    precision="day",
    fat: Count | None = None,
    att: str | None = None,
    certainty="reported",
    outlet: str | None = None,
    perps=(),
    quote="",
    group: str | None = None,
) -> SourcedClaim:
    claim = Claim(
        id=next(_ids),
        kind=kind,
        event_type=event_type,
        places=tuple(places),
        quote=quote or report,
        time=TimeSpan(start=day, end=day, precision=precision if day else "unknown"),
        fatalities=fat,
        attributed_to=att,
        certainty=certainty,
        perpetrators=tuple(perps),
        span=(0, 10),
    )
    return SourcedClaim(
        claim=claim,
        report=ReportRef(file=f"{report}.txt", sha256=report * 4),
        published=date(2016, 12, 13),
        source_label=outlet or report,
        origin_group=group,
    )


def members(inc):
    return set(inc.claim_ids) | set(inc.contradicting_claim_ids)


def by_claim(incidents, claim):
    return next(i for i in incidents if claim.claim.id in members(i) or claim.claim.id in i.tally_claim_ids)


# ---------------------------------------------------------------- the three scenarios of issue 4


def test_wire_story_two_rewrites_and_an_ngo_are_one_incident_two_origins_fair():
    names, claims, reports = load_fixture_gold()
    market = [c for n, c in zip(names, claims, strict=True) if n.endswith("bustan_market#0")]
    assert len(market) == 4
    incidents = build_incidents(claims, reports)
    inc = by_claim(incidents, market[0])
    assert members(inc) == {c.claim.id for c in market}
    assert sorted(inc.origins) == ["Aleppo Documentation Network", "Levant Wire"]
    assert inc.grade == "fair"
    assert inc.rationale.startswith("2 independent origins: ")
    assert "Reported by 4 outlets." in inc.rationale
    assert (inc.fatalities.low, inc.fatalities.best, inc.fatalities.high) == (25, 25, 25)


def test_a_denial_joins_the_incident_and_makes_it_contested():
    names, claims, reports = load_fixture_gold()
    incidents = build_incidents(claims, reports)
    school = next(c for n, c in zip(names, claims, strict=True) if n == "ngo_kallaseh_school#0")
    denial = next(c for n, c in zip(names, claims, strict=True) if n == "gov_kallaseh_denial#0")
    inc = by_claim(incidents, school)
    assert denial.claim.id in inc.contradicting_claim_ids
    assert inc.grade == "contested"
    assert inc.rationale.startswith(
        "Denied by Syrian government; asserted by Syrian Medical Relief Committee."
    )
    assert inc.fatalities.best == 10  # a denial never lowers the toll


def test_two_massacres_on_the_same_day_in_two_neighbourhoods_are_two_incidents():
    names, claims, reports = load_fixture_gold()
    incidents = build_incidents(claims, reports)
    named = dict(zip(names, claims, strict=True))
    fardous = by_claim(incidents, named["fardous_executions#0"])
    nairab = by_claim(incidents, named["nairab_executions#0"])
    assert fardous.id != nairab.id or fardous.key != nairab.key
    assert named["two_massacres_roundup#0"].claim.id in members(fardous)
    assert named["two_massacres_roundup#1"].claim.id in members(nairab)


# ---------------------------------------------------------------- clustering traps


def test_a_vague_claim_does_not_chain_two_neighbourhoods_nor_pick_one_of_them():
    a = sc("r1", places=(FARDOUS, ALEPPO), fat=Count(low=14, high=14))
    b = sc("r1", places=(NAIRAB, ALEPPO), fat=Count(low=9, high=9))
    vague = sc("r1", places=(EAST, ALEPPO))
    incidents = build_incidents([a, b, vague])
    assert len(incidents) == 3
    assert members(by_claim(incidents, vague)) == {vague.claim.id}


def test_a_vague_claim_beside_one_specific_event_of_its_report_joins_it():
    a = sc("r1", places=(FARDOUS, ALEPPO), fat=Count(low=14, high=14))
    vague = sc("r1", places=(EAST, ALEPPO))
    assert len(build_incidents([a, vague])) == 1


def test_east_and_west_aleppo_are_different_places():
    east = sc("r1", places=(EAST, ALEPPO), event_type="attack.shelling", fat=Count(low=5, high=5))
    west = sc("r2", places=(WEST, ALEPPO), event_type="attack.shelling", fat=Count(low=5, high=5))
    assert len(build_incidents([east, west])) == 2


def test_a_tally_never_merges_into_an_incident_but_is_listed_beside_those_it_covers():
    strike = sc(
        "r1", places=(SUKKARI, EAST, ALEPPO), event_type="attack.air_strike", fat=Count(low=8, high=8)
    )
    tally = sc(
        "r2",
        places=(EAST, ALEPPO),
        event_type="attack.air_strike",
        kind="tally",
        fat=Count(low=100, qualifier="vague"),
    )
    tally = tally.model_copy(
        update={
            "claim": tally.claim.model_copy(
                update={"time": TimeSpan(start=date(2016, 11, 15), end=DAY, precision="month")}
            )
        }
    )
    incidents = build_incidents([strike, tally])
    assert len(incidents) == 1
    assert incidents[0].claim_ids == (strike.claim.id,)
    assert incidents[0].tally_claim_ids == (tally.claim.id,)


def test_a_claim_without_a_date_joins_only_claims_of_its_own_report():
    dated = sc("r1", event_type="attack.chemical", places=(FARDOUS, ALEPPO))
    undated = sc("r2", event_type="attack.chemical", places=(FARDOUS, ALEPPO), day=None)
    assert len(build_incidents([dated, undated])) == 2
    undated_same = sc("r1", event_type="attack.chemical", places=(FARDOUS, ALEPPO), day=None)
    assert len(build_incidents([dated, undated_same])) == 1


def test_tolls_that_cannot_be_one_event_keep_claims_apart():
    a = sc("r1", fat=Count(low=8, high=8))
    b = sc("r2", fat=Count(low=120, high=120))
    assert len(build_incidents([a, b])) == 2


def test_days_apart_are_different_events_but_a_day_of_reporting_lag_is_not():
    a = sc("r1", day=DAY)
    assert len(build_incidents([a, sc("r2", day=date(2016, 12, 13))])) == 1
    assert len(build_incidents([a, sc("r3", day=date(2016, 12, 16))])) == 2


def test_incident_keys_do_not_depend_on_input_order():
    claims = [sc("r1"), sc("r2"), sc("r3", places=(NAIRAB, ALEPPO))]
    keys = sorted(i.key for i in build_incidents(claims))
    assert keys == sorted(i.key for i in build_incidents(list(reversed(claims))))
    assert incident_key(claims[:2]) == incident_key(claims[1::-1])


# ---------------------------------------------------------------- origins


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("SOHR", "Syrian Observatory for Human Rights"),
        ("the Britain-based Syrian Observatory", "Syrian Observatory for Human Rights"),
        ("the UN human rights office", "UN human rights office (OHCHR)"),
        ("OHCHR spokesman Rupert Colville", "UN human rights office (OHCHR)"),
        ("a Syrian military source", "Syrian government"),
        ("state television", "Syrian government"),
        ("residents who fled", "Residents who fled"),
    ],
)
def test_attributions_are_normalised_to_one_party(written, canonical):
    assert normalize_party(written) == canonical


def test_the_same_statement_quoted_by_five_outlets_is_one_origin():
    claims = [
        sc(
            f"outlet{i}",
            att=("SOHR" if i % 2 else "the Syrian Observatory for Human Rights"),
            fat=Count(low=14, high=14),
        )
        for i in range(5)
    ]
    incidents = build_incidents(claims)
    assert len(incidents) == 1
    assert incidents[0].origins == ("Syrian Observatory for Human Rights",)
    assert incidents[0].grade == "weak"
    assert incidents[0].rationale == (
        "A single origin: Syrian Observatory for Human Rights. Reported by 5 outlets."
    )


def test_unnamed_speakers_in_two_outlets_are_two_origins_but_not_independent_of_their_outlet():
    a = sc("r1", att="activists", outlet="Outlet A", fat=Count(low=14, high=14))
    b = sc("r2", att="activists", outlet="Outlet B", fat=Count(low=14, high=14))
    c = sc("r1", outlet="Outlet A", fat=Count(low=14, high=14))
    out = group_by_origin([a, b, c])
    assert out[0].origin != out[1].origin
    inc = build_incidents([a, c])[0]
    assert inc.grade == "weak"  # the outlet and "activists" it quotes are not two origins


def _report(sha: str, body: str, day: int) -> Report:
    return Report(sha256=sha, body=body, published_at=date(2016, 12, day))


def test_minhash_groups_a_wire_story_with_its_rewrites_and_names_the_group_after_the_first():
    _, _claims, reports = load_fixture_gold()
    copies = find_copies(reports)
    by_file = {r.file_name: report_key(r) for r in reports}
    wire = by_file["wire_bustan_market.txt"]
    assert copies[by_file["rewrite1_bustan_market.txt"]] == wire
    assert copies[by_file["rewrite2_bustan_market.txt"]] == wire
    assert copies[by_file["ngo_bustan_market.txt"]] == by_file["ngo_bustan_market.txt"]
    assert copies[by_file["fardous_executions.txt"]] == by_file["fardous_executions.txt"]


def test_a_declared_origin_group_wins_over_the_outlet():
    a = sc("r1", outlet="Subscriber A", group="Levant Wire", fat=Count(low=14, high=14))
    b = sc("r2", outlet="Subscriber B", group="Levant Wire", fat=Count(low=14, high=14))
    inc = build_incidents([a, b])[0]
    assert inc.origins == ("Levant Wire",)
    assert inc.grade == "weak"


# ---------------------------------------------------------------- numbers and grades


def test_toll_rule_low_is_highest_credible_floor_high_is_highest_claim():
    claims = [
        sc("r1", fat=Count(low=79, qualifier="at_least")),
        sc("r2", fat=Count(low=82, high=82)),
        sc("r3", fat=Count(low=120, high=120), certainty="unconfirmed"),
        sc("r4", fat=Count(low=200, qualifier="at_least"), certainty="denied"),
    ]
    f = fatalities_of([(c.claim.id, c) for c in claims])
    assert (f.low, f.best, f.high) == (82, 82, 120)
    assert set(f.claim_ids) == {claims[0].claim.id, claims[1].claim.id, claims[2].claim.id}
    assert "low = the highest lower bound" in f.rule


def test_origins_that_disagree_on_the_toll_make_it_contested():
    a = sc("r1", att="SOHR", fat=Count(low=10, high=10))
    b = sc("r2", att="the UN human rights office", fat=Count(low=19, high=19))
    inc = build_incidents([a, b])[0]
    assert inc.grade == "contested"
    assert "disagree on the toll" in inc.rationale


def test_origins_that_blame_different_sides_make_it_contested():
    a = sc("r1", att="SOHR", perps=["Syrian government forces"], fat=Count(low=10, high=10))
    b = sc("r2", att="state television", perps=["terrorist groups"], fat=Count(low=10, high=10))
    assert build_incidents([a, b])[0].grade == "contested"


def test_a_un_confirmation_makes_it_confirmed():
    a = sc("r1", att="the UN human rights office", certainty="confirmed", fat=Count(low=82, high=82))
    b = sc("r2", att="SOHR", fat=Count(low=79, qualifier="at_least"))
    inc = build_incidents([a, b])[0]
    assert inc.grade == "confirmed"
    assert inc.rationale.startswith("Confirmed by UN human rights office (OHCHR).")


def test_only_unconfirmed_reports_are_weak_whatever_their_number():
    claims = [
        sc(f"r{i}", att=a, certainty="unconfirmed", fat=Count(low=79, qualifier="at_least"))
        for i, a in enumerate(["SOHR", "the UN human rights office"])
    ]
    inc = build_incidents(claims)[0]
    assert inc.grade == "weak"
    assert inc.rationale.startswith("Only unconfirmed reports:")


def test_rules_are_values_that_compose_and_print_their_reason():
    always = Rule("fair", "always", lambda ev: "Always.")
    never = Rule("fair", "never", lambda ev: None)
    ev_claims = [sc("r1")]
    from tawthiq.corroborate import Evidence

    ev = Evidence(tuple(ev_claims))
    assert (always & always)(ev) == "Always. Always."
    assert (always & never)(ev) is None
    assert (never | always)(ev) == "Always."
    strict = (Rule("weak", "custom", lambda ev: "Custom reason."),)
    inc = build_incidents(ev_claims, rules=strict)[0]
    assert (inc.grade, inc.rationale) == ("weak", "Custom reason. Reported by 1 outlet.")
    assert len(DEFAULT_RULES) >= 5


def test_an_override_needs_a_reason_and_keeps_the_computed_grade_visible():
    inc = build_incidents([sc("r1")])[0]
    with pytest.raises(InputError, match="reason"):
        with_override(inc, "discounted", "  ")
    over = with_override(inc, "discounted", "Duplicate of incident 12")
    assert over.grade == "weak" and over.grade_override == "discounted"
    assert shown_rationale(over).startswith("Analyst override to discounted: Duplicate of incident 12")
    assert "computed: weak" in shown_rationale(over)


_count = st.builds(
    lambda lo, span, q: Count(
        low=None if q == "up_to" else lo, high=lo + span if q in ("exact", "up_to") else None, qualifier=q
    ),
    st.integers(0, 500),
    st.integers(0, 50),
    st.sampled_from(["exact", "at_least", "up_to", "vague"]),
)


@settings(deadline=None)  # timings on a shared machine are noisy
@given(_count, _count)
def test_compatibility_of_two_tolls_does_not_depend_on_order(a, b):
    assert counts_compatible(a, b) == counts_compatible(b, a)


@settings(deadline=None)
@given(st.lists(_count, min_size=1, max_size=6))
def test_toll_low_never_exceeds_best_or_high(counts):
    claims = [sc(f"r{i}", fat=c) for i, c in enumerate(counts)]
    f = fatalities_of([(c.claim.id, c) for c in claims])
    if f.low is not None and f.best is not None:
        assert f.low <= f.best
    if f.low is not None and f.high is not None:
        assert f.low <= f.high


def test_kin_types_told_differently_by_two_reports_are_one_event():
    shot = sc("r1", event_type="attack.ground", places=(FARDOUS, ALEPPO), fat=Count(low=14, high=14))
    executed = sc(
        "r2", event_type="killing.execution", places=(FARDOUS, EAST, ALEPPO), fat=Count(low=16, high=16)
    )
    assert len(build_incidents([shot, executed])) == 1
    detained = sc(
        "r3", event_type="detention.arbitrary", places=(FARDOUS, ALEPPO), fat=Count(low=14, high=14)
    )
    assert len(build_incidents([shot, detained])) == 2  # not kin: another family


def test_a_denial_without_toll_or_neighbourhood_joins_the_one_event_it_denies():
    strike = sc(
        "r1",
        event_type="attack.air_strike",
        places=(SUKKARI, EAST, ALEPPO),
        att="SOHR",
        fat=Count(low=8, high=8),
    )
    denial = sc(
        "r2",
        event_type="attack.air_strike",
        places=(ALEPPO,),
        att="the Russian defence ministry",
        certainty="denied",
    )
    inc = build_incidents([strike, denial])
    assert len(inc) == 1
    assert inc[0].grade == "contested"
    assert inc[0].contradicting_claim_ids == (denial.claim.id,)


def test_a_city_wide_claim_without_toll_from_another_report_stays_apart_from_a_neighbourhood_strike():
    strike = sc(
        "r1", event_type="attack.air_strike", places=(SUKKARI, EAST, ALEPPO), fat=Count(low=8, high=8)
    )
    vague = sc("r2", event_type="attack.air_strike", places=(EAST, ALEPPO))
    assert len(build_incidents([strike, vague])) == 2


def test_a_claim_rejected_in_review_counts_for_neither_toll_nor_origin():
    good = sc("r1", att="SOHR", fat=Count(low=14, high=14))
    bad = sc("r2", att="the UN human rights office", fat=Count(low=20, high=20))
    bad = bad.model_copy(update={"claim": bad.claim.model_copy(update={"review_status": "rejected"})})
    inc = build_incidents([good, bad])[0]
    assert (inc.fatalities.low, inc.fatalities.high) == (14, 14)
    assert inc.grade == "weak"
    only_bad = build_incidents([bad])[0]
    assert only_bad.grade == "discounted"


def test_messages_of_one_chat_export_are_separate_reports_though_they_share_the_file_hash():
    sha = "c" * 64
    reports = [
        Report(id=1, sha256=sha, part=0, body="first message " * 20, published_at=DAY),
        Report(id=2, sha256=sha, part=1, body="a different second message " * 20, published_at=DAY),
    ]
    copies = find_copies(reports)
    assert copies[report_key(reports[0])] != copies[report_key(reports[1])]
    a = sc("m1").model_copy(update={"report": ReportRef(sha256=sha), "report_id": 1})
    b = sc("m2").model_copy(update={"report": ReportRef(sha256=sha), "report_id": 2})
    undated = [
        x.model_copy(update={"claim": x.claim.model_copy(update={"time": TimeSpan()})}) for x in (a, b)
    ]
    assert len(build_incidents(undated, reports)) == 2  # undated claims join only their own report


def test_a_hospital_attack_and_the_air_strike_that_hit_it_are_one_event():
    kunduz = PlaceRef(name="Kunduz", lat=36.728, lon=68.857, precision="town")
    hospital = sc(
        "r1", event_type="attack.medical", places=(kunduz,), fat=Count(low=3, high=None, qualifier="at_least")
    )
    strike = sc(
        "r2",
        event_type="attack.air_strike",
        places=(kunduz,),
        fat=Count(low=9, high=None, qualifier="at_least"),
    )
    assert len(build_incidents([hospital, strike])) == 1
    executed = sc("r3", event_type="killing.execution", places=(kunduz,), fat=Count(low=9, high=9))
    assert len(build_incidents([hospital, executed])) == 2  # a shooting is not the strike on a hospital


def test_a_town_lies_inside_the_province_named_after_its_capital():
    province = PlaceRef(
        name="Hodeidah province", lat=14.798, lon=42.955, precision="governorate", place_id="world:79415"
    )
    town = PlaceRef(name="Bayt al-Faqih", lat=14.516, lon=43.324, precision="town", place_id="world:76991")
    far_town = PlaceRef(name="Sanaa", lat=15.354, lon=44.207, precision="town", place_id="world:71137")
    market = dict(event_type="attack.air_strike", fat=Count(low=21, high=None, qualifier="at_least"))
    at_province = sc("r1", places=(province,), **market)
    assert len(build_incidents([at_province, sc("r2", places=(town,), **market)])) == 1
    assert len(build_incidents([at_province, sc("r2", places=(far_town,), **market)])) == 2  # 250 km away


def test_two_town_wide_accounts_that_fit_only_each_other_are_one_event():
    raqqa = PlaceRef(name="Raqqa", lat=35.953, lon=39.008, precision="town")
    raids = sc("r1", event_type="attack.air_strike", places=(raqqa,))  # no toll: a town and a day only
    toll = sc("r2", event_type="attack.air_strike", places=(raqqa,), fat=Count(low=17, high=17))
    assert len(build_incidents([raids, toll])) == 1
    # another strike on Raqqa that day, told by a third outlet: the raids could be either, so apart
    other = sc("r3", event_type="attack.air_strike", places=(raqqa,), fat=Count(low=60, high=60))
    assert len(build_incidents([raids, toll, other])) == 3
    # a week-long account ("since Monday") is not pinned to the one strike of the day
    week = sc("r4", event_type="attack.air_strike", places=(raqqa,), precision="week")
    assert len(build_incidents([week, toll])) == 2


def test_in_one_report_a_claim_on_the_publication_day_may_be_the_event_of_the_day_before():
    def strike(day: date) -> SourcedClaim:  # one report (published 2016-12-13), Aleppo, 8 killed
        return sc("r1", places=(ALEPPO,), event_type="attack.air_strike", day=day, fat=Count(low=8, high=8))

    told_monday, undated_sentence = strike(date(2016, 12, 12)), strike(date(2016, 12, 13))
    # the second sentence names no day: the report's own day is a default, a day of lag is no proof
    assert len(build_incidents([told_monday, undated_sentence])) == 1
    # "on Sunday ... on Monday", neither on the report's day: the report itself tells two days apart
    assert len(build_incidents([told_monday, strike(date(2016, 12, 11))])) == 2


def test_an_initial_toll_is_a_floor_the_later_toll_outgrew_not_a_rival_figure():
    town = PlaceRef(name="Bayt al-Faqih", lat=14.516, lon=43.324, precision="town")

    def told(report: str, n: int, quote: str, qualifier="exact") -> SourcedClaim:
        high = None if qualifier == "at_least" else n
        fat = Count(low=n, high=high, qualifier=qualifier)
        return sc(report, places=(town,), event_type="attack.air_strike", fat=fat, quote=quote)

    later = told("r2", 21, "The strike on the market killed at least 21 people.", "at_least")
    initial = told("r1", 5, "Initial reports had five dead in the market strike.")
    assert len(build_incidents([initial, later])) == 1
    rival = told("r1", 5, "Five people were killed in the market strike.")
    assert len(build_incidents([rival, later])) == 2  # 5 and 21, both as final: two events


def test_two_incidents_from_claims_at_one_span_of_one_report_get_distinct_keys():
    # one sentence, two events far apart: the fingerprints (report, span) are equal, the keys
    # must not be (the store's key is unique: `tawthiq corroborate` crashed on it)
    strike = sc("r1", places=(FARDOUS,), event_type="attack.air_strike", day=date(2016, 12, 1))
    shelling = sc("r1", places=(SUKKARI,), event_type="attack.shelling", day=date(2016, 12, 20))
    incidents = build_incidents([strike, shelling])
    assert len(incidents) == 2
    assert len({i.key for i in incidents}) == 2
    again = build_incidents([strike, shelling])
    assert sorted(i.key for i in again) == sorted(i.key for i in incidents)  # stable across runs


def test_a_neighbourhood_account_without_toll_joins_another_reports_toll_for_its_town_that_day():
    town = PlaceRef(name="Qaryatayn", lat=34.229, lon=37.240, precision="town")
    suburb = PlaceRef(name="Qaryatayn west suburb", lat=34.231, lon=37.228, precision="neighbourhood")
    strike = dict(event_type="attack.air_strike")
    # one outlet counts the town's dead that day; another tells where a strike fell, without a toll
    toll = sc("r1", places=(town,), fat=Count(low=14, high=14), **strike)
    where = sc("r2", places=(suburb, town), **strike)
    assert len(build_incidents([toll, where])) == 1
    # the same pair a week apart, or with the toll spread over a week ("since Monday"), stays apart
    later = sc("r2", places=(suburb, town), day=date(2016, 12, 19), **strike)
    assert len(build_incidents([toll, later])) == 2
    week = sc("r1", places=(town,), precision="week", fat=Count(low=14, high=14), **strike)
    assert len(build_incidents([week, where])) == 2
    # two counted strikes on the town that day: the suburb account could be either, so it joins neither
    other = sc("r3", places=(town,), fat=Count(low=90, high=90), **strike)
    assert len(build_incidents([toll, where, other])) == 3


def test_a_town_wide_account_without_toll_stays_apart_from_a_counted_neighbourhood_strike():
    # "strikes pounded the town on Monday" is the day's bombardment, not the one strike of it
    # that another outlet counts in a named neighbourhood (the toll must be the town-wide account's)
    counted = sc(
        "r1", event_type="attack.air_strike", places=(NAIRAB, EAST, ALEPPO), fat=Count(low=6, high=6)
    )
    bombardment = sc("r2", event_type="attack.air_strike", places=(EAST, ALEPPO))
    assert len(build_incidents([counted, bombardment])) == 2


def test_an_outlet_giving_a_named_partys_figure_in_its_own_voice_passes_it_on_not_a_second_origin():
    toll = dict(fat=Count(low=40, high=None, qualifier="at_least"))
    quoted = sc("r1", att="the UN human rights office", outlet="Wire desk", **toll)
    own_voice = sc("r2", outlet="City Paper", **toll)  # the speaker was cut in the rewrite

    def body(text: str, word: str) -> str:  # texts apart enough that MinHash sees no copy
        return text + " " + " ".join(f"{word}{i}" for i in range(60))

    wire = _report("r1" * 4, body("The UN human rights office said at least 40 were shot.", "wire"), 13)
    paper = _report(
        "r2" * 4, body("Forty or more died in Fardous, the UN human rights office said.", "city"), 13
    )
    inc = build_incidents([quoted, own_voice], [wire, paper])[0]
    assert inc.origins == ("UN human rights office (OHCHR)",)
    assert inc.grade == "weak"  # one origin, told by two outlets
    # a paper that never names the office, or gives another figure, still speaks for itself
    silent = _report(
        "r2" * 4, body("Forty or more died in Fardous, residents told our reporter.", "city"), 13
    )
    assert len(build_incidents([quoted, own_voice], [wire, silent])[0].origins) == 2
    other_figure = sc("r2", outlet="City Paper", fat=Count(low=45, high=None, qualifier="at_least"))
    assert len(build_incidents([quoted, other_figure], [wire, paper])[0].origins) == 2


def test_one_large_toll_told_as_shelling_and_as_executions_is_one_massacre():
    # a village's day, told by two outlets: one says the army's guns killed 78, the other that
    # gunmen went from house to house and killed at least 80. Each outlet adds a line without a toll.
    village = PlaceRef(name="Kafr Sousa al-Gharbiya", lat=35.101, lon=36.402, precision="town")
    friday = date(2013, 3, 8)

    def told(report: str, event_type: str, fat: Count | None = None, day: date = friday) -> SourcedClaim:
        return sc(report, event_type=event_type, places=(village,), day=day, fat=fat)

    shelled = told("r1", "attack.shelling", Count(low=78, high=78))
    guns = told("r1", "attack.shelling")  # "tanks fired on the village from the ridge"
    executed = told("r2", "killing.execution", Count(low=80, high=None, qualifier="at_least"))
    doors = told("r2", "killing.execution")  # "men went from house to house"
    incidents = build_incidents([shelled, guns, executed, doors])
    assert len(incidents) == 1
    assert incidents[0].fatalities.low == 80
    # an air strike told beside a ground assault, the same rule: the toll ties them
    bombed = told("r3", "attack.air_strike", Count(low=41, high=41))
    stormed = told("r4", "attack.ground", Count(low=45, high=45))
    assert len(build_incidents([bombed, stormed])) == 1


def test_two_causes_stay_two_events_unless_one_large_toll_ties_them():
    village = PlaceRef(name="Kafr Sousa al-Gharbiya", lat=35.101, lon=36.402, precision="town")
    friday = date(2013, 3, 8)

    def told(report: str, event_type: str, fat: Count | None, day: date = friday) -> SourcedClaim:
        return sc(report, event_type=event_type, places=(village,), day=day, fat=fat)

    shelled = told("r1", "attack.shelling", Count(low=78, high=78))
    # tolls a third apart: the shelling's dead and a separate killing
    assert len(build_incidents([shelled, told("r2", "killing.execution", Count(low=30, high=30))])) == 2
    # "dozens" is a word, not a figure that could tie two accounts
    dozens = Count(low=10, high=None, qualifier="vague")
    assert len(build_incidents([shelled, told("r2", "killing.execution", dozens)])) == 2
    # small tolls repeat by chance in a town at war
    few = told("r1", "attack.shelling", Count(low=5, high=5))
    assert len(build_incidents([few, told("r2", "killing.execution", Count(low=5, high=5))])) == 2
    # the same toll two days later is another day's event
    later = told("r2", "killing.execution", Count(low=78, high=78), day=date(2013, 3, 11))
    assert len(build_incidents([shelled, later])) == 2
    # a detention is no violent death, whatever its figure
    assert len(build_incidents([shelled, told("r2", "detention.arbitrary", Count(low=78, high=78))])) == 2


def test_a_far_place_written_first_gives_way_to_the_place_the_rest_of_its_report_is_about():
    aleppo = PlaceRef(name="Aleppo", lat=36.2021, lon=37.1343, precision="town")
    deir_hafer = PlaceRef(name="Deir Hafer", lat=36.1569, lon=37.7078, precision="town")  # 51 km east
    hospital = dict(event_type="attack.medical")
    # one report: a bishop in Aleppo condemns the strike; the report's other sentence places it
    condemned = sc("r1", places=(aleppo, deir_hafer), **hospital)
    struck = sc("r1", places=(deir_hafer,), fat=Count(low=14, high=14), **hospital)
    # another outlet's account of the strike
    bombed = sc("r2", places=(deir_hafer,), fat=Count(low=14, high=14), **hospital)
    assert len(build_incidents([condemned, struck, bombed])) == 1
    # alone in its report, the sentence is read where it starts: Aleppo, not the strike's town
    alone = sc("r3", places=(aleppo, deir_hafer), **hospital)
    incidents = build_incidents([alone, bombed])
    assert len(incidents) == 2


def _published(claim: SourcedClaim, day: date) -> SourcedClaim:
    return claim.model_copy(update={"published": day})


def test_a_follow_up_dated_only_by_its_report_does_not_split_a_massacre_one_toll_has_tied():
    # a village's night of killing, Friday into Saturday. Outlet 1 (Saturday) counts 78 shelled;
    # outlet 2 (Saturday) at least 80 executed, the bodies found on Saturday; outlet 3 (Sunday)
    # says the guns opened fire on Friday noon, and that state television aired the bodies, with no
    # day for that: the extractor dates such a sentence to its report's own day, Sunday.
    village = PlaceRef(name="Kafr Sousa al-Gharbiya", lat=35.101, lon=36.402, precision="town")
    fri, sat, sun = date(2013, 3, 8), date(2013, 3, 9), date(2013, 3, 10)

    def told(report: str, event_type: str, day: date, published: date, fat: Count | None = None):
        return _published(sc(report, event_type=event_type, places=(village,), day=day, fat=fat), published)

    shelled = told("r1", "attack.shelling", fri, sat, Count(low=78, high=78))
    executed = told("r2", "killing.execution", sat, sat, Count(low=80, high=None, qualifier="at_least"))
    guns = told("r3", "attack.shelling", fri, sun)
    aired = told("r3", "killing.execution", sun, sun)  # dated by its report alone
    incidents = build_incidents([shelled, executed, guns, aired])
    assert len(incidents) == 1
    # only a report's own day is read back: a sentence dated by a time word to a day after the
    # massacre (Monday, in a report of Tuesday) still tells another day
    aired_monday = told("r3", "killing.execution", date(2013, 3, 11), date(2013, 3, 12))
    assert len(build_incidents([shelled, executed, guns, aired_monday])) > 1


def test_a_large_toll_dated_by_its_report_alone_is_no_bridge_to_the_days_before():
    # the toll that ties two causes must itself fall on the event's days: "80 executed", dated only
    # by a report published two days after a shelling of 78, may be another night's killing
    village = PlaceRef(name="Kafr Sousa al-Gharbiya", lat=35.101, lon=36.402, precision="town")
    fri, sun = date(2013, 3, 8), date(2013, 3, 10)
    shelled = _published(
        sc("r1", event_type="attack.shelling", places=(village,), day=fri, fat=Count(low=78, high=78)), fri
    )
    executed = _published(
        sc("r2", event_type="killing.execution", places=(village,), day=sun, fat=Count(low=80, high=80)), sun
    )
    assert len(build_incidents([shelled, executed])) == 2
    # and without a bridge, a sentence dated by its report alone stays with its own day
    aired = _published(sc("r3", event_type="killing.execution", places=(village,), day=sun), sun)
    assert len(build_incidents([shelled, aired])) == 2


def test_a_reports_province_wide_sentence_is_not_the_strike_it_counts_in_a_town():
    # one report: "barrel bombs fell on villages across the province on Tuesday" and "a barrel bomb
    # killed nine near the village": the day's campaign and one strike of it, not one event
    province = PlaceRef(name="Hawran Province", lat=32.75, lon=36.10, precision="governorate")
    village = PlaceRef(name="Tell Shihab", lat=32.69, lon=35.97, precision="town")
    strike = dict(event_type="attack.air_strike")
    campaign = sc("r1", places=(province,), **strike)
    counted = sc("r1", places=(village, province), fat=Count(low=9, high=9), **strike)
    assert len(build_incidents([campaign, counted])) == 2
    # the same figure on both sides is the strike told twice, once at the province; another
    # figure ("three more were killed when strikes hit cars on the highway") is another strike
    restated = sc("r1", places=(province,), fat=Count(low=9, high=9), **strike)
    assert len(build_incidents([restated, counted])) == 1
    three_more = sc("r1", places=(province,), fat=Count(low=3, high=3), **strike)
    assert len(build_incidents([three_more, counted])) == 2
    # a sentence of the report at the village itself is the strike's, toll or not
    at_village = sc("r1", places=(village,), **strike)
    assert len(build_incidents([at_village, counted])) == 1
    # families with few events a day keep the report's rule: the province's siege is the town's
    siege = dict(event_type="siege.blockade")
    assert (
        len(build_incidents([sc("r1", places=(province,), **siege), sc("r1", places=(village,), **siege)]))
        == 1
    )


def test_a_toll_less_sentence_joined_by_its_report_alone_does_not_block_a_massacres_two_causes():
    # the Houla shape: report 1 counts 90 killed by shelling across the plain and, the next day,
    # hears explosions in one village of it (no toll, no cause); report 2 counts 106 executed in
    # another village of the plain. The large toll ties shelling and executions into one massacre;
    # the explosions, tied to report 1's count by the report alone, are set apart instead of
    # keeping the massacre's two accounts apart.
    plain = PlaceRef(name="Sahl al-Ghab", lat=35.60, lon=36.40, precision="district")
    village = PlaceRef(name="Qalaat al-Madiq", lat=35.41, lon=36.39, precision="town")
    other_village = PlaceRef(name="Kafr Nabudah", lat=35.42, lon=36.58, precision="town")  # 16 km off
    fri, sat = date(2013, 3, 8), date(2013, 3, 9)

    def told(report: str, event_type: str, place, day: date, fat: Count | None = None) -> SourcedClaim:
        return _published(sc(report, event_type=event_type, places=place, day=day, fat=fat), sat)

    shelled = told("r1", "attack.shelling", (plain,), fri, Count(low=90, high=90))
    heard = told("r1", "other", (village,), sat)  # dated by its report alone
    executed = told("r2", "killing.execution", (other_village, plain), fri, Count(low=106, high=106))
    assert len(build_incidents([shelled, heard])) == 1  # alone, the report ties them
    for order in ([shelled, heard, executed], [executed, heard, shelled]):  # whatever the input order
        incidents = build_incidents(order)
        assert members(by_claim(incidents, shelled)) == {shelled.claim.id, executed.claim.id}
        assert members(by_claim(incidents, heard)) == {heard.claim.id}
    # a member that gives a toll of its own ("60 bodies were found in the village") is no passing
    # sentence: it keeps the groups apart as before
    counted = told("r1", "other", (village,), sat, Count(low=60, high=60))
    assert len(build_incidents([shelled, counted])) == 1
    incidents = build_incidents([shelled, counted, executed])
    assert by_claim(incidents, shelled) is not by_claim(incidents, executed)


def test_one_report_that_tells_a_towns_day_by_both_causes_ties_them_into_one_massacre():
    # report 1: "the shelling of the village began at midday on Friday" (no toll) and "scores of
    # civilians were massacred in the village", dated alike; report 2, the next day: "the shelling
    # went on until dawn" (no toll) and "monitors counted 92 bodies" (executions). Across reports a
    # toll-less shelling may be another event of the town's day; a report that tells both causes of
    # one place on the same dates tells one event's two sides, and the reports' massacres are one.
    village = PlaceRef(name="Kafr Sousa al-Gharbiya", lat=35.101, lon=36.402, precision="town")
    fri = date(2013, 3, 8)

    def told(report: str, event_type: str, fat: Count | None = None, day: date = fri) -> SourcedClaim:
        return sc(report, event_type=event_type, places=(village,), day=day, fat=fat)

    shelled = told("r1", "attack.shelling")
    massacred = told("r1", "killing.execution", Count(low=20, high=None, qualifier="vague"))
    went_on = told("r2", "attack.shelling")
    counted = told("r2", "killing.execution", Count(low=92, high=92))
    claims = [shelled, massacred, went_on, counted]
    for order in (claims, claims[::-1]):
        assert len(build_incidents(order)) == 1
    # the report's two causes on two days are two events, and so are another village's
    other_day = told("r1", "attack.shelling", day=date(2013, 3, 10))
    assert len(build_incidents([other_day, massacred])) == 2
    elsewhere = sc("r1", event_type="attack.shelling", places=(PlaceRef(name="Idlib", lat=35.93, lon=36.63),))
    assert len(build_incidents([elsewhere, massacred])) == 2


def test_one_reports_rival_counts_of_a_towns_strike_are_one_disputed_toll():
    # one report sets the army's first count beside the civil defence's and an inquiry's, all for
    # one town's strike that day: one event whose toll is disputed, not three events
    city = PlaceRef(name="Nineveh City", lat=36.34, lon=43.13, precision="town")
    strike = dict(event_type="attack.air_strike", places=(city,))
    army = sc("r1", fat=Count(low=61, high=61), **strike)
    rescuers = sc("r1", fat=Count(low=137, high=None, qualifier="at_least"), **strike)
    inquiry = sc("r1", fat=Count(low=105, high=141), **strike)
    assert len(build_incidents([army, rescuers, inquiry])) == 1
    # two outlets' figures that far apart are still two counts to keep apart (twice, plus three)
    other_outlet = sc("r2", fat=Count(low=137, high=None, qualifier="at_least"), **strike)
    assert len(build_incidents([army, other_outlet])) == 2
    # in one report, a shelling's toll beside an air strike's is another attack's
    shelled = sc("r1", event_type="attack.shelling", places=(city,), fat=Count(low=20, high=20))
    bombed = sc("r1", fat=Count(low=5, high=5), **strike)
    assert len(build_incidents([shelled, bombed])) == 2
    # and a figure past four times the other is no rival count of the same dead
    assert len(build_incidents([army, sc("r1", fat=Count(low=520, high=520), **strike)])) == 2


def _at(claim: SourcedClaim, start: int) -> SourcedClaim:
    """The claim at character ``start`` of its report (the order the report tells things in)."""
    return claim.model_copy(update={"claim": claim.claim.model_copy(update={"span": (start, start + 40)})})


@pytest.mark.parametrize(
    "further",
    [
        "Two more civilians died in a similar strike on the outskirts of the city.",
        "In a separate attack, two people were killed near the bakery.",
        "Another air strike killed two people in the city later that day.",
        "Elsewhere in the city, two people were killed by a barrel bomb.",
        "Meanwhile, activists said two were killed when a barrel bomb hit a house.",
        "وفي غارة أخرى على المدينة قُتل مدنيان.",
        "وقُتل مدنيان في قصف مماثل على أطراف المدينة.",
        "وفي سياق منفصل، قُتل شخصان بقذيفة سقطت على المدينة.",
        "كما استهدفت الطائرات حياً سكنياً في المدينة ما أدى إلى مقتل شخصين.",
    ],
)
def test_a_sentence_told_as_a_further_event_is_not_the_event_its_report_told_before(further):
    # one report: "a barrel bomb killed five in the city on Monday" and, after it, a sentence that
    # says itself it is another strike. Same report, same town, same day, tolls that fit: without
    # the report's own word the two would be one event
    strike = dict(event_type="attack.air_strike", places=(ALEPPO,))
    five = "A barrel bomb killed five in the city."
    first = _at(sc("r1", fat=Count(low=5, high=5), quote=five, **strike), 0)
    second = _at(sc("r1", fat=Count(low=2, high=2), quote=further, **strike), 100)
    assert len(build_incidents([first, second])) == 2
    # the same two sentences in two reports say nothing of each other: "another" is the report's word
    elsewhere = _at(sc("r2", fat=Count(low=2, high=2), quote=further, **strike), 0)
    assert len(build_incidents([first, elsewhere])) == 1


def test_also_or_a_restatement_after_the_further_event_keeps_one_event():
    strike = dict(event_type="attack.air_strike", places=(ALEPPO,))
    five = "A barrel bomb killed five in the city."
    first = _at(sc("r1", fat=Count(low=5, high=5), quote=five, **strike), 0)
    # "also" adds to the event told: the UN's word on it, or more harm of the same strike
    for also in ("The UN also said five people were killed.", "The strike also killed a child, medics said."):
        assert len(build_incidents([first, _at(sc("r1", quote=also, **strike), 100)])) == 1
    # the further event sets itself apart from what came before it, not from its own retelling
    further = _at(sc("r1", quote="Another air strike hit a market in the city.", **strike), 100)
    retold = _at(sc("r1", fat=Count(low=2, high=2), quote="The market strike killed two.", **strike), 200)
    incidents = build_incidents([first, further, retold])
    assert len(incidents) == 2
    assert members(by_claim(incidents, further)) == {further.claim.id, retold.claim.id}


def test_the_word_lists_read_the_same_with_and_without_their_prefilter():
    # the kinds of site and the further-event words are run only on a sentence holding one of their
    # words (text.prefilter); a speed-up only: every sentence reads as every pattern run on it says
    import itertools
    import re

    from tawthiq.corroborate import _words

    heads = ["", "Meanwhile, ", "وفي سياق منفصل، ", "إلى ذلك، ", "Elsewhere, "]
    events = [
        "another air strike hit",
        "in a similar attack on",
        "in a second strike,",
        "helicopters also dropped barrel bombs on",
        "غارة أخرى استهدفت",
        "كما استهدفت الطائرات",
        "قصف مماثل على",
        "a strike hit",
    ]
    sites = [
        "a funeral hall",
        "the market",
        "سوق الخضار",
        "مستشفى القدس",
        "a school and a mosque",
        "the town",
        "مخيم",
    ]
    for head, event, site in itertools.product(heads, events, sites):
        folded = _words.folded(f"{head}{event} {site}, killing five.")
        plain = (
            frozenset(name for name, pattern in _words._SITES if re.search(pattern, folded)),
            _words._ANOTHER_EVENT.search(folded) is not None,
        )
        assert _words.read_words(folded) == plain, folded


def test_one_report_that_counts_an_air_strike_and_a_shelling_apart_tells_two_attacks():
    # "50 to 80 died in an air strike on the district" and "at least seven were killed by mortar
    # shells in the district", one report, one neighbourhood, the same days: the figures fit (a floor
    # of 7), the types are kin, but the report itself counts each weapon's dead apart
    strike = sc("r1", event_type="attack.air_strike", places=(FARDOUS,), fat=Count(low=50, high=80))
    mortars = sc(
        "r1", event_type="attack.shelling", places=(FARDOUS,), fat=Count(low=7, qualifier="at_least")
    )
    assert len(build_incidents([strike, mortars])) == 2
    # told by two reports, the same two sentences may be one attack whose weapon one of them got wrong
    other_report = sc(
        "r2", event_type="attack.shelling", places=(FARDOUS,), fat=Count(low=7, qualifier="at_least")
    )
    assert len(build_incidents([strike, other_report])) == 1
    # one report's one toll told with two weapons, or a weapon with no toll beside it, is one attack
    same_toll = sc("r1", event_type="attack.shelling", places=(FARDOUS,), fat=Count(low=50, high=80))
    assert len(build_incidents([strike, same_toll])) == 1
    no_toll = sc("r1", event_type="attack.shelling", places=(FARDOUS,))
    assert len(build_incidents([strike, no_toll])) == 1


# ------------------------------------------- one report, one kind of site struck, two places near
# "A coalition air strike on a market near the Red Sea city of X killed 21" and "the strike hit a
# packaging shed in the outdoor market of the town of Y" (Y 70 km from X): the report tells one strike
# placed once by the city it is near. Invented places; a degree of latitude is ~111 km.
_CITY = PlaceRef(name="Portcity", lat=15.0, lon=43.0, precision="town")


def _town_at(km: float) -> PlaceRef:
    return PlaceRef(name="Smalltown", lat=15.0 + km / 111.2, lon=43.0, precision="town")


_SITE_WORDS = [
    ("a market", "the market"),
    ("a hospital", "the hospital"),
    ("a school", "the school"),
    ("a funeral", "the mourners"),
    ("سوق شعبي", "السوق"),
    ("مستشفى", "المستشفى"),
]


def _one_site_report(report: str, km: float, site: str, here: str, **kw) -> tuple[SourcedClaim, SourcedClaim]:
    near = sc(
        report,
        places=(_CITY,),
        event_type="attack.air_strike",
        fat=Count(low=21, high=None, qualifier="at_least"),
        quote=f"An air strike hit {site} near the city of Portcity, killing at least 21 people.",
    )
    town = sc(
        kw.pop("other_report", report),
        places=(_town_at(km),),
        event_type=kw.pop("event_type", "attack.air_strike"),
        day=kw.pop("day", DAY),
        quote=kw.pop("quote", f"The strike hit {here} in the town of Smalltown."),
    )
    return _at(near, 0), _at(town, 200)


@pytest.mark.parametrize("km", [5, 40, 70, 95])
@pytest.mark.parametrize(("site", "here"), _SITE_WORDS)
def test_one_reports_strike_on_one_kind_of_site_placed_at_a_town_and_a_city_near_it_is_one(km, site, here):
    near, town = _one_site_report("r1", km, site, here)
    incidents = build_incidents([near, town])
    assert len(incidents) == 1, (km, site)
    assert members(incidents[0]) == {near.claim.id, town.claim.id}


@pytest.mark.parametrize(
    "trap",
    ["two reports", "far apart", "another site", "another strike", "another day", "another weapon"],
)
def test_places_apart_stay_two_events_unless_one_report_names_one_site_one_day_one_type(trap):
    kw: dict = {}
    km, here = 70.0, "the market"
    if trap == "two reports":  # two reports' markets of one province on one day may be two strikes
        kw["other_report"] = "r2"
    elif trap == "far apart":
        km = 180.0
    elif trap == "another site":
        here = "the school"
    elif trap == "another strike":
        kw["quote"] = "Another air strike hit the market in the town of Smalltown."
    elif trap == "another day":
        kw["day"] = date(2016, 12, 10)
    elif trap == "another weapon":  # kin to an air strike across reports, but one report names both
        kw["event_type"] = "attack.shelling"
    near, town = _one_site_report("r1", km, "a market", here, **kw)
    incidents = build_incidents([near, town])
    assert len(incidents) == 2, trap

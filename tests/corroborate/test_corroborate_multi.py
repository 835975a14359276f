"""One event told by many: outlets, wires, two scripts, places in passing, tallies.

The reports are ours (``tests/fixtures/multi``, each named for its trap); the claims are
written here as an extractor gives them (quote, places with coordinates and, for the
Arabic and English pair, gazetteer ids). Each test asserts what a documenter sees: how many
incidents, their origins and outlets, their toll, grade and rationale.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tawthiq.corroborate import build_incidents, credited_wire, normalize_party
from tawthiq.entities import Claim, Count, PlaceRef, Report, ReportRef, SourcedClaim, TimeSpan
from tawthiq.ingest._headers import split_header

MULTI = Path(__file__).resolve().parents[1] / "fixtures" / "multi"

ALEPPO = PlaceRef(name="Aleppo", lat=36.2012, lon=37.1612, precision="town", place_id="SY0200")
EAST = PlaceRef(name="east Aleppo", lat=36.2012, lon=37.1612, precision="town")
SUKKARI = PlaceRef(name="Sukkari", lat=36.175, lon=37.1425, precision="neighbourhood")
KALLASEH = PlaceRef(name="Kallaseh", lat=36.1937, lon=37.1489, precision="neighbourhood")
BUSTAN = PlaceRef(name="Bustan al-Qasr", lat=36.1885, lon=37.1437, precision="neighbourhood")
SUKKARI_AR = PlaceRef(name="السكري", lat=36.175, lon=37.1425, precision="neighbourhood")
KALLASEH_AR = PlaceRef(name="الكلاسة", lat=36.1937, lon=37.1489, precision="neighbourhood")
BUSTAN_AR = PlaceRef(name="بستان القصر", lat=36.1885, lon=37.1437, precision="neighbourhood")
EAST_AR = PlaceRef(name="شرق حلب", lat=36.2012, lon=37.1612, precision="town")
MAARAT = PlaceRef(name="Maarat al-Numan", lat=35.6433, lon=36.6736, precision="town", place_id="SY0703")
MAARAT_AR = PlaceRef(name="معرّة النعمان", lat=35.6433, lon=36.6736, precision="town", place_id="SY0703")
MARKET = PlaceRef(
    name="popular market", lat=35.6461, lon=36.6742, precision="exact", place_id="poi:maarat-market"
)
MARKET_AR = PlaceRef(
    name="السوق الشعبي", lat=35.6461, lon=36.6742, precision="exact", place_id="poi:maarat-market"
)


def _day(iso: str) -> TimeSpan:
    return TimeSpan(start=date.fromisoformat(iso), end=date.fromisoformat(iso), precision="day")


class _Corpus:
    """Reports read from the fixtures, and claims written against them (quote → span)."""

    def __init__(self) -> None:
        self.reports: list[Report] = []
        self.claims: list[SourcedClaim] = []
        self._refs: dict[str, tuple[Report, ReportRef]] = {}

    def report(self, name: str) -> tuple[Report, ReportRef]:
        if name not in self._refs:
            raw = (MULTI / name).read_bytes()
            body, meta = split_header(raw.decode("utf-8"), name)
            import hashlib

            sha = hashlib.sha256(raw).hexdigest()
            rep = Report(
                sha256=sha,
                file_name=name,
                body=body,
                published_at=date.fromisoformat(meta["date"]) if meta.get("date") else None,
                title=meta.get("title"),
                source_label=meta.get("source"),
            )
            self.reports.append(rep)
            self._refs[name] = (rep, ReportRef(file=name, sha256=sha, title=rep.title))
        return self._refs[name]

    def claim(self, name: str, quote: str, **fields) -> SourcedClaim:
        rep, ref = self.report(name)
        at = rep.body.find(quote)
        assert at >= 0, f"{name}: quote not in the fixture: {quote!r}"
        claim = Claim(id=len(self.claims) + 1, quote=quote, span=(at, at + len(quote)), **fields)
        sc = SourcedClaim(claim=claim, report=ref, published=rep.published_at, source_label=rep.source_label)
        self.claims.append(sc)
        return sc

    def incidents(self):
        return [i for i in build_incidents(self.claims, self.reports) if i.kind == "incident"]


def _un_statement(c: _Corpus) -> None:
    toll = Count(low=57, high=None, qualifier="at_least")
    common = dict(
        event_type="attack.shelling", time=_day("2016-12-13"), fatalities=toll, certainty="unconfirmed"
    )
    c.claim(
        "un_statement_outlet_a.txt",
        "at least 57 civilians, among them nine women, were killed in the Sukkari, Kallaseh",
        places=(SUKKARI, KALLASEH, BUSTAN, EAST, ALEPPO),
        attributed_to="the UN human rights office",
        **common,
    )
    c.claim(
        "un_statement_outlet_b.txt",
        "We have reports of at least 57 civilians killed in Sukkari, Kallaseh and Bustan al-Qasr on Tuesday",
        places=(
            SUKKARI,
            KALLASEH,
            BUSTAN,
            ALEPPO,
            PlaceRef(name="Geneva", lat=46.2, lon=6.15, precision="town"),
        ),
        attributed_to="Rupert Colville",
        **common,
    )
    c.claim(
        "un_statement_outlet_c.txt",
        "At least 57 civilians were killed on Tuesday in three neighbourhoods of east Aleppo",
        places=(SUKKARI, KALLASEH, BUSTAN, EAST),
        attributed_to="OHCHR",
        **common,
    )
    c.claim(
        "un_statement_outlet_d.txt",
        "ما لا يقل عن 57 مدنيا قتلوا يوم الثلاثاء في أحياء السكري والكلاسة وبستان القصر في شرق حلب",
        places=(SUKKARI_AR, KALLASEH_AR, BUSTAN_AR, EAST_AR),
        attributed_to="مفوضية الأمم المتحدة السامية لحقوق الإنسان",
        **common,
    )


def test_four_outlets_retelling_one_un_statement_are_one_incident_of_one_origin():
    c = _Corpus()
    _un_statement(c)
    [inc] = c.incidents()
    assert inc.origins == ("UN human rights office (OHCHR)",)
    assert set(inc.outlets) == {"Northern Courier", "Levant Daily", "Gulf Evening Post", "صحيفة الشمال"}
    assert inc.fatalities.low == 57
    assert inc.grade == "weak"
    assert inc.rationale.startswith("Only unconfirmed reports: UN human rights office (OHCHR).")
    assert "Reported by 4 outlets." in inc.rationale


def test_a_rewrite_crediting_a_wire_counts_under_the_wire_and_an_ngo_is_a_second_origin():
    c = _Corpus()
    common = dict(event_type="attack.air_strike", time=_day("2016-12-10"), places=(SUKKARI, EAST, ALEPPO))
    c.claim(
        "wire_credit_original.txt",
        "An air strike on a bakery in the Sukkari neighbourhood of east Aleppo killed 14 civilians",
        fatalities=Count(low=14, high=14, qualifier="exact"),
        **common,
    )
    c.claim(
        "wire_credit_rewrite.txt",
        "Fourteen civilians waiting for bread died when warplanes struck a bakery in Sukkari",
        fatalities=Count(low=14, high=14, qualifier="exact"),
        **common,
    )
    [alone] = c.incidents()
    assert alone.origins == ("AFP",) and alone.grade == "weak"
    assert alone.rationale.startswith("A single origin: AFP.") and "Reported by 2 outlets." in alone.rationale
    c.claim(
        "ngo_bakery_sukkari.txt",
        "Our medics in Sukkari recovered the bodies of 15 civilians",
        fatalities=Count(low=15, high=15, qualifier="exact"),
        **common,
    )
    [inc] = c.incidents()
    assert set(inc.origins) == {"AFP", "Aleppo Medical Relief"}
    assert inc.grade == "fair"
    assert inc.rationale.startswith("2 independent origins: ")


def test_credited_wire_reads_datelines_and_credit_lines_only():
    assert credited_wire("ALEPPO, Dec 10 (AFP) - An air strike") == "AFP"
    assert credited_wire("Fourteen died.\n\n— AFP") == "AFP"
    assert credited_wire("دمشق-سانا\nقتل") == "Syrian government"
    assert credited_wire("Text. " * 100 + "as Reuters reported on Monday, " + "more text. " * 100) is None


def test_an_arabic_and_an_english_report_of_one_strike_are_one_incident_of_one_origin():
    c = _Corpus()
    c.claim(
        "ar_strike_maarat_market.txt",
        "11 مدنياً قُتلوا اليوم الأحد جراء غارات جوية استهدفت السوق الشعبي في مدينة معرّة النعمان",
        event_type="attack.air_strike",
        places=(MARKET_AR, MAARAT_AR),
        time=_day("2017-10-08"),
        fatalities=Count(low=11, high=11, qualifier="exact"),
        attributed_to="المرصد السوري لحقوق الإنسان",
    )
    c.claim(
        "en_strike_maarat_market.txt",
        "Air strikes hit the popular market of Maarat al-Numan in southern Idlib on Sunday, killing 11",
        event_type="attack.air_strike",
        places=(MARKET, MAARAT),
        time=_day("2017-10-08"),
        fatalities=Count(low=11, high=11, qualifier="exact"),
        attributed_to="Syrian Observatory for Human Rights",
    )
    [inc] = c.incidents()
    assert inc.origins == ("Syrian Observatory for Human Rights",)
    assert set(inc.outlets) == {"شبكة إدلب الإخبارية", "Frontline Weekly"}
    assert inc.grade == "weak" and inc.fatalities.low == 11


def test_the_same_strike_named_only_in_arabic_and_english_meets_by_coordinates():
    c = _Corpus()
    for name, quote, places in (
        (
            "ar_strike_maarat_market.txt",
            "غارات جوية استهدفت السوق الشعبي",
            (PlaceRef(name="معرة النعمان", lat=35.6433, lon=36.6736, precision="town"),),
        ),
        (
            "en_strike_maarat_market.txt",
            "Air strikes hit the popular market of Maarat al-Numan",
            (PlaceRef(name="Maarat al-Numan", lat=35.6433, lon=36.6736, precision="town"),),
        ),
    ):
        c.claim(
            name,
            quote,
            event_type="attack.air_strike",
            places=places,
            time=_day("2017-10-08"),
            fatalities=Count(low=11, high=11, qualifier="exact"),
        )
    assert len(c.incidents()) == 1


def test_a_place_mentioned_in_passing_does_not_join_two_events():
    c = _Corpus()
    c.claim(
        "passing_place_maarat.txt",
        "An air strike on a house in Maarat al-Numan killed ten civilians on Sunday",
        event_type="attack.air_strike",
        places=(MAARAT, ALEPPO),  # Aleppo: where the family had fled from
        time=_day("2017-10-08"),
        fatalities=Count(low=10, high=10, qualifier="exact"),
    )
    c.claim(
        "passing_place_aleppo.txt",
        "Rocket shells fired at residential streets of Aleppo killed twelve people on Sunday",
        event_type="attack.shelling",
        places=(ALEPPO,),
        time=_day("2017-10-08"),
        fatalities=Count(low=12, high=12, qualifier="exact"),
        attributed_to="local officials",
    )
    incidents = c.incidents()
    assert len(incidents) == 2
    assert {i.places[0].name for i in incidents} == {"Maarat al-Numan", "Aleppo"}


def test_one_report_that_states_a_toll_and_gives_its_source_lower_count_is_not_contested():
    c = _Corpus()
    common = dict(event_type="attack.air_strike", places=(KALLASEH, ALEPPO), time=_day("2016-12-12"))
    c.claim(
        "one_source_qualifies.txt",
        "At least 30 people were killed in an air strike on a market in Kallaseh",
        fatalities=Count(low=30, high=None, qualifier="at_least"),
        **common,
    )
    c.claim(
        "one_source_qualifies.txt",
        "later put its own count of identified dead at 12",
        fatalities=Count(low=12, high=12, qualifier="exact"),
        attributed_to="North Syria Monitor",
        **common,
    )
    [inc] = c.incidents()
    assert inc.grade != "contested"
    # an independent origin elsewhere giving a toll far apart does contest it
    c.claim(
        "ngo_bakery_sukkari.txt",
        "Our medics in Sukkari recovered the bodies of 15 civilians",
        fatalities=Count(low=50, high=50, qualifier="exact"),
        **common,
    )
    [inc] = c.incidents()
    assert inc.grade == "contested"
    assert inc.rationale.startswith("Origins disagree on the toll:")


def test_a_tally_never_joins_or_makes_an_incident():
    c = _Corpus()
    _un_statement(c)
    tally = c.claim(
        "tally_since_november.txt",
        "More than 400 civilians have been killed in east Aleppo since the offensive began in mid-November",
        kind="tally",
        event_type="attack.shelling",
        places=(EAST, ALEPPO),
        time=TimeSpan(start=date(2016, 11, 15), end=date(2016, 12, 12), precision="month"),
        fatalities=Count(low=400, high=None, qualifier="more_than"),
        attributed_to="North Syria Monitor",
    )
    every = build_incidents(c.claims, c.reports)
    assert all(tally.claim.id not in (*i.claim_ids, *i.contradicting_claim_ids) for i in every)
    assert all(i.kind != "tally" for i in every)
    [inc] = [i for i in every if i.kind == "incident"]
    assert inc.fatalities.low == 57 and inc.origins == ("UN human rights office (OHCHR)",)


def test_parties_named_in_arabic_are_the_parties_named_in_english():
    same = {
        "SOHR": ["المرصد السوري لحقوق الإنسان", "المرصدُ السوريّ لحقوق الانسان", "المرصد"],
        "White Helmets": ["الدفاع المدني", "الدفاع المدنيّ السوري", "الخوذ البيضاء", "Syria Civil Defence"],
        "SNHR": ["الشبكة السورية لحقوق الإنسان", "الشبكه السوريه لحقوق الانسان"],
        "SANA": ["سانا", "وكالة الأنباء السورية"],
    }
    for english, arabic in same.items():
        for written in arabic:
            assert normalize_party(written) == normalize_party(english), written
    assert normalize_party("الجيش السوري الحر") != normalize_party("الجيش السوري")
    assert normalize_party("the Iraqi civil defence") != normalize_party("civil defence")

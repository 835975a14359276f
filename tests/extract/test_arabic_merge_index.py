"""The Arabic merge finds a claim's twin through an index (issue 15 item 6: time linear in the text).

The index must find exactly the twin the old scan of every kept claim found, also after a merge has
changed a kept claim (the richer claim took its place, or took the party or the wounded of the
other). The reference below is that scan, written again here over the same twin test and merge; random lists
of claims drawn from a few values each (so that twins, bare accounts and party clashes are common)
must come out the same.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.entities import Claim, Count, PlaceRef, TimeSpan
from tawthiq.extract._arabic_merge import _continues, _is_twin, merge_restatements_ar, merge_twins


def _scan_every_kept_claim(items: list[tuple[Claim, bool]]) -> list[tuple[Claim, bool]]:
    """The merge as it was before the index: each claim tested against every kept claim in turn."""
    out: list[tuple[Claim, bool]] = []
    for c, _ in items:
        twin = next((i for i, (o, t) in enumerate(out) if not t and _is_twin(o, c)), None)
        if twin is None and out and _continues(out[-1], c):
            out[-1] = (out[-1][0].model_copy(update={"injured": c.injured}), False)
            continue
        if twin is None:
            out.append((c, False))
            continue
        out[twin] = (merge_twins(out[twin][0], c), False)
    return out


_PLACES = [
    PlaceRef(name=n, place_id=f"test:{i}") for i, n in enumerate(["حي السكري", "بلدة تلدو", "مدينة دوما"])
]
_PLACES.append(PlaceRef(name="حي الحمدانية"))  # kept by name, no gazetteer id: keyed by its folded name
_COUNTS = st.one_of(
    st.none(),
    st.builds(
        Count, low=st.sampled_from([3, 12]), high=st.sampled_from([None, 12]), qualifier=st.just("exact")
    ),
)
_CLAIMS = st.builds(
    Claim,
    kind=st.sampled_from(["incident", "tally"]),
    event_type=st.sampled_from(["attack.air_strike", "attack.shelling"]),
    places=st.lists(st.sampled_from(_PLACES), max_size=2, unique_by=lambda p: p.name).map(tuple),
    time=st.sampled_from([TimeSpan(), TimeSpan(start=date(2018, 2, 10)), TimeSpan(start=date(2018, 2, 11))]),
    fatalities=_COUNTS,
    injured=_COUNTS,
    attributed_to=st.sampled_from([None, "SOHR", "White Helmets"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_CLAIMS, max_size=30))
def test_index_finds_the_twin_a_scan_of_every_kept_claim_finds_even_after_merges_change_it(claims):
    items = [(c, False) for c in claims]
    assert merge_restatements_ar(items) == _scan_every_kept_claim(items)


def test_a_bare_account_merges_into_a_toll_claim_that_took_its_places_in_an_earlier_merge():
    """The kept claim's keys change when the richer later claim replaces it: the index must follow."""
    day = TimeSpan(start=date(2018, 2, 10))
    sukkari = _PLACES[0]
    first = Claim(event_type="attack.air_strike", fatalities=Count(low=12, high=12), time=day)
    richer = first.model_copy(update={"places": (sukkari,), "attributed_to": "SOHR"})
    bare = Claim(event_type="attack.air_strike", places=(sukkari,), time=day)
    out = merge_restatements_ar([(first, False), (richer, False), (bare, False)])
    assert [c for c, _ in out] == [richer]

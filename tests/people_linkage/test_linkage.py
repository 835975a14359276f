"""link_records: the traps a victim-list linker must get right, on invented lists."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from tawthiq.entities import PersonRecord
from tawthiq.errors import LinkageError
from tawthiq.people import LinkResult, link_records

from .conftest import make

# The engine sets columns on the scored frame (people/_link_engine.py): on Spark, where splink's
# frame outlived the subset taken from it, that warned SettingWithCopyWarning; a failure here.
pytestmark = pytest.mark.filterwarnings("error::pandas.errors.SettingWithCopyWarning")


def _together(result: LinkResult, a: int, b: int) -> bool:
    return any(a in c and b in c for c in result.clusters)


def test_reversed_ligature_record_links_to_the_clean_one(background):
    a = make("april", 1, [("علاء عبد الله حمدان الصفدي", None, "m", 34), *background[:40]])
    b = make("sept", 1000, [("عالء عبدهللا حمدان الصفدي", None, "m", 34), *background[40:80]])
    res = link_records(a + b)
    assert _together(res, 1, 1000)


def test_siblings_who_share_all_but_the_first_name_stay_apart(background):
    a = make("l1", 1, [("يوسف جابر منير الفرا", None, "m", 12), *background[:40]])
    b = make("l2", 1000, [("ياسر جابر منير الفرا", None, "m", 14), *background[40:80]])
    res = link_records(a + b)
    assert not _together(res, 1, 1000)


def test_abd_al_latin_variants_of_one_person_link():
    a = make("en1", 1, [("", "Abd al-Rahim Said El-Halabi", "m", 40), ("", "Maya Khoury", "f", 9)])
    b = make("en2", 100, [("", "Abdul Rahim Saeed al Halabi", "m", 40), ("", "Tarek Haddad", "m", 51)])
    res = link_records(a + b)
    assert _together(res, 1, 100)
    assert not _together(res, 2, 101)


def test_arabic_and_latin_records_of_one_person_link():
    a = make("ar", 1, [("خالد محمود الحلبي", None, "m", 45), ("نور سالم القدسي", None, "f", 30)])
    b = make("lat", 100, [(None, "Khaled Mahmoud Al-Halabi", "m", 45), (None, "Rami Odeh", "m", 22)])
    res = link_records(a + b)
    assert _together(res, 1, 100)
    assert not _together(res, 2, 101)


def test_two_records_of_a_deduplicated_list_never_merge(background):
    twins = [("هاني رامي سعيد الجمل", None, "m", 20), ("هاني رامي سعيد الجمل", None, "m", 20)]
    a = make("dedup", 1, twins + background[:30])
    b = make("other", 1000, [("هاني رامي سعيد الجمل", None, "m", 20), *background[30:60]])
    res = link_records(a + b)
    assert not _together(res, 1, 2)
    assert _together(res, 1, 1000) != _together(res, 2, 1000) or not _together(res, 1, 1000)


def test_a_list_named_as_having_duplicates_may_merge_its_records(background):
    rows = [("هاني رامي سعيد الجمل", None, "m", 20), ("هانى رامى سعيد الجمل", None, "m", 20)]
    recs = make("raw", 1, rows + background[:40])
    assert not _together(link_records(recs), 1, 2)
    assert _together(link_records(recs, dedupe_lists={"raw"}), 1, 2)


def test_no_match_label_keeps_a_pair_apart_on_every_rerun(background):
    a = make("l1", 1, [("مازن طلال فايز عويس", None, "m", 33), *background[:30]])
    b = make("l2", 1000, [("مازن طلال فايز عويس", None, "m", 33), *background[30:60]])
    assert _together(link_records(a + b), 1, 1000)
    for _ in range(2):
        res = link_records(a + b, labels=[(1000, 1, False)])
        assert not _together(res, 1, 1000)
        assert next(p for p in res.pairs if (p.a, p.b) == (1, 1000)).reason == "label"


def test_match_label_links_a_pair_the_model_would_not(background):
    a = make("l1", 1, [("سلمى فريد الخوري", None, "f", 60), *background[:30]])
    b = make("l2", 1000, [("ام فادي", None, "f", 61), *background[30:60]])
    assert not _together(link_records(a + b), 1, 1000)
    assert _together(link_records(a + b, labels=[(1, 1000, True)]), 1, 1000)


def test_every_record_is_in_exactly_one_cluster(background):
    recs = make("l1", 1, background[:50]) + make("l2", 1000, background[25:75])
    res = link_records(recs)
    ids = [i for c in res.clusters for i in c]
    assert sorted(ids) == sorted(r.id for r in recs)


def test_uncertain_pairs_go_to_review_with_their_weights(background):
    a = make("l1", 1, [("رامي نبيل الصباغ", None, "m", 30), *background[:30]])
    b = make("l2", 1000, [("رامي نبيل الصباغ", None, "m", 71), *background[30:60]])
    res = link_records(a + b, match_threshold=0.999999, review_threshold=0.01)
    pair = next(p for p in res.pairs if (p.a, p.b) == (1, 1000))
    assert pair.decision == "review" and pair in res.review
    assert pair.weights["age"] < 0 < pair.weights["name"]


def test_record_without_id_is_refused_with_its_list_and_row():
    recs = [PersonRecord(list_name="l1", record_id="r-7", name_ar="سامر")]
    with pytest.raises(LinkageError, match="r-7"):
        link_records(recs)


def test_unknown_backend_is_refused(background):
    recs = make("l1", 1, background[:3]) + make("l2", 10, background[:3])
    with pytest.raises(LinkageError, match="backend"):
        link_records(recs, backend="sqlite")  # type: ignore[arg-type]


@pytest.mark.slow
def test_same_settings_run_on_spark(background, spark):
    a = make("april", 1, [("علاء عبد الله حمدان الصفدي", None, "m", 34), *background[:20]])
    b = make("sept", 1000, [("عالء عبدهللا حمدان الصفدي", None, "m", 34), *background[20:40]])
    on_spark = link_records(a + b, backend="spark", spark=spark)
    on_duckdb = link_records(a + b)
    assert _together(on_spark, 1, 1000)
    assert on_spark.clusters == on_duckdb.clusters


def test_training_sample_keeps_both_records_of_a_family_name_together():
    import pandas as pd

    from tawthiq.people._link_model import training_sample

    fam = [f"fam{i % 500}" for i in range(20_000)]
    df = pd.DataFrame({"fam_sk": fam, "key": [f"k{i}" for i in range(20_000)]})
    sample = training_sample(df, 2_000)
    assert 1_000 < len(sample) < 4_000
    kept = set(sample["fam_sk"])
    # every record of a kept family name is in the sample: the pairs EM learns from survive
    assert (df["fam_sk"].isin(kept)).sum() == len(sample)


def _latin(list_name: str, start: int, rows: list[tuple]) -> list[PersonRecord]:
    """Rows are (given, family, birth date, national_id, address)."""
    return [
        PersonRecord(id=start + i, list_name=list_name, record_id=str(i), given_name=g, family_name=fam,
                     name_latin=f"{g} {fam}", birth_date=dob, national_id=nid, address=addr)
        for i, (g, fam, dob, nid, addr) in enumerate(rows)
    ]  # fmt: skip


_PEOPLE = [
    ("Tamsin", "Kowalczyk", date(1961, 3, 2), "4417305", "14 Wattle Street 2602"),
    ("Oriel", "Brandstetter", date(1987, 11, 23), "5390821", "3 Kingsford Avenue 2905"),
    ("Perpetua", "Vasquez", date(1974, 6, 9), "2271946", "88 Jerrabomberra Road 2620"),
    ("Lachlan", "Oyelaran", date(1999, 1, 30), "8164023", "2 Banksia Close 2611"),
]


def test_one_id_number_links_records_whose_names_are_mistyped_on_both_sides():
    a = _latin("a", 1, _PEOPLE)
    b = _latin("b", 100, [("Tamzin", "Kowalcyzk", date(1961, 3, 2), "4417305", "14 Wattle St 2602"),
                          *_PEOPLE[1:]])  # fmt: skip
    assert _together(link_records(a + b), 1, 100)


def test_a_typo_in_the_id_number_or_swapped_name_order_still_links():
    a = _latin("a", 1, _PEOPLE)
    b = _latin("b", 100, [("Tamsin", "Kowalczyk", date(1961, 3, 2), "4413705", None),  # transposed digits
                          ("Brandstetter", "Oriel", date(1987, 11, 23), "5390821", None),  # family, given
                          *_PEOPLE[2:]])  # fmt: skip
    res = link_records(a + b)
    assert _together(res, 1, 100) and _together(res, 2, 101)


def test_one_name_with_two_different_id_numbers_is_not_linked_automatically():
    names = itertools.product(
        ["Ada", "Bram", "Cleo", "Dov", "Esme", "Fitz"], ["Quill", "Roan", "Sallow", "Thorne"]
    )
    others = [(g, fam, None, f"{7000000 + 7919 * i}", None) for i, (g, fam) in enumerate(names)]
    a = _latin("a", 1, [("Tamsin", "Kowalczyk", None, "4417305", None), *others])
    b = _latin("b", 100, [("Tamsin", "Kowalczyk", None, "9052618", None), *others])
    res = link_records(a + b)
    assert not _together(res, 1, 100) and _together(res, 2, 101)

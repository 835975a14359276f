"""Stable person ids across re-links (pure), and a person's status from its records."""

from __future__ import annotations

from tawthiq.people import assign_person_ids, person_status


def test_a_cluster_keeps_the_id_of_the_person_it_shares_most_records_with():
    previous = {10: [1, 2], 11: [3], 12: [4, 5, 6]}
    # 1 and 2 stay together; 4 leaves 5 and 6 to join 3; 7 is new.
    # (5, 6) shares two records with 12, (3, 4) one with 11 and one with 12: 12 goes to (5, 6).
    clusters = [(1, 2), (3, 4), (5, 6), (7,)]
    assert assign_person_ids(clusters, previous) == [10, 11, 12, None]


def test_each_old_person_is_inherited_once_and_ties_go_to_the_lower_id():
    previous = {20: [1], 21: [2]}
    assert assign_person_ids([(1, 2)], previous) == [20]
    assert assign_person_ids([(1,), (1, 9)], {20: [1]}) == [20, None]


def test_the_same_input_gives_the_same_ids():
    previous = {5: [1, 2, 3], 6: [4, 5]}
    clusters = [(1, 4), (2, 5), (3,)]
    assert assign_person_ids(clusters, previous) == assign_person_ids(list(clusters), dict(previous))


def test_person_status_is_the_most_definite_of_its_records():
    assert person_status(["missing", "killed"]) == "killed"
    assert person_status(["missing", "detained", "unknown"]) == "detained"
    assert person_status([]) == "unknown"

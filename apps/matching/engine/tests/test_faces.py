"""The nearest stored faces are found exactly, and a malformed encoding is ignored rather than
breaking the search."""

import pytest

from apps.matching.engine.faces import FaceStore, face_distance


def encoding(*values: float) -> tuple[float, ...]:
    return tuple(values) + (0.0,) * (128 - len(values))


def nearest_ids(store: FaceStore, query, count=3, max_distance=0.7):
    return [
        (position, round(distance, 6))
        for position, distance in store.nearest(query, count, max_distance)
    ]


@pytest.fixture
def store():
    store = FaceStore()
    for position, first in enumerate((0.0, 0.3, 0.5, 0.9, 0.1)):
        store.add(position * 10, encoding(first))
    return store


def test_the_nearest_faces_come_closest_first_with_exact_distances(store):
    assert nearest_ids(store, encoding(0.05)) == [(0, 0.05), (40, 0.05), (10, 0.25)]


def test_faces_too_far_to_be_evidence_are_left_out(store):
    assert [position for position, _ in store.nearest(encoding(2.0), 5, 0.7)] == []


def test_a_stored_face_reads_back_and_measures_like_face_distance(store):
    assert store.vector(10) == pytest.approx(encoding(0.3))
    assert store.distance(10, encoding(0.6)) == pytest.approx(
        face_distance(encoding(0.3), encoding(0.6))
    )
    assert store.vector(11) is None


def test_an_encoding_of_the_wrong_length_is_not_stored(store):
    assert store.add(99, (0.1, 0.2)) is False
    assert not store.has(99)
    assert face_distance((0.1, 0.2), encoding(0.1)) is None


def test_the_store_grows_past_its_first_capacity():
    store = FaceStore()
    for position in range(3000):
        store.add(position, encoding(position / 1000))
    assert len(store) == 3000
    assert store.nearest(encoding(2.9995), 1, 0.7)[0][0] == 2999

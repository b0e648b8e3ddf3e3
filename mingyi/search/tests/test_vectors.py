"""The memory-mapped vector reader: cosines of several queries to stored vectors."""

import numpy as np
import pytest
from usearch.index import Index

from mingyi.search.vectors import DIM, VectorReader


@pytest.fixture
def reader(tmp_path):
    index = Index(ndim=DIM, metric="cos", dtype="f16", connectivity=16)
    vectors = np.zeros((3, DIM), dtype=np.float32)
    vectors[0, 0] = 1.0
    vectors[1, 1] = 1.0
    vectors[2, :2] = [0.6, 0.8]
    index.add(np.array([10, 20, 30], dtype=np.uint64), vectors)
    path = tmp_path / "vectors.usearch"
    index.save(str(path))
    found = VectorReader(path)
    found.refresh()
    return found


def test_each_query_gets_its_cosine_to_every_stored_candidate(reader):
    first = np.zeros(DIM, dtype=np.float32)
    first[0] = 1.0
    second = np.zeros(DIM, dtype=np.float32)
    second[1] = 1.0
    to_first, to_second = reader.similarities_many([first, second], [10, 20, 30])
    assert to_first == pytest.approx({10: 1.0, 20: 0.0, 30: 0.6}, abs=1e-3)
    assert to_second == pytest.approx({10: 0.0, 20: 1.0, 30: 0.8}, abs=1e-3)
    assert reader.similarities(second, [30]) == pytest.approx({30: 0.8}, abs=1e-3)


def test_candidates_without_a_vector_are_left_out(reader):
    query = np.zeros(DIM, dtype=np.float32)
    query[0] = 1.0
    assert set(reader.similarities(query, [10, 99])) == {10}
    assert reader.similarities_many([query, query], []) == [{}, {}]

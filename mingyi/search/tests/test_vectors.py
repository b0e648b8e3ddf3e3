"""The memory-mapped vector reader: cosines of several queries to stored vectors; the
e5 thread every embedding runs on."""

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from usearch.index import Index

from mingyi.ops.threads import embed_threads
from mingyi.search.vectors import DIM, VectorReader, _embed_query, embed_passages


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


def os_threads() -> int:
    return len(list(Path("/proc/self/task").iterdir()))


@pytest.mark.skipif(
    embed_threads() < 2 or not Path("/proc/self/task").is_dir(),
    reason="one e5 thread per embedding: there is no team of threads to keep",
)
def test_request_threads_share_one_team_of_e5_threads() -> None:
    # OpenMP gives each thread that calls it a team of its own; four request threads
    # embedding in turn kept four teams, and each ran no faster than one thread.
    _embed_query("头疼")  # the e5 thread and its team exist from here on
    before = os_threads()
    ready = threading.Barrier(4)

    def request(number: int) -> int:
        _embed_query(f"第{number}次头疼怎么办")
        ready.wait()  # four request threads alive at once
        return os_threads()

    with ThreadPoolExecutor(4) as requests:
        during = max(requests.map(request, range(4)))
    assert during == before + 4  # the request threads, and no new team


def test_queries_and_passages_embed_alike_from_any_thread() -> None:
    query = _embed_query("月经期头痛")
    with ThreadPoolExecutor(1) as other:
        again = other.submit(_embed_query, "月经期头痛").result()
    passages = embed_passages(["月经期头痛", "肉毒素副作用"])
    assert np.array_equal(query, again)
    assert passages.shape == (2, DIM)
    assert float(passages[0] @ query) > float(passages[1] @ query)

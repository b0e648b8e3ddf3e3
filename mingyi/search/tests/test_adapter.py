"""The query adapter: the shipped matrix loads, maps a query to a unit vector near the
model's own, and its absence leaves search working on the other evidence."""

import numpy as np
import pytest
from django.db import transaction

from mingyi.search import adapter
from mingyi.search.adapter import adapt_query, adapter_matrix
from mingyi.search.models import QuestionVector
from mingyi.search.ranking import RankingWeights
from mingyi.search.selectors import search, search_evidence
from mingyi.search.services import search_outbox_record
from mingyi.search.vectors import DIM, embed_query
from tests import factories


@pytest.fixture
def no_adapter(monkeypatch, tmp_path):
    monkeypatch.setattr(adapter, "ADAPTER_FILE", tmp_path / "missing.npy")
    adapter_matrix.cache_clear()
    yield
    adapter_matrix.cache_clear()


def test_the_shipped_adapter_is_a_square_map_close_to_the_identity():
    matrix = adapter_matrix()
    assert matrix is not None and matrix.shape == (DIM, DIM)
    assert np.isfinite(matrix).all()
    change = np.linalg.norm(matrix - np.eye(DIM))
    assert 0 < change < 0.5 * np.sqrt(DIM)  # learned, yet the model's space still


def test_an_adapted_query_is_a_unit_vector_that_stays_near_the_raw_one():
    raw = embed_query("大姨妈来了头疼怎么办")
    mapped = adapt_query(raw)
    assert mapped.shape == raw.shape
    assert np.linalg.norm(mapped) == pytest.approx(1.0, abs=1e-5)
    assert 0.6 < float(mapped @ raw) < 1.0  # moved, but still the same question


def test_the_identity_adapter_leaves_a_query_unchanged():
    vector = np.arange(1, DIM + 1, dtype=np.float32)
    mapped = adapt_query(vector, np.eye(DIM, dtype=np.float32))
    assert np.allclose(mapped, vector / np.linalg.norm(vector))


def test_without_the_adapter_file_there_is_no_adapted_query(no_adapter):
    assert adapter_matrix() is None
    assert adapt_query(embed_query("头痛")) is None


@pytest.fixture
def embedded(search_index, db):
    with transaction.atomic():
        questions = [
            factories.question(title="月经期头痛怎么缓解", answer="注意休息。"),
            factories.question(title="肉毒素注射后有哪些副作用", answer="多见局部反应。"),
            factories.question(title="感冒发烧吃什么药", answer="对症处理。"),
        ]
        search_outbox_record(question_ids=[q.pk for q in questions])
    search_index.sync(embed=True)
    return questions


def test_search_evidence_holds_the_adapted_cosine_of_every_candidate(embedded):
    query = "来月经的时候头疼"
    evidence = search_evidence(query=query, weights=RankingWeights(adapted=1.0))
    assert evidence.similarity and evidence.adapted
    assert evidence.adapted.keys() == evidence.similarity.keys()
    mapped = adapt_query(embed_query(query))
    stored = QuestionVector.objects.filter(question_id__in=list(evidence.adapted))
    for row in stored:
        value = float(np.frombuffer(row.vector, dtype="<f4") @ mapped)
        # The nearest-neighbour index keeps float16, hence the tolerance.
        assert evidence.adapted[row.question_id] == pytest.approx(value, abs=2e-3)


def test_search_weighing_the_adapter_still_works_without_the_file(embedded, no_adapter):
    weights = RankingWeights(lexical=0.2, dense=1.0, cosine=1.0, adapted=5.0)
    result = search(query="来月经的时候头疼", weights=weights)
    assert result.mode == "hybrid"
    assert result.hits[0].id == embedded[0].pk
    assert search_evidence(query="来月经的时候头疼", weights=weights).adapted is None


def test_search_with_the_adapter_finds_the_colloquial_question(embedded):
    weights = RankingWeights(lexical=0.2, dense=1.0, cosine=1.0, adapted=5.0)
    result = search(query="来月经的时候头疼", weights=weights)
    assert result.mode == "hybrid"
    assert result.hits[0].id == embedded[0].pk


def test_without_vectors_the_tuned_ranking_falls_back_to_lexical(search_index, db):
    with transaction.atomic():
        question = factories.question(title="月经期头痛怎么缓解", answer="注意休息。")
        search_outbox_record(question_ids=[question.pk])
    search_index.sync()
    result = search(query="月经期头痛")
    assert result.mode == "lexical"
    assert [hit.id for hit in result.hits] == [question.pk]

"""The lexical index read and written directly: BM25 over analysed terms, and the
words too common in answers to be looked for there."""

import pytest

from mingyi.search.documents import IndexDocument
from mingyi.search.lexical import COMMON_IN_ANSWERS, LexicalReader, LexicalWriter

WEIGHTS = {"title": 1.0, "body": 1.0, "answer": 0.3}


def document(pk: int, title: str, answer: str = "多 休息") -> IndexDocument:
    return IndexDocument(pk, title, "", answer, [1], 0)


@pytest.fixture
def reader(tmp_path) -> LexicalReader:
    # Ten questions; 不 is in every answer, 布洛芬 in one.
    documents = [document(n, "咳嗽", "不 要紧 多 喝水") for n in range(1, 9)]
    documents.append(document(9, "头痛", "不 必 担心 布洛芬"))
    documents.append(document(10, "头痛 不 缓解"))
    writer = LexicalWriter(tmp_path / "lexical")
    writer.upsert(documents)
    writer.commit()
    writer.close()
    return LexicalReader(tmp_path / "lexical")


def found(reader: LexicalReader, *terms: str) -> list[int]:
    return [pk for pk, _ in reader.search(list(terms), weights=WEIGHTS, limit=20).hits]


def test_a_word_in_few_answers_is_found_in_answers(reader):
    assert found(reader, "布洛芬") == [9]


def test_a_word_in_most_answers_is_found_only_in_titles_and_bodies(reader):
    assert COMMON_IN_ANSWERS < 0.9  # 不 is in nine answers of ten
    assert found(reader, "不") == [10]
    assert reader.search(["不"], weights=WEIGHTS).total == 1


def test_the_other_words_of_the_query_still_match(reader):
    assert found(reader, "不", "头痛") == [10, 9]
    assert reader.department_counts(["不"], WEIGHTS) == {1: 1}

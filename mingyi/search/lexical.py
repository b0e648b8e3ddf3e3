"""The lexical index: tantivy (BM25 with block-max WAND top-k) over analysed terms.

Documents arrive already analysed (terms joined by spaces), so tantivy only splits on
whitespace; queries are built from term queries, never parsed, so no query syntax
(quotes, OR, *, field:) can reach it.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import tantivy

from mingyi.search.documents import IndexDocument

TEXT_FIELDS = ("title", "body", "answer")
WRITER_HEAP = 64_000_000
# A word found in more answers than this (不, 吃, 后 …) is not looked for in answers:
# there it says nothing about the topic, and walking its long lists of answers was most
# of the time of the slowest searches. At 1M questions: BM25's p95 7.8 → 5.3 ms, with
# 96% of the top 100 unchanged. Titles and the asker's words still match it.
COMMON_IN_ANSWERS = 0.2


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=False, tokenizer_name="whitespace", index_option="freq")
    builder.add_integer_field("department", indexed=True, fast=True)
    builder.add_integer_field("published", fast=True)
    return builder.build()


SCHEMA = schema()


def open_index(path: Path) -> tantivy.Index:
    path.mkdir(parents=True, exist_ok=True)
    return tantivy.Index(SCHEMA, path=str(path), reuse=True)


class LexicalWriter:
    """The one writer of a generation's index on this machine."""

    def __init__(self, path: Path, threads: int = 1) -> None:
        self.index = open_index(path)
        self.writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=threads)

    def upsert(self, documents: list[IndexDocument]) -> None:
        for document in documents:
            self.writer.delete_documents_by_term("id", document.id)
            self.writer.add_document(
                tantivy.Document(
                    id=document.id,
                    title=document.title,
                    body=document.body,
                    answer=document.answer,
                    department=document.departments,
                    published=document.published,
                )
            )

    def delete(self, ids: list[int]) -> None:
        for pk in ids:
            self.writer.delete_documents_by_term("id", pk)

    def commit(self) -> None:
        self.writer.commit()

    def close(self) -> None:
        self.writer.wait_merging_threads()


@dataclass(frozen=True)
class LexicalHits:
    total: int
    hits: list[tuple[int, float]]  # (question id, BM25 score), best first


class LexicalReader:
    """A read-only view that picks up the writer's commits (checked by meta.json mtime)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.index = open_index(path)
        self._meta_mtime = self._mtime()

    def _mtime(self) -> float:
        try:
            return os.stat(self.path / "meta.json").st_mtime
        except FileNotFoundError:
            return 0.0

    def refresh(self) -> None:
        mtime = self._mtime()
        if mtime != self._meta_mtime:
            self.index.reload()
            self._meta_mtime = mtime

    def query(
        self,
        terms: list[str],
        weights: dict[str, float],
        department: int | None,
        searcher: tantivy.Searcher,
    ) -> tantivy.Query | None:
        common = COMMON_IN_ANSWERS * searcher.num_docs
        clauses = []
        for term in dict.fromkeys(terms):
            for field, weight in weights.items():
                if weight <= 0:
                    continue
                if field == "answer" and searcher.doc_freq(field, term) > common:
                    continue
                clause = tantivy.Query.term_query(SCHEMA, field, term)
                if weight != 1.0:
                    clause = tantivy.Query.boost_query(clause, weight)
                clauses.append((tantivy.Occur.Should, clause))
        if not clauses:
            return None
        query = tantivy.Query.boolean_query(clauses)
        if department is not None:
            department_clause = tantivy.Query.term_query(SCHEMA, "department", department)
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, query), (tantivy.Occur.Must, department_clause)]
            )
        return query

    def search(
        self,
        terms: list[str],
        *,
        weights: dict[str, float],
        department: int | None = None,
        limit: int = 10,
        offset: int = 0,
        count: bool = True,
    ) -> LexicalHits:
        searcher = self.index.searcher()
        query = self.query(terms, weights, department, searcher)
        if query is None:
            return LexicalHits(0, [])
        result = searcher.search(query, limit, count=count, offset=offset)
        addresses = [address for _, address in result.hits]
        ids = searcher.fast_field_values("id", addresses) if addresses else []
        hits = [(pk, score) for pk, (score, _) in zip(ids, result.hits, strict=True)]
        return LexicalHits(result.count if count else len(hits), hits)

    def department_counts(self, terms: list[str], weights: dict[str, float]) -> dict[int, int]:
        """How many matching questions each department (and parent) has: search facets."""
        searcher = self.index.searcher()
        query = self.query(terms, weights, None, searcher)
        if query is None:
            return {}
        aggregation = {"departments": {"terms": {"field": "department", "size": 100}}}
        result = searcher.aggregate(query, aggregation)
        buckets = result.get("departments", {}).get("buckets", [])
        return {int(bucket["key"]): int(bucket["doc_count"]) for bucket in buckets}

    def num_docs(self) -> int:
        return self.index.searcher().num_docs

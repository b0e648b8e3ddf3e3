"""Keeping a machine's derived search data current: rebuild from the database, then
follow the outbox. One follower (inside `mingyi worker`) writes per machine."""

import logging
import multiprocessing
import time
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from django.db import close_old_connections
from django.db.models import Max
from django.utils import timezone

from mingyi.ops.worker import queue_tick
from mingyi.related.services import related_changes_note
from mingyi.related.worker import RelatedTasks
from mingyi.search.documents import (
    analyse_document,
    index_documents,
    index_documents_all,
    raw_document,
)
from mingyi.search.lexical import LexicalWriter
from mingyi.search.models import SearchOutbox
from mingyi.search.storage import (
    IndexState,
    generations_prune,
    lexical_path,
    state_read,
    state_write,
)
from mingyi.search.suggest import suggestions_tick
from mingyi.search.vectors import (
    EMBED_BATCH,
    VectorWriter,
    vectors_compute,
    vectors_invalidate,
    vectors_missing,
    vectors_rebuild,
)
from mingyi.trending.worker import trending_tick

logger = logging.getLogger(__name__)

BATCH = 1000
# On PostgreSQL a row with a smaller id can commit after one with a larger id; rows
# this recent are looked at again so such a late commit is never skipped.
LATE_COMMIT_WINDOW = timedelta(seconds=30)


def index_rebuild(
    *, progress: Callable[[int], None] | None = None, processes: int = 1
) -> IndexState:
    """Build a new generation from every published question and switch to it. With
    `processes` > 1 the analysis runs in a pool (it is the slow part)."""
    previous = state_read()
    generation = (previous.generation + 1) if previous else 1
    # Outbox rows after this point are replayed by the follower onto the new generation.
    cursor = SearchOutbox.objects.aggregate(last=Max("id"))["last"] or 0
    writer = LexicalWriter(lexical_path(generation), threads=max(1, processes))
    pool = multiprocessing.get_context("fork").Pool(processes) if processes > 1 else None
    try:
        analyse = partial(pool.imap, chunksize=64) if pool else map
        for questions in index_documents_all():
            writer.upsert(list(analyse(analyse_document, [raw_document(q) for q in questions])))
            if progress:
                progress(len(questions))
    finally:
        if pool:
            pool.close()
            pool.join()
    writer.commit()
    writer.close()
    vectors_rebuild(generation=generation)
    state = IndexState(generation=generation, cursor=cursor)
    state_write(state)
    generations_prune(keep=generation)
    return state


class Follower:
    """Applies outbox rows to the current generation, in order, idempotently."""

    def __init__(self) -> None:
        self.state = state_read() or index_rebuild()
        self.writer: LexicalWriter | None = None
        self.vectors: VectorWriter | None = None
        self.recent: dict[int, float] = {}  # outbox ids applied lately → when

    def _writer(self) -> LexicalWriter:
        current = state_read()
        if current and current.generation != self.state.generation:
            # Someone rebuilt: follow the new generation from its own cursor.
            self.close()
            self.state = current
        if self.writer is None:
            self.writer = LexicalWriter(lexical_path(self.state.generation))
            self.vectors = VectorWriter(self.state.generation)
        return self.writer

    def pending(self) -> list[SearchOutbox]:
        since = timezone.now() - LATE_COMMIT_WINDOW
        rows = list(SearchOutbox.objects.filter(id__gt=self.state.cursor).order_by("id")[:BATCH])
        late = SearchOutbox.objects.filter(id__lte=self.state.cursor, created_at__gte=since)
        rows += [row for row in late.order_by("id")[:BATCH] if row.pk not in self.recent]
        return rows

    def step(self) -> int:
        """Apply what is pending; returns how many outbox rows were applied."""
        writer = self._writer()
        rows = self.pending()
        if not rows:
            return 0
        ids = list(dict.fromkeys(row.question_id for row in rows))
        documents = index_documents(question_ids=ids)
        present = {document.id for document in documents}
        writer.upsert(documents)
        writer.delete([pk for pk in ids if pk not in present])
        writer.commit()
        gone = vectors_invalidate(question_ids=ids) + [pk for pk in ids if pk not in present]
        self.vectors.remove(gone)
        self.vectors.save()
        now = time.monotonic()
        self.recent.update({row.pk: now for row in rows})
        self.recent = {k: v for k, v in self.recent.items() if now - v < 2 * 60}
        related_changes_note(question_ids=ids)
        self.state = IndexState(self.state.generation, max(self.state.cursor, rows[-1].pk))
        state_write(self.state)
        return len(rows)

    def vector_step(self, *, embed: bool = True) -> int:
        """Embed a few questions that lack vectors, then take in every stored vector."""
        self._writer()
        computed = vectors_compute(vectors_missing(limit=EMBED_BATCH)) if embed else 0
        added = self.vectors.follow()
        self.vectors.save(force=not computed)
        return computed + added

    def drain(self) -> int:
        """Apply everything pending now (tests, one-shot commands)."""
        total = 0
        while applied := self.step():
            total += applied
            if applied < BATCH and not self.pending():
                break
        return total

    def run(self, *, stop: Callable[[], bool], embed: bool = True, interval: float = 0.2) -> None:
        """Follow until `stop()`: index changes first; in the gaps between them related
        lists and vectors, and every few minutes the trending terms, a queue sample and the
        suggestions file."""
        related = RelatedTasks()
        while not stop():
            try:
                trending_tick()
                queue_tick()
                suggestions_tick()
                applied = self.step() or related.step() + self.vector_step(embed=embed)
            except Exception:
                logger.exception("search follower step failed; retrying")
                close_old_connections()
                self.close()
                applied = 0
                time.sleep(1)
            if not applied:
                close_old_connections()
                time.sleep(interval)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        if self.vectors is not None:
            self.vectors.save(force=True)
            self.vectors = None


def search_index_sync(*, embed: bool = False) -> int:
    """Bring this machine's index up to date with the outbox now; with `embed`, also
    compute every missing vector (slow: tens of questions a second)."""
    follower = Follower()
    try:
        applied = follower.drain()
        while follower.vector_step(embed=embed) and embed:
            pass
        return applied
    finally:
        follower.close()

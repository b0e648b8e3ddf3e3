"""The related lists' share of the worker loop (`mingyi worker`, inside Follower.run):
thin, by ids, a batch at a time, so the outbox is never kept waiting."""

import time
from datetime import UTC, datetime

from django.db.models import F

from mingyi.questions.models import Question
from mingyi.related.models import RelatedList
from mingyi.related.services import related_compute
from mingyi.search.models import QuestionVector
from mingyi.search.vectors import MODEL

BATCH = 64
RESCAN_EVERY = 60.0  # seconds between looks for published questions that have no list
VECTORS_EVERY = 5.0  # seconds between looks at the vector table
VECTOR_LOOKBACK = 30.0  # seconds: vectors committed late with an older timestamp


class RelatedTasks:
    """Per worker process: where it is in the vector table and in the question table."""

    def __init__(self) -> None:
        self.vector_cursor = 0.0  # updated_at (unix seconds) of the newest vector seen
        self.missing_cursor = 0  # questions up to this id have been looked at
        self.rescan_at = 0.0
        self.vectors_at = 0.0

    def vectors_follow(self) -> int:
        """Lists computed without their question's vector are redone once it exists."""
        if time.monotonic() < self.vectors_at:
            return 0
        self.vectors_at = time.monotonic() + VECTORS_EVERY
        rows = QuestionVector.objects.filter(model=MODEL)
        if self.vector_cursor:
            since = datetime.fromtimestamp(self.vector_cursor - VECTOR_LOOKBACK, tz=UTC)
            rows = rows.filter(updated_at__gte=since)
        newest = rows.order_by("-updated_at").values_list("updated_at", flat=True).first()
        if newest is None:
            return 0
        upgrade = RelatedList.objects.filter(
            mode=RelatedList.Mode.LEXICAL, stale=False, question_id__in=rows.values("question_id")
        )
        marked = upgrade.update(stale=True)
        self.vector_cursor = newest.timestamp()
        return marked

    def missing(self) -> list[int]:
        """Published questions without a list (a rebuilt index, an import), by id."""
        if self.missing_cursor < 0:
            if time.monotonic() < self.rescan_at:
                return []
            self.missing_cursor = 0
        ids = list(
            Question.objects.published()
            .filter(pk__gt=self.missing_cursor, related_list__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if ids:
            self.missing_cursor = ids[-1]
        else:
            self.missing_cursor, self.rescan_at = -1, time.monotonic() + RESCAN_EVERY
        return ids

    def step(self) -> int:
        """One batch: stale lists first, then missing ones; returns how many were stored."""
        self.vectors_follow()
        stale = list(
            RelatedList.objects.filter(stale=True)
            .order_by(F("changed_at").asc(nulls_last=True), "question_id")
            .values_list("question_id", flat=True)[:BATCH]
        )
        if stale:
            related_compute(question_ids=stale)
            return len(stale)
        missing = self.missing()
        return related_compute(question_ids=missing) if missing else 0

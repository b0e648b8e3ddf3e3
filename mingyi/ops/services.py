"""Writes of the ops app: queue-depth samples for the operator page, planner
statistics for SQLite."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from mingyi.ops.checks import outbox_backlog
from mingyi.ops.models import QueueSample
from mingyi.questions.models import Question

KEEP = timedelta(days=90)


def queue_sample_record() -> QueueSample:
    """Store the backlog now and forget samples older than KEEP."""
    now = timezone.now()
    QueueSample.objects.filter(taken_at__lt=now - KEEP).delete()
    return QueueSample.objects.create(taken_at=now, backlog=outbox_backlog())


def database_statistics_refresh() -> bool:
    """Gather SQLite's planner statistics when they are missing or the questions table
    has doubled since they were gathered; True if it did. Without them SQLite looks
    questions up by id through the status index instead of the primary key: 200 ms
    instead of 2 ms per search at 1M questions. PostgreSQL's autovacuum does this
    itself."""
    if connection.vendor != "sqlite":
        return False
    table = Question._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        known = 0
        if cursor.fetchone()[0]:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s LIMIT 1", [table])
            row = cursor.fetchone()
            known = int(row[0].split()[0]) if row else 0
        if known and Question.objects.count() < 2 * known:
            return False
        cursor.execute("ANALYZE")
    return True

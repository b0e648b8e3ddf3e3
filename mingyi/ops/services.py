"""Writes of the ops app: queue-depth samples for the operator page."""

from datetime import timedelta

from django.utils import timezone

from mingyi.ops.checks import outbox_backlog
from mingyi.ops.models import QueueSample

KEEP = timedelta(days=90)


def queue_sample_record() -> QueueSample:
    """Store the backlog now and forget samples older than KEEP."""
    now = timezone.now()
    QueueSample.objects.filter(taken_at__lt=now - KEEP).delete()
    return QueueSample.objects.create(taken_at=now, backlog=outbox_backlog())

"""The ops share of the worker loop, every few minutes: a queue-depth sample (whichever
worker finds the last sample old enough takes the next) and fresh SQLite planner
statistics when the content has grown."""

import time
from datetime import timedelta

from django.db.models import Max
from django.utils import timezone

from mingyi.ops.models import QueueSample
from mingyi.ops.services import database_statistics_refresh, queue_sample_record

SAMPLE_EVERY = timedelta(minutes=5)
LOOK_EVERY = 30.0  # seconds between looks at the last sample's age

_next_look = 0.0


def queue_tick() -> bool:
    """Take a sample when the last one is older than SAMPLE_EVERY; True if it did."""
    global _next_look
    if time.monotonic() < _next_look:
        return False
    _next_look = time.monotonic() + LOOK_EVERY
    last = QueueSample.objects.aggregate(last=Max("taken_at"))["last"]
    if last is not None and timezone.now() - last < SAMPLE_EVERY:
        return False
    queue_sample_record()
    database_statistics_refresh()
    return True

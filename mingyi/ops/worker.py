"""The ops share of the worker loop, every few minutes: a queue-depth sample (whichever
worker finds the last sample old enough takes the next) and fresh SQLite planner
statistics when the content has grown."""

from datetime import timedelta

from mingyi.core.periodic import Periodic
from mingyi.ops.models import QueueSample
from mingyi.ops.services import database_statistics_refresh, queue_sample_record

SAMPLE_EVERY = timedelta(minutes=5)


def _sample() -> None:
    queue_sample_record()
    database_statistics_refresh()


SAMPLE = Periodic(model=QueueSample, field="taken_at", every=SAMPLE_EVERY, action=_sample)


def queue_tick() -> bool:
    """Take a sample when the last one is older than SAMPLE_EVERY; True if it did."""
    return SAMPLE.tick()

"""Trending's share of the worker loop: a refresh every few minutes (any worker of any
machine may do it; whoever finds the snapshot old enough refreshes it)."""

import time
from datetime import timedelta

from django.db.models import Max
from django.utils import timezone

from mingyi.trending.models import TrendingSnapshot
from mingyi.trending.services import trending_refresh

REFRESH_EVERY = timedelta(minutes=5)
LOOK_EVERY = 30.0  # seconds between looks at the snapshot's age

_next_look = 0.0


def trending_tick() -> bool:
    """Refresh when the last snapshot is older than REFRESH_EVERY; True if it did."""
    global _next_look
    if time.monotonic() < _next_look:
        return False
    _next_look = time.monotonic() + LOOK_EVERY
    last = TrendingSnapshot.objects.aggregate(last=Max("computed_at"))["last"]
    if last is not None and timezone.now() - last < REFRESH_EVERY:
        return False
    trending_refresh()
    return True

"""Trending's share of the worker loop: a refresh every few minutes (any worker of any
machine may do it; whoever finds the snapshot old enough refreshes it)."""

from datetime import timedelta

from mingyi.core.periodic import Periodic
from mingyi.trending.models import TrendingSnapshot
from mingyi.trending.services import trending_refresh

REFRESH_EVERY = timedelta(minutes=5)

REFRESH = Periodic(
    model=TrendingSnapshot, field="computed_at", every=REFRESH_EVERY, action=trending_refresh
)


def trending_tick() -> bool:
    """Refresh when the last snapshot is older than REFRESH_EVERY; True if it did."""
    return REFRESH.tick()

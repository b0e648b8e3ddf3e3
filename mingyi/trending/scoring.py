"""How much a search term is trending: time-decayed counts of distinct searchers, times
a burst factor (its rate over the last day against its rate over the days before), so
a term that is rising now beats one that has always been searched a lot."""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW = timedelta(days=7)  # how far back the search log is read
RECENT = timedelta(hours=24)  # "now", for the burst factor
HALF_LIFE = timedelta(hours=24)  # a searcher's weight halves every day
BURST_PRIOR = 1.0 / 24  # searchers per hour assumed before anything was seen (one a day)
BURST_CAP = 20.0


@dataclass
class TermActivity:
    """One analysed term's searches in the window: distinct sessions per hour."""

    normalized: str
    hourly: list[tuple[datetime, int]]
    sessions: int = 0  # distinct sessions over the window
    searches: int = 0
    found: int = 0  # searches that returned results


def decayed(activity: TermActivity, now: datetime) -> float:
    total = 0.0
    for hour, count in activity.hourly:
        age = max(0.0, (now - hour).total_seconds())
        total += count * math.pow(0.5, age / HALF_LIFE.total_seconds())
    return total


def burst(activity: TermActivity, now: datetime) -> float:
    """(recent rate + prior) / (earlier rate + prior), capped: 1 for a steady term."""
    recent = sum(count for hour, count in activity.hourly if now - hour < RECENT)
    earlier = sum(count for hour, count in activity.hourly if now - hour >= RECENT)
    recent_rate = recent / (RECENT.total_seconds() / 3600)
    earlier_rate = earlier / ((WINDOW - RECENT).total_seconds() / 3600)
    return min(BURST_CAP, (recent_rate + BURST_PRIOR) / (earlier_rate + BURST_PRIOR))


def trending_score(activity: TermActivity, now: datetime) -> float:
    return decayed(activity, now) * burst(activity, now)

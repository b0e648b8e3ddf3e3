"""The trending score: decay and burst, each alone."""

from datetime import UTC, datetime, timedelta

from mingyi.trending.scoring import TermActivity, burst, decayed, trending_score

NOW = datetime(2026, 11, 1, 12, tzinfo=UTC)


def activity(per_hour: dict[int, int]) -> TermActivity:
    """hours ago → distinct searchers in that hour."""
    return TermActivity("x", [(NOW - timedelta(hours=h), n) for h, n in per_hour.items()])


def test_a_searcher_counts_half_as_much_a_day_later():
    assert decayed(activity({0: 4}), NOW) == 4
    assert abs(decayed(activity({24: 4}), NOW) - 2) < 1e-9


def test_a_steady_term_has_no_burst():
    steady = activity({h: 2 for h in range(0, 7 * 24, 2)})
    assert 0.9 < burst(steady, NOW) < 1.1


def test_a_rising_term_beats_an_all_time_term():
    all_time = activity({h: 4 for h in range(0, 7 * 24)})  # ~100 searchers a day, all week
    rising = activity({h: 3 for h in range(0, 12)})  # 36 searchers, all in the last 12 hours
    assert trending_score(rising, NOW) > trending_score(all_time, NOW)


def test_a_few_new_searches_do_not_beat_a_popular_term():
    popular = activity({h: 4 for h in range(0, 7 * 24)})
    few = activity({1: 1, 2: 1, 3: 1})
    assert trending_score(popular, NOW) > trending_score(few, NOW)

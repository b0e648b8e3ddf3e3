"""Shared by every test in the repository."""

import pytest

from mingyi.ops.threads import math_threads_limit

math_threads_limit()  # as in every process of the product: before numpy and OpenMP load


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rate-limit counters and cached fragments
    of one test must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield


class SearchIndex:
    """A test's own search data directory, brought up to date on request."""

    def sync(self, *, embed: bool = False) -> int:
        from mingyi.search.follower import search_index_sync

        return search_index_sync(embed=embed)


@pytest.fixture
def search_index(settings, tmp_path):
    """Search data of this test in its own folder (derived data never leaks between tests)."""
    from mingyi.search.engine import engine_reset

    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    engine_reset()
    yield SearchIndex()
    engine_reset()

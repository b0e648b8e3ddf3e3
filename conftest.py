"""Shared by every test in the repository."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rate-limit counters and cached fragments
    of one test must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield

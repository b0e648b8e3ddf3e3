import pytest

from mingyi.search.engine import engine_reset
from mingyi.search.follower import search_index_sync


class SearchIndex:
    """This test's own search data directory, brought up to date on request."""

    def sync(self, *, embed: bool = False) -> int:
        return search_index_sync(embed=embed)


@pytest.fixture
def search_index(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    engine_reset()
    yield SearchIndex()
    engine_reset()

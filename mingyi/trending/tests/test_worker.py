import pytest

from mingyi.trending import worker
from mingyi.trending.models import GLOBAL_SCOPE, TrendingSnapshot

pytestmark = pytest.mark.django_db


def test_the_worker_refreshes_when_the_snapshot_is_old(monkeypatch):
    monkeypatch.setattr(worker.REFRESH, "next_look", 0.0)
    assert worker.trending_tick() is True
    assert TrendingSnapshot.objects.filter(scope=GLOBAL_SCOPE).exists()
    assert worker.trending_tick() is False  # looked a moment ago
    monkeypatch.setattr(worker.REFRESH, "next_look", 0.0)
    assert worker.trending_tick() is False  # the snapshot is fresh

"""Queue depth over time: the worker samples the outbox backlog, the operator page
charts each day's peak."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from mingyi.ops import worker
from mingyi.ops.checks import outbox_backlog
from mingyi.ops.models import QueueSample
from mingyi.ops.services import queue_sample_record
from mingyi.ops.tests.test_operator_page import bar_values
from mingyi.search.models import SearchOutbox
from tests import factories

pytestmark = pytest.mark.django_db

PEAK = "索引队列积压(每日最高)"


def test_a_sample_holds_the_backlog_now_and_old_samples_are_forgotten():
    QueueSample.objects.create(taken_at=timezone.now() - timedelta(days=120), backlog=9)
    for _ in range(3):
        SearchOutbox.objects.create(question_id=1)
    # The backlog counts outbox ids past the index's cursor (PostgreSQL's sequences
    # outlive test rollbacks, so at least the three new rows).
    now = outbox_backlog()
    sample = queue_sample_record()
    assert now >= 3 and sample.backlog == now
    assert list(QueueSample.objects.values_list("backlog", flat=True)) == [now]


def test_the_worker_samples_at_most_every_few_minutes(monkeypatch):
    monkeypatch.setattr(worker.SAMPLE, "next_look", 0.0)
    assert worker.queue_tick() is True
    monkeypatch.setattr(worker.SAMPLE, "next_look", 0.0)
    assert worker.queue_tick() is False  # the last sample is fresh
    QueueSample.objects.update(taken_at=timezone.now() - worker.SAMPLE_EVERY)
    monkeypatch.setattr(worker.SAMPLE, "next_look", 0.0)
    assert worker.queue_tick() is True
    assert QueueSample.objects.count() == 2


def test_the_operator_page_charts_each_days_peak_backlog(client):
    client.force_login(factories.user(is_staff=True))
    now = timezone.now()
    QueueSample.objects.create(taken_at=now, backlog=40)
    QueueSample.objects.create(taken_at=now, backlog=7)
    QueueSample.objects.create(taken_at=now - timedelta(days=1), backlog=12)
    html = client.get("/admin/operator/").content.decode()
    bars = bar_values(html, re.escape(PEAK))
    today = timezone.localdate()
    assert bars[today.isoformat()] == 40
    assert bars[(today - timedelta(days=1)).isoformat()] == 12
    assert bars[(today - timedelta(days=2)).isoformat()] == 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite planner statistics")
def test_sqlite_statistics_are_gathered_when_missing_and_when_content_doubles():
    from mingyi.ops.services import database_statistics_refresh

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
    factories.question()
    assert database_statistics_refresh() is True  # none yet
    assert database_statistics_refresh() is False  # fresh
    factories.question()
    factories.question()
    assert database_statistics_refresh() is True  # 1 → 3 questions


def test_the_worker_keeps_sqlite_statistics_fresh(monkeypatch):
    factories.question()
    monkeypatch.setattr(worker.SAMPLE, "next_look", 0.0)
    worker.queue_tick()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'questions_question'")
            assert cursor.fetchone()[0] > 0

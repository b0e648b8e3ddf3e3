"""REDIS_URL: the cache every web process shares, against a real redis-server started
on loopback for this test (Debian `redis-server`)."""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.core.cache import cache
from django.test import override_settings

from mingyi.config.settings.cache import cache_config
from tests import factories
from tests.served import free_port
from tests.skips import skip_or_fail

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(binary).exists():
        skip_or_fail("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    directory = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(directory)],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis_cache(redis_url, monkeypatch):
    monkeypatch.setenv("REDIS_URL", redis_url)
    with override_settings(CACHES=cache_config()):
        cache.clear()
        yield redis.Redis.from_url(redis_url)
        cache.clear()


def test_redis_url_selects_the_redis_cache(redis_url, monkeypatch):
    monkeypatch.setenv("REDIS_URL", redis_url)
    config = cache_config()["default"]
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert config["LOCATION"] == redis_url


def test_question_page_is_shared_through_redis_and_follows_edits(client, redis_cache):
    question = factories.question(title="共享缓存的问题", answer="第一版回答")
    first = client.get(question.get_absolute_url())
    assert "第一版回答" in first.content.decode()
    # Any other process sees the rendered page in Redis.
    keys = [key.decode() for key in redis_cache.keys("*qpage*")]
    assert any(f"qpage:{question.pk}:" in key for key in keys)
    answer = question.answers.get()
    answer.body = "第二版回答,已修改"
    answer.save()
    assert "第二版回答" in client.get(question.get_absolute_url()).content.decode()

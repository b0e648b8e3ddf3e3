"""A database that refuses writes or cannot be reached answers 503 with a message."""

from contextlib import contextmanager

import pytest
from django.db import IntegrityError, OperationalError, connection
from django.db.utils import ConnectionHandler

from mingyi.ops.unavailable import (
    MESSAGE_READ_ONLY,
    READ_ONLY,
    UNAVAILABLE,
    database_fault,
)
from mingyi.questions.models import Question
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

ASK = {"title": "胃痛", "question": "饭后胃痛两天,没有发热,需要做胃镜吗?"}


@contextmanager
def read_only_database():
    """The database itself refuses writes, as after a read-only remount or failover."""
    if connection.vendor == "postgresql":
        on, off = (
            "SET default_transaction_read_only = on",
            "SET default_transaction_read_only = off",
        )
    else:
        on, off = "PRAGMA query_only = ON", "PRAGMA query_only = OFF"
    with connection.cursor() as cursor:
        cursor.execute(on)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(off)


def test_asking_through_the_api_on_a_read_only_database_is_503_with_a_message(client):
    factories.department("消化内科")
    with read_only_database():
        response = client.post("/api/v1/questions", ASK, content_type="application/json")
    assert response.status_code == 503
    assert response.json() == {"error": {"code": READ_ONLY, "message": MESSAGE_READ_ONLY}}
    assert int(response["Retry-After"]) > 0
    assert not Question.objects.filter(title="胃痛").exists()


def test_asking_on_the_page_on_a_read_only_database_is_a_503_page(client):
    department = factories.department("消化内科")
    form = {"title": "胃痛", "text": ASK["question"], "department": department.pk}
    with read_only_database():
        response = client.post("/ask/", form)
    assert response.status_code == 503
    assert MESSAGE_READ_ONLY in response.content.decode()
    assert response["Retry-After"]


def test_reading_and_searching_keep_working_on_a_read_only_database(client, search_index):
    question = factories.question(title="偏头痛怎么缓解", answer="规律作息,必要时就医。")
    search_index.sync()
    with read_only_database():
        assert client.get(f"/q/{question.pk}/").status_code == 200
        assert client.get(f"/api/v1/questions/{question.pk}").json()["title"] == "偏头痛怎么缓解"
        search = client.get("/api/v1/search", {"q": "偏头痛"})
        assert search.status_code == 200
        assert search.json()["results"][0]["id"] == question.pk


def test_a_database_that_cannot_be_opened_is_unavailable(tmp_path):
    settings = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "gone" / "db")}
    missing = ConnectionHandler({"default": settings})["default"]
    with pytest.raises(OperationalError) as raised:
        missing.ensure_connection()
    assert database_fault(raised.value) == UNAVAILABLE


def test_a_broken_rule_is_not_mistaken_for_an_outage():
    assert database_fault(IntegrityError("UNIQUE constraint failed")) is None
    assert database_fault(ValueError("not a database error")) is None


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite page limit as a disk")
def test_a_full_disk_is_503_and_loses_nothing(client):
    """SQLite with its page limit at the current size fails exactly as on a full disk
    (SQLITE_FULL, "database or disk is full"), no root or loop mount needed."""
    department = factories.department("消化内科")
    before = Question.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
    try:
        # An asker's long question needs new pages the "disk" does not have.
        form = {"title": "胃痛", "text": "饭后胃痛两天," * 270, "department": department.pk}
        response = client.post("/ask/", form)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA max_page_count = 1073741823")
    assert response.status_code == 503
    assert MESSAGE_READ_ONLY in response.content.decode()
    assert Question.objects.count() == before
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA integrity_check")
        assert cursor.fetchone()[0] == "ok"

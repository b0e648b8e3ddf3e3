"""The embedded SQLite file on a read-only mount (`?mode=ro`, which also holds for root,
unlike file permissions): asking answers 503 with a Chinese message, pages and search
keep working, and the file is intact afterwards."""

import sqlite3
import subprocess
import sys

import pytest

from mingyi.ops.unavailable import MESSAGE_READ_ONLY, READ_ONLY
from tests.faults.client import Client
from tests.served import mingyi_env, served_site

pytestmark = pytest.mark.processes

ASK = {"title": "胃痛", "question": "饭后胃痛两天,没有发热,需要做胃镜吗?"}


def mingyi(data_dir, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mingyi", *args],
        env=mingyi_env(data_dir),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def snapshot(db) -> tuple[int, int, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return tuple(
            connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("questions_question", "questions_answer", "search_searchoutbox")
        )


def test_a_read_only_sqlite_file_refuses_asks_with_503_and_keeps_serving_pages(tmp_path):
    data_dir = tmp_path / "data"
    mingyi(data_dir, "demo")
    mingyi(data_dir, "index", "--no-vectors")
    db = data_dir / "mingyi.sqlite3"
    before = snapshot(db)
    read_only = {"DATABASE_URL": f"sqlite:///{db}?mode=ro", "MINGYI_RATE_ASK": "1000"}
    with served_site(data_dir, **read_only) as base:
        client = Client(base)
        question = client.get("/api/v1/search?q=%E5%A4%B4%E7%97%9B").json()["results"][0]
        asked = client.post_json("/api/v1/questions", ASK)
        assert asked.status == 503
        assert asked.json()["error"] == {"code": READ_ONLY, "message": MESSAGE_READ_ONLY}
        assert int(asked.headers["Retry-After"]) > 0
        page = client.post_form("/ask/", {"title": ASK["title"], "text": ASK["question"]})
        assert page.status == 503 and MESSAGE_READ_ONLY in page.body
        assert client.get(question["url"]).status == 200
        assert client.get(f"/api/v1/questions/{question['id']}").status == 200
        assert client.get("/search/?q=%E8%83%83%E7%97%9B").status == 200
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert snapshot(db) == before

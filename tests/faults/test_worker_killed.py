"""`mingyi worker` killed (SIGKILL) in the middle of following the outbox: restarted, it
retries from its saved cursor and the index ends with every published question exactly
once — none lost, none twice."""

import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.served import mingyi_env

pytestmark = pytest.mark.processes

ROWS = 5000

CHECK = """
import json, tantivy
from mingyi.questions.models import Question
from mingyi.search.lexical import open_index
from mingyi.search.storage import lexical_path, state_read
index = open_index(lexical_path(state_read().generation))
index.reload()
searcher = index.searcher()
aggregation = {"ids": {"terms": {"field": "id", "size": 1000000}}}
buckets = searcher.aggregate(tantivy.Query.all_query(), aggregation)["ids"]["buckets"]
counts = {int(b["key"]): int(b["doc_count"]) for b in buckets}
published = set(Question.objects.filter(status="published").values_list("id", flat=True))
print(json.dumps({
    "num_docs": searcher.num_docs, "published": len(published), "most": max(counts.values()),
    "missing": len(published - counts.keys()), "extra": len(counts.keys() - published),
}))
"""


def test_a_worker_killed_mid_batch_resumes_and_indexes_each_question_once(tmp_path):
    data_dir = tmp_path / "data"
    env = mingyi_env(data_dir)

    def mingyi(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "mingyi", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def worker() -> subprocess.Popen:
        command = [sys.executable, "-m", "mingyi", "worker", "--no-vectors"]
        log = (tmp_path / "worker.log").open("ab")
        return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)

    def cursor() -> int:
        try:
            return json.loads((data_dir / "search" / "state.json").read_text())["cursor"]
        except (OSError, ValueError):
            return 0

    source = tmp_path / "qa.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for n in range(ROWS):
            record = {
                "source_id": f"w{n}",
                "title": f"孩子咳嗽第{n}天怎么办",
                "question": f"孩子咳嗽{n}天,夜里加重,没有发热。",
                "answer": f"建议儿科就诊,听诊肺部。编号{n}",
                "department": "儿科",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    mingyi("index", "--no-vectors")  # an empty index: everything below comes by the outbox
    start = cursor()
    mingyi("import", str(source), "--no-progress")
    with sqlite3.connect(data_dir / "mingyi.sqlite3") as connection:
        last = connection.execute("SELECT MAX(id) FROM search_searchoutbox").fetchone()[0]
    assert last - start >= ROWS

    first = worker()
    deadline = time.monotonic() + 300
    while not start < cursor() < last:
        assert first.poll() is None and cursor() < last, "the worker finished before the kill"
        assert time.monotonic() < deadline, "the worker applied nothing in 300 s"
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = cursor()
    assert killed_at < last

    second = worker()
    try:
        deadline = time.monotonic() + 300
        while cursor() < last:
            assert second.poll() is None, (tmp_path / "worker.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the restarted worker did not catch up"
            time.sleep(0.2)
    finally:
        second.terminate()
        try:
            second.wait(timeout=120)
        except subprocess.TimeoutExpired:
            second.kill()
    found = json.loads(mingyi("shell", "-c", CHECK).strip().splitlines()[-1])
    assert found["published"] == ROWS
    assert found == {"num_docs": ROWS, "published": ROWS, "most": 1, "missing": 0, "extra": 0}

"""An import killed midway (SIGKILL after some batches committed) is simply run again:
it completes with every row once — nothing lost, nothing duplicated."""

import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.served import mingyi_env

pytestmark = pytest.mark.processes

ROWS = 30_000


def count(db, sql: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as connection:
            return connection.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def test_an_import_killed_midway_completes_on_rerun_without_duplicates(tmp_path):
    source = tmp_path / "big.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for n in range(ROWS):
            record = {
                "source_id": f"row-{n}",
                "title": f"饭后胃痛第{n}天怎么办",
                "question": f"饭后胃痛已经{n}天,没有发热,需要做胃镜吗?",
                "answer": f"建议消化内科就诊,必要时做胃镜。编号{n}",
                "department": "消化内科",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    data_dir = tmp_path / "data"
    db = data_dir / "mingyi.sqlite3"
    command = [sys.executable, "-m", "mingyi", "import", str(source), "--no-progress"]
    env = mingyi_env(data_dir)

    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    questions = "SELECT COUNT(*) FROM questions_question"
    while (committed := count(db, questions)) < 2000:
        assert first.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline, "no batch committed in 300 s"
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait()
    partial = count(db, questions)
    assert committed <= partial < ROWS

    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr[-3000:]
    assert count(db, questions) == ROWS
    assert count(db, "SELECT COUNT(DISTINCT source_id) FROM questions_question") == ROWS
    assert count(db, "SELECT COUNT(*) FROM questions_answer") == ROWS
    assert count(db, "SELECT COUNT(DISTINCT question_id) FROM questions_answer") == ROWS
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

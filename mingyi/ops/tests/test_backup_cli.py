"""`mingyi backup` while `mingyi serve` runs and takes questions, then `mingyi restore`
into another data directory: the operator's round trip, with real processes (SQLite)."""

import json
import subprocess
import sys
import urllib.request

import pytest

from tests.served import mingyi_env, served_site

pytestmark = pytest.mark.processes

COUNT = (
    "from mingyi.questions.models import Question;"
    "print(Question.objects.count(), Question.objects.filter(title='备份测试').count())"
)


def mingyi(args: list[str], data_dir) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mingyi", *args],
        env=mingyi_env(data_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )


def ask(site: str) -> int:
    request = urllib.request.Request(
        f"{site}/api/v1/questions",
        data=json.dumps({"title": "备份测试", "question": "孩子发烧38度,需要去医院吗"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def test_backup_of_a_running_site_restores_into_a_fresh_data_directory(tmp_path):
    backup = tmp_path / "mingyi.backup"
    with served_site(tmp_path / "live", timeout=240) as site:
        assert ask(site) == 201
        result = mingyi(["backup", str(backup)], site.data_dir)
        assert result.returncode == 0, result.stderr
        assert ask(site) == 201  # the site keeps taking writes after the backup
        live = site.run(COUNT).splitlines()[-1].split()

    fresh = tmp_path / "fresh"
    result = mingyi(["restore", str(backup)], fresh)
    assert result.returncode == 0, result.stderr
    assert "搜索索引已重建" in result.stdout
    restored = mingyi(["shell", "-c", COUNT], fresh).stdout.splitlines()[-1].split()
    assert int(restored[1]) == 1 and int(live[1]) == 2
    assert int(restored[0]) == int(live[0]) - 1


def test_restore_of_a_missing_file_exits_nonzero_and_says_why(tmp_path):
    result = mingyi(["restore", str(tmp_path / "nope.backup")], tmp_path / "data")
    assert result.returncode != 0
    assert "备份文件不存在" in result.stderr and "未做任何改动" in result.stderr

"""The `mingyi` command line as an operator uses it: fresh data directories, real processes."""

import json
import subprocess
import sys
import urllib.request

import pytest

from tests.served import mingyi_env, served_site

pytestmark = pytest.mark.processes


def run(args: list[str], data_dir, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mingyi", *args],
        env=mingyi_env(data_dir, **env),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_import_works_on_a_fresh_database_and_reports_bad_lines(tmp_path):
    source = tmp_path / "qa.jsonl"
    rows = [
        {
            "source_id": "a",
            "title": "胃痛怎么办",
            "question": "胃痛",
            "answer": "请就医",
            "department": "消化科",
        },
        "{broken",
    ]
    source.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows),
        encoding="utf-8",
    )
    result = run(["import", str(source), "--no-progress"], tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "新增 1" in result.stdout and "拒绝 1" in result.stdout
    assert "第 2 行" in result.stdout


def test_import_of_a_broken_file_exits_nonzero_with_the_line(tmp_path):
    source = tmp_path / "qa.jsonl"
    source.write_bytes(b'{"title": "ok", "department": "\xe5\x86\x85\xe7\xa7\x91"}\n\xff\xff\n')
    result = run(["import", str(source), "--no-progress"], tmp_path / "data")
    assert result.returncode != 0
    assert "第 2 行" in result.stderr and "未导入任何内容" in result.stderr


def test_production_profile_passes_the_deploy_check(tmp_path):
    result = run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path / "data",
        DJANGO_SETTINGS_MODULE="mingyi.config.django.production",
        MINGYI_SECRET_KEY="x" * 20 + "9f8A#kq2Lm0Zr7Tt6Yy5Uu4Ii3Oo1Pp-",
        MINGYI_ALLOWED_HOSTS="mingyi.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_profile_refuses_to_start_without_a_secret_key(tmp_path):
    result = run(
        ["check"], tmp_path / "data", DJANGO_SETTINGS_MODULE="mingyi.config.django.production"
    )
    assert result.returncode != 0 and "MINGYI_SECRET_KEY" in result.stderr


def test_serve_loads_the_demo_and_serves_pages_and_static_files(tmp_path):
    with served_site(tmp_path / "data") as base:
        with urllib.request.urlopen(base + "/api/v1/departments") as response:
            departments = json.loads(response.read())["departments"]
        assert sum(d["question_count"] for d in departments) >= 60
        with urllib.request.urlopen(base + "/") as response:
            home = response.read().decode()
        assert "长期注射肉毒素会产生什么副作用" in home or "最新问答" in home
        css = home.split('rel="stylesheet" href="')[1].split('"')[0]
        assert ".css" in css
        with urllib.request.urlopen(base + css) as response:
            assert response.status == 200

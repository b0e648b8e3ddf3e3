import os
import subprocess
import sys
import time

import pytest
from django.db import transaction

from mingyi.search import suggest
from mingyi.search.models import SearchLog
from mingyi.search.services import search_outbox_record
from mingyi.search.suggest import Suggester, did_you_mean, pinyin_full, pinyin_initials
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggester(search_index):
    factories.question(title="长期注射肉毒素会产生什么副作用", answer="x")
    for session in ("a" * 22, "b" * 22):
        SearchLog.objects.create(
            query="肉毒素瘦脸", normalized="肉毒素 瘦脸", result_count=3, took_ms=1, session=session
        )
    return Suggester.build()


def test_pinyin_helpers():
    assert (pinyin_full("肉毒素"), pinyin_initials("肉毒素")) == ("roudusu", "rds")


@pytest.mark.parametrize("prefix", ["肉毒", "roudu", "rds", "RouDu"])
def test_prefix_in_characters_pinyin_or_initials_suggests_botulinum_toxin(suggester, prefix):
    assert "肉毒素" in suggester.suggest(prefix, 20)


def test_popular_searches_from_several_sessions_come_first(suggester):
    assert suggester.suggest("肉毒素")[0] == "肉毒素瘦脸"


def test_recent_titles_are_suggested(suggester):
    assert "长期注射肉毒素会产生什么副作用" in suggester.suggest("changqi", 50)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("肉读素", "肉毒素"), ("肉读素副作用", "肉毒素副作用"), ("高学压", "高血压")],
)
def test_homophone_typos_are_corrected(suggester, typed, meant):
    assert suggester.correct(typed) == meant


@pytest.mark.parametrize("query", ["肉毒素", "头痛", "月经不调", "abc", ""])
def test_correct_queries_are_left_alone(suggester, query):
    assert suggester.correct(query) is None


def test_suggest_api(client, suggester):
    body = client.get("/api/v1/suggest", {"q": "rds"}).json()
    assert "肉毒素" in body["suggestions"]
    assert client.get("/api/v1/suggest", {"q": ""}).json() == {"suggestions": []}
    assert client.get("/api/v1/suggest", {"q": "x" * 101}).status_code == 422


def test_search_page_searches_the_corrected_query_when_nothing_matches(client, search_index):
    with transaction.atomic():
        question = factories.question(
            title="长期注射肉毒素会产生什么副作用", answer="可能出现肌肉萎缩"
        )
        search_outbox_record(question_ids=[question.pk])
    search_index.sync()
    html = client.get("/search/", {"q": "肉读素"}).content.decode()
    assert "已为您显示“" in html and "肉毒素" in html
    assert did_you_mean("肉读素") == "肉毒素"


# --- the worker's suggestions file ------------------------------------------------------


def test_a_suggester_read_back_from_its_file_answers_the_same(suggester, tmp_path):
    path = tmp_path / "suggestions.table"
    suggester.save(path)
    loaded = Suggester.load(path)
    for prefix in ("rds", "roudu", "肉毒素", "changqi"):
        assert loaded.suggest(prefix, 20) == suggester.suggest(prefix, 20)
    for typed in ("肉读素副作用", "高学压", "头痛"):
        assert loaded.correct(typed) == suggester.correct(typed)


def test_the_table_keeps_texts_with_tabs_and_newlines_on_one_line():
    table = Suggester.of([suggest.Entry("toutong", "头痛\t怎么办\n呢", 1.0)])
    assert table.suggest("tou") == ["头痛 怎么办 呢"]
    assert table.term_for_pinyin("toutong") is None


def test_web_processes_take_the_workers_file_and_follow_its_rewrites(suggester, monkeypatch):
    monkeypatch.setattr(suggest, "_suggester", None)
    path = suggest.suggestions_file()
    path.unlink(missing_ok=True)
    built = suggest.suggester()
    assert built.loaded_from is None  # no worker yet: built in this process

    assert suggest.suggestions_tick() is True
    assert suggest.suggestions_tick() is False  # fresh: not rebuilt at the next look
    from_file = suggest.suggester()
    assert from_file.loaded_from is not None
    assert "肉毒素" in from_file.suggest("rds")
    assert suggest.suggester() is from_file  # unchanged file, same suggester

    rewritten = Suggester.of([suggest.Entry("xinci", "新词", 1.0)])
    rewritten.save(path)
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert suggest.suggester().suggest("xin") == ["新词"]


def test_a_stale_file_from_a_stopped_worker_is_not_served(suggester, monkeypatch):
    monkeypatch.setattr(suggest, "_suggester", None)
    path = suggest.suggestions_file()
    stale = Suggester.of([suggest.Entry("jiuci", "旧词", 1.0)])
    stale.save(path)
    old = time.time() - 3 * suggest.REFRESH_SECONDS - 60
    os.utime(path, (old, old))
    assert "旧词" not in suggest.suggester().suggest("jiuci")
    assert "肉毒素" in suggest.suggester().suggest("rds")
    path.unlink()


WEB_WORKER = """
import gc, sys, django
django.setup()
import mingyi.config.urls  # every view, as a web worker has them
from mingyi.search.warmup import search_warmup
from mingyi.search.suggest import suggester
search_warmup()
print(gc.get_freeze_count() > 10_000, suggester().suggest("rds")[:3], "pypinyin" in sys.modules)
"""


def test_a_web_worker_with_the_file_never_loads_the_pinyin_dictionaries(suggester, tmp_path):
    (tmp_path / "search").mkdir()
    suggester.save(tmp_path / "search" / "suggestions.table")
    env = {
        **os.environ,
        "MINGYI_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "mingyi.config.django.base",
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", WEB_WORKER], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "False"  # pypinyin's 44 MB phrase table not loaded
    assert "肉毒素" in done.stdout
    assert done.stdout.split()[0] == "True"  # what the warm-up loaded is out of the collector's way

"""Health of a running machine, for /readyz and `mingyi doctor`: each check says what is
wrong and how to fix it."""

import shutil
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Max

from mingyi.questions.models import Question
from mingyi.search.models import QuestionVector, SearchOutbox
from mingyi.search.storage import lexical_path, state_file, state_read

BACKLOG_WARNING = 1000
MIN_FREE_BYTES = 1 << 30


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        pending = MigrationExecutor(connection).migration_plan(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
    except Exception as exc:  # any failure to reach the database is the finding
        return Check("database", False, f"无法连接数据库:{exc}", "检查 DATABASE_URL 与数据库服务")
    if pending:
        return Check("database", False, f"{len(pending)} 个迁移未应用", "运行 mingyi migrate")
    return Check("database", True, f"{connection.vendor} 正常")


def check_cache() -> Check:
    try:
        cache.set("mingyi:health", "ok", 10)
        ok = cache.get("mingyi:health") == "ok"
    except Exception as exc:  # a cache that raises is down
        return Check("cache", False, f"缓存不可用:{exc}", "检查 REDIS_URL 与 Redis 服务")
    return Check("cache", ok, "正常" if ok else "写入后读不到", "" if ok else "检查缓存配置")


def outbox_backlog() -> int:
    state = state_read()
    last = SearchOutbox.objects.aggregate(last=Max("id"))["last"] or 0
    return max(0, last - (state.cursor if state else 0))


def check_search_index() -> Check:
    state = state_read()
    if state is None or not lexical_path(state.generation).exists():
        return Check("search_index", False, "本机没有搜索索引", "运行 mingyi index")
    backlog = outbox_backlog()
    age = time.time() - state_file().stat().st_mtime
    if backlog > BACKLOG_WARNING or (backlog and age > 60):
        return Check(
            "search_index",
            False,
            f"索引落后 {backlog} 条变更(上次更新 {age:.0f} 秒前)",
            "确认 mingyi worker 在运行(mingyi serve 会自动启动它)",
        )
    return Check("search_index", True, f"第 {state.generation} 代,落后 {backlog} 条变更")


def check_vectors() -> Check:
    published = Question.objects.published().count()
    with_vectors = QuestionVector.objects.count()
    share = with_vectors / published if published else 1.0
    ok = share >= 0.99
    detail = f"{with_vectors}/{published} 个问题有语义向量({share:.0%})"
    return Check(
        "vectors", ok, detail, "" if ok else "mingyi worker 会在后台补齐;或运行 mingyi index"
    )


def check_configuration() -> Check:
    problems = []
    if settings.DEBUG:
        problems.append("DEBUG 已开启(设置 MINGYI_DEBUG=false)")
    if not settings.ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS 为空(设置 MINGYI_ALLOWED_HOSTS)")
    if settings.SECRET_KEY.startswith("django-insecure"):
        problems.append("SECRET_KEY 不安全(设置 MINGYI_SECRET_KEY)")
    if problems:
        return Check("configuration", False, ";".join(problems), "见 README 的“配置”一节")
    return Check("configuration", True, "正常")


def check_disk() -> Check:
    free = shutil.disk_usage(settings.DATA_DIR).free
    ok = free >= MIN_FREE_BYTES
    detail = f"数据目录剩余 {free / (1 << 30):.1f} GB"
    return Check("disk", ok, detail, "" if ok else "清理磁盘或把 MINGYI_DATA_DIR 移到更大的磁盘")


READINESS = [check_database, check_cache, check_search_index]
ALL_CHECKS = [
    check_configuration,
    check_database,
    check_cache,
    check_search_index,
    check_vectors,
    check_disk,
]

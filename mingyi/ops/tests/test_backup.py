"""Backup → change → restore gives back the content as it was at the backup, on the
database the suite runs on (SQLite, or PostgreSQL with MINGYI_TEST_DATABASE=postgres)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from mingyi.ops.backup import BackupError, backup_check, database_backup, pg_binary
from mingyi.questions.models import Answer, Question
from mingyi.search.selectors import search
from tests import factories

# pg_restore runs in its own session, so the test's data must be committed.
pytestmark = pytest.mark.django_db(transaction=True)


def _titles() -> set[str]:
    return set(Question.objects.values_list("title", flat=True))


def test_restore_brings_back_content_as_it_was_at_the_backup(tmp_path, search_index):
    kept = factories.question(title="备份前的问题:胃痛", answered_by=factories.doctor())
    edited = factories.question(title="原来的标题")
    path = tmp_path / "site.backup"
    call_command("backup", str(path))
    assert path.stat().st_size > 0

    kept_id = kept.pk
    kept.delete()
    Question.objects.filter(pk=edited.pk).update(title="改过的标题")
    factories.question(title="备份后新增的问题")

    call_command("restore", str(path))

    assert _titles() == {"备份前的问题:胃痛", "原来的标题"}
    assert Answer.objects.filter(question__title="备份前的问题:胃痛").count() == 1
    # The search index was rebuilt from the restored database.
    assert [hit.id for hit in search(query="胃痛").hits] == [kept_id]


def test_backup_while_writes_go_on_is_a_consistent_snapshot(tmp_path):
    factories.question(title="第一个")
    path = tmp_path / "snapshot.backup"
    database_backup(path=path)
    factories.question(title="第二个")
    assert backup_check(path=path) == connection.vendor
    call_command("restore", str(path), "--no-index")
    assert _titles() == {"第一个"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "备份文件不存在"),
        (b"", "不是 Mingyi 的"),
        (b"hello, not a backup" * 100, "不是 Mingyi 的"),
    ],
)
def test_a_missing_or_foreign_file_is_refused_and_nothing_changes(tmp_path, content, message):
    factories.question(title="还在")
    path = tmp_path / "bad.backup"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path))
    assert _titles() == {"还在"}


def test_a_truncated_backup_is_refused_and_nothing_changes(tmp_path):
    factories.question(title="备份里的")
    path = tmp_path / "whole.backup"
    database_backup(path=path)
    factories.question(title="备份后的")
    data = path.read_bytes()
    broken = tmp_path / "broken.backup"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(CommandError, match="未做任何改动"):
        call_command("restore", str(broken))
    assert _titles() == {"备份里的", "备份后的"}


def test_a_backup_of_the_other_database_kind_is_refused(tmp_path):
    factories.question(title="不动")
    path = tmp_path / "other.backup"
    other = b"PGDMP" if connection.vendor == "sqlite" else b"SQLite format 3\x00"
    path.write_bytes(other + b"\x00" * 4096)
    with pytest.raises(BackupError, match="备份,当前数据库是"):
        backup_check(path=path)
    assert _titles() == {"不动"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL suite only")
def test_pg_binaries_are_found():
    assert pg_binary("pg_dump").endswith("pg_dump")

"""Backup and restore of the database: SQLite through its online backup API (safe while
the site runs), PostgreSQL through pg_dump/pg_restore in the custom format. A backup is
written beside its target and renamed into place, and a restore checks the file before
touching anything, so a failed or interrupted run never leaves a half-written result."""

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"

MESSAGE_MISSING = "备份文件不存在:{path}"
MESSAGE_NOT_A_BACKUP = "不是 Mingyi 的{kind}备份文件(或文件已损坏):{path}"
MESSAGE_WRONG_KIND = "这是 {found} 备份,当前数据库是 {current}:{path}"
MESSAGE_NO_BINARY = (
    "找不到 {major} 或更新版本的 {name}:请安装 PostgreSQL {major} 客户端"
    "(Debian: postgresql-client-{major})或把它放进 PATH"
)
MESSAGE_TOOL_FAILED = "{name} 失败(退出码 {code}):{stderr}"


class BackupError(Exception):
    """A backup or restore that could not be done; nothing was changed."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    vendor: str
    size: int


def _kind_of(path: Path) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_CUSTOM_MAGIC):
        return "postgresql"
    return None


def _sqlite_connection() -> sqlite3.Connection:
    # Django's own connection: the same file (or test database) the site uses.
    connection.ensure_connection()
    return connection.connection


def _sqlite_backup(target: Path) -> None:
    destination = sqlite3.connect(target)
    try:
        # The online backup API copies a consistent snapshot page by page while other
        # processes keep reading and writing.
        _sqlite_connection().backup(destination)
        destination.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        destination.close()


def _sqlite_check(path: Path) -> None:
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = source.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            has_schema = source.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchone()
        finally:
            source.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(MESSAGE_NOT_A_BACKUP.format(kind="SQLite ", path=path)) from error
    if not ok or not has_schema:
        raise BackupError(MESSAGE_NOT_A_BACKUP.format(kind="SQLite ", path=path))


def _sqlite_restore(path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        # The same API in the other direction replaces the live database's pages in one
        # step; open connections of other processes see the restored data afterwards.
        source.backup(_sqlite_connection())
    finally:
        source.close()


def _pg_candidates(name: str) -> list[Path]:
    """Every pg_dump/pg_restore on this machine: PATH, Debian's versioned directories,
    and the one PyPI's pgserver ships (the test PostgreSQL)."""
    found = [Path(p) for p in [shutil.which(name)] if p]
    found += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    try:
        import pgserver  # optional
    except ImportError:
        pass
    else:
        found.append(Path(pgserver.__file__).parent / "pginstall" / "bin" / name)
    return [path for path in found if path.is_file()]


def _major(binary: Path) -> int:
    result = subprocess.run([str(binary), "--version"], capture_output=True, text=True)
    match = re.search(r"(\d+)(?:\.\d+)?", result.stdout)
    return int(match.group(1)) if match else 0


def pg_binary(name: str) -> str:
    """The client tool for this server: its own major version if present, else the
    oldest newer one (pg_dump refuses a server newer than itself)."""
    connection.ensure_connection()
    server = connection.pg_version // 10000
    usable = sorted(
        (major, str(path)) for path in _pg_candidates(name) if (major := _major(path)) >= server
    )
    if not usable:
        raise BackupError(MESSAGE_NO_BINARY.format(name=name, major=server))
    exact = [path for major, path in usable if major == server]
    return exact[0] if exact else usable[0][1]


def _pg_run(name: str, args: list[str]) -> subprocess.CompletedProcess:
    settings = connection.settings_dict
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    target = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            target += [flag, str(settings[key])]
    result = subprocess.run(
        [pg_binary(name), *target, *args], env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise BackupError(
            MESSAGE_TOOL_FAILED.format(
                name=name, code=result.returncode, stderr=result.stderr.strip()[-2000:]
            )
        )
    return result


def _pg_backup(target: Path) -> None:
    _pg_run(
        "pg_dump",
        ["--format=custom", "--no-owner", "--file", str(target), connection.settings_dict["NAME"]],
    )


def _pg_check(path: Path) -> None:
    try:
        _pg_run("pg_restore", ["--list", str(path)])
    except BackupError as error:
        raise BackupError(
            MESSAGE_NOT_A_BACKUP.format(kind=" PostgreSQL ", path=path) + f"\n{error}"
        ) from error


def _pg_restore(path: Path) -> None:
    connection.close()  # our own session must not hold locks on the tables being replaced
    # One transaction: if anything fails, the database stays as it was.
    _pg_run(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            connection.settings_dict["NAME"],
            str(path),
        ],
    )


def _vendor() -> str:
    if connection.vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"不支持的数据库:{connection.vendor}")
    return connection.vendor


def database_backup(*, path: Path) -> BackupResult:
    """Write a consistent copy of the whole database to `path` (replacing it only once
    the copy is complete)."""
    vendor = _vendor()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        if vendor == "sqlite":
            _sqlite_backup(partial)
        else:
            _pg_backup(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=path, vendor=vendor, size=path.stat().st_size)


def backup_check(*, path: Path) -> str:
    """The vendor of a readable, complete backup at `path`; BackupError otherwise."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(MESSAGE_MISSING.format(path=path))
    vendor = _vendor()
    found = _kind_of(path)
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    if found is None:
        raise BackupError(MESSAGE_NOT_A_BACKUP.format(kind="", path=path))
    if found != vendor:
        raise BackupError(
            MESSAGE_WRONG_KIND.format(found=names[found], current=names[vendor], path=path)
        )
    if vendor == "sqlite":
        _sqlite_check(path)
    else:
        _pg_check(path)
    return vendor


def database_restore(*, path: Path) -> BackupResult:
    """Replace the database's content with the backup at `path`, after checking it.
    Derived data (search index, caches) must be rebuilt afterwards."""
    vendor = backup_check(path=path)
    if vendor == "sqlite":
        _sqlite_restore(Path(path))
    else:
        _pg_restore(Path(path))
    return BackupResult(path=Path(path), vendor=vendor, size=Path(path).stat().st_size)

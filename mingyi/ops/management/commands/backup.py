from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mingyi.ops.backup import BackupError, database_backup


class Command(BaseCommand):
    help = (
        "Back up the whole database to PATH while the site runs: SQLite through its online "
        "backup API, PostgreSQL with pg_dump (custom format). Restore with `mingyi restore`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the backup file to write (replaced when complete)")

    def handle(self, *args, path: str, **options) -> None:
        try:
            result = database_backup(path=Path(path))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"已备份 {result.vendor} 数据库到 {result.path}({result.size:,} 字节)"
            )
        )

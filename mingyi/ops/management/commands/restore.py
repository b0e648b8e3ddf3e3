from pathlib import Path

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mingyi.core.setup import database_prepare
from mingyi.ops.backup import BackupError, database_restore
from mingyi.search.follower import index_rebuild


class Command(BaseCommand):
    help = (
        "Replace the database's content with a backup written by `mingyi backup`, then "
        "migrate it, clear the cache and rebuild this machine's search index. The file is "
        "checked first: a missing or damaged backup changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="a file written by `mingyi backup`")
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="skip the index rebuild (run `mingyi index --rebuild` yourself)",
        )

    def handle(self, *args, path: str, no_index: bool, **options) -> None:
        try:
            result = database_restore(path=Path(path))
        except BackupError as error:
            raise CommandError(f"{error}\n未做任何改动。") from error
        self.stdout.write(f"已从 {result.path} 恢复 {result.vendor} 数据库")
        database_prepare()  # a backup from an older release gets this release's schema
        cache.clear()  # cached pages and lists describe the content before the restore
        if no_index:
            self.stdout.write("请运行 `mingyi index --rebuild` 重建搜索索引")
        else:
            state = index_rebuild()
            self.stdout.write(f"搜索索引已重建:第 {state.generation} 代")
        self.stdout.write(self.style.SUCCESS("恢复完成"))

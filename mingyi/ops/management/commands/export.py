import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from mingyi.core.setup import database_prepare
from mingyi.ops.export import export_write


class Command(BaseCommand):
    help = "Write questions as JSON Lines that `mingyi import` reads back unchanged."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", default="-", help="output file, - for stdout")
        parser.add_argument("--source", default="", help="only this source (e.g. demo)")

    def handle(self, *args, path: str, source: str, **options) -> None:
        database_prepare()
        if path == "-":
            count = export_write(out=sys.stdout, source=source)
        else:
            with Path(path).open("w", encoding="utf-8") as out:
                count = export_write(out=out, source=source)
        self.stderr.write(f"已导出 {count} 个问题")

from django.core.management.base import BaseCommand

from mingyi.core.setup import database_prepare
from mingyi.demo.services import demo_load


class Command(BaseCommand):
    help = "Load or refresh the demo content (example doctors are marked 示例)."

    def handle(self, *args, **options) -> None:
        database_prepare()
        count = demo_load()
        self.stdout.write(self.style.SUCCESS(f"演示内容已载入:{count} 个问题"))

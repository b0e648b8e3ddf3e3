from django.core.management.base import BaseCommand

from mingyi.core.setup import database_prepare
from mingyi.trending.models import GLOBAL_SCOPE
from mingyi.trending.services import trending_refresh


class Command(BaseCommand):
    help = "Recompute 大家都在搜 from the search log now (the worker does it every 5 minutes)."

    def handle(self, *args, **options) -> None:
        database_prepare()
        scopes = trending_refresh()
        shown = "、".join(entry["term"] for entry in scopes.get(GLOBAL_SCOPE, [])[:10])
        self.stdout.write(self.style.SUCCESS(f"已更新 {len(scopes)} 个范围;全站:{shown or '(无)'}"))

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from mingyi.core.setup import database_prepare
from mingyi.questions.models import Question
from mingyi.related.clusters import duplicates_detect
from mingyi.related.models import RelatedList
from mingyi.related.services import related_compute
from mingyi.search.follower import search_index_sync

CHUNK = 200


class Command(BaseCommand):
    help = (
        "Find questions that ask the same thing over the whole corpus and propose duplicate "
        "clusters (canonical = best answered); confirmed clusters are left as they are."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, no_progress: bool, **options) -> None:
        database_prepare()
        search_index_sync()
        total = Question.objects.published().count()
        with tqdm(total=total, unit="问", desc="查重", disable=no_progress or None) as bar:
            report = duplicates_detect(progress=bar.update)
        # The changed questions' outbox rows: index them, then redo the lists they touch.
        search_index_sync()
        stale = list(RelatedList.objects.filter(stale=True).values_list("question_id", flat=True))
        for start in range(0, len(stale), CHUNK):
            related_compute(question_ids=stale[start : start + CHUNK])
        sizes = ", ".join(f"{size} 问 × {n}" for size, n in sorted(report.sizes.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"查重完成:{report.questions} 个问题,{report.pairs} 对疑似重复,"
                f"{report.clusters} 个重复问题组({sizes or '无'}),"
                f"{report.changed} 个问题的规范链接有变化"
            )
        )

import multiprocessing

from django.core.management.base import BaseCommand, CommandParser
from django.db import connections
from tqdm import tqdm

from mingyi.core.setup import database_prepare
from mingyi.questions.models import Question
from mingyi.related.models import RelatedList
from mingyi.related.services import related_compute, related_densities_fill
from mingyi.search.engine import engine_reset
from mingyi.search.follower import search_index_sync

CHUNK = 100


def _compute(ids: list[int]) -> int:
    return related_compute(question_ids=ids)


def _child_init() -> None:
    # A forked process opens its own database connection and index readers.
    connections.close_all()
    engine_reset()


class Command(BaseCommand):
    help = (
        "Compute the related lists that are missing or stale (all of them with --rebuild), "
        "as the worker does in the background."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="recompute every list")
        parser.add_argument("--processes", type=int, default=1, help="worker processes")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, rebuild: bool, processes: int, no_progress: bool, **options):
        database_prepare()
        search_index_sync()
        related_densities_fill(everything=rebuild)
        ids = list(Question.objects.published().order_by("pk").values_list("pk", flat=True))
        if not rebuild:
            done = set(
                RelatedList.objects.filter(stale=False, computed_at__isnull=False).values_list(
                    "question_id", flat=True
                )
            )
            ids = [pk for pk in ids if pk not in done]
        chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
        with tqdm(total=len(ids), unit="问", desc="相关推荐", disable=no_progress or None) as bar:
            if processes > 1 and len(chunks) > 1:
                connections.close_all()
                context = multiprocessing.get_context("fork")
                with context.Pool(processes, initializer=_child_init) as pool:
                    for chunk, _ in zip(chunks, pool.imap(_compute, chunks), strict=True):
                        bar.update(len(chunk))
            else:
                for chunk in chunks:
                    related_compute(question_ids=chunk)
                    bar.update(len(chunk))
        self.stdout.write(self.style.SUCCESS(f"相关推荐已更新:{len(ids)} 个问题"))

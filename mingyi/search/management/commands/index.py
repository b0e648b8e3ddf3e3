import os

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from mingyi.core.setup import database_prepare
from mingyi.questions.models import Question
from mingyi.search.follower import index_rebuild, search_index_sync
from mingyi.search.storage import state_read
from mingyi.search.vectors import EMBED_BATCH, vectors_compute, vectors_missing


class Command(BaseCommand):
    help = (
        "Bring this machine's search data up to date: the lexical index (rebuilt from the "
        "database when missing or with --rebuild), then the vectors of every question."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="rebuild the lexical index")
        parser.add_argument("--no-vectors", action="store_true", help="skip the (slow) vectors")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, rebuild: bool, no_vectors: bool, no_progress: bool, **options):
        database_prepare()
        published = Question.objects.published().count()
        if rebuild or state_read() is None:
            with tqdm(
                total=published, unit="问", desc="词法索引", disable=no_progress or None
            ) as bar:
                state = index_rebuild(progress=bar.update, processes=os.cpu_count() or 1)
            self.stdout.write(f"词法索引已重建:第 {state.generation} 代,{published} 个问题")
        applied = search_index_sync()
        if applied:
            self.stdout.write(f"已跟进 {applied} 条变更")
        if not no_vectors:
            missing = published - Question.objects.published().filter(vector__isnull=False).count()
            with tqdm(
                total=missing, unit="问", desc="语义向量", disable=no_progress or None
            ) as bar:
                while batch := vectors_missing(limit=EMBED_BATCH * 4):
                    bar.update(vectors_compute(batch))
            search_index_sync()
        self.stdout.write(self.style.SUCCESS("搜索数据已是最新"))

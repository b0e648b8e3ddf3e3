import signal
import threading

from django.core.management.base import BaseCommand, CommandParser

from mingyi.config.env import env_bool
from mingyi.core.setup import database_prepare
from mingyi.search.follower import Follower


class Command(BaseCommand):
    help = (
        "The background worker, and this machine's index writer: follows the outbox into "
        "the search index and computes missing vectors. Run one per machine."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-vectors",
            action="store_true",
            default=not env_bool("MINGYI_VECTOR_WORKER", True),
            help="do not compute vectors on this machine (MINGYI_VECTOR_WORKER=false)",
        )

    def handle(self, *args, no_vectors: bool, **options) -> None:
        database_prepare()
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        follower = Follower()
        self.stdout.write(f"worker: following the outbox (generation {follower.state.generation})")
        try:
            follower.run(stop=stop.is_set, embed=not no_vectors)
        finally:
            follower.close()
        self.stdout.write("worker: stopped")

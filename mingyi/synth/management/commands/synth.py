from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from mingyi.core.setup import database_prepare
from mingyi.synth.services import synth_questions


class Command(BaseCommand):
    help = (
        "Add N synthetic questions recombined from imported real text (for benchmarks). "
        "Run `mingyi index --rebuild` afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--n", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, n: int, seed: int, no_progress: bool, **options) -> None:
        if n <= 0:
            raise CommandError("--n 必须是正整数")
        database_prepare()
        with tqdm(total=n, unit="问", desc="合成", disable=no_progress or None) as bar:
            try:
                added = synth_questions(n=n, seed=seed, progress=bar.update)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"已合成 {added} 个问题;请运行 mingyi index --rebuild")
        )

from django.core.management.base import BaseCommand

from mingyi.ops.checks import ALL_CHECKS


class Command(BaseCommand):
    help = "Check configuration, database, cache, search index, vectors and disk; print fixes."

    def handle(self, *args, **options) -> None:
        failed = 0
        for run in ALL_CHECKS:
            check = run()
            mark = self.style.SUCCESS("✓") if check.ok else self.style.ERROR("✗")
            self.stdout.write(f"{mark} {check.name}: {check.detail}")
            if not check.ok:
                failed += 1
                self.stdout.write(f"    → {check.fix}")
        if failed:
            self.stdout.write(self.style.ERROR(f"{failed} 项需要处理"))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS("一切正常"))

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from mingyi.core.setup import database_prepare
from mingyi.imports.readers import READERS, FileError
from mingyi.imports.services import DEFAULT_BATCH_SIZE, ImportAborted, ImportReport, import_file

SHOWN_REJECTIONS = 20


class Command(BaseCommand):
    help = (
        "Import questions and answers from JSON Lines, CSV, the Toyhom archive or a pair set. "
        "Idempotent by source id; bad rows are reported with their line numbers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--format", choices=sorted(READERS), help="default: detected")
        parser.add_argument("--source", default="", help="source label when records carry none")
        parser.add_argument(
            "--department", default="", help="department for records that name none"
        )
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
        parser.add_argument(
            "--strict", action="store_true", help="import nothing if any row is rejected"
        )
        parser.add_argument(
            "--report", type=Path, help="write every rejected row to this file as JSON Lines"
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, path: Path, **options) -> None:
        database_prepare()
        bar = tqdm(
            unit="行", desc="导入", disable=options["no_progress"] or None, dynamic_ncols=True
        )

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done)

        try:
            report = import_file(
                path=path,
                format=options["format"],
                source=options["source"],
                department=options["department"],
                batch_size=max(1, options["batch_size"]),
                strict=options["strict"],
                progress=progress,
            )
        except FileError as exc:
            bar.close()
            raise CommandError(f"{path}: {exc}。未导入任何内容。") from exc
        except ImportAborted as exc:
            bar.close()
            self._print(exc.report, options["report"])
            raise CommandError(str(exc)) from exc
        bar.close()
        self._print(report, options["report"])

    def _print(self, report: ImportReport, report_path: Path | None) -> None:
        out = self.stdout
        rate = report.written / report.seconds if report.seconds else 0
        out.write(
            f"{report.path}({report.format}):新增 {report.created},更新 {report.updated},"
            f"未变 {report.unchanged},拒绝 {len(report.rejected)};"
            f"用时 {report.seconds:.1f} 秒({rate:,.0f} 行/秒)"
        )
        if report.departments_created:
            out.write("新建科室:" + "、".join(report.departments_created))
        if report.doctors_created:
            out.write(f"新建医生 {report.doctors_created} 位(待认证,认证前不显示为回答者)")
        for rejection in report.rejected[:SHOWN_REJECTIONS]:
            out.write(self.style.WARNING(f"  第 {rejection.line} 行:{rejection.reason}"))
        if len(report.rejected) > SHOWN_REJECTIONS:
            more = len(report.rejected) - SHOWN_REJECTIONS
            out.write(
                f"  …另有 {more} 行被拒绝" + ("" if report_path else ",用 --report 文件 查看全部")
            )
        if report_path:
            with report_path.open("w", encoding="utf-8") as handle:
                for rejection in report.rejected:
                    row = {"line": rejection.line, "reason": rejection.reason}
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            out.write(f"拒绝明细已写入 {report_path}")

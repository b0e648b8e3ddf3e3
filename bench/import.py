"""Import throughput of the Toyhom sample (7,644 real Q&A rows) on SQLite and PostgreSQL.

Prints, per database: `mingyi import` (validate, then transactional batches) beside a
naive importer that saves each row with the ORM in autocommit, as most hand-written
importers do; both measured in this run on fresh databases, medians of --repeat runs.

    .venv/bin/python bench/import.py [--repeat 3] [--file PATH]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOYHOM = ROOT.parent / "shared" / "datasets" / "toyhom_sample" / "qa.jsonl"


def measure(method: str, path: Path) -> dict:
    """Runs inside a fresh process with DATABASE_URL and MINGYI_DATA_DIR set."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingyi.config.django.base")
    import django

    django.setup()
    from mingyi.core.setup import database_prepare

    database_prepare()
    started = time.perf_counter()
    if method == "mingyi import":
        from mingyi.imports.services import import_file

        rows = import_file(path=path).created
    else:
        rows = naive_import(path)
    return {"rows": rows, "seconds": time.perf_counter() - started}


def naive_import(path: Path) -> int:
    from django.utils import timezone

    from mingyi.departments.services import department_resolve
    from mingyi.questions.models import Answer, Question

    count = 0
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        if Question.objects.filter(source="toyhom", source_id=record["id"]).exists():
            continue
        now = timezone.now()
        question = Question.objects.create(
            title=record["title"],
            body=record["question"],
            department=department_resolve(name=record["department"]).department,
            status=Question.Status.PUBLISHED,
            published_at=now,
            source="toyhom",
            source_id=record["id"],
        )
        Answer.objects.create(
            question=question, body=record["answer"], status="published", published_at=now
        )
        count += 1
    return count


def postgres_url(work: Path) -> tuple[str, object]:
    import pgserver

    server = pgserver.get_server(work / "pg", cleanup_mode="stop")
    socket_dir = server.get_postmaster_info().socket_dir
    return str(socket_dir), server


def run_once(method: str, path: Path, database: str, pg) -> dict:
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "MINGYI_DATA_DIR": data_dir}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        if database == "PostgreSQL":
            socket_dir, server = pg
            server.psql("SET client_min_messages = warning; DROP DATABASE IF EXISTS mingyi_bench;")
            server.psql("CREATE DATABASE mingyi_bench;")
            encoded = socket_dir.replace("/", "%2F")
            env["DATABASE_URL"] = f"postgres://postgres@{encoded}/mingyi_bench"
        else:
            env.pop("DATABASE_URL", None)
        output = subprocess.run(
            [sys.executable, __file__, "--measure", method, "--file", str(path)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", type=Path, default=TOYHOM)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.file)))
        return
    if not args.file.exists():
        raise SystemExit(f"{args.file} not found (../shared beside the repository)")

    with tempfile.TemporaryDirectory() as work:
        pg = postgres_url(Path(work))
        print(f"Import of {args.file.name}; medians of {args.repeat} runs, fresh database each")
        header = ("database", "method", "rows", "seconds", "rows/s", "ratio")
        print("{:<11} {:<22} {:>6} {:>8} {:>8} {:>6}".format(*header))
        for database in ("SQLite", "PostgreSQL"):
            results = {}
            for method in ("mingyi import", "naive per-row ORM"):
                runs = [run_once(method, args.file, database, pg) for _ in range(args.repeat)]
                seconds = statistics.median(r["seconds"] for r in runs)
                results[method] = (runs[0]["rows"], seconds)
            baseline = results["naive per-row ORM"][0] / results["naive per-row ORM"][1]
            for method, (rows, seconds) in results.items():
                rate = rows / seconds
                print(
                    f"{database:<11} {method:<22} {rows:>6} {seconds:>8.2f} {rate:>8,.0f} "
                    f"{rate / baseline:>5.1f}x"
                )
        print("Askbot 0.13.0, measured on this corpus for PRODUCT.md: 17 rows/s")


if __name__ == "__main__":
    main()

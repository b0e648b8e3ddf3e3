"""A 1M-question corpus in a real PostgreSQL 16 (PyPI pgserver), built the way the
SQLite corpus of bench/search_speed.py is: the Toyhom sample through `mingyi import`,
then `mingyi synth` up to --size questions (timed: the target is under 20 minutes),
then the lexical index. The server keeps running afterwards (its socket is printed and
written to built.json) so bench/page_speed.py --database postgres can use it.

    .venv/bin/python bench/pg_corpus.py [--size 1000000] [--workdir /tmp/mingyi-bench/pg-1000000]
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
TOYHOM = ROOT.parent / "shared" / "datasets" / "toyhom_sample" / "qa.jsonl"
TOYHOM_ROWS = 7644
DB_NAME = "mingyi"


def pg_start(pgdata: Path) -> str:
    """Start (or reuse) a pgserver cluster that outlives this process; its DATABASE_URL."""
    import pgserver

    server = pgserver.get_server(pgdata, cleanup_mode=None)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}';")
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {DB_NAME};")
    socket_dir = str(server.get_postmaster_info().socket_dir)
    return f"postgres://postgres@{quote(socket_dir, safe='')}/{DB_NAME}"


def mingyi(args: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mingyi", *args, "--no-progress"], env=env, check=True)
    return time.perf_counter() - started


def build(size: int, workdir: Path) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    marker = workdir / "built.json"
    database_url = pg_start(workdir / "pgdata")
    if marker.exists():
        return {**json.loads(marker.read_text()), "database_url": database_url}
    data_dir = workdir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MINGYI_DATA_DIR": str(data_dir), "DATABASE_URL": database_url}
    timings = {"import_s": mingyi(["import", str(TOYHOM)], env)}
    timings["synth_s"] = mingyi(["synth", "--n", str(size - TOYHOM_ROWS), "--seed", "1"], env)
    timings["index_s"] = mingyi(["index", "--rebuild", "--no-vectors"], env)
    timings["size"] = size
    marker.write_text(json.dumps(timings))
    return {**timings, "database_url": database_url}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(f"/tmp/mingyi-bench/pg-{args.size}")
    result = build(args.size, workdir)
    print("| step | seconds |\n|---|---:|")
    for step in ("import_s", "synth_s", "index_s"):
        print(f"| {step[:-2]} | {result[step]:.0f} |")
    print(f"DATABASE_URL={result['database_url']}")
    print(f"MINGYI_DATA_DIR={workdir / 'data'}")


if __name__ == "__main__":
    main()

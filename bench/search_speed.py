"""Search latency at scale: the product's search service beside SQLite FTS5.

Builds (or reuses) a corpus per size in --workdir: the Toyhom sample imported through
`mingyi import`, then `mingyi synth` up to N questions recombined from that real text,
then `mingyi index --rebuild`. Vectors are computed for the first --vectors questions
only (e5 embeds tens of passages a second on this machine); the output says how many
questions have vectors. Then runs >= 1,000 real KUAKE queries, one at a time, through
`mingyi.search.selectors.search` (query analysis, e5 query embedding, tantivy, nearest
neighbours, fusion, database fetch, highlighting) and through FTS5 on the same text.

    .venv/bin/python bench/search_speed.py --sizes 100000 1000000 [--workdir DIR]
"""

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "datasets"
TOYHOM = SHARED / "toyhom_sample" / "qa.jsonl"
QUERY_FILES = [
    SHARED / "kuake_qtr" / "beir_dev" / "queries.jsonl",
    SHARED / "kuake_qqr" / "dev.pairs.jsonl",
]


def mingyi(args: list[str], env: dict) -> None:
    subprocess.run([sys.executable, "-m", "mingyi", *args, "--no-progress"], env=env, check=True)


def kuake_queries(count: int) -> list[str]:
    queries: list[str] = []
    for path in QUERY_FILES:
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            for text in (row.get("text"), row.get("q1")):
                if text and text not in queries:
                    queries.append(text)
    return queries[:count]


def build(size: int, directory: Path, vectors: int) -> dict:
    env = {**os.environ, "MINGYI_DATA_DIR": str(directory)}
    env.pop("DATABASE_URL", None)
    marker = directory / "built.json"
    if marker.exists():
        return json.loads(marker.read_text())
    directory.mkdir(parents=True, exist_ok=True)
    timings = {}
    started = time.perf_counter()
    mingyi(["import", str(TOYHOM)], env)
    timings["import_s"] = time.perf_counter() - started
    started = time.perf_counter()
    mingyi(["synth", "--n", str(size - 7644), "--seed", "1"], env)
    timings["synth_s"] = time.perf_counter() - started
    started = time.perf_counter()
    mingyi(["index", "--rebuild", "--no-vectors"], env)
    timings["index_s"] = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--embed", str(vectors)], env=env, check=True)
    timings["vectors_s"] = time.perf_counter() - started
    marker.write_text(json.dumps(timings))
    return timings


def setup_django() -> None:
    from mingyi.ops.threads import math_threads_limit

    math_threads_limit()  # e5 and BLAS threads as in the product's processes
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingyi.config.django.base")
    import django

    django.setup()


def embed_first(count: int) -> None:
    """Vectors for the first `count` questions (by id), then this machine's vector file."""
    setup_django()
    from mingyi.questions.models import Question
    from mingyi.search.follower import search_index_sync
    from mingyi.search.vectors import EMBED_BATCH, vectors_compute

    ids = list(Question.objects.published().order_by("id").values_list("id", flat=True)[:count])
    for start in range(0, len(ids), EMBED_BATCH * 4):
        batch = Question.objects.filter(
            pk__in=ids[start : start + EMBED_BATCH * 4], vector__isnull=True
        )
        vectors_compute(list(batch.only("id", "title", "body")))
    search_index_sync()


def fts5_build(directory: Path) -> Path:
    """FTS5 tables over the same questions: analysed terms (bm25) and raw text (trigram)."""
    path = directory / "fts5.sqlite3"
    if path.exists():
        return path
    building = directory / "fts5.building.sqlite3"
    building.unlink(missing_ok=True)
    setup_django()
    from multiprocessing import get_context

    from mingyi.search.documents import analyse_document, index_documents_all, raw_document

    connection = sqlite3.connect(building)
    connection.execute("CREATE VIRTUAL TABLE seg USING fts5(body)")
    connection.execute("CREATE VIRTUAL TABLE tri USING fts5(body, tokenize='trigram')")
    with get_context("fork").Pool(os.cpu_count() or 1) as pool:
        for questions in index_documents_all(chunk=5000):
            raws = [raw_document(q) for q in questions]
            documents = pool.map(analyse_document, raws, chunksize=64)
            connection.executemany(
                "INSERT INTO seg(rowid, body) VALUES (?, ?)",
                [(d.id, f"{d.title} {d.body} {d.answer}") for d in documents],
            )
            connection.executemany(
                "INSERT INTO tri(rowid, body) VALUES (?, ?)",
                [(r[0], f"{r[1]} {r[2]} {r[3]}") for r in raws],
            )
            connection.commit()
    connection.execute("INSERT INTO seg(seg) VALUES ('optimize')")
    connection.execute("INSERT INTO tri(tri) VALUES ('optimize')")
    connection.commit()
    connection.close()
    building.rename(path)  # only a finished build is ever reused
    return path


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)

    def at(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]

    return {
        "p50": statistics.median(ordered),
        "p95": at(0.95),
        "p99": at(0.99),
        "qps": len(ordered) / (sum(ordered) / 1000),
    }


def measure(directory: Path, queries: list[str]) -> dict:
    setup_django()
    from mingyi.core.setup import database_prepare

    database_prepare()
    from mingyi.questions.models import Question
    from mingyi.search.analysis import query_terms
    from mingyi.search.models import QuestionVector
    from mingyi.search.selectors import search
    from mingyi.search.vectors import remembered_query_embedding

    results = {
        "questions": Question.objects.published().count(),
        "vectors": QuestionVector.objects.count(),
    }
    for query in queries[:20]:  # warm: dictionaries, model, index pages
        search(query=query)
    remembered_query_embedding.cache_clear()  # every measured query is embedded, none remembered
    samples, modes = [], set()
    for query in queries:
        started = time.perf_counter()
        result = search(query=query, limit=10)
        samples.append((time.perf_counter() - started) * 1000)
        modes.add(result.mode)
    results["ours"] = percentiles(samples)
    results["mode"] = ",".join(sorted(modes))

    connection = sqlite3.connect(fts5_build(directory))
    for name, table, expression in (
        (
            "FTS5 bm25, segmented (OR)",
            "seg",
            lambda q: " OR ".join(f'"{t}"' for t in dict.fromkeys(query_terms(q))),
        ),
        ("FTS5 trigram (phrase)", "tri", lambda q: '"' + q.replace('"', " ") + '"'),
    ):
        samples = []
        for query in queries:
            match = expression(query)
            started = time.perf_counter()
            if match.strip('"'):
                connection.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH ? "
                    f"ORDER BY bm25({table}) LIMIT 10",
                    (match,),
                ).fetchall()
            samples.append((time.perf_counter() - started) * 1000)
        results[name] = percentiles(samples)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/mingyi-bench"))
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--vectors", type=int, default=20_000)
    parser.add_argument("--embed", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.embed is not None:
        return embed_first(args.embed)
    if args.measure is not None:
        queries = kuake_queries(args.queries)
        print(json.dumps(measure(args.measure, queries)))
        return None

    rows = []
    for size in args.sizes:
        directory = args.workdir / str(size)
        timings = build(size, directory, args.vectors)
        env = {**os.environ, "MINGYI_DATA_DIR": str(directory)}
        env.pop("DATABASE_URL", None)
        output = subprocess.run(
            [sys.executable, __file__, "--measure", str(directory), "--queries", str(args.queries)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows.append((size, timings, json.loads(output.strip().splitlines()[-1])))

    print(f"Search latency, {args.queries} real KUAKE queries one at a time (ms; qps = 1 thread)")
    print(
        "{:>9} {:<28} {:>7} {:>7} {:>7} {:>7} {:>11}".format(
            "corpus", "method", "p50", "p95", "p99", "qps", "p95 vs ours"
        )
    )
    for size, timings, result in rows:
        ours = result["ours"]["p95"]
        for method in ("ours", "FTS5 bm25, segmented (OR)", "FTS5 trigram (phrase)"):
            r = result[method]
            label = "mingyi search (" + result["mode"] + ")" if method == "ours" else method
            print(
                f"{size:>9,} {label:<28} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['p99']:>7.1f} "
                f"{r['qps']:>7.0f} {r['p95'] / ours:>10.1f}x"
            )
        print(
            f"{'':>9} {result['questions']:,} questions, {result['vectors']:,} with vectors; "
            f"build: " + ", ".join(f"{k} {v:.0f}" for k, v in timings.items())
        )
    return None


if __name__ == "__main__":
    main()

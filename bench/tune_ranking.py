"""Tunes the hybrid ranking on TRAIN retrieval views only; writes mingyi/search/data/ranking.json.

Train views (dev is never read except to drop its texts from train):
  - chip_sts, ncov_qpair: built from train.pairs.jsonl the way the beir_dev views were
    built from dev.pairs.jsonl — corpus = the distinct questions, queries = the q1 of
    each label-1 pair (q1 ≠ q2), qrels = those pairs' q2; ids 'd'/'q' + md5(text)[:12].
  - kuake_qtr: the published beir_train view.
Leakage guard: any pair, query or document whose text also appears in the corresponding
dev view (corpus or queries) is dropped. Each train corpus is subsampled (whole query
groups, seeded) to at most --max-docs documents, because embedding is the slow part.

Each view is imported and indexed through the product's own path (as in
bench/search_quality.py), then every query's fusion inputs (BM25 and cosine of each
candidate, candidate titles) are taken from `mingyi.search.selectors.search_evidence`,
the function `search()` itself uses. The feature matrix comes from
`mingyi.search.ranking.candidate_features`, so the tuned linear score is exactly what
`fuse()` computes; at the end the chosen weights are checked through `fuse()` itself.

Coordinate ascent over the weights maximizes the mean over the three views of train
nDCG@10 (twin excluded, top 10, as the quality tool scores).

    .venv/bin/python bench/tune_ranking.py [--max-docs 4000] [--dry-run]
"""

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import search_quality as sq

DATASETS = sq.DATASETS
VIEWS = ("chip_sts", "ncov_qpair", "kuake_qtr")
SEED = 20240601


def md5_id(prefix: str, text: str) -> str:
    return prefix + hashlib.md5(text.encode("utf-8")).hexdigest()[:12]


def dev_texts(view: str) -> set[str]:
    folder = DATASETS / view / "beir_dev"
    texts = {doc["text"] for doc in sq.load_corpus(folder)}
    texts |= {q["text"] for q in sq.load(folder)[0]}
    return texts


# --- train views ------------------------------------------------------------------------


def pair_view(view: str, max_docs: int, log) -> dict:
    """A retrieval view from train pairs, like beir_dev from dev pairs; no dev text."""
    with open(DATASETS / view / "train.pairs.jsonl", encoding="utf-8") as lines:
        pairs = [json.loads(line) for line in lines]
    dev = dev_texts(view)
    clean = [p for p in pairs if p["q1"] not in dev and p["q2"] not in dev]
    log(
        f"  {view}: {len(pairs)} train pairs, {len(pairs) - len(clean)} dropped because a "
        f"text also appears in {view}/beir_dev (leakage guard)"
    )
    groups: dict[str, list[dict]] = defaultdict(list)
    for pair in clean:
        groups[pair["q1"]].append(pair)
    order = sorted(groups)
    random.Random(SEED).shuffle(order)
    texts: dict[str, None] = {}
    chosen: list[dict] = []
    for q1 in order:  # whole q1 groups, until the corpus is full
        new = {t for p in groups[q1] for t in (p["q1"], p["q2"])} - texts.keys()
        if len(texts) + len(new) > max_docs:
            continue
        texts.update(dict.fromkeys(sorted(new)))
        chosen += groups[q1]
    qrels: dict[str, dict[str, int]] = {}
    query_text: dict[str, str] = {}
    for p in chosen:
        if p["label"] == 1 and p["q1"] != p["q2"]:
            qid = md5_id("q", p["q1"])
            query_text[qid] = p["q1"]
            qrels.setdefault(qid, {})[md5_id("d", p["q2"])] = 1
    corpus = [{"_id": md5_id("d", t), "text": t} for t in texts]
    queries = [{"_id": qid, "text": text} for qid, text in query_text.items()]
    return {"view": view, "corpus": corpus, "queries": queries, "qrels": qrels}


def kuake_view(max_docs: int, log) -> dict:
    folder = DATASETS / "kuake_qtr" / "beir_train"
    queries, qrels = sq.load(folder)
    corpus = {doc["_id"]: doc["text"] for doc in sq.load_corpus(folder)}
    dev = dev_texts("kuake_qtr")
    kept_queries = [q for q in queries if q["text"] not in dev]
    dropped_docs = {d for d, text in corpus.items() if text in dev}
    log(
        f"  kuake_qtr: {len(queries)} train queries, {len(queries) - len(kept_queries)} "
        f"dropped and {len(dropped_docs)} of {len(corpus)} documents dropped because their "
        f"text also appears in kuake_qtr/beir_dev (leakage guard)"
    )
    random.Random(SEED).shuffle(kept_queries)
    docs: dict[str, None] = {}
    chosen_queries, chosen_qrels = [], {}
    for q in kept_queries:
        rel = {d: s for d, s in qrels[q["_id"]].items() if d not in dropped_docs}
        if not rel or not any(s > 0 for s in rel.values()):
            continue
        new = rel.keys() - docs.keys()
        if len(docs) + len(new) > max_docs:
            continue
        docs.update(dict.fromkeys(sorted(new)))
        chosen_queries.append(q)
        chosen_qrels[q["_id"]] = rel
    return {
        "view": "kuake_qtr",
        "corpus": [{"_id": d, "text": corpus[d]} for d in docs],
        "queries": chosen_queries,
        "qrels": chosen_qrels,
    }


# --- child: import, index, collect each query's fusion inputs ----------------------------


def collect(spec_path: Path, out_path: Path) -> None:
    sq.django_setup()
    from mingyi.search.ranking import RankingWeights
    from mingyi.search.selectors import search_evidence

    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="mingyi-tune-") as work:
        timing = sq.import_and_index(spec["corpus"], Path(work))
    to_source = sq.pk_to_source()
    probe = RankingWeights(**spec["probe"])
    rows = []
    for q in spec["queries"]:
        evidence = search_evidence(query=q["text"], weights=probe, with_titles=True)
        if evidence is None:  # nothing searchable in the query: search() finds nothing
            rows.append({"qid": q["_id"], "text": q["text"], "lexical": [], "similarity": []})
            rows[-1]["titles"] = []
            continue
        rows.append(
            {
                "qid": q["_id"],
                "text": evidence.query,
                "lexical": evidence.lexical.hits,
                "similarity": list((evidence.similarity or {}).items()),
                "titles": list(evidence.titles.items()),
                "adapted": list((evidence.adapted or {}).items()),
            }
        )
    out_path.write_text(
        json.dumps({"timing": timing, "source": list(to_source.items()), "rows": rows}),
        encoding="utf-8",
    )


def collect_view(spec: dict, probe: dict, out_path: Path, threads: int) -> dict:
    """Run `collect` in a fresh process on a fresh data directory (removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix=f"mingyi-tune-{spec['view']}-") as temporary:
        work = Path(temporary)
        spec_path = work / "spec.json"
        spec_path.write_text(json.dumps({**spec, "probe": probe}, ensure_ascii=False))
        data_dir = work / "data"
        data_dir.mkdir()
        subprocess.run(
            [sys.executable, __file__, "--collect", str(spec_path), str(out_path)],
            env=sq.child_env(data_dir, threads),
            cwd=sq.ROOT,
            check=True,
        )
    return json.loads(out_path.read_text(encoding="utf-8"))


# --- offline scoring of weight settings (numpy; the same arithmetic as fuse()) -----------

DISCOUNT = 1 / np.log2(np.arange(2, 12))


class Prepared:
    """One view's queries as feature tables; scoring a setting is a matrix product."""

    def __init__(self, spec: dict, evidence: dict, base) -> None:
        from mingyi.search.ranking import candidate_features

        self.view = spec["view"]
        self.source = {int(pk): sid for pk, sid in evidence["source"]}
        self.items = []
        for row in evidence["rows"]:
            rel = spec["qrels"][row["qid"]]
            lexical = [(int(pk), float(s)) for pk, s in row["lexical"]]
            similarity = {int(pk): float(s) for pk, s in row["similarity"]}
            titles = {int(pk): t for pk, t in row["titles"]}
            adapted = {int(pk): float(s) for pk, s in row.get("adapted", [])}
            table = candidate_features(
                lexical, similarity, base, query=row["text"], titles=titles, adapted=adapted
            )
            docs = [self.source.get(pk) for pk in table.ids]
            twin = sq.twin(row["qid"])
            keep = np.array([d is not None and d != twin for d in docs], dtype=bool)
            gains = np.array([2 ** rel.get(d, 0) - 1 for d in docs], dtype=np.float64)
            ideal = sorted(rel.values(), reverse=True)[:10]
            idcg = sum((2**r - 1) / np.log2(i + 2) for i, r in enumerate(ideal))
            self.items.append(
                {
                    "evidence": (lexical, similarity, row["text"], titles, adapted),
                    "rel": rel,
                    "twin": twin,
                    "x": table.matrix[keep],
                    "ids": np.array(table.ids, dtype=np.int64)[keep],
                    "gain": gains[keep],
                    "lexical": table.lexical_mask[keep],
                    "gap": table.gap[keep],
                    "idcg": idcg,
                }
            )

    def ndcg(self, vector: np.ndarray, floor: float) -> float:
        """Mean nDCG@10 (twin excluded) when candidates score x·vector."""
        total = 0.0
        for item in self.items:
            if not item["idcg"] or not len(item["ids"]):
                continue
            allowed = item["lexical"] | (item["gap"] <= floor)
            scores = item["x"][allowed] @ vector
            order = np.lexsort((item["ids"][allowed], -scores))[:10]
            total += float(item["gain"][allowed][order] @ DISCOUNT[: len(order)]) / item["idcg"]
        return total / max(1, len(self.items))

    def ndcg_through_fuse(self, weights) -> float:
        """The same number computed by the product's fuse() (a check of the above)."""
        from mingyi.search.ranking import fuse

        total = 0.0
        for item in self.items:
            lexical, similarity, text, titles, adapted = item["evidence"]
            ranked = fuse(lexical, similarity, weights, query=text, titles=titles, adapted=adapted)
            docs = [self.source.get(pk) for pk, _ in ranked[: sq.LIMIT]]
            docs = [d for d in docs if d and d != item["twin"]][:10]
            total += sq.score(docs, item["rel"])[0]
        return total / max(1, len(self.items))


def evaluate(prepared: list[Prepared], weights) -> dict[str, float]:
    vector, floor = weights.vector(), weights.dense_floor
    scores = {p.view: p.ndcg(vector, floor) for p in prepared}
    scores["mean"] = sum(scores.values()) / len(prepared)
    return scores


def fmt(scores: dict[str, float]) -> str:
    return "  ".join(f"{k} {v:.4f}" for k, v in scores.items())


# The cosine's own scale is small (e5 cosines of related questions lie within ~0.1 of
# each other), so the other weights are explored on fine grids.
GRID = {
    "lexical": [0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5],
    "dense": [0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5],
    "cosine": [0, 0.5, 1, 2, 3, 5, 8],
    "bigram": [0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3],
    "unigram": [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3],
    "cover": [0, 0.02, 0.05, 0.1, 0.15, 0.2],
    "adapted": [0, 0.5, 1, 2, 3, 5, 8],
    "dense_floor": [0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.3, 1.0],
}


def coordinate_ascent(prepared: list[Prepared], start, log, rounds: int = 4):
    best, best_scores = start, evaluate(prepared, start)
    log(f"start: {fmt(best_scores)}")
    for round_ in range(1, rounds + 1):
        improved = False
        for name, values in GRID.items():
            line = []
            for value in values:
                candidate = replace(best, **{name: value})
                scores = evaluate(prepared, candidate)
                line.append(f"{value:g}→{scores['mean']:.4f}")
                if scores["mean"] > best_scores["mean"] + 1e-6:
                    best, best_scores, improved = candidate, scores, True
            log(f"  round {round_} {name:<11} " + " ".join(line))
        log(f"round {round_}: {fmt(best_scores)}")
        if not improved:
            break
    return best, best_scores


def halves(prepared: list[Prepared], which: int) -> list[Prepared]:
    """Every other query of each view (a held-out check of the search itself)."""
    out = []
    for p in prepared:
        half = object.__new__(Prepared)
        half.view, half.source, half.items = p.view, p.source, p.items[which::2]
        out.append(half)
    return out


def held_out_estimate(prepared: list[Prepared], start, dense_only) -> dict[str, float]:
    """Tune on one half of each view's queries, score the other half; both ways."""
    gains: dict[str, list[float]] = defaultdict(list)
    for which in (0, 1):
        chosen, _ = coordinate_ascent(halves(prepared, which), start, lambda _: None)
        test = halves(prepared, 1 - which)
        ours, dense = evaluate(test, chosen), evaluate(test, dense_only)
        for view in ours:
            gains[view].append(ours[view] - dense[view])
    return {view: sum(values) / len(values) for view, values in gains.items()}


def gather_evidence(specs: list[dict], evidence_dir: Path | None, threads: int, log) -> dict:
    """Each view's collected evidence, reused from `evidence_dir` when it was collected
    for the same view, probe and installed query adapter."""
    from mingyi.search.adapter import ADAPTER_FILE
    from mingyi.search.ranking import RankingWeights

    # The probe asks for every kind of evidence (adapted cosine included).
    probe = asdict(RankingWeights(adapted=1.0))
    # The adapted cosines depend on the installed adapter: a new one invalidates the cache.
    adapter = hashlib.md5(ADAPTER_FILE.read_bytes()).hexdigest() if ADAPTER_FILE.exists() else ""
    evidence = {}
    with tempfile.TemporaryDirectory(prefix="mingyi-tune-") as temporary:
        work = evidence_dir or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        for spec in specs:
            cached = work / f"{spec['view']}.evidence.json"
            key = hashlib.md5(
                json.dumps([spec, probe, adapter], sort_keys=True).encode()
            ).hexdigest()
            if evidence_dir and cached.exists():
                data = json.loads(cached.read_text(encoding="utf-8"))
                if data.get("key") == key:
                    evidence[spec["view"]] = data
                    log(f"  {spec['view']}: evidence reused from {cached}")
                    continue
            t0 = time.perf_counter()
            log(f"  {spec['view']}: import, index, collect … ")
            data = collect_view(spec, probe, cached, threads)
            data["key"] = key
            cached.write_text(json.dumps(data), encoding="utf-8")
            evidence[spec["view"]] = data
            log(f"    {time.perf_counter() - t0:.0f} s ({data['timing']})")
    return evidence


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-docs", type=int, default=4000)
    parser.add_argument("--threads", type=int, default=1, help="OMP_NUM_THREADS for e5")
    parser.add_argument(
        "--evidence-dir",
        type=Path,
        help="keep the collected evidence here (outside the repository) and reuse it",
    )
    parser.add_argument("--dry-run", action="store_true", help="do not write ranking.json")
    parser.add_argument("--collect", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.collect:
        collect(Path(args.collect[0]), Path(args.collect[1]))
        return

    def log(message: str) -> None:
        print(message, flush=True)

    started = time.perf_counter()
    log(f"Train views (≤ {args.max_docs} documents each; dev only read to drop its texts):")
    specs = [
        pair_view("chip_sts", args.max_docs, log),
        pair_view("ncov_qpair", args.max_docs, log),
        kuake_view(args.max_docs, log),
    ]
    for spec in specs:
        log(f"  {spec['view']}/train: {len(spec['corpus'])} docs, {len(spec['queries'])} queries")

    from mingyi.search.ranking import WEIGHTS_FILE, RankingWeights

    evidence = gather_evidence(specs, args.evidence_dir, args.threads, log)

    base = RankingWeights()
    prepared = [Prepared(spec, evidence[spec["view"]], base) for spec in specs]
    references = {
        "BM25 only": RankingWeights(lexical=1.0, dense=0.0, dense_floor=-1.0),
        "dense only": RankingWeights(lexical=0.0, dense=1.0, dense_floor=3.0),
        "default fusion": base,
    }
    log("\nTrain nDCG@10 (twin excluded):")
    reference_scores = {}
    for name, weights in references.items():
        reference_scores[name] = evaluate(prepared, weights)
        log(f"  {name:<15} {fmt(reference_scores[name])}")

    log("\nCoordinate ascent on the mean train nDCG@10 (value→mean per candidate):")
    chosen, chosen_scores = coordinate_ascent(prepared, base, log)
    log(f"\nchosen: {fmt(chosen_scores)}")
    dense = reference_scores["dense only"]
    log("  vs dense only: " + "  ".join(f"{v} {chosen_scores[v] - dense[v]:+.4f}" for v in dense))
    estimate = held_out_estimate(prepared, base, references["dense only"])
    log(
        "  held-out estimate (tuned on half the queries, scored on the other half), gain vs "
        "dense only: " + "  ".join(f"{k} {v:+.4f}" for k, v in estimate.items())
    )
    check = {p.view: p.ndcg_through_fuse(chosen) for p in prepared}
    log("  through fuse(): " + "  ".join(f"{k} {v:.4f}" for k, v in check.items()))
    values = {k: v for k, v in asdict(chosen).items()}
    log("  weights: " + json.dumps(values))
    if not args.dry_run:
        payload = {
            "weights": values,
            "tuned_on": {
                spec["view"]: {"docs": len(spec["corpus"]), "queries": len(spec["queries"])}
                for spec in specs
            },
            "train_ndcg10": {k: round(v, 4) for k, v in chosen_scores.items()},
            "train_ndcg10_dense_only": {k: round(v, 4) for k, v in dense.items()},
            "train_held_out_gain_vs_dense": {k: round(v, 4) for k, v in estimate.items()},
            "tool": "bench/tune_ranking.py",
        }
        WEIGHTS_FILE.parent.mkdir(parents=True, exist_ok=True)
        WEIGHTS_FILE.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        log(f"wrote {WEIGHTS_FILE.relative_to(sq.ROOT)}")
    log(f"wall time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

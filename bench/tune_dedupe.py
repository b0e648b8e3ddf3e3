"""Tunes related lists and the duplicate model on TRAIN pairs only; writes
mingyi/related/data/related.json.

Train views (dev is read only to drop its texts from train): from the train pairs of
chip_sts and ncov_qpair, built as the beir_dev views were built from the dev pairs —
corpus = the distinct questions, queries = the q1 of each label-1 pair, relevant = its
q2s — leaving out every pair with a text that also appears in dev; each corpus is
subsampled by whole q1 groups (seeded) to --max-docs questions (embedding is slow).
Each view is imported and indexed through the product's own path into --workdir (kept:
a second run does not embed again); in that process every query's own question gets
its candidates and feature rows from `related_candidates` (what the worker ranks), and
every pair, and as many random pairs of the corpus, its duplicate features.

Then, in the parent:
  1. the duplicate model: logistic regression (standardized features) on the labelled
     pairs plus the random ones (label 0: the labelled pairs are all about one topic,
     the product also meets unrelated candidates). The decision threshold is the lowest
     with precision ≥ PRECISION_TARGET on the labelled pairs (a decision folds
     questions); the floor, the least mean probability inside a cluster, the best F1;
  2. the related weights: coordinate ascent from a few starts, maximizing the Recall@5
     gained over dense-only (half the mean over views, half the worst view) plus a
     little nDCG@10;
  3. the diversification, measured through the product's own ranking on train: the
     lowest fold threshold that costs at most FOLD_COST Recall@5 on every view, and the
     MMR weight with the best mean (--keep-diversification keeps the file's).

    .venv/bin/python bench/tune_dedupe.py [--max-docs 4000] [--workdir DIR] [--dry-run]
"""

import argparse
import hashlib
import json
import random
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import related_quality as rq

VIEWS = ("chip_sts", "ncov_qpair")
SEED = 20240611
OUT = rq.ROOT / "mingyi" / "related" / "data" / "related.json"
DEPARTMENT_COSINE = 0.02
PRECISION_TARGET = 0.9
FOLD_THRESHOLDS = (0.98, 0.99, 0.995, 0.999)
DIVERSITIES = (0.1, 0.3)
FOLD_COST = 0.002  # Recall@5 a view may lose to folding near-duplicates among the items
BASELINES = {"BM25": "lexical", "dense": "cosine", "dense-q": "query"}
GRID = np.round(np.arange(0.2, 0.99, 0.01), 2)


def md5_id(prefix: str, text: str) -> str:
    return prefix + hashlib.md5(text.encode("utf-8")).hexdigest()[:12]


def dev_texts(view: str) -> set[str]:
    folder = rq.VIEWS[view]
    texts = {doc["text"] for doc in rq.load_corpus(folder)}
    texts |= {q["text"] for q in rq.load(folder)[0]}
    for pair in rq.load_pairs(folder.parent / "dev.pairs.jsonl"):
        texts |= {pair["q1"], pair["q2"]}
    return texts


def pair_view(view: str, max_docs: int, log) -> dict:
    pairs = rq.load_pairs(rq.DATASETS / view / "train.pairs.jsonl")
    dev = dev_texts(view)
    clean = [p for p in pairs if p["q1"] not in dev and p["q2"] not in dev and p["q1"] != p["q2"]]
    log(f"  {view}: {len(pairs)} train pairs, {len(pairs) - len(clean)} dropped (dev text)")
    groups: dict[str, list[dict]] = defaultdict(list)
    for pair in clean:
        groups[pair["q1"]].append(pair)
    order = sorted(groups)
    random.Random(SEED).shuffle(order)
    texts: dict[str, None] = {}
    chosen: list[dict] = []
    for q1 in order:
        new = {t for p in groups[q1] for t in (p["q1"], p["q2"])} - texts.keys()
        if len(texts) + len(new) > max_docs:
            continue
        texts.update(dict.fromkeys(sorted(new)))
        chosen += groups[q1]
    qrels: dict[str, dict[str, int]] = {}
    for p in (p for p in chosen if p["label"] == 1):
        qrels.setdefault(md5_id("q", p["q1"]), {})[md5_id("d", p["q2"])] = 1
    queries = {md5_id("q", p["q1"]): p["q1"] for p in chosen if p["label"] == 1}
    return {
        "view": view,
        "corpus": [{"_id": md5_id("d", t), "text": t} for t in texts],
        "queries": [{"_id": q, "text": t} for q, t in queries.items()],
        "qrels": qrels,
        "pairs": [[md5_id("d", p["q1"]), md5_id("d", p["q2"]), p["label"]] for p in chosen],
    }


# --- child: import + index (build), then collect features (collect) ---------------------


def child(stage: str, data_dir: Path) -> None:
    rq.django_setup()
    spec = json.loads((data_dir / "spec.json").read_text(encoding="utf-8"))
    timing = rq.import_and_index(spec["corpus"], data_dir)
    if stage == "check":
        return check(spec)
    from mingyi.questions.models import Question
    from mingyi.related.duplicates import pair_features_for
    from mingyi.related.engine import related_candidates
    from mingyi.related.services import related_densities_fill

    related_densities_fill(everything=True)
    _, to_pk = rq.source_maps()
    questions = Question.objects.in_bulk(list(to_pk.values()))
    source = {pk: sid for sid, pk in to_pk.items()}
    rows = []
    for q in spec["queries"]:
        pk = to_pk.get(rq.own(q["_id"]))
        if pk is None:
            continue
        table = related_candidates(question=questions[pk])
        ids = [source.get(c) for c in table.ids]
        rows.append({"qid": q["_id"], "ids": ids, "x": table.matrix.tolist()})
    pair_ids = [(to_pk.get(a), to_pk.get(b), label) for a, b, label in spec["pairs"]]
    pair_ids = [(a, b, label) for a, b, label in pair_ids if a and b]
    x = pair_features_for(pairs=[(a, b) for a, b, _ in pair_ids])
    # Random pairs of the corpus: different questions (almost always different topics),
    # which the labelled pairs (all about one topic) never show the model.
    rng = random.Random(SEED)
    pks = sorted(to_pk.values())
    noise = [tuple(rng.sample(pks, 2)) for _ in range(len(pair_ids))]
    out = {
        "rows": rows,
        "pairs_x": x.tolist(),
        "pairs_y": [label for _, _, label in pair_ids],
        "random_x": pair_features_for(pairs=noise).tolist(),
    }
    (data_dir / "features.json").write_text(json.dumps(out), encoding="utf-8")
    print(json.dumps(timing))


def run_child(stage: str, data_dir: Path, threads: int) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", stage, "--data-dir", str(data_dir)],
        env=rq.child_env(data_dir, threads),
        cwd=rq.ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# --- fitting -------------------------------------------------------------------------------

DISCOUNT = 1 / np.log2(np.arange(2, 12))


class Prepared:
    def __init__(self, spec: dict, features: dict) -> None:
        self.items = []
        for row in features["rows"]:
            rel = spec["qrels"][row["qid"]]
            relevant = np.array([rel.get(d, 0) > 0 for d in row["ids"]], dtype=bool)
            x = np.array(row["x"], dtype=np.float64).reshape(len(row["ids"]), -1)
            self.items.append((x, relevant, max(1, len(rel))))

    def score(self, vector: np.ndarray) -> tuple[float, float]:
        recall = ndcg = 0.0
        for x, relevant, n_rel in self.items:
            if not len(x):
                continue
            order = np.argsort(-(x @ vector), kind="stable")[:10]
            hits = relevant[order]
            recall += hits[:5].sum() / n_rel
            idcg = DISCOUNT[: min(n_rel, 10)].sum()
            ndcg += float(hits @ DISCOUNT[: len(hits)]) / idcg
        n = max(1, len(self.items))
        return recall / n, ndcg / n


def fit_related(prepared: list[Prepared], names: list[str], starts: list[dict], log) -> dict:
    """Coordinate ascent from each start (weights ≥ 0, steps relative to each feature's
    spread over the candidates); the best end point wins."""
    spread = np.vstack([x for p in prepared for x, _, _ in p.items if len(x)]).std(axis=0)
    scale = np.where(spread > 0, 1 / np.maximum(spread, 1e-9), 0.0)

    dense = [p.score(np.eye(len(names))[names.index("cosine")]) for p in prepared]

    def objective(v: np.ndarray) -> float:
        """Recall@5 gained over dense-only: half the mean over views, half the worst
        view (the product must gain on every view), and a little nDCG@10."""
        scores = [p.score(v) for p in prepared]
        gains = [s[0] - d[0] for s, d in zip(scores, dense, strict=True)]
        return 0.5 * np.mean(gains) + 0.5 * min(gains) + 0.05 * np.mean([n for _, n in scores])

    best_vector, best_value = None, -1.0
    for start in starts:
        vector = np.array([start.get(name, 0.0) for name in names], dtype=np.float64)
        value = objective(vector)
        for step in (1.0, 0.5, 0.25, 0.1, 0.05):
            improved = True
            while improved:
                improved = False
                for i in range(len(names)):
                    for delta in (step, -step):
                        trial = vector.copy()
                        trial[i] = max(0.0, trial[i] + delta * scale[i])
                        trial_value = objective(trial)
                        if trial_value > value + 1e-6:
                            vector, value, improved = trial, trial_value, True
        shown = {n: round(float(w), 3) for n, w in zip(names, vector, strict=True) if w}
        log(f"  from {sorted(start)}: {value:.4f} {shown}")
        if value > best_value:
            best_vector, best_value = vector, value
    return {name: round(float(v), 4) for name, v in zip(names, best_vector, strict=True)}


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3) -> np.ndarray:
    """Newton's method on the L2-regularized log loss over standardized features (so the
    penalty treats a cosine, whose useful range is a few hundredths, like a Dice
    overlap); returns [bias, weights…] on the original scale."""
    mean, spread = x.mean(axis=0), x.std(axis=0) + 1e-9
    design = np.hstack([np.ones((len(x), 1)), (x - mean) / spread])
    w = np.zeros(design.shape[1])
    penalty = l2 * np.diag(np.r_[0, np.ones(len(w) - 1)])
    for _ in range(100):
        p = 1 / (1 + np.exp(-(design @ w)))
        gradient = design.T @ (p - y) / len(y) + penalty @ w
        hessian = (design.T * (p * (1 - p))) @ design / len(y) + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    coef = w[1:] / spread
    return np.r_[w[0] - (coef * mean).sum(), coef]


def best_threshold(p: np.ndarray, y: np.ndarray) -> float:
    f1 = {t: rq.prf(list(zip(p >= t, y.astype(int), strict=True)))["f1"] for t in GRID}
    return round(float(max(f1, key=lambda t: (f1[t], -t))), 2)


def precise_threshold(p: np.ndarray, y: np.ndarray) -> float:
    precise = [t for t in GRID if (p >= t).any() and y[p >= t].mean() >= PRECISION_TARGET]
    return round(float(min(precise, default=GRID[-1])), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-docs", type=int, default=4000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/mingyi-related-tune"))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the file")
    parser.add_argument(
        "--keep-diversification",
        action="store_true",
        help="keep the fold threshold and MMR weight (and their checks) of the current file",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.data_dir)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    specs = {view: pair_view(view, args.max_docs, log) for view in VIEWS}
    for view, spec in specs.items():
        data_dir = args.workdir / f"train-{view}"
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "spec.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        log(f"  {view}: {len(spec['corpus'])} questions, {len(spec['queries'])} queries")
        run_child("collect", data_dir, args.threads)
    result = fit(specs, args.workdir, log)
    result["seconds"] = round(time.perf_counter() - started)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.dry_run:
        return None
    previous = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else None
    if args.keep_diversification and previous:
        checks = previous["train"]["through_product"]
    else:
        write(result)
        log(f"wrote {OUT.relative_to(rq.ROOT)}; checking through the product's ranking …")
        checks = {v: run_child("check", args.workdir / f"train-{v}", args.threads) for v in VIEWS}
    result["weights"].update(diversification(checks, log))
    result["train"]["through_product"] = checks
    write(result)
    log(f"wrote {OUT.relative_to(rq.ROOT)} with the diversification")
    return None


def write(result: dict) -> None:
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def diversification(checks: dict, log) -> dict:
    """The lowest fold threshold that costs at most FOLD_COST on every view (else folding
    by probability stays off: only identical wording and clusters fold), and the MMR
    weight with the best mean Recall@5, each measured through the product's ranking."""
    base = {v: c["written"] for v, c in checks.items()}
    fold = 1.0
    for threshold in sorted(FOLD_THRESHOLDS, reverse=True):
        if all(base[v] - c[f"fold ≥ {threshold}"] <= FOLD_COST for v, c in checks.items()):
            fold = threshold
    options = {0.0: np.mean(list(base.values()))}
    for diversity in DIVERSITIES:
        options[diversity] = np.mean([c[f"MMR {diversity}"] for c in checks.values()])
    diversity = max(options, key=lambda d: (options[d], -d))
    log(f"  fold threshold {fold}, MMR diversity {diversity} ({options})")
    return {"fold_threshold": fold, "diversity": diversity}


def fit(specs: dict, workdir: Path, log) -> dict:
    from mingyi.related.features import FEATURES, PAIR_FEATURES, RelatedWeights

    features = {
        view: json.loads((workdir / f"train-{view}" / "features.json").read_text(encoding="utf-8"))
        for view in VIEWS
    }
    # 1. The duplicate model on both views' train pairs.
    width = len(PAIR_FEATURES)
    x = np.vstack([np.array(features[v]["pairs_x"]).reshape(-1, width) for v in VIEWS])
    y = np.concatenate([np.array(features[v]["pairs_y"], dtype=np.float64) for v in VIEWS])
    noise = np.vstack([np.array(features[v]["random_x"]).reshape(-1, width) for v in VIEWS])
    w = fit_logistic(np.vstack([x, noise]), np.r_[y, np.zeros(len(noise))])
    p = 1 / (1 + np.exp(-(w[0] + x @ w[1:])))
    # The decision folds questions (rel=canonical, out of related lists): it must be
    # precise. Threshold: the lowest with PRECISION_TARGET on the labelled train pairs.
    # Floor (the least mean probability inside a cluster): the best-F1 threshold.
    floor = best_threshold(p, y)
    threshold = precise_threshold(p, y)
    noise_p = 1 / (1 + np.exp(-(w[0] + noise @ w[1:])))
    random_false = float((noise_p >= threshold).mean())
    log(f"  random pairs called duplicates: {random_false:.4f} of {len(noise)}")
    sizes = [len(features[v]["pairs_y"]) for v in VIEWS]
    spans = dict(zip(VIEWS, np.split(np.arange(len(y)), np.cumsum(sizes)[:-1]), strict=True))
    spans["both"] = np.arange(len(y))
    per_view = {
        name: {"threshold": cut}
        | {
            v: rq.prf(list(zip(p[i] >= cut, y[i].astype(int), strict=True)))
            for v, i in spans.items()
        }
        for name, cut in (("decision", threshold), ("best_f1", floor))
    }
    log(f"  duplicates: threshold {threshold}, floor {floor}, train {per_view}")
    # 2. The related weights, on each view's train queries.
    prepared = [Prepared(specs[v], features[v]) for v in VIEWS]
    defaults = RelatedWeights()
    starts = [
        {name: getattr(defaults, name) for name in FEATURES if name != "department"},
        {"cosine": 1.0},
        {"csls": 1.0},
        {"csls": 1.0, "lexical": 0.1, "chars": 0.1},
        {"csls": 1.0, "query": 1.0},
    ]
    weights = fit_related(prepared, list(FEATURES), starts, log)
    # Every eval question is in one department, so its weight cannot be tuned here: a
    # same-department candidate is preferred like one closer by 0.02 in cosine.
    weights["department"] = round(DEPARTMENT_COSINE * (weights["cosine"] + weights["csls"]), 4)
    methods = {name: np.eye(len(FEATURES))[FEATURES.index(f)] for name, f in BASELINES.items()}
    methods["ours"] = np.array([weights[name] for name in FEATURES])
    scores = {
        v: {
            name: dict(zip(("recall5", "ndcg10"), np.round(prep.score(vector), 4), strict=True))
            for name, vector in methods.items()
        }
        for v, prep in zip(VIEWS, prepared, strict=True)
    }
    return {
        "tuned_on": "train pairs of chip_sts and ncov_qpair (texts also in dev dropped)",
        "weights": weights,
        "duplicate": {
            "bias": round(float(w[0]), 5),
            "coef": {n: round(float(c), 5) for n, c in zip(PAIR_FEATURES, w[1:], strict=True)},
            "threshold": threshold,
            "floor": floor,
            "rule": f"threshold: lowest with precision ≥ {PRECISION_TARGET} on the labelled "
            "train pairs; floor: best F1 on them",
        },
        "train": {
            "related": scores,
            "duplicates": per_view | {"random_pairs_called_duplicates": round(random_false, 4)},
        },
    }


def check(spec: dict) -> None:
    """Train Recall@5 through the product's own ranking (related_rank: the diversified
    pick, duplicate filtering) with the weights just written, and a few variants of the
    diversification around them."""
    from dataclasses import replace

    from mingyi.questions.models import Question
    from mingyi.related.engine import related_rank
    from mingyi.related.features import related_weights

    _, to_pk = rq.source_maps()
    source = {pk: sid for sid, pk in to_pk.items()}
    questions = Question.objects.in_bulk(list(to_pk.values()))
    tuned = replace(related_weights(), fold=True, fold_threshold=1.0, diversity=0.0)
    variants = {"written": tuned, "no fold": replace(tuned, fold=False)}
    variants |= {f"fold ≥ {t}": replace(tuned, fold_threshold=t) for t in FOLD_THRESHOLDS}
    variants |= {f"MMR {d}": replace(tuned, diversity=d) for d in DIVERSITIES}
    out = {"view": spec["view"]}
    for name, weights in variants.items():
        recall = n = 0
        for q in spec["queries"]:
            pk = to_pk.get(rq.own(q["_id"]))
            if pk is None:
                continue
            ranked = related_rank(question=questions[pk], weights=weights)
            recall += rq.recall_at([source.get(i.id) for i in ranked], spec["qrels"][q["_id"]], 5)
            n += 1
        out[name] = round(recall / max(1, n), 4)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()

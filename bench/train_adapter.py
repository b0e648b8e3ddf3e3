"""Learns the query adapter (mingyi/search/data/adapter.npy) from TRAIN pairs only.

Training pairs (dev is only read to drop its texts, the leakage guard; the subsets that
bench/tune_ranking.py tunes the fusion weights on are left out too, so those weights
are tuned on queries the adapter never saw):
  - chip_sts, ncov_qpair: train.pairs.jsonl grouped by q1; q1 ('query: ') → each
    label-1 q2 ('passage: '); the group's label-0 q2 are hard negatives.
  - kuake_qtr: train.jsonl; query → titles graded 2–3; its titles graded 0–1 are hard
    negatives.
Hard negatives are topped up with the passages closest to the query by the raw model
that are not its positives (mined from the same pool).

The adapter is a 384×384 matrix W, started at the identity, applied to query vectors
only: score = cos(W·q, d). It is trained with a softmax (InfoNCE) over the positive,
the hard negatives and the other positives of the batch, with Adam and a pull toward
the identity, in numpy, seeded. Stored as W − I in float16 (~300 KB).

Embedding is the slow part (two shared cores): embeddings are cached under
--cache-dir (outside the repository) keyed by the texts, and reused.

    .venv/bin/python bench/train_adapter.py [--cache-dir /tmp/mingyi-adapter-cache]
"""

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import tune_ranking as tr

DATASETS = tr.DATASETS
SEED = 7
# How many query groups each view contributes (embedding time is the limit).
GROUPS = {"chip_sts": 2200, "ncov_qpair": 100_000, "kuake_qtr": 700}
HARD = 8  # hard negatives per pair
TAU = 0.02
LEARNING_RATE = 3e-5
EPOCHS = 3
PULL = 1e-3  # weight of ‖W − I‖² (keeps the map close to the model's own space)
BATCH = 64


def quiet(_message: str) -> None:
    pass


def pair_rows(view: str) -> list[tuple[str, str, int]]:
    """(q1, q2, label) of train pairs outside dev and outside the tuning subset."""
    held = {d["text"] for d in tr.pair_view(view, 4000, quiet)["corpus"]}
    blocked = held | tr.dev_texts(view)
    with open(DATASETS / view / "train.pairs.jsonl", encoding="utf-8") as lines:
        pairs = [json.loads(line) for line in lines]
    pairs = [
        p for p in pairs if p["q1"] != p["q2"] and p["q1"] not in blocked and p["q2"] not in blocked
    ]
    groups: dict[str, list[dict]] = {}
    for p in pairs:
        groups.setdefault(p["q1"], []).append(p)
    keys = sorted(k for k, g in groups.items() if any(p["label"] == 1 for p in g))
    random.Random(SEED).shuffle(keys)
    return [(p["q1"], p["q2"], p["label"]) for k in keys[: GROUPS[view]] for p in groups[k]]


def kuake_rows() -> list[tuple[str, str, int]]:
    """(query, title, 1 if graded 2–3 else 0) outside dev and the tuning subset."""
    spec = tr.kuake_view(4000, quiet)
    dev = tr.dev_texts("kuake_qtr")
    held_queries = {q["text"] for q in spec["queries"]} | dev
    held_titles = {d["text"] for d in spec["corpus"]} | dev
    with open(DATASETS / "kuake_qtr" / "train.jsonl", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    rows = [r for r in rows if r["query"] not in held_queries and r["title"] not in held_titles]
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["query"], []).append(r)
    keys = sorted(k for k, g in groups.items() if any(r["label"] >= 2 for r in g))
    random.Random(SEED).shuffle(keys)
    return [
        (r["query"], r["title"], int(r["label"] >= 2))
        for k in keys[: GROUPS["kuake_qtr"]]
        for r in groups[k]
    ]


def embed_cached(texts: list[str], kind: str, cache: Path, log) -> np.ndarray:
    """e5 embeddings ('query: ' or 'passage: ', as the product computes them), cached."""
    key = hashlib.md5(json.dumps([kind, texts], ensure_ascii=False).encode()).hexdigest()[:16]
    path = cache / f"{kind}-{key}.npy"
    if path.exists():
        return np.load(path)
    from mingyi.search.vectors import PASSAGE_CHARS, _model

    model = _model()
    embed = model.query if kind == "query" else model.passage
    started, out = time.perf_counter(), []
    for start in range(0, len(texts), 32):
        out.append(embed([t[:PASSAGE_CHARS] for t in texts[start : start + 32]]))
        if start % 1024 == 0:
            log(f"    {kind} {start}/{len(texts)} {time.perf_counter() - started:.0f} s")
    matrix = np.vstack(out).astype(np.float32)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, matrix)
    return matrix


def training_arrays(rows, cache: Path, log) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(queries, positives, hard negatives) for one view's rows."""
    queries = sorted({q for q, _, _ in rows})
    passages = sorted({p for _, p, _ in rows})
    query_vectors = embed_cached(queries, "query", cache, log)
    # The index stores vectors as float16: train on what search will see.
    passage_vectors = embed_cached(passages, "passage", cache, log)
    passage_vectors = passage_vectors.astype(np.float16).astype(np.float32)
    qi = {t: i for i, t in enumerate(queries)}
    pi = {t: i for i, t in enumerate(passages)}
    positives: dict[str, set[str]] = {}
    negatives: dict[str, list[str]] = {}
    for q, p, label in rows:
        if label:
            positives.setdefault(q, set()).add(p)
        else:
            negatives.setdefault(q, []).append(p)
    similarity = query_vectors @ passage_vectors.T
    qs, ps, ns = [], [], []
    for q in sorted(positives):
        i = qi[q]
        excluded = {pi[p] for p in positives[q]} | ({pi[q]} if q in pi else set())
        hard = [pi[p] for p in negatives.get(q, ())]
        mined = [
            int(j) for j in np.argsort(-similarity[i])[: 4 * HARD] if j not in excluded | set(hard)
        ]
        chosen = (hard + mined)[:HARD]
        if len(chosen) < HARD:
            continue
        for p in sorted(positives[q]):
            qs.append(query_vectors[i])
            ps.append(passage_vectors[pi[p]])
            ns.append(passage_vectors[chosen])
    return np.array(qs), np.array(ps), np.array(ns)


def train(
    queries: np.ndarray,
    positives: np.ndarray,
    negatives: np.ndarray,
    *,
    tau: float = TAU,
    learning_rate: float = LEARNING_RATE,
    epochs: int = EPOCHS,
    pull: float = PULL,
    batch: int = BATCH,
    seed: int = SEED,
) -> np.ndarray:
    """W minimizing the softmax loss of cos(W·q, ·) over [positive, hard negatives,
    the batch's other positives], + pull·‖W − I‖²; Adam, plain numpy."""
    dim = queries.shape[1]
    identity = np.eye(dim)
    weights = identity.copy()
    first, second = np.zeros_like(weights), np.zeros_like(weights)
    rng = np.random.default_rng(seed)
    n, hard = len(queries), negatives.shape[1]
    step = 0
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch):
            rows = order[start : start + batch]
            size = len(rows)
            q, pos, neg = queries[rows], positives[rows], negatives[rows]
            mapped = q @ weights.T
            norms = np.linalg.norm(mapped, axis=1, keepdims=True)
            z = mapped / norms
            in_batch = z @ pos.T
            in_batch[np.arange(size), np.arange(size)] = -1e9  # own positive is column 0
            logits = np.hstack(
                [(z * pos).sum(1, keepdims=True), np.einsum("bd,bkd->bk", z, neg), in_batch]
            )
            logits = logits / tau
            logits -= logits.max(1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(1, keepdims=True)
            p[:, 0] -= 1.0
            grad_z = p[:, :1] * pos + np.einsum("bk,bkd->bd", p[:, 1 : 1 + hard], neg)
            grad_z += p[:, 1 + hard :] @ pos
            grad_z /= tau * size
            grad_mapped = (grad_z - (grad_z * z).sum(1, keepdims=True) * z) / norms
            grad = grad_mapped.T @ q + pull * (weights - identity)
            step += 1
            first = 0.9 * first + 0.1 * grad
            second = 0.999 * second + 0.001 * grad * grad
            weights -= (
                learning_rate
                * (first / (1 - 0.9**step))
                / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
            )
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache-dir", type=Path, default=Path("/tmp/mingyi-adapter-cache"))
    parser.add_argument("--dry-run", action="store_true", help="do not write adapter.npy")
    args = parser.parse_args()

    def log(message: str) -> None:
        print(message, flush=True)

    sq_root = tr.sq.ROOT
    sys.path.insert(0, str(sq_root))
    started = time.perf_counter()
    parts = []
    for view in ("chip_sts", "ncov_qpair", "kuake_qtr"):
        rows = kuake_rows() if view == "kuake_qtr" else pair_rows(view)
        arrays = training_arrays(rows, args.cache_dir, log)
        log(f"  {view}: {len(rows)} train rows → {len(arrays[0])} (query, positive) pairs")
        parts.append(arrays)
    queries, positives, negatives = (np.vstack([p[i] for p in parts]) for i in range(3))
    weights = train(queries, positives, negatives)
    delta = (weights - np.eye(weights.shape[0])).astype(np.float16)
    log(f"‖W − I‖ = {np.linalg.norm(delta.astype(np.float64)):.3f}")
    if not args.dry_run:
        from mingyi.search.adapter import ADAPTER_FILE

        np.save(ADAPTER_FILE, delta)
        log(f"wrote {ADAPTER_FILE.relative_to(sq_root)} ({ADAPTER_FILE.stat().st_size} bytes)")
    log(f"wall time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

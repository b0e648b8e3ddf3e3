"""Hybrid ranking: lexical (BM25 over analysed terms), semantic (e5 cosine, and the
cosine of the adapted query, see adapter.py) and surface (shared characters between the
query and a candidate's title) evidence, combined linearly by weights tuned on the
train splits (data/ranking.json, written by bench/tune_ranking.py).

Every candidate from either side gets one row of features; its score is the weighted
sum. With the default weights (no ranking.json) this is the original fusion:
0.5·BM25/best BM25 + 1.0·min-max scaled cosine.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from operator import add
from pathlib import Path

import numpy as np

WEIGHTS_FILE = Path(__file__).with_name("data") / "ranking.json"

# The order of the feature columns; each has a weight of the same name.
FEATURES = ("lexical", "dense", "cosine", "bigram", "unigram", "cover", "adapted")


@dataclass(frozen=True)
class RankingWeights:
    title: float = 1.0  # BM25 field boosts
    body: float = 1.0
    answer: float = 0.3
    lexical: float = 0.5  # BM25 divided by the query's best BM25
    dense: float = 1.0  # cosine, min-max scaled over the candidates
    cosine: float = 0.0  # cosine as it is
    bigram: float = 0.0  # Dice overlap of the character bigrams of query and title
    unigram: float = 0.0  # Dice overlap of their characters
    cover: float = 0.0  # share of the query's bigrams found in the title
    adapted: float = 0.0  # cosine of the adapted query (adapter.py)
    candidates: int = 100  # how many candidates each side brings
    # A candidate found only by meaning must be about as close as the closest one.
    dense_floor: float = 0.08

    def field_weights(self) -> dict[str, float]:
        return {"title": self.title, "body": self.body, "answer": self.answer}

    def vector(self) -> np.ndarray:
        return np.array([getattr(self, name) for name in FEATURES], dtype=np.float64)

    def uses_vectors(self) -> bool:
        return self.dense > 0 or self.cosine > 0 or self.adapted > 0

    def uses_titles(self) -> bool:
        return any(getattr(self, name) for name in TEXT_FEATURES)


TEXT_FEATURES = ("bigram", "unigram", "cover")


@cache
def ranking_weights() -> RankingWeights:
    try:
        values = json.loads(WEIGHTS_FILE.read_text())
    except FileNotFoundError:
        return RankingWeights()
    known = {f.name for f in fields(RankingWeights)}
    return RankingWeights(**{k: v for k, v in values.get("weights", values).items() if k in known})


# --- surface features -------------------------------------------------------------------


_NOT_WORD = re.compile(r"[\W_]+")


def surface(text: str) -> str:
    """Letters, digits and CJK characters only, width-folded and lowercased."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text or "").lower())


def bigrams(text: str) -> frozenset[str]:
    """Adjacent character pairs (the single character of a one-character text)."""
    return frozenset(map(add, text, text[1:])) or frozenset(text[:1])


Shape = tuple[frozenset[str], frozenset[str]]


def text_shape(text: str) -> Shape:
    """(bigrams, characters) of a text's surface."""
    plain = surface(text)
    return bigrams(plain), frozenset(plain)


# Candidate titles come back search after search; a query's shape is computed once per
# search and not kept (an ask's text, searched for its department, never comes back).
# 1,024 titles of about 4 KB each; full within the first minute of traffic.
title_shape = lru_cache(maxsize=1024)(text_shape)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def shape_features(query: Shape, title: Shape) -> tuple[float, float, float]:
    """(bigram Dice, character Dice, share of the query's bigrams in the title)."""
    query_bigrams, query_chars = query
    title_bigrams, title_chars = title
    shared = len(query_bigrams & title_bigrams)
    return (
        dice(query_bigrams, title_bigrams),
        dice(query_chars, title_chars),
        shared / len(query_bigrams) if query_bigrams else 0.0,
    )


def surface_features(query: str, title: str) -> tuple[float, float, float]:
    """shape_features of two texts."""
    return shape_features(text_shape(query), title_shape(title))


# --- the fusion -------------------------------------------------------------------------


@dataclass(frozen=True)
class FeatureTable:
    ids: list[int]  # every candidate from either side
    matrix: np.ndarray  # one row per candidate, one column per FEATURES name
    lexical_mask: np.ndarray  # found by BM25
    gap: np.ndarray  # best cosine − own cosine (inf without a vector)


def candidate_features(
    lexical: list[tuple[int, float]],
    similarity: dict[int, float],
    weights: RankingWeights,
    *,
    query: str = "",
    titles: dict[int, str] | None = None,
    adapted: dict[int, float] | None = None,
) -> FeatureTable:
    """The feature rows of every candidate. Text features need `titles`, the adapted
    cosine `adapted` (the cosine of the adapted query to each candidate with a vector);
    without them those columns are 0."""
    bm25 = dict(lexical)
    ids = list(dict.fromkeys([*bm25, *similarity]))
    matrix = np.zeros((len(ids), len(FEATURES)), dtype=np.float64)
    if not ids:
        return FeatureTable(ids, matrix, np.zeros(0, dtype=bool), np.zeros(0))
    top_bm25 = max(bm25.values(), default=0.0) or 1.0
    matrix[:, 0] = [bm25.get(pk, 0.0) / top_bm25 for pk in ids]
    has_vector = np.array([pk in similarity for pk in ids], dtype=bool)
    cos = np.array([similarity.get(pk, 0.0) for pk in ids], dtype=np.float64)
    if similarity:
        low, high = min(similarity.values()), max(similarity.values())
        spread = (high - low) or 1.0
        matrix[:, 1] = np.where(has_vector, (cos - low) / spread, 0.0)
        matrix[:, 2] = cos
        gap = np.where(has_vector, high - cos, np.inf)
    else:
        gap = np.full(len(ids), np.inf)
    if titles and query:
        query_shape = text_shape(query)
        for row, pk in enumerate(ids):
            title = titles.get(pk)
            if title:
                matrix[row, 3:6] = shape_features(query_shape, title_shape(title))
    if adapted:
        matrix[:, 6] = [adapted.get(pk, 0.0) for pk in ids]
    return FeatureTable(ids, matrix, np.array([pk in bm25 for pk in ids], dtype=bool), gap)


def fuse(
    lexical: list[tuple[int, float]],
    similarity: dict[int, float],
    weights: RankingWeights,
    *,
    query: str = "",
    titles: dict[int, str] | None = None,
    adapted: dict[int, float] | None = None,
) -> list[tuple[int, float]]:
    """Score every candidate (from either side) by all the evidence, best first.

    `lexical` holds (id, BM25) of the lexical candidates; `similarity` the cosine of
    every candidate that has a vector; `titles` the candidates' titles (for the text
    features); `adapted` the adapted query's cosine of every candidate with a vector.
    A candidate missing one kind of evidence scores 0 on it. A candidate that only the
    vectors found is kept when its (raw) cosine is within `dense_floor` of the best.
    Ties go to the smaller id, so the order is deterministic.
    """
    table = candidate_features(
        lexical,
        similarity,
        weights,
        query=query,
        titles=titles if weights.uses_titles() else None,
        adapted=adapted if weights.adapted else None,
    )
    if not table.ids:
        return []
    keep = table.lexical_mask | (table.gap <= weights.dense_floor)
    scores = table.matrix @ weights.vector()
    scored = [
        (pk, float(score)) for pk, score, kept in zip(table.ids, scores, keep, strict=True) if kept
    ]
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored

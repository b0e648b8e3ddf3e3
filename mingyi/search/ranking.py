"""Hybrid ranking: lexical (BM25 over analysed terms) and semantic (e5 cosine) evidence,
fused by weights learned on the train splits (data/ranking.json, written by
bench/tune_ranking.py)."""

import json
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("data") / "ranking.json"


@dataclass(frozen=True)
class RankingWeights:
    title: float = 1.0  # BM25 field boosts
    body: float = 1.0
    answer: float = 0.3
    lexical: float = 0.5  # weight of BM25 (divided by the query's best BM25)
    dense: float = 1.0  # weight of the cosine similarity (min-max scaled over candidates)
    candidates: int = 100  # how many candidates each side brings
    # A candidate found only by meaning must be about as close as the closest one.
    dense_floor: float = 0.08

    def field_weights(self) -> dict[str, float]:
        return {"title": self.title, "body": self.body, "answer": self.answer}


@cache
def ranking_weights() -> RankingWeights:
    try:
        values = json.loads(WEIGHTS_FILE.read_text())
    except FileNotFoundError:
        return RankingWeights()
    known = {f.name for f in fields(RankingWeights)}
    return RankingWeights(**{k: v for k, v in values.items() if k in known})


def fuse(
    lexical: list[tuple[int, float]],
    similarity: dict[int, float],
    weights: RankingWeights,
) -> list[tuple[int, float]]:
    """Score every candidate (from either side) by both kinds of evidence, best first.

    `lexical` holds (id, BM25) of the lexical candidates; `similarity` the cosine of
    every candidate that has a vector. A candidate missing one kind scores 0 on it.
    """
    bm25 = dict(lexical)
    top_bm25 = max(bm25.values(), default=0.0) or 1.0
    sims = similarity.values()
    low, high = (min(sims), max(sims)) if sims else (0.0, 1.0)
    spread = (high - low) or 1.0
    floor = high - weights.dense_floor
    candidates = dict.fromkeys([*bm25, *(pk for pk, value in similarity.items() if value >= floor)])
    scored = [
        (
            pk,
            weights.lexical * bm25.get(pk, 0.0) / top_bm25
            + weights.dense * ((similarity[pk] - low) / spread if pk in similarity else 0.0),
        )
        for pk in candidates
    ]
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored

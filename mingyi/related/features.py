"""The evidence behind related lists and duplicate decisions, and the weights that
combine it (data/related.json, written by bench/tune_dedupe.py from train pairs only).

A candidate is described against the page's question by one row of FEATURES; its
related score is the weighted sum. Whether two questions ask the same thing is a
logistic model over PAIR_FEATURES (symmetric), derived from the same measurements.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from difflib import SequenceMatcher
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from mingyi.search.analysis import query_terms
from mingyi.search.analysis.dictionary import medical_terms

WEIGHTS_FILE = Path(__file__).with_name("data") / "related.json"
INTENTS_FILE = Path(__file__).with_name("data") / "intents.txt"

FEATURES = (
    "lexical",  # BM25 over title, asker text and answer, divided by the best candidate's
    "cosine",  # e5 cosine of the two questions' vectors (0 without a vector)
    "dense",  # that cosine, min-max scaled over the candidates
    # the cosine less the mean "density" (cosine to its 10 nearest neighbours) of the two
    # questions (CSLS): a question close to everything is less telling when close to this
    "csls",
    # e5 cosine of the page's title embedded as a search query ("query: …", what a search
    # for the title would use) with the candidate's stored vector
    "query",
    "bigram",  # Dice overlap of the titles' character bigrams
    "chars",  # Dice overlap of the titles' characters
    "cover",  # share of the page title's bigrams found in the candidate's title
    "covered",  # share of the candidate title's bigrams found in the page's title
    "terms",  # Jaccard overlap of the titles' analysed terms (大姨妈 = 月经)
    "length",  # shorter title length / longer title length
    "intent",  # do both ask the same kind of thing (原因, 怎么处理, 严重吗 …; data/intents.txt)
    "medical",  # Jaccard overlap of the titles' medical terms (the topic)
    "common",  # longest common substring of the titles / the shorter title's length
    "department",  # 1 same department, 0.5 same top-level department, else 0
)
PAIR_FEATURES = (
    "cosine",
    "csls",
    "bigram",
    "chars",
    "cover_min",
    "cover_max",
    "terms",
    "length",
    "intent",
    "medical",
    "common",
)


@dataclass(frozen=True)
class DuplicateModel:
    bias: float = -12.0
    coef: tuple[float, ...] = (10.0, 20.0, 2.0, 0.0, 2.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0)
    threshold: float = 0.5  # the decision: P(same question) from here on
    floor: float = 0.4  # the least mean P a cluster's members have with one joining it

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(same question) for each row of PAIR_FEATURES."""
        if not len(x):
            return np.zeros(0)
        z = self.bias + x @ np.asarray(self.coef, dtype=np.float64)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


@dataclass(frozen=True)
class RelatedWeights:
    lexical: float = 0.5
    cosine: float = 0.0
    dense: float = 1.0
    csls: float = 0.0
    query: float = 0.0
    bigram: float = 0.0
    chars: float = 0.0
    cover: float = 0.0
    covered: float = 0.0
    terms: float = 0.0
    length: float = 0.0
    intent: float = 0.0
    medical: float = 0.0
    common: float = 0.0
    department: float = 0.05
    # BM25 field boosts of the candidate search.
    title: float = 1.0
    body: float = 0.5
    answer: float = 0.1
    candidates: int = 50  # how many candidates each side (lexical, vectors) brings
    # MMR: score − diversity × the highest P(same question) with an item already chosen.
    diversity: float = 0.0
    fold: bool = True  # leave out an item worded as one already chosen, and (below 1) …
    fold_threshold: float = 1.0  # … one this likely the same question as one chosen
    duplicate: DuplicateModel = field(default_factory=DuplicateModel)

    def vector(self) -> np.ndarray:
        return np.array([getattr(self, name) for name in FEATURES], dtype=np.float64)

    def field_weights(self) -> dict[str, float]:
        return {"title": self.title, "body": self.body, "answer": self.answer}

    @property
    def duplicate_threshold(self) -> float:
        return self.duplicate.threshold

    @classmethod
    def only(cls, name: str, *, like: "RelatedWeights") -> "RelatedWeights":
        """The same candidates ranked by one feature alone (benchmark baselines)."""
        zero = dict.fromkeys(FEATURES, 0.0)
        return replace(like, **{**zero, name: 1.0}, diversity=0.0, fold=False)


@cache
def related_weights() -> RelatedWeights:
    try:
        values = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return RelatedWeights()
    known = {f.name for f in fields(RelatedWeights)} - {"duplicate"}
    weights = {k: v for k, v in values.get("weights", {}).items() if k in known}
    model = values.get("duplicate", {})
    duplicate = DuplicateModel(
        bias=model.get("bias", DuplicateModel.bias),
        coef=tuple(model.get("coef", {}).get(name, 0.0) for name in PAIR_FEATURES)
        if "coef" in model
        else DuplicateModel.coef,
        threshold=model.get("threshold", DuplicateModel.threshold),
        floor=model.get("floor", DuplicateModel.floor),
    )
    return RelatedWeights(**weights, duplicate=duplicate)


# --- measurements of a title ----------------------------------------------------------


@cache
def intents() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rules = []
    for line in INTENTS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, pattern = line.partition("\t")
            rules.append((name.strip(), re.compile(pattern.strip())))
    return tuple(rules)


@cache
def _medical() -> frozenset[str]:
    return frozenset(term for term in medical_terms() if len(term) >= 2)


@dataclass(frozen=True)
class Shape:
    plain: str  # letters, digits and CJK only, width-folded, lower case
    bigrams: frozenset[str]
    chars: frozenset[str]
    terms: frozenset[str]
    intents: frozenset[str]
    medical: frozenset[str]


@lru_cache(maxsize=65536)
def shape(text: str) -> Shape:
    plain = "".join(ch for ch in unicodedata.normalize("NFKC", text or "").lower() if ch.isalnum())
    bigrams = frozenset(plain[i : i + 2] for i in range(len(plain) - 1)) or frozenset(plain[:1])
    terms = frozenset(query_terms(text or ""))
    asks = frozenset(name for name, rule in intents() if rule.search(plain))
    return Shape(plain, bigrams, frozenset(plain), terms, asks, terms & _medical())


def _dice(a: frozenset, b: frozenset) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _jaccard(a: frozenset, b: frozenset, *, empty: float = 0.0) -> float:
    union = len(a | b)
    return len(a & b) / union if union else empty


def _intent(a: frozenset[str], b: frozenset[str]) -> float:
    """1 same kinds of question, 0 different ones, in between when one is unknown."""
    if a and b:
        return _jaccard(a, b)
    return 0.5 if not a and not b else 0.25


def surface(page: Shape, other: Shape) -> tuple[float, ...]:
    """(bigram, chars, cover, covered, terms, length, intent, medical, common) of
    `other` against `page`."""
    shared = len(page.bigrams & other.bigrams)
    lengths = sorted((len(page.plain), len(other.plain)))
    return (
        _dice(page.bigrams, other.bigrams),
        _dice(page.chars, other.chars),
        shared / len(page.bigrams) if page.bigrams else 0.0,
        shared / len(other.bigrams) if other.bigrams else 0.0,
        _jaccard(page.terms, other.terms),
        lengths[0] / lengths[1] if lengths[1] else 0.0,
        _intent(page.intents, other.intents),
        _jaccard(page.medical, other.medical),
        _common(page.plain, other.plain),
    )


def _common(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match()
    return match.size / min(len(a), len(b))


SURFACE_COLUMNS = slice(FEATURES.index("bigram"), FEATURES.index("common") + 1)


def pair_rows(table: np.ndarray) -> np.ndarray:
    """PAIR_FEATURES from rows of FEATURES (the columns they share, made symmetric)."""
    col = {name: i for i, name in enumerate(FEATURES)}
    cover, covered = table[:, col["cover"]], table[:, col["covered"]]
    return np.column_stack(
        [
            table[:, col["cosine"]],
            table[:, col["csls"]],
            table[:, col["bigram"]],
            table[:, col["chars"]],
            np.minimum(cover, covered),
            np.maximum(cover, covered),
            table[:, col["terms"]],
            table[:, col["length"]],
            table[:, col["intent"]],
            table[:, col["medical"]],
            table[:, col["common"]],
        ]
    )


def pair_features(
    a: str, b: str, cosine: float, densities: tuple[float | None, float | None] = (None, None)
) -> np.ndarray:
    """One row of PAIR_FEATURES for two titles, the cosine of their vectors and their
    densities (see FEATURES; unknown densities count as the cosine itself, CSLS 0)."""
    row = np.zeros((1, len(FEATURES)))
    row[0, FEATURES.index("cosine")] = cosine
    row[0, FEATURES.index("csls")] = csls(cosine, *densities)
    row[0, SURFACE_COLUMNS] = surface(shape(a), shape(b))
    return pair_rows(row)[0]


def csls(cosine: float, density_a: float | None, density_b: float | None) -> float:
    known = [d for d in (density_a, density_b) if d is not None]
    return cosine - (sum(known) / len(known) if known else cosine)

"""Computing one question's related list. Candidates come from the hybrid search
engine: BM25 over title, asker text and answer for the question's own words, e5 with
its title as the search query, and the nearest neighbours of its stored vector. Each
gets one row of features (features.py), the tuned weights score it, and a diversified
pick keeps out the page's own duplicate cluster and wording, takes one item per other
cluster and per wording, and (tuned on train, see data/related.json) penalizes or
folds items the duplicate model pairs with one already picked. Reads only: the worker
stores what this returns."""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from mingyi.departments.models import Department
from mingyi.questions.models import Question
from mingyi.related.features import (
    FEATURES,
    PAIR_FEATURES,
    SURFACE_COLUMNS,
    RelatedWeights,
    pair_features,
    shape,
    surface,
)
from mingyi.related.features import related_weights as tuned_weights
from mingyi.related.models import RelatedList
from mingyi.search.analysis import query_terms
from mingyi.search.engine import engine
from mingyi.search.models import QuestionVector
from mingyi.search.vectors import MODEL, embed_query

STORED = 10  # items kept per question; pages show 6, the API up to 10
DENSITY_NEIGHBOURS = 10
MAX_QUERY_TERMS = 48
BODY_CHARS = 300
POOL = 40  # candidates the diversified pick looks at before falling back to score order


@dataclass
class CandidateTable:
    question_id: int
    ids: list[int]
    matrix: np.ndarray  # one row per candidate, one column per FEATURES name
    has_vector: np.ndarray  # bool per candidate
    roots: list[int]  # each candidate's duplicate-cluster root (its canonical, or itself)
    titles: list[str]
    mode: str  # "hybrid" with the question's vector, else "lexical"
    density: float | None = None  # the question's own (mean cosine to its 10 nearest)


@dataclass(frozen=True)
class RankedItem:
    id: int
    score: float


def _empty(question_id: int) -> CandidateTable:
    return CandidateTable(
        question_id, [], np.zeros((0, len(FEATURES))), np.zeros(0, bool), [], [], "lexical"
    )


@lru_cache(maxsize=1)
def _parents() -> dict[int, int | None]:
    return dict(Department.objects.values_list("pk", "parent_id"))


def _top(department_id: int) -> int:
    if department_id not in _parents():  # a department created since: read the tree again
        _parents.cache_clear()
    return _parents().get(department_id) or department_id


def own_vector(question_id: int) -> np.ndarray | None:
    """The question's stored vector, read from the database (the local nearest-neighbour
    file may not have caught up with it yet)."""
    row = (
        QuestionVector.objects.filter(question_id=question_id, model=MODEL)
        .values_list("vector", flat=True)
        .first()
    )
    return None if row is None else np.frombuffer(bytes(row), dtype="<f4")


def query_of(question: Question) -> list[str]:
    """The question as a search: the terms of its title, then of its asker text."""
    body = question.body if question.body != question.title else ""
    terms = query_terms(question.title) + query_terms(body[:BODY_CHARS])
    return list(dict.fromkeys(terms))[:MAX_QUERY_TERMS]


def related_candidates(
    *,
    question: Question,
    weights: RelatedWeights | None = None,
    current=None,
    ask: bool = True,
) -> CandidateTable:
    """Every candidate for the question's related list with its feature row: what a
    search for its title finds (BM25, and e5 with the title as the query), and the
    nearest neighbours of its own stored vector. Without `ask` the title is not embedded
    (the "query" feature stays 0: duplicate detection does not use it)."""
    weights = weights or tuned_weights()
    current = current or engine()
    if current is None:
        return _empty(question.pk)
    depth = weights.candidates + 1
    lexical = current.lexical.search(
        query_of(question), weights=weights.field_weights(), limit=depth, count=False
    ).hits
    vector = own_vector(question.pk)
    cosine: dict[int, float] = {}
    asked: dict[int, float] = {}
    density = None
    if vector is not None and len(current.vectors):
        nearest = [(pk, c) for pk, c in current.vectors.nearest(vector, depth) if pk != question.pk]
        density = density_of(nearest)
        cosine = dict(nearest)
        query = embed_query(question.title) if ask else None
        if query is not None:
            asked = dict(current.vectors.nearest(query, depth))
        missing = [pk for pk in dict.fromkeys([*bm25_ids(lexical), *asked]) if pk not in cosine]
        cosine.update(current.vectors.similarities(vector, missing))
        if query is not None:
            rest = [pk for pk in cosine if pk not in asked]
            asked.update(current.vectors.similarities(query, rest))
    bm25 = dict(lexical)
    wanted = [pk for pk in dict.fromkeys([*bm25, *cosine, *asked]) if pk != question.pk]
    rows = (
        Question.objects.published()
        .filter(pk__in=wanted)
        .values_list("pk", "title", "department_id", "canonical_id")
    )
    found = {pk: (title, dep, canon) for pk, title, dep, canon in rows}
    ids = [pk for pk in wanted if pk in found]
    if not ids:
        return _empty(question.pk)
    col = {name: i for i, name in enumerate(FEATURES)}
    matrix = np.zeros((len(ids), len(FEATURES)))
    top_bm25 = max((bm25.get(pk, 0.0) for pk in ids), default=0.0) or 1.0
    matrix[:, col["lexical"]] = [bm25.get(pk, 0.0) / top_bm25 for pk in ids]
    has_vector = np.array([pk in cosine for pk in ids], dtype=bool)
    cos = np.array([cosine.get(pk, 0.0) for pk in ids])
    matrix[:, col["cosine"]] = cos
    matrix[:, col["query"]] = [asked.get(pk, 0.0) for pk in ids]
    if has_vector.any():
        low, high = cos[has_vector].min(), cos[has_vector].max()
        matrix[:, col["dense"]] = np.where(has_vector, (cos - low) / ((high - low) or 1.0), 0.0)
        known = stored_densities(
            question_ids=[pk for pk, v in zip(ids, has_vector, strict=True) if v]
        )
        crowd = np.array([known.get(pk, density) for pk in ids], dtype=np.float64)
        matrix[:, col["csls"]] = np.where(has_vector, cos - (crowd + density) / 2, 0.0)
    page = shape(question.title)
    own_top = _top(question.department_id)
    for row, pk in enumerate(ids):
        title, department_id, _ = found[pk]
        matrix[row, SURFACE_COLUMNS] = surface(page, shape(title))
        if department_id == question.department_id:
            matrix[row, col["department"]] = 1.0
        elif _top(department_id) == own_top:
            matrix[row, col["department"]] = 0.5
    return CandidateTable(
        question_id=question.pk,
        ids=ids,
        matrix=matrix,
        has_vector=has_vector,
        roots=[found[pk][2] or pk for pk in ids],
        titles=[found[pk][0] for pk in ids],
        mode="hybrid" if vector is not None and len(current.vectors) else "lexical",
        density=density,
    )


def bm25_ids(hits: list[tuple[int, float]]) -> list[int]:
    return [pk for pk, _ in hits]


def density_of(nearest: list[tuple[int, float]]) -> float:
    """Mean cosine to the nearest neighbours (the question itself left out)."""
    top = [c for _, c in nearest[:DENSITY_NEIGHBOURS]]
    return float(np.mean(top)) if top else 0.0


def stored_densities(*, question_ids: list[int]) -> dict[int, float]:
    rows = RelatedList.objects.filter(question_id__in=question_ids, density__isnull=False)
    return dict(rows.values_list("question_id", "density"))


def densities_compute(*, question_ids: list[int], current=None) -> dict[int, float]:
    """The density of each question whose vector the local index holds (reads only)."""
    current = current or engine()
    if current is None or not len(current.vectors):
        return {}
    out = {}
    for pk, vector in _vectors_of(current, question_ids).items():
        nearest = current.vectors.nearest(vector, DENSITY_NEIGHBOURS + 1)
        out[pk] = density_of([(k, c) for k, c in nearest if k != pk])
    return out


def _vectors_of(current, ids: list[int]) -> dict[int, np.ndarray]:
    """Normalized vectors of those `ids` that the local nearest-neighbour file holds."""
    index = getattr(current.vectors, "index", None)
    if index is None or not ids:
        return {}
    found = index.get(np.array(ids, dtype=np.uint64))
    if not isinstance(found, tuple):  # one array per key, or one row per key
        found = tuple(found) if getattr(found, "ndim", 1) == 2 else (found,)
    out = {}
    for pk, vector in zip(ids, found, strict=True):
        if vector is not None and np.size(vector):
            v = np.asarray(vector, dtype=np.float32)
            out[pk] = v / (float(np.linalg.norm(v)) or 1.0)
    return out


def related_select(
    table: CandidateTable,
    *,
    question: Question,
    weights: RelatedWeights,
    limit: int = STORED,
    current=None,
) -> list[RankedItem]:
    """The diversified pick from scored candidates (see the module docstring): never
    the page's own cluster or its own wording, one item per cluster, one per wording
    (with `fold`); over the best POOL candidates, MMR — each pick maximizes score −
    diversity × its highest probability of being the same question as an item already
    picked — and an item whose probability reaches `fold_threshold` is left out."""
    if not table.ids:
        return []
    scores = table.matrix @ weights.vector()
    order = [int(i) for i in np.lexsort((np.array(table.ids), -scores))]
    own_root = question.canonical_id or question.pk
    plain = [shape(title).plain for title in table.titles]
    own_plain = shape(question.title).plain
    order = [i for i in order if table.roots[i] != own_root and plain[i] != own_plain]
    pool = order[:POOL]
    by_probability = weights.fold and weights.fold_threshold < 1
    checks = by_probability or weights.diversity
    vectors = _vectors_of(current, [table.ids[i] for i in pool]) if checks and current else {}
    evidence = (vectors, stored_densities(question_ids=list(vectors)) if vectors else {})
    redundancy = dict.fromkeys(pool, 0.0)
    picked: list[int] = []
    roots: set[int] = set()
    wordings: set[str] = set()

    def taken(i: int) -> bool:
        return table.roots[i] in roots or (weights.fold and plain[i] in wordings)

    while pool and len(picked) < limit:
        if weights.diversity:
            best = max(pool, key=lambda i: scores[i] - weights.diversity * redundancy[i])
        else:
            best = pool[0]
        pool.remove(best)
        if taken(best):
            continue
        if by_probability and not weights.diversity and picked:
            redundancy[best] = _probabilities(weights, table, evidence, picked, best).max()
        if by_probability and redundancy[best] >= weights.fold_threshold:
            continue
        picked.append(best)
        roots.add(table.roots[best])
        wordings.add(plain[best])
        if weights.diversity and pool:
            update = _probabilities(weights, table, evidence, pool, best)
            for i, p in zip(pool, update, strict=True):
                redundancy[i] = max(redundancy[i], p)
    for i in order[POOL:]:
        if len(picked) >= limit:
            break
        if not taken(i):
            picked.append(i)
            roots.add(table.roots[i])
            wordings.add(plain[i])
    return [RankedItem(table.ids[i], round(float(scores[i]), 6)) for i in picked]


def _probabilities(
    weights: RelatedWeights,
    table: CandidateTable,
    evidence: tuple[dict, dict],
    others: list[int],
    one: int,
) -> np.ndarray:
    """P(same question) of candidate `one` with each of `others` (0 without vectors)."""
    vectors, densities = evidence
    rows = np.zeros((len(others), len(PAIR_FEATURES)))
    known = np.zeros(len(others), dtype=bool)
    for row, i in enumerate(others):
        cosine = _cos(vectors, table, i, one)
        if cosine is not None:
            pair = (densities.get(table.ids[i]), densities.get(table.ids[one]))
            rows[row] = pair_features(table.titles[one], table.titles[i], cosine, pair)
            known[row] = True
    return weights.duplicate.probability(rows) * known


def _cos(vectors: dict, table: CandidateTable, i: int, j: int) -> float | None:
    a, b = vectors.get(table.ids[i]), vectors.get(table.ids[j])
    return None if a is None or b is None else float(a @ b)


def related_rank(
    *, question: Question, weights: RelatedWeights | None = None, limit: int = STORED
) -> list[RankedItem]:
    """The related list of a question as the worker stores it, best first."""
    weights = weights or tuned_weights()
    current = engine()
    table = related_candidates(question=question, weights=weights, current=current)
    return related_select(table, question=question, weights=weights, limit=limit, current=current)

"""Search: analysed query → lexical and semantic candidates → fused ranking → page."""

import time
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q
from django.utils.safestring import SafeString

from mingyi.core.text import strip_control
from mingyi.departments.models import Department
from mingyi.questions.models import Question
from mingyi.questions.selectors import card_rows
from mingyi.search.adapter import adapt_query
from mingyi.search.analysis import query_terms
from mingyi.search.engine import engine
from mingyi.search.highlight import TITLE_WINDOW, excerpt, highlight
from mingyi.search.lexical import LexicalHits
from mingyi.search.ranking import RankingWeights, fuse, ranking_weights
from mingyi.search.vectors import embed_query

MAX_QUERY_CHARS = 200


@dataclass(frozen=True)
class SearchHit:
    id: int
    question_title: str
    snippet_text: str  # the answer's start, or the asker's words without an answer
    terms: tuple[str, ...]  # the query's terms, for marking
    department: str
    url: str
    score: float
    source: str
    published_at: object

    # Marked or plain on demand: the search page shows marks, the JSON API plain text,
    # and neither pays for the other (analysing a text is most of a snippet's cost).
    @cached_property
    def title(self) -> SafeString:
        """Escaped, matches marked."""
        return highlight(self.question_title, self.terms, window=TITLE_WINDOW)

    @cached_property
    def snippet(self) -> SafeString:
        return highlight(self.snippet_text, self.terms)

    @property
    def plain_title(self) -> str:
        return excerpt(self.question_title, self.terms, window=TITLE_WINDOW)

    @property
    def plain_snippet(self) -> str:
        return excerpt(self.snippet_text, self.terms)


@dataclass
class SearchResult:
    query: str
    terms: list[str]
    total: int
    hits: list[SearchHit]
    took_ms: float
    mode: str  # "hybrid", "lexical" (vectors not built yet) or "none" (no index yet)
    facets: list[tuple[Department, int]] = field(default_factory=list)


def _in_department(ids: list[int], department: Department) -> set[int]:
    scope = Q(department=department) | Q(department__parent=department)
    return set(Question.objects.filter(scope, pk__any=ids).values_list("pk", flat=True))


def _hits(ranked: list[tuple[int, float]], terms: list[str]) -> list[SearchHit]:
    from mingyi.questions.selectors import question_url_format, source_label

    url = question_url_format()
    ids = [pk for pk, _ in ranked]
    rows = {q.pk: q for q in card_rows(Question.objects.published().filter(pk__any=ids))}
    hits = []
    for pk, score in ranked:
        question = rows.get(pk)
        if question is None:  # unpublished since it was indexed
            continue
        hits.append(
            SearchHit(
                id=pk,
                question_title=question.title,
                snippet_text=question.answer_body or question.body,
                terms=tuple(terms),
                department=question.department.name,
                url=url.format(pk),
                score=round(score, 6),
                source=source_label(question.source),
                published_at=question.published_at,
            )
        )
    return hits


def _facets(engine_, terms: list[str], weights) -> list[tuple[Department, int]]:
    counts = engine_.lexical.department_counts(terms, weights.field_weights())
    departments = Department.objects.in_bulk(list(counts))
    facets = [(departments[pk], n) for pk, n in counts.items() if pk in departments]
    facets.sort(key=lambda item: (item[0].parent_id is not None, -item[1]))
    return facets


@dataclass(frozen=True)
class SearchEvidence:
    """What the ranking sees for one query: the lexical hits, the cosine of every
    candidate with a vector (None when the search is lexical only), when a text
    feature is weighted the candidates' titles, and when the adapted cosine is weighted
    (and an adapter is installed) the adapted query's cosine of every such candidate."""

    query: str
    terms: list[str]
    lexical: LexicalHits
    similarity: dict[int, float] | None
    titles: dict[int, str]
    adapted: dict[int, float] | None = None


def _evidence(
    current,
    query: str,
    terms: list[str],
    weights: RankingWeights,
    *,
    department: Department | None,
    depth: int,
    offset: int = 0,
    with_titles: bool = False,
) -> SearchEvidence:
    lexical = current.lexical.search(
        terms,
        weights=weights.field_weights(),
        department=department.pk if department else None,
        limit=depth,
    )
    similarity = None
    adapted = None
    titles: dict[int, str] = {}
    if len(current.vectors) and weights.uses_vectors() and offset < weights.candidates:
        vector = embed_query(query)
        nearest = current.vectors.nearest(vector, weights.candidates)
        if department is not None:
            allowed = _in_department([pk for pk, _ in nearest], department)
            nearest = [(pk, s) for pk, s in nearest if pk in allowed]
        similarity = dict(nearest)
        missing = [pk for pk, _ in lexical.hits if pk not in similarity]
        mapped = adapt_query(vector) if weights.adapted else None
        if mapped is None:
            similarity.update(current.vectors.similarities(vector, missing))
        else:
            # One read of the candidates' vectors serves both cosines.
            ids = list(dict.fromkeys([*similarity, *missing]))
            raw, adapted = current.vectors.similarities_many([vector, mapped], ids)
            similarity.update({pk: raw[pk] for pk in missing if pk in raw})
            adapted = {pk: adapted[pk] for pk in similarity if pk in adapted}
        if with_titles or weights.uses_titles():
            ids = {pk for pk, _ in lexical.hits} | similarity.keys()
            titles = dict(Question.objects.filter(pk__any=ids).values_list("pk", "title"))
    return SearchEvidence(query, terms, lexical, similarity, titles, adapted)


def search_evidence(
    *,
    query: str,
    department: Department | None = None,
    weights: RankingWeights | None = None,
    with_titles: bool = False,
) -> SearchEvidence | None:
    """The ranking's inputs for a query, exactly as `search()` gathers them (tuning)."""
    query = " ".join(strip_control(query).split())[:MAX_QUERY_CHARS]
    terms = query_terms(query)
    current = engine()
    if current is None or not terms:
        return None
    weights = weights or ranking_weights()
    return _evidence(
        current,
        query,
        terms,
        weights,
        department=department,
        depth=weights.candidates,
        with_titles=with_titles,
    )


def search(
    *,
    query: str,
    department: Department | None = None,
    limit: int = 10,
    offset: int = 0,
    with_facets: bool = False,
    weights: RankingWeights | None = None,
) -> SearchResult:
    """Search published questions. `weights` overrides the tuned ranking (benchmarks)."""
    started = time.perf_counter()
    query = " ".join(strip_control(query).split())[:MAX_QUERY_CHARS]
    terms = query_terms(query)
    current = engine()
    if current is None or not terms:
        # No index yet, or nothing searchable in the query (only punctuation, stop words).
        return SearchResult(query, terms, 0, [], 0.0, "none" if current is None else "lexical")
    weights = weights or ranking_weights()
    depth = max(weights.candidates, offset + limit)
    evidence = _evidence(
        current, query, terms, weights, department=department, depth=depth, offset=offset
    )
    lexical = evidence.lexical
    ranked = lexical.hits
    mode = "lexical"
    if evidence.similarity is not None:
        mode = "hybrid"
        ranked = fuse(
            lexical.hits,
            evidence.similarity,
            weights,
            query=query,
            titles=evidence.titles,
            adapted=evidence.adapted,
        )
    result = SearchResult(
        query=query,
        terms=terms,
        total=max(lexical.total, len(ranked)),
        hits=_hits(ranked[offset : offset + limit], terms),
        took_ms=0.0,
        mode=mode,
        facets=_facets(current, terms, weights) if with_facets and terms else [],
    )
    result.took_ms = round((time.perf_counter() - started) * 1000, 2)
    return result

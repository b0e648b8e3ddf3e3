"""Reads of 大家都在搜 for pages and the API: editors' pins first, then the refreshed
snapshot (the department's, then everyone's), then terms from the site's own
questions — so the strip is never empty while there is any content at all."""

from collections import Counter
from functools import cache as memoize
from functools import reduce
from operator import or_
from urllib.parse import quote

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from mingyi.departments.models import Department
from mingyi.questions.models import Question
from mingyi.search.analysis import QUERY_PIPELINE, analyze, query_terms
from mingyi.search.analysis.dictionary import medical_terms
from mingyi.trending.models import GLOBAL_SCOPE, TrendingBlock, TrendingPin, TrendingSnapshot
from mingyi.trending.safety import unsafe_reason
from mingyi.trending.services import CACHE_VERSION_KEY

CACHE_SECONDS = 60
FALLBACK_TITLES = 300  # recent titles the fallback terms are counted over
MAX_LIMIT = 20
SEARCH_URL = "/search/?q={}"


def trending_url(term: str) -> str:
    return SEARCH_URL.format(quote(term, safe=""))


def _blocks() -> list[tuple[str, frozenset[str]]]:
    return [
        (term, frozenset(query_terms(term)))
        for term in TrendingBlock.objects.values_list("term", flat=True)
    ]


def trending_blocked(*, term: str, blocks: list | None = None) -> bool:
    """Blocked when a block word appears in the term, or all its analysed words do."""
    words = frozenset(query_terms(term))
    for block, block_words in _blocks() if blocks is None else blocks:
        if block in term or (block_words and block_words <= words):
            return True
    return False


def _pins(department: Department | None) -> list[tuple[str, int | None]]:
    now = timezone.now()
    active = (Q(starts_at__isnull=True) | Q(starts_at__lte=now)) & (
        Q(ends_at__isnull=True) | Q(ends_at__gt=now)
    )
    scope = Q(department__isnull=True)
    if department is not None:
        scope |= Q(department_id__in=[department.pk, department.parent_id or department.pk])
    pins = TrendingPin.objects.filter(active, scope).order_by("position", "id")
    return list(pins.values_list("term", "department_id"))


@memoize
def _medical() -> frozenset[str]:
    return frozenset(term for term in medical_terms() if len(term) >= 2)


def _recent_titles(department: Department | None) -> list[str]:
    """The newest FALLBACK_TITLES published titles, of the department's whole tree (its
    top-level department and the children). The tree's questions are the newest of each
    of its departments, each read from the department's index: a plain filter on the
    tree (department = root OR its parent = root, or department IN the tree) walks every
    published question instead (2 s at 1,000,000 questions, on a page whose strip is not
    cached)."""
    newest = Question.objects.published().order_by("-published_at", "-id")
    if department is not None:
        root = department.parent_id or department.pk
        tree = [root, *Department.objects.filter(parent_id=root).values_list("pk", flat=True)]
        heads = [newest.filter(department_id=pk).values("pk")[:FALLBACK_TITLES] for pk in tree]
        newest = newest.filter(reduce(or_, (Q(pk__in=ids) for ids in heads)))
    return list(newest.values_list("title", flat=True)[:FALLBACK_TITLES])


def trending_fallback(*, department: Department | None, limit: int) -> list[str]:
    """Terms from real content when nobody has searched yet: the medical words most
    titles of recent questions use, then short titles themselves."""
    titles = _recent_titles(department)
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for title in titles:
        seen = set()
        for token in analyze(title, QUERY_PIPELINE):
            if token.text in _medical() and token.text not in seen:
                seen.add(token.text)
                counts[token.text] += 1
                forms.setdefault(token.text, Counter())[title[token.start : token.end]] += 1
    # Each term as the titles write it (发烧, not the analysed 发热).
    terms = [forms[word].most_common(1)[0][0] for word, n in counts.most_common() if n >= 2]
    for title in titles:
        short = title.rstrip("?？。 ")
        if len(short) <= 16:
            terms.append(short)
    return list(dict.fromkeys(terms))[: limit * 2]


def _snapshot(scope: str) -> list[str]:
    row = TrendingSnapshot.objects.filter(scope=scope).values_list("terms", flat=True).first()
    return [entry["term"] for entry in row or []]


def _compose(department: Department | None, limit: int) -> list[str]:
    blocks = _blocks()
    pinned = _pins(department)
    own = [t for t, d in pinned if d is not None]
    everywhere = [t for t, d in pinned if d is None]
    candidates = [*own, *everywhere]
    if department is not None:
        candidates += _snapshot(str(department.parent_id or department.pk))
    candidates += _snapshot(GLOBAL_SCOPE)
    terms: list[str] = []
    seen: set[frozenset[str]] = set()

    def take(items, *, check: bool) -> None:
        for term in items:
            key = frozenset(query_terms(term)) or frozenset([term])
            if len(terms) >= limit or key in seen:
                continue
            if check and (unsafe_reason(term) or trending_blocked(term=term, blocks=blocks)):
                continue
            terms.append(term)
            seen.add(key)

    take(own + everywhere, check=False)  # editors' picks are shown as chosen
    take(candidates[len(pinned) :], check=True)
    if len(terms) < limit:
        take(trending_fallback(department=department, limit=limit), check=True)
    return terms


def trending_list(*, department: Department | None = None, limit: int = 8) -> list[str]:
    """What to show under 大家都在搜, cached briefly per department and size."""
    limit = max(1, min(limit, MAX_LIMIT))
    version = cache.get_or_set(CACHE_VERSION_KEY, 1, None)
    key = f"trending:{version}:{department.pk if department else 0}:{limit}"
    terms = cache.get(key)
    if terms is None:
        terms = _compose(department, limit)
        cache.set(key, terms, CACHE_SECONDS)
    return terms

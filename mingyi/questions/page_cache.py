"""The anonymous question page, rendered once and kept in Django's cache.

A page's cache key (and its ETag) is a fingerprint read from the database in one
query: the question's own change time and state, its published answers (how many,
when published and reviewed, their length, their doctors' verification), its related
list's computation time and the latest 大家都在搜 refresh. Every process sees the same
database, so an edit, a publication, an answer review or a related/trending refresh
changes the key everywhere at once — with a per-process cache too, no message needs
to reach the other web workers. What the fingerprint cannot see (a related question's
own title edited, a doctor renamed) is bounded by the cache time.
"""

import hashlib

from django.conf import settings
from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Length
from django.http import HttpRequest

from mingyi.questions.models import Answer, Question
from mingyi.related.models import RelatedList
from mingyi.trending.models import TrendingSnapshot

KEY = "qpage:{pk}:{fingerprint}"


def _answers_aggregate(**aggregate) -> Subquery:
    """One aggregate over the question's published answers, as a correlated subquery."""
    ((name, expression),) = aggregate.items()
    rows = (
        Answer.objects.filter(question=OuterRef("pk"), status=Answer.Status.PUBLISHED)
        .order_by()
        .values("question")
        .annotate(**{name: expression})
        .values(name)
    )
    return Subquery(rows)


def question_page_fingerprint(*, pk: int) -> str | None:
    """What the page of question `pk` shows, as a short hash; None when it is not public."""
    row = (
        Question.objects.published()
        .filter(pk=pk)
        .annotate(
            n_answers=_answers_aggregate(n=Count("id")),
            answers_published=_answers_aggregate(m=Max("published_at")),
            answers_reviewed=_answers_aggregate(m=Max("reviewed_at")),
            answers_length=_answers_aggregate(s=Sum(Length("body"), output_field=IntegerField())),
            doctors_verified=_answers_aggregate(
                n=Count("id", filter=Q(doctor__verification_status="verified"))
            ),
            doctors_verified_at=_answers_aggregate(m=Max("doctor__verified_until")),
            related_at=Subquery(
                RelatedList.objects.filter(question=OuterRef("pk")).values("computed_at")[:1]
            ),
            trending_at=Subquery(
                TrendingSnapshot.objects.order_by("-computed_at").values("computed_at")[:1]
            ),
        )
        .values_list(
            "updated_at",
            "status",
            "canonical_id",
            "department_id",
            "n_answers",
            "answers_published",
            "answers_reviewed",
            Coalesce("answers_length", 0),
            "doctors_verified",
            "doctors_verified_at",
            "related_at",
            "trending_at",
        )
        .first()
    )
    if row is None:
        return None
    return hashlib.blake2b(repr(row).encode(), digest_size=12).hexdigest()


def page_cacheable(request: HttpRequest) -> bool:
    """Only anonymous visitors share a cached page: a signed-in user's page carries their
    name and a CSRF token, and is never stored."""
    return settings.MINGYI_PAGE_CACHE_SECONDS > 0 and not request.user.is_authenticated


def page_key(request: HttpRequest, pk: int, fingerprint: str) -> str:
    # The page holds absolute URLs (canonical link, JSON-LD): one entry per host/scheme.
    site = f"{request.scheme}://{request.get_host()}"
    return KEY.format(pk=pk, fingerprint=f"{fingerprint}:{hashlib.md5(site.encode()).hexdigest()}")

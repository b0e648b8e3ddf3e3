"""Writes of the search app: the outbox that derived data follows, and the search log."""

import logging
from collections.abc import Iterable

from django.db import DatabaseError, transaction

from mingyi.ops.unavailable import READ_ONLY, database_fault
from mingyi.search.models import SearchOutbox

logger = logging.getLogger(__name__)


def search_outbox_record(*, question_ids: Iterable[int]) -> None:
    """Note that these questions changed. Call inside the transaction of the change."""
    SearchOutbox.objects.bulk_create(
        [SearchOutbox(question_id=pk) for pk in dict.fromkeys(question_ids)], batch_size=1000
    )


SESSION_COOKIE = "mingyi_sid"


def search_session(request, response=None) -> str:
    """An anonymous, random token that groups one reader's searches (for trending's
    distinct-session counts). Never tied to an account or an address."""
    import secrets

    token = request.COOKIES.get(SESSION_COOKIE, "")
    if not (len(token) == 22 and token.replace("-", "").replace("_", "").isalnum()):
        token = getattr(request, "_mingyi_sid", "") or secrets.token_urlsafe(16)
        request._mingyi_sid = token
    if response is not None and SESSION_COOKIE not in request.COOKIES:
        response.set_cookie(
            SESSION_COOKIE, token, max_age=30 * 24 * 3600, httponly=True, samesite="Lax"
        )
    return token


def search_log_record(*, result, department=None, session: str = "") -> None:
    """Record one search: the query as typed and as analysed, results, latency."""
    from mingyi.ops.metrics import SEARCH_LATENCY, SEARCH_ZERO_RESULTS
    from mingyi.search.models import SearchLog

    SEARCH_LATENCY.labels(result.mode).observe(result.took_ms / 1000)
    if not result.total:
        SEARCH_ZERO_RESULTS.inc()
    try:
        # A savepoint, so a refused write leaves an enclosing transaction usable.
        with transaction.atomic():
            SearchLog.objects.create(
                query=result.query[:200],
                normalized=" ".join(result.terms)[:200],
                department_id=department.pk if department else None,
                result_count=result.total,
                took_ms=result.took_ms,
                session=session[:32],
            )
    except DatabaseError as exc:
        # A read-only or full database must not stop readers from searching.
        if database_fault(exc) != READ_ONLY:
            raise
        logger.warning("search log not written: %s", exc)

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from mingyi.core.errors import ErrorOut
from mingyi.departments.models import Department
from mingyi.search.selectors import MAX_QUERY_CHARS, search
from mingyi.search.services import search_log_record
from mingyi.search.suggest import suggestions

router = Router(tags=["search"])


class SearchParams(Schema):
    # No longer than what is searched: a longer one would also outgrow the request line.
    q: str = Field(
        ..., min_length=1, max_length=MAX_QUERY_CHARS, description="what the reader typed"
    )
    limit: int = Field(10, ge=1, le=50)
    offset: int = Field(0, ge=0, le=1000)
    department: str = Field("", max_length=64, description="department slug, name or id")


class SearchHitOut(Schema):
    id: int
    title: str
    snippet: str
    department: str
    url: str
    score: float


class SearchOut(Schema):
    query: str
    total: int
    results: list[SearchHitOut]
    took_ms: float


def _department(value: str) -> Department | None:
    value = value.strip()
    if not value:
        return None
    lookup = {"pk": int(value)} if value.isdigit() else {"slug": value}
    department = Department.objects.filter(**lookup).first()
    return department or Department.objects.filter(name=value).first()


class SuggestParams(Schema):
    q: str = Field("", max_length=100, description="a prefix: characters, pinyin or initials")
    limit: int = Field(8, ge=1, le=20)


class SuggestOut(Schema):
    suggestions: list[str]


@router.get(
    "/suggest", response={200: SuggestOut, 422: ErrorOut}, summary="Prefix suggestions (pinyin too)"
)
def suggest_get(request: HttpRequest, params: Query[SuggestParams]):
    return {"suggestions": suggestions(params.q, params.limit)}


@router.get(
    "/search",
    response={200: SearchOut, frozenset({404, 422}): ErrorOut},
    summary="Search published questions",
)
def search_get(request: HttpRequest, params: Query[SearchParams]):
    department = _department(params.department)
    if params.department and department is None:
        from ninja.errors import HttpError

        raise HttpError(404, f"科室不存在:{params.department}")
    result = search(query=params.q, department=department, limit=params.limit, offset=params.offset)
    if result.query:
        search_log_record(result=result, department=department)
    return {
        "query": result.query,
        "total": result.total,
        "results": [
            {
                "id": hit.id,
                "title": hit.plain_title,
                "snippet": hit.plain_snippet,
                "department": hit.department,
                "url": hit.url,
                "score": hit.score,
            }
            for hit in result.hits
        ],
        "took_ms": result.took_ms,
    }

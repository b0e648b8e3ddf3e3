from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from mingyi.core.errors import ErrorOut
from mingyi.departments.selectors import department_get
from mingyi.trending.selectors import MAX_LIMIT, trending_list, trending_url

router = Router(tags=["trending"])

ERROR_UNKNOWN_DEPARTMENT = "科室不存在:{slug}"


class TrendingParams(Schema):
    limit: int = Field(8, ge=1, le=MAX_LIMIT)
    department: str = Field("", max_length=64, description="department slug (optional)")


class TrendingTermOut(Schema):
    term: str
    url: str = Field(description="/search/?q=<term>")


class TrendingOut(Schema):
    terms: list[TrendingTermOut]


@router.get(
    "/trending",
    response={200: TrendingOut, frozenset({404, 422}): ErrorOut},
    summary="大家都在搜: what others search for",
)
def trending_get(request: HttpRequest, params: Query[TrendingParams]):
    department = department_get(slug=params.department) if params.department else None
    if params.department and department is None:
        raise HttpError(404, ERROR_UNKNOWN_DEPARTMENT.format(slug=params.department))
    terms = trending_list(department=department, limit=params.limit)
    return {"terms": [{"term": term, "url": trending_url(term)} for term in terms]}

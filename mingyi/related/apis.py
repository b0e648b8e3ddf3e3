from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Schema
from pydantic import Field

from mingyi.core.errors import ErrorOut
from mingyi.questions.selectors import question_public_get
from mingyi.related.engine import STORED
from mingyi.related.selectors import related_list

router = Router(tags=["questions"])

ERROR_NOT_FOUND = "问题不存在"


class RelatedPath(Schema):
    id: int = Field(..., ge=1, le=2**63 - 1)


class RelatedParams(Schema):
    limit: int = Field(6, ge=1, le=STORED)


class RelatedOut(Schema):
    id: int
    title: str
    snippet: str
    source: str = Field(description="source label, e.g. 名医问答")
    published_at: datetime | None
    url: str


class RelatedListOut(Schema):
    results: list[RelatedOut]


@router.get(
    "/questions/{id}/related",
    response={200: RelatedListOut, frozenset({404, 422}): ErrorOut},
    summary="相关推荐: related questions, no two of one duplicate cluster",
)
def related_get(request: HttpRequest, path: Path[RelatedPath], params: Query[RelatedParams]):
    question = question_public_get(pk=path.id)
    if question is None:
        raise Http404(ERROR_NOT_FOUND)
    cards = related_list(question=question, limit=params.limit)
    return {"results": [card.__dict__ for card in cards]}

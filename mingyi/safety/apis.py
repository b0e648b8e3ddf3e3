"""Emergency triage over the JSON API: the asker's page calls it before a question is posted."""

from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from mingyi.core.errors import ErrorOut
from mingyi.safety.triage import triage

router = Router(tags=["safety"])


class TriageIn(Schema):
    text: str = Field(..., min_length=1, max_length=5000, description="what the asker typed")


class TriageOut(Schema):
    level: Literal["emergency", "urgent", "routine"]
    reasons: list[str] = Field(description="short Chinese reasons; empty for routine")
    advice: str = Field(description="what to do now; an emergency starts with 请立即拨打120")
    hotlines: list[str] = Field(description='numbers to show, e.g. ["120", "12356"]')


@router.post(
    "/triage",
    response={200: TriageOut, frozenset({400, 422}): ErrorOut},
    summary="Emergency triage of what an asker wrote",
)
def triage_post(request: HttpRequest, payload: TriageIn):
    result = triage(payload.text)
    return {
        "level": result.level,
        "reasons": result.reasons,
        "advice": result.advice,
        "hotlines": result.hotlines,
    }

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from mingyi.safety.triage import triage

router = Router(tags=["safety"])


class TriageIn(Schema):
    text: str = Field(..., min_length=1, max_length=5000)


class TriageOut(Schema):
    level: str
    reasons: list[str]
    advice: str
    hotlines: list[str]


@router.post("/triage", response=TriageOut, summary="Emergency triage of what an asker wrote")
def triage_post(request: HttpRequest, payload: TriageIn):
    result = triage(payload.text)
    return {
        "level": result.level,
        "reasons": result.reasons,
        "advice": result.advice,
        "hotlines": result.hotlines,
    }

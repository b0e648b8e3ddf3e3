"""The one error shape of the JSON API: {"error": {"code", "message"}}."""

from django.http import JsonResponse
from ninja import Schema
from pydantic import Field

NOT_FOUND = "not_found"
INVALID = "invalid_request"
SERVER_ERROR = "server_error"

MESSAGE_NOT_FOUND = "请求的资源不存在。"
MESSAGE_SERVER_ERROR = "服务器内部错误,请稍后再试。"


def error_response(*, status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": code, "message": message}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


class ErrorDetail(Schema):
    code: str = Field(description="not_found, invalid_request, unauthenticated, forbidden …")
    message: str = Field(description="what went wrong, in Chinese, for people")


class ErrorOut(Schema):
    """The documented body of every 4xx answer of the API."""

    error: ErrorDetail

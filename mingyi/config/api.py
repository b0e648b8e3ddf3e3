"""The JSON API v1: one NinjaAPI, each app contributing its router, one error shape."""

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from mingyi.accounts.ratelimit import RateLimited
from mingyi.core.errors import (
    INVALID,
    MESSAGE_NOT_FOUND,
    MESSAGE_SERVER_ERROR,
    NOT_FOUND,
    SERVER_ERROR,
    error_response,
)
from mingyi.core.views import too_many_requests
from mingyi.departments.apis import router as departments_router
from mingyi.doctors.apis import router as doctors_router
from mingyi.ops.unavailable import database_fault, unavailable_response
from mingyi.questions.apis import reviews as reviews_router
from mingyi.questions.apis import router as questions_router
from mingyi.related.apis import router as related_router
from mingyi.safety.apis import router as safety_router
from mingyi.search.apis import router as search_router
from mingyi.trending.apis import router as trending_router

logger = logging.getLogger(__name__)

HTTP_ERROR_CODES = {401: "unauthenticated", 403: "forbidden", 404: NOT_FOUND}


class Utf8JSONRenderer(JSONRenderer):
    """Chinese text as itself, not as \\u escapes: half the bytes, readable in a terminal."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Utf8JSONRenderer(),
    title="名医问答 API",
    version="1",
    description='Mingyi\'s public read API. Errors are `{"error": {"code", "message"}}`.',
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/questions", questions_router)
api.add_router("/departments", departments_router)
api.add_router("/doctors", doctors_router)
api.add_router("", search_router)
api.add_router("", safety_router)
api.add_router("/answers", reviews_router)
api.add_router("", related_router)
api.add_router("", trending_router)


def _describe(error: dict) -> str:
    where = ".".join(
        str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")
    )
    message = error.get("msg", "invalid value")
    return f"{where}: {message}" if where else message


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    message = "; ".join(_describe(e) for e in exc.errors) or "参数不合法"
    return error_response(status=422, code=INVALID, message=message)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(status=404, code=NOT_FOUND, message=str(exc) or MESSAGE_NOT_FOUND)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(status=401, code="unauthenticated", message="需要登录")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja raises HttpError(403) itself when a signed-in POST lacks its CSRF token.
    code = HTTP_ERROR_CODES.get(exc.status_code, INVALID)
    return error_response(status=exc.status_code, code=code, message=str(exc))


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(status=403, code="forbidden", message=str(exc) or "没有权限")


@api.exception_handler(DjangoValidationError)
def on_rule_broken(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return error_response(status=422, code=INVALID, message="; ".join(exc.messages))


@api.exception_handler(MultiPartParserError)
def on_unreadable_body(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    # e.g. multipart/form-data without a boundary, met while checking the CSRF token.
    return error_response(status=400, code=INVALID, message=f"请求体无法解析:{exc}")


@api.exception_handler(RateLimited)
def on_rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    return too_many_requests(request, exc)


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    if fault := database_fault(exc):
        logger.warning("database %s on %s: %s", fault, request.path, exc)
        return unavailable_response(request, fault)
    logger.exception("unhandled API error on %s", request.path)
    return error_response(status=500, code=SERVER_ERROR, message=MESSAGE_SERVER_ERROR)

import sys

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from mingyi.core.errors import (
    MESSAGE_NOT_FOUND,
    MESSAGE_SERVER_ERROR,
    NOT_FOUND,
    SERVER_ERROR,
    error_response,
)
from mingyi.departments.selectors import department_tree
from mingyi.ops.unavailable import database_fault, unavailable_response
from mingyi.questions.selectors import question_latest, trending_terms
from mingyi.seo.jsonld import home_page


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "departments": department_tree(),
        "latest": question_latest(limit=12),
        "trending": trending_terms(department=None, limit=8),
        "jsonld": home_page(request),
    }
    return render(request, "core/home.html", context)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return error_response(status=404, code=NOT_FOUND, message=MESSAGE_NOT_FOUND)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # A database fault outside a view (session or auth middleware) is still a 503.
    if fault := database_fault(sys.exc_info()[1]):
        return unavailable_response(request, fault)
    if _is_api(request):
        return error_response(status=500, code=SERVER_ERROR, message=MESSAGE_SERVER_ERROR)
    # No request context and no database work: this page must render even when the
    # database is what failed.
    html = loader.get_template("500.html").render({"site_name": settings.MINGYI_SITE_NAME})
    return HttpResponseServerError(html)


def too_many_requests(request: HttpRequest, exc) -> HttpResponse:
    """429 with Retry-After, as a page or in the API's error shape."""
    if _is_api(request):
        response = error_response(status=429, code="rate_limited", message=str(exc))
    else:
        response = render(request, "429.html", {"message": str(exc)}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else "您没有权限进行这个操作。"
    if _is_api(request):
        return error_response(status=403, code="forbidden", message=message)
    return render(request, "403.html", {"message": message}, status=403)


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")

"""When the database cannot serve — down, restarting, read-only or out of disk — the
reader gets 503 with Retry-After and a message, never a 500 traceback; everything that
does not need the failing part keeps working."""

import logging
import sqlite3

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

from mingyi.core.errors import error_response

logger = logging.getLogger(__name__)

UNAVAILABLE = "unavailable"
READ_ONLY = "read_only"

MESSAGE_UNAVAILABLE = "数据库暂时无法连接,请稍后再试。"
MESSAGE_READ_ONLY = "网站暂时无法保存内容(数据库只读或磁盘已满),请稍后再试;浏览不受影响。"

# Seconds a client should wait: a restart takes seconds, an operator freeing disk longer.
RETRY_AFTER = {UNAVAILABLE: 5, READ_ONLY: 60}
MESSAGES = {UNAVAILABLE: MESSAGE_UNAVAILABLE, READ_ONLY: MESSAGE_READ_ONLY}

# SQLSTATEs (PostgreSQL) and primary result codes (SQLite) that mean "cannot write".
_PG_CANNOT_WRITE = {"25006", "53100", "53200"}  # read-only transaction, disk full, out of memory
_SQLITE_CANNOT_WRITE = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL}


def database_fault(exc: BaseException | None) -> str | None:
    """READ_ONLY or UNAVAILABLE when `exc` is the database failing rather than the
    request being wrong (an IntegrityError, say, stays a bug); otherwise None."""
    if not isinstance(exc, DatabaseError):
        return None
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) in _PG_CANNOT_WRITE:
        return READ_ONLY
    sqlite_code = getattr(cause, "sqlite_errorcode", None)
    if sqlite_code is not None and sqlite_code & 0xFF in _SQLITE_CANNOT_WRITE:
        return READ_ONLY
    if isinstance(exc, OperationalError | InterfaceError):
        return UNAVAILABLE
    return None


def unavailable_response(request: HttpRequest, fault: str) -> HttpResponse:
    """503 as the API's error shape or as a page that renders without the database."""
    message = MESSAGES[fault]
    if request.path.startswith("/api/"):
        response = error_response(status=503, code=fault, message=message)
    else:
        html = loader.get_template("ops/503.html").render(
            {"site_name": settings.MINGYI_SITE_NAME, "message": message}
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER[fault])
    return response


class DatabaseFaultMiddleware:
    """Turns a database fault raised by a view into 503 (handler500 covers the rest)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        fault = database_fault(exc)
        if fault is None:
            return None
        logger.warning("database %s on %s: %s", fault, request.path, exc)
        return unavailable_response(request, fault)

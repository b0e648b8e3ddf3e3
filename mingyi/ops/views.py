from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from mingyi.ops.checks import READINESS
from mingyi.ops.metrics import metrics_payload


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. No database, so a slow database never restarts it."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: database, cache and this machine's search index (and its backlog)."""
    checks = [check() for check in READINESS]
    ready = all(check.ok for check in checks)
    body = {
        "status": "ok" if ready else "unavailable",
        "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in checks},
    }
    return JsonResponse(
        body, status=200 if ready else 503, json_dumps_params={"ensure_ascii": False}
    )


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus exposition. Restrict it to the monitoring network at the proxy."""
    payload, content_type = metrics_payload()
    return HttpResponse(payload, content_type=content_type)

"""Prometheus metrics. Under gunicorn every worker writes to PROMETHEUS_MULTIPROC_DIR
(set by `mingyi serve`) and /metrics adds them up; otherwise one process registry."""

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56)

REQUEST_LATENCY = Histogram(
    "mingyi_request_seconds",
    "Time to answer a request, by route and status class",
    ["route", "method", "status"],
    buckets=LATENCY_BUCKETS,
)
SEARCH_LATENCY = Histogram(
    "mingyi_search_seconds", "Time of one search", ["mode"], buckets=LATENCY_BUCKETS
)
SEARCH_ZERO_RESULTS = Counter("mingyi_search_zero_results_total", "Searches that found nothing")
IMPORTED_ROWS = Counter("mingyi_import_rows_total", "Imported rows", ["outcome"])
QUEUE_DEPTH = Gauge(
    "mingyi_outbox_backlog",
    "Outbox rows this machine's index has not applied yet",
    multiprocess_mode="max",
)


def metrics_payload() -> tuple[bytes, str]:
    from mingyi.ops.checks import outbox_backlog

    QUEUE_DEPTH.set(outbox_backlog())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST

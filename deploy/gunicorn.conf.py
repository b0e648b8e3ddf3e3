"""gunicorn for Mingyi in production (deploy/systemd/mingyi-web.service) and in
bench/serve.sh:

    gunicorn -c deploy/gunicorn.conf.py mingyi.config.wsgi:application

Everything is set from the environment, so one file serves every machine. Under
systemd socket activation (mingyi-web.socket) gunicorn takes the socket systemd
passes and `bind` is ignored.
"""

import os
import shutil
from pathlib import Path

# The production profile unless the environment chose another (the bench uses base).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingyi.config.django.production")

# Loopback only: nginx in front terminates TLS, serves static files and micro-caches.
bind = os.environ.get("MINGYI_BIND", "127.0.0.1:8000")
# Two cores: two processes of four threads each. Threads overlap database and disk
# waits; processes use both cores. Raise MINGYI_WEB_WORKERS with the core count.
workers = int(os.environ.get("MINGYI_WEB_WORKERS", "2"))
# gthread that closes its listening socket on SIGTERM: in-flight requests finish, new
# connections are refused at once (docs/operations.md, failure behaviour).
worker_class = "mingyi.core.server.GracefulThreadWorker"
threads = int(os.environ.get("MINGYI_WEB_THREADS", "4"))
# Django and the search index load in each worker (not preloaded in the master): a
# worker then owns its index readers and database connections outright.
preload_app = False
timeout = 30
graceful_timeout = 20
# nginx keeps connections to gunicorn open (upstream keepalive).
keepalive = 5
# A slow leak in a long-lived worker cannot grow without bound: restart it now and
# then, the workers at different moments.
max_requests = 20_000
max_requests_jitter = 2_000
forwarded_allow_ips = "127.0.0.1,::1"
proxy_allow_ips = "127.0.0.1,::1"

accesslog = os.environ.get("MINGYI_ACCESS_LOG", "-")
# %(D)s: the server's own time for the request, in microseconds (bench/page_speed.py
# reads it); %({x-request-id}i)s ties the line to the proxy's and Django's logs.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)sus %({x-request-id}i)s'
errorlog = "-"
loglevel = os.environ.get("MINGYI_LOG_LEVEL", "info").lower()


def on_starting(server) -> None:
    """Workers inherit the master's malloc settings (mingyi.ops.malloc) and write
    Prometheus metrics into one directory, emptied here at each start. (The numeric
    libraries' threads are set by mingyi.config.wsgi, which each worker loads first.)"""
    from mingyi.ops.malloc import malloc_arenas_limit

    malloc_arenas_limit()
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
        Path(directory).mkdir(parents=True, exist_ok=True)


def post_worker_init(worker) -> None:
    """Open the search index and load the query model before the first request."""
    from mingyi.search.warmup import search_warmup

    search_warmup()


def child_exit(server, worker) -> None:
    """A dead worker's gauges leave /metrics with it."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)

import os
import shutil
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections

from mingyi.config.env import env_int
from mingyi.core.setup import database_prepare
from mingyi.demo.services import demo_load_if_empty
from mingyi.search.follower import index_rebuild
from mingyi.search.storage import state_read


class Command(BaseCommand):
    help = "Migrate, load the demo content into an empty database, and serve the site."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers",
            type=int,
            default=env_int("MINGYI_WEB_WORKERS", 2),
            help="web worker processes (MINGYI_WEB_WORKERS, default 2)",
        )
        parser.add_argument("--no-demo", action="store_true", help="never load the demo content")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start `mingyi worker` (run it as its own service instead)",
        )

    def handle(self, *args, host: str, port: int, workers: int, no_demo: bool, **options) -> None:
        # Web workers are separate processes: their metrics meet in one directory.
        metrics_dir = settings.DATA_DIR / "prometheus"
        shutil.rmtree(metrics_dir, ignore_errors=True)
        metrics_dir.mkdir(parents=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
        self.stdout.write("准备数据库…")
        database_prepare()
        if not no_demo:
            loaded = demo_load_if_empty()
            if loaded:
                self.stdout.write(f"数据库为空,已载入演示内容:{loaded} 个问题")
        call_command("collectstatic", interactive=False, verbosity=0)
        if state_read() is None:
            self.stdout.write("建立搜索索引…")
            index_rebuild()
        # On the embedded default one command is the whole site: the worker (index
        # writer, vectors) runs beside the web workers and stops with them.
        worker = None
        if not options["no_worker"]:
            worker = subprocess.Popen([sys.executable, "-m", "mingyi", "worker"])

        # Forked web workers must not share the connections the parent opened.
        connections.close_all()
        from mingyi.config.wsgi import application

        self.stdout.write(
            self.style.SUCCESS(f"名医问答 运行于 http://{host}:{port}/ (Ctrl+C 停止)")
        )
        try:
            self._serve(application, host, port, workers)
        finally:
            if worker is not None:
                _stop_worker(worker, self.stderr)

    def _serve(self, application, host: str, port: int, workers: int) -> None:
        from mingyi.core.server import WebServer

        WebServer(
            application,
            {
                "bind": f"{host}:{port}",
                "workers": workers,
                "worker_class": "mingyi.core.server.GracefulThreadWorker",
                "threads": 4,
                "accesslog": "-",
                "graceful_timeout": 20,
                "post_worker_init": _warm_up,
            },
        ).run()


WORKER_STOP_SECONDS = 20


def _stop_worker(worker: subprocess.Popen, stderr) -> None:
    """SIGTERM lets the worker finish its batch; one that is still computing after
    WORKER_STOP_SECONDS is killed: its work is idempotent and resumes from the outbox."""
    worker.terminate()
    try:
        worker.wait(timeout=WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        stderr.write(f"worker 未在 {WORKER_STOP_SECONDS} 秒内停止,已强制结束(重启后从发件箱继续)")
        worker.kill()
        worker.wait()


def _warm_up(worker) -> None:
    from mingyi.search.warmup import search_warmup

    search_warmup()

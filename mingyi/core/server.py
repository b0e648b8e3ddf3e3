"""Serving the site with gunicorn from inside the `mingyi serve` command."""

from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import ThreadWorker


class WebServer(BaseApplication):
    def __init__(self, application, options: dict) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


class GracefulThreadWorker(ThreadWorker):
    """gunicorn's gthread worker, except that on SIGTERM it closes its copy of the
    listening socket at once: requests in flight still finish, but a new connection is
    refused (and a load balancer moves on) instead of waiting in the kernel's backlog
    only to be reset when the worker exits."""

    def handle_exit(self, sig, frame) -> None:
        was_alive = self.alive
        super().handle_exit(sig, frame)
        if was_alive:
            self.set_accept_enabled(False)
            for listener in self.sockets:
                listener.close()

    def set_accept_enabled(self, enabled: bool) -> None:
        if enabled and not self.alive:
            return  # stopping: the listeners are closed
        super().set_accept_enabled(enabled)

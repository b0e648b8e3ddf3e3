"""Serving the site with gunicorn from inside the `mingyi serve` command."""

from gunicorn.app.base import BaseApplication


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

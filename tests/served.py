"""Running the real `mingyi serve` (gunicorn, whitenoise, demo content) for end-to-end tests."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mingyi_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    return {**env, "MINGYI_DATA_DIR": str(data_dir), **extra}


class SiteUrl(str):
    """The base URL of a served site, which also knows its data directory."""

    def __new__(cls, base: str, data_dir: Path, process=None, env=None) -> "SiteUrl":
        site = super().__new__(cls, base)
        site.data_dir = data_dir
        site.process = process  # the `mingyi serve` process, for signal tests
        site.env = env or {}
        return site

    def run(self, code: str) -> str:
        """Run Python in the site's Django (`mingyi shell -c`), e.g. to create accounts."""
        result = subprocess.run(
            [sys.executable, "-m", "mingyi", "shell", "-c", code],
            env=mingyi_env(self.data_dir, **self.env),
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode:
            raise RuntimeError(result.stderr[-3000:])
        return result.stdout


@contextmanager
def served_site(data_dir: Path, timeout: float = 90, **env: str):
    """Start `python -m mingyi serve` on a free loopback port; yield its base URL.
    `env` adds environment variables (DATABASE_URL, rate limits …)."""
    port = free_port()
    log = (data_dir.parent / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "mingyi", "serve", "--port", str(port), "--workers", "1"],
        env=mingyi_env(data_dir, **env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "mingyi serve did not come up:\n"
                    + (data_dir.parent / "serve.log").read_text(errors="replace")[-3000:]
                )
            time.sleep(0.3)
        yield SiteUrl(base, data_dir, process, env)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()

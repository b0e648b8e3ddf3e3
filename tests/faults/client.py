"""A small HTTP client for fault tests: statuses and bodies, never exceptions for 4xx/5xx,
with a cookie jar so page forms can carry their CSRF token."""

import http.cookiejar
import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field


@dataclass
class Reply:
    status: int  # 0 when the connection itself failed
    body: str
    headers: dict = field(default_factory=dict)

    def json(self) -> dict:
        return json.loads(self.body)


class Client:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, path: str, data: bytes | None = None, headers=None) -> Reply:
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=15) as response:
                return Reply(response.status, response.read().decode(), dict(response.headers))
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read().decode(errors="replace"), dict(error.headers))
        except OSError as error:
            return Reply(0, repr(error))

    def get(self, path: str) -> Reply:
        return self.request(path)

    def post_json(self, path: str, payload: dict) -> Reply:
        body = json.dumps(payload, ensure_ascii=False).encode()
        return self.request(path, body, {"Content-Type": "application/json"})

    def post_form(self, path: str, form: dict) -> Reply:
        """POST a page form the way a browser does: GET it first for the CSRF token."""
        page = self.get(path).body
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": token}).encode()
        headers = {"Referer": self.base + path}
        return self.request(path, body, headers)


class Load(threading.Thread):
    """Requests the given paths in turn until stopped, recording (start, end, reply)."""

    def __init__(self, base: str, paths: list[str]) -> None:
        super().__init__(daemon=True)
        self.client = Client(base)
        self.paths = paths
        self.records: list[tuple[float, float, str, Reply]] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.stopping.is_set():
            path = self.paths[n % len(self.paths)]
            started = time.monotonic()
            reply = self.client.get(path)
            self.records.append((started, time.monotonic(), path, reply))
            n += 1
            time.sleep(0.02)

    def stop(self) -> list[tuple[float, float, str, Reply]]:
        self.stopping.set()
        self.join(timeout=30)
        return self.records

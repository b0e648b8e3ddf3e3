"""SIGTERM to `mingyi serve`: the request in flight finishes, new connections are
refused, and the background worker stops cleanly with the server."""

import json
import signal
import socket
import time
from pathlib import Path

import pytest

from tests.served import served_site

pytestmark = pytest.mark.processes


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigterm_lets_the_request_in_flight_finish_and_refuses_new_ones(tmp_path):
    body = json.dumps({"text": "今天头痛,没有发热"}, ensure_ascii=False).encode()
    head = (
        "POST /api/v1/triage HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    with served_site(tmp_path / "data") as base:
        serve = base.process
        port = int(base.rsplit(":", 1)[1])
        processes = children(serve.pid)
        assert len(processes) >= 2  # a web worker and `mingyi worker`
        # A slow client: the request is accepted and half its body sent.
        slow = socket.create_connection(("127.0.0.1", port), timeout=30)
        slow.sendall(head + body[:5])
        time.sleep(1)
        serve.send_signal(signal.SIGTERM)
        time.sleep(2)
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        slow.sendall(body[5:])
        response = b""
        while chunk := slow.recv(65536):
            response += chunk
        slow.close()
        # The web worker exits once the request is answered; `mingyi worker` after
        # its batch (or is killed 20 s later: its work resumes from the outbox).
        assert serve.wait(timeout=60) == 0
    status, _, payload = response.partition(b"\r\n\r\n")
    assert status.startswith(b"HTTP/1.1 200"), response[:500]
    assert json.loads(payload)["level"] in {"routine", "urgent", "emergency"}
    assert not [pid for pid in processes if alive(pid)]

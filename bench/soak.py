"""Soak: minutes of mixed traffic at 70% of measured capacity against `mingyi serve` on
loopback, on a copy of a corpus (the demo content unless --data-dir).

First ~30 s of closed-loop traffic (--concurrency clients, the same mix) measure the
capacity in requests/s; then an open-loop generator sends at --fraction of it: request i
is due at t0 + i/rate whatever happened before, and its latency counts from when it was
due, so a stalled server shows up as latency instead of as fewer requests. The mix:
question pages, search pages, the search and suggest APIs, the home page, and asks
(POST /ask/ with its CSRF token; triage and moderation run as for anyone).

Prints requests by kind, 5xx (must be 0), 429 and connection errors apart, p50/p99 and
the load average per minute, and the resident memory of every web and worker process at
the start, after the first minute and at the end. Growth is judged from the end of the
first minute: in that minute the bounded per-process caches (pages, fragments, search
results: MINGYI_LOCAL_CACHE_ENTRIES) fill up, which is warm-up, not a leak; after it, no
process may grow by 10% or more. p99 is stable when no minute's p99 exceeds 3× the
median of the minutes' p99s.

    .venv/bin/python bench/soak.py [--minutes 10] [--data-dir DIR] [--workers 2]
"""

import argparse
import http.client
import itertools
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

QUERIES = [
    "头痛",
    "胃痛",
    "咳嗽",
    "发烧",
    "失眠",
    "月经",
    "肉毒素",
    "高血压",
    "糖尿病",
    "湿疹",
    "大姨妈来了头疼",
    "打肉毒后遗症",
    "人流几周能做",
    "孩子发烧怎么办",
    "腰疼",
    "便秘",
]
PREFIXES = ["肉毒", "roudu", "rds", "tou", "头", "胃", "ke", "高血", "tang", "失"]
ASKS = [
    "最近{n}天饭后胃胀,偶尔反酸,没有发热,需要做胃镜吗?",
    "孩子咳嗽{n}天了,夜里加重,精神还好,要去医院吗?",
    "头痛{n}天,太阳穴附近胀痛,睡不好,吃什么药?",
    "膝盖上下楼梯疼了{n}周,没有外伤,是关节炎吗?",
]
# kind: weight (of 100)
MIX = {"question": 40, "search": 20, "api_search": 10, "suggest": 15, "home": 10, "ask": 5}


class Session:
    """One client: a kept-alive connection, cookies, and the ask form's CSRF token."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.connection: http.client.HTTPConnection | None = None
        self.last_used = 0.0
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def request(self, method: str, path: str, body: bytes | None = None, headers=None) -> int:
        # gunicorn closes kept-alive connections after 2 s idle: start afresh before that.
        if self.connection is None or time.monotonic() - self.last_used > 1.5:
            if self.connection is not None:
                self.connection.close()
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            raise
        finally:
            self.last_used = time.monotonic()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        self.body = payload
        return response.status


class Traffic:
    def __init__(self, base_port: int, question_ids: list[int], seed: int = 1) -> None:
        self.port = base_port
        self.question_ids = question_ids
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.asked = itertools.count()
        kinds, weights = zip(*MIX.items(), strict=True)
        self.kinds, self.weights = kinds, weights

    def pick(self) -> tuple[str, str]:
        with self.lock:
            kind = self.random.choices(self.kinds, self.weights)[0]
            q = urllib.parse.quote(self.random.choice(QUERIES))
            if kind == "question":
                return kind, f"/q/{self.random.choice(self.question_ids)}/"
            if kind == "search":
                return kind, f"/search/?q={q}"
            if kind == "api_search":
                return kind, f"/api/v1/search?q={q}"
            if kind == "suggest":
                return kind, f"/api/v1/suggest?q={urllib.parse.quote(self.random.choice(PREFIXES))}"
            if kind == "home":
                return kind, "/"
            return kind, "/ask/"

    def send(self, session: Session, kind: str, path: str) -> int:
        if kind != "ask":
            return session.request("GET", path)
        if not session.csrf:
            status = session.request("GET", "/ask/")
            if status != 200:
                return status
            match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', session.body)
            session.csrf = match.group(1).decode()
        n = next(self.asked)
        form = {
            "csrfmiddlewaretoken": session.csrf,
            "title": f"浸泡测试提问{n}",
            "text": ASKS[n % len(ASKS)].format(n=n % 30 + 1) + f"(编号{n})",
        }
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{self.port}/ask/",
        }
        return session.request("POST", "/ask/", urllib.parse.urlencode(form).encode(), headers)


def run_closed(traffic: Traffic, seconds: float, concurrency: int) -> list[tuple]:
    """Each client sends its next request as soon as the last one is answered."""
    records: list[tuple] = []
    end = time.monotonic() + seconds

    def client() -> None:
        session = Session("127.0.0.1", traffic.port)
        while time.monotonic() < end:
            kind, path = traffic.pick()
            started = time.monotonic()
            try:
                status = traffic.send(session, kind, path)
            except (OSError, http.client.HTTPException):
                status = 0
            records.append((started, time.monotonic() - started, kind, status))

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return records


def run_open(traffic: Traffic, seconds: float, rate: float, clients: int) -> list[tuple]:
    """Request i is due at t0 + i/rate; latency counts from then (no coordinated omission)."""
    records: list[tuple] = []
    schedule = itertools.count()
    t0 = time.monotonic() + 0.5
    end = t0 + seconds

    def client() -> None:
        session = Session("127.0.0.1", traffic.port)
        while True:
            due = t0 + next(schedule) / rate
            if due >= end:
                return
            if (wait := due - time.monotonic()) > 0:
                time.sleep(wait)
            kind, path = traffic.pick()
            try:
                status = traffic.send(session, kind, path)
            except (OSError, http.client.HTTPException):
                status = 0
            records.append((due - t0, time.monotonic() - due, kind, status))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return records


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def process_tree(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = [pid], [pid]
    while frontier:
        children = [p for p, parent in parents.items() if parent in frontier]
        tree += children
        frontier = children
    return tree


def memory(pid: int) -> dict[int, tuple[str, int]]:
    """RSS in KiB of `mingyi serve` and its descendants, with a role for each."""
    found = {}
    for p in process_tree(pid):
        try:
            args = Path(f"/proc/{p}/cmdline").read_bytes().decode().split("\0")
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        if p == pid:
            role = "serve (gunicorn master)"
        elif "worker" in args:  # `python -m mingyi worker`; web workers are forks of serve
            role = "mingyi worker"
        else:
            role = "web worker"
        found[p] = (role, rss)
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_site(data_dir: Path, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env.update(
        MINGYI_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="mingyi.config.django.base",
        # Asks come from one address here: lift the per-client limit so they are served.
        MINGYI_RATE_ASK="100000000",
        MINGYI_LOG_LEVEL="WARNING",
    )
    log = (data_dir.parent / "serve.log").open("wb")
    command = [sys.executable, "-m", "mingyi", "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--workers", str(workers)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 600
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return process, port
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            tail = (data_dir.parent / "serve.log").read_text(errors="replace")[-3000:]
            sys.exit("mingyi serve did not come up:\n" + tail)
        time.sleep(0.5)


def question_ids(port: int) -> list[int]:
    ids: set[int] = set()
    for query in QUERIES:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", f"/api/v1/search?q={urllib.parse.quote(query)}&limit=50")
        ids.update(r["id"] for r in json.loads(connection.getresponse().read())["results"])
    return sorted(ids)


class MemorySampler(threading.Thread):
    """The process tree's memory and the load average at the end of every minute."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.samples: list[tuple[dict, float]] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(60):
            self.samples.append((memory(self.pid), os.getloadavg()[0]))


P99_SPREAD = 3.0  # a minute's p99 over this many times the median minute's is a spike


def summarize(
    records: list[tuple], rss_start: dict, samples: list[tuple[dict, float]], loads: tuple
) -> bool:
    kinds = Counter(kind for _, _, kind, _ in records)
    statuses = defaultdict(Counter)
    for _, _, kind, status in records:
        statuses[kind][status] += 1
    print("\nrequests by kind")
    print(f"{'kind':<12}{'sent':>8}  statuses")
    for kind, count in kinds.most_common():
        shown = ", ".join(f"{s or 'conn-error'}: {n}" for s, n in sorted(statuses[kind].items()))
        print(f"{kind:<12}{count:>8}  {shown}")
    server_errors = sum(1 for *_, status in records if status >= 500)
    limited = sum(1 for *_, status in records if status == 429)
    failed = sum(1 for *_, status in records if status == 0)
    print(f"5xx: {server_errors}   429: {limited}   connection errors: {failed}")

    print("\nper minute (latency from when each request was due)")
    print(
        f"{'minute':>6}{'requests':>10}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'5xx':>5}"
        f"{'load':>7}{'RSS MiB':>9}"
    )
    minutes = defaultdict(list)
    for due, latency, _, status in records:
        minutes[int(due // 60)].append((latency, status))
    p99s = []
    for minute, rows in sorted(minutes.items()):
        latencies = [latency * 1000 for latency, _ in rows]
        p99 = percentile(latencies, 0.99)
        p99s.append(p99)
        errors = sum(1 for _, s in rows if s >= 500)
        if minute < len(samples):
            tree, load = samples[minute]
            sampled = f"{load:>7.2f}{sum(kib for _, kib in tree.values()) / 1024:>9.1f}"
        else:
            sampled = ""
        print(
            f"{minute + 1:>6}{len(rows):>10}{len(rows) / 60:>8.1f}"
            f"{percentile(latencies, 0.5):>9.1f}{p99:>9.1f}{errors:>5}{sampled}"
        )
    median_p99 = percentile(p99s, 0.5)
    spread = max(p99s) / max(median_p99, 1e-9) if p99s else float("nan")
    print(
        f"p99 across minutes: min {min(p99s):.1f} ms, median {median_p99:.1f} ms, "
        f"max {max(p99s):.1f} ms; max/median {spread:.2f}"
    )

    warm = samples[0][0] if samples else rss_start
    end = samples[-1][0] if samples else rss_start
    print("\nresident memory (RSS, MiB); growth from the end of minute 1 (caches warm)")
    print(f"{'pid':>8}  {'process':<24}{'start':>9}{'minute 1':>10}{'end':>9}{'growth':>9}")
    growths = []
    for pid, (role, start) in sorted(rss_start.items()):
        after_warmup = warm.get(pid, (role, start))[1]
        last = end.get(pid, (role, 0))[1]
        growth = (last - after_warmup) / after_warmup * 100 if after_warmup else 0.0
        growths.append(growth)
        print(
            f"{pid:>8}  {role:<24}{start / 1024:>9.1f}{after_warmup / 1024:>10.1f}"
            f"{last / 1024:>9.1f}{growth:>8.1f}%"
        )
    totals = [sum(kib for _, kib in tree.values()) for tree in (rss_start, warm, end)]
    total_growth = (totals[2] - totals[1]) / totals[1] * 100
    print(
        f"{'':>8}  {'all':<24}{totals[0] / 1024:>9.1f}{totals[1] / 1024:>10.1f}"
        f"{totals[2] / 1024:>9.1f}{total_growth:>8.1f}%"
    )
    print(f"\nload average (1/5/15 min): start {loads[0]}, end {loads[1]}; {os.cpu_count()} CPUs")
    checks = {
        "zero 5xx": server_errors == 0,
        "every process grew < 10% after minute 1": max(growths, default=0) < 10,
        f"no minute's p99 over {P99_SPREAD:g}× the median minute's": spread <= P99_SPREAD,
    }
    for check, passed in checks.items():
        print(f"  {'PASS' if passed else 'FAIL'}  {check}")
    ok = all(checks.values())
    print("verdict:", "PASS" if ok else "FAIL")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--capacity-seconds", type=float, default=30)
    parser.add_argument("--fraction", type=float, default=0.7)
    parser.add_argument("--concurrency", type=int, default=8, help="closed-loop clients")
    parser.add_argument("--clients", type=int, default=32, help="open-loop client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn web workers")
    parser.add_argument("--data-dir", type=Path, help="a data directory to copy (default: demo)")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="mingyi-soak-"))
    data_dir = scratch / "data"
    if args.data_dir:
        shutil.copytree(args.data_dir, data_dir)
    print(f"corpus: {args.data_dir or 'demo content'} (copied into {data_dir})")
    process, port = start_site(data_dir, args.workers)
    try:
        traffic = Traffic(port, question_ids(port))
        print(
            f"mingyi serve on 127.0.0.1:{port}, {args.workers} web workers; "
            f"{len(traffic.question_ids)} question pages in the mix"
        )
        run_closed(traffic, 5, args.concurrency)  # warm-up: caches, model, indexes
        capacity = run_closed(traffic, args.capacity_seconds, args.concurrency)
        measured = len(capacity) / args.capacity_seconds
        rate = measured * args.fraction
        print(
            f"capacity: {measured:.1f} req/s (closed loop, {args.concurrency} clients, "
            f"p50 {percentile([r[1] for r in capacity], 0.5) * 1000:.1f} ms); "
            f"soak at {args.fraction:.0%}: {rate:.1f} req/s for {args.minutes:g} min"
        )
        load_start = os.getloadavg()
        rss_start = memory(process.pid)
        sampler = MemorySampler(process.pid)
        sampler.start()
        records = run_open(traffic, args.minutes * 60, rate, args.clients)
        sampler.stopped.set()
        sampler.join()
        if len(sampler.samples) < args.minutes:  # the last minute ended with the traffic
            sampler.samples.append((memory(process.pid), os.getloadavg()[0]))
        load_end = os.getloadavg()
        loads = tuple(", ".join(f"{v:.2f}" for v in load) for load in (load_start, load_end))
        ok = summarize(records, rss_start, sampler.samples, loads)
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(scratch, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

"""Question-page throughput and latency at 1M questions, through the production stack.

bench/serve.sh starts deploy/'s stack on loopback (gunicorn with deploy/gunicorn.conf.py
and the production settings, `mingyi worker`, nginx with the shipped snippets); `wrk`
(Debian) drives it for --duration seconds per case, on random pages among --pages
questions. In one run, for each database:

  a. uncached pages: gunicorn with MINGYI_PAGE_CACHE_SECONDS=0, every request renders
     (question, answers, doctor, 相关推荐 from stored lists, 大家都在搜): first with one
     connection per gunicorn worker (the server time is the render time), then with
     --connections (throughput; a worker's threads then take turns at the GIL, so the
     server time includes waiting);
  b. cached pages through gunicorn (the anonymous page cache; a fingerprint read);
  c. pages through the nginx micro-cache: one page, and random pages (the long tail);
  d. nginx serving the same page's HTML as a static file (the baseline of c; the one
     page of c and d take turns, five rounds of --duration/2 s each; each is reported
     as its median round, and c's share of d as the median of the five side-by-side
     ratios: this machine's speed drifts by 20% within minutes);
  e. search through the JSON API in the same production stack (issue 6: search p95
     holds in production): KUAKE-QTR dev queries in order, each asked once (no query
     embedding comes from a cache), one at a time (as bench/search_speed.py asks them
     in-process), then one connection per gunicorn worker (both cores busy); train
     queries warm the workers up first;

as requests/s and p50/p99 at the client, and for gunicorn also the server's own time
per request (gunicorn's access log, %(D)s: p50/p95/p99). Then resident memory of each web worker
and of the task worker. The task worker runs --worker-seconds before the load (it
follows the outbox and computes related lists and vectors), then is paused while wrk
runs, so it does not compete for the two cores.

The SQLite corpus is bench/search_speed.py's (copied once into --workdir: the bench
writes related lists for its sample pages); the PostgreSQL one is bench/pg_corpus.py's.

    .venv/bin/python bench/page_speed.py [--database sqlite postgres] [--pages 500]
        [--duration 20] [--connections 8] [--sqlite-corpus /tmp/mingyi-bench/1000000]
"""

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVE = ROOT / "bench" / "serve.sh"
WEB_PORT, NGINX_PORT = 8101, 8102
LATENCY = "a. uncached, gunicorn, 1 connection per worker"
SEARCH_ONE = "e. search API, one at a time"
SEARCH = "e. search API, 1 connection per worker"
SEARCH_PATH = r"/api/v1/search\?q=\S+"

# Paths args[3] .. a line of args[1] .. args[4]: a random line, or with args[5] = "walk"
# the lines in order (wrapping round at the end).
WRK_SCRIPT = """
local lines = {}
local before, after, walk
local at = 0
init = function(args)
  for line in io.lines(args[1]) do lines[#lines + 1] = line end
  math.randomseed(tonumber(args[2]))
  before, after, walk = args[3], args[4], args[5] == "walk"
end
request = function()
  local line
  if walk then
    at = at % #lines + 1
    line = lines[at]
  else
    line = lines[math.random(#lines)]
  end
  return wrk.format("GET", before .. line .. after)
end
"""
PAGES = ("/q/", "/")  # a question page: /q/<id>/
SEARCHES = ("/api/v1/search?q=", "", "walk")
KUAKE = ROOT.parent / "shared" / "datasets" / "kuake_qtr"


# --- inside Django: the sample pages and their related lists -------------------------


def prepare_sample(count: int, seed: int) -> None:
    """Print `count` random published question ids as JSON, after storing the related
    lists of those that have none (the worker would have; a page without one computes
    a search's worth, which is not what a steady site does)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingyi.config.django.base")
    django.setup()
    from django.core.management import call_command

    from mingyi.questions.models import Question
    from mingyi.related.models import RelatedList
    from mingyi.related.services import related_compute
    from mingyi.synth.services import database_analyze

    call_command("migrate", verbosity=0)  # a corpus built by an older version
    database_analyze()  # as `mingyi synth` now does; older corpora lack the statistics
    ids = list(Question.objects.published().values_list("id", flat=True).order_by("id"))
    sample = random.Random(seed).sample(ids, min(count, len(ids)))
    have = set(
        RelatedList.objects.filter(question_id__in=sample, computed_at__isnull=False)
        .values_list("question_id", flat=True)
        .iterator()
    )
    missing = [pk for pk in sample if pk not in have]
    started = time.perf_counter()
    for start in range(0, len(missing), 100):
        related_compute(question_ids=missing[start : start + 100])
    print(
        json.dumps(
            {"ids": sample, "computed": len(missing), "seconds": time.perf_counter() - started}
        )
    )


# --- outside: corpora, the stack, wrk ------------------------------------------------


def sqlite_corpus(source: Path, workdir: Path) -> dict:
    """A writable copy of the 1M SQLite corpus (once)."""
    if not (source / "built.json").exists():
        sys.exit(f"{source} is not a complete corpus (no built.json): run bench/search_speed.py")
    target = workdir / f"sqlite-{source.name}"
    if not (target / "copied").exists():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for name in ("mingyi.sqlite3", "secret_key"):
            shutil.copy2(source / name, target / name)
        shutil.copytree(source / "search", target / "search")
        (target / "copied").write_text(str(source))
    return {"MINGYI_DATA_DIR": str(target)}


def postgres_corpus(size: int) -> dict:
    sys.path.insert(0, str(ROOT / "bench"))
    from pg_corpus import build

    workdir = Path(f"/tmp/mingyi-bench/pg-{size}")
    result = build(size, workdir)
    return {"MINGYI_DATA_DIR": str(workdir / "data"), "DATABASE_URL": result["database_url"]}


def corpus_env(corpus: dict) -> dict:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    return {**env, **corpus}


def sample_ids(env: dict, count: int, seed: int) -> tuple[list[int], dict]:
    result = subprocess.run(
        [sys.executable, __file__, "--prepare-sample", str(count), "--seed", str(seed)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    info = json.loads(result.stdout.strip().splitlines()[-1])
    return info["ids"], info


class Stack:
    """bench/serve.sh in the background, until stop()."""

    def __init__(
        self, env: dict, directory: Path, *, page_cache: bool, workers: int, redis: bool
    ) -> None:
        extra = {} if page_cache else {"MINGYI_PAGE_CACHE_SECONDS": "0"}
        self.directory = directory
        shutil.rmtree(directory, ignore_errors=True)
        self.process = subprocess.Popen(
            [
                *(str(SERVE), "--dir", str(directory), "--web-port", str(WEB_PORT)),
                *("--nginx-port", str(NGINX_PORT), "--workers", str(workers)),
                *(["--redis"] if redis else []),
            ],
            env={**env, **extra},
            stdout=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 600
        for line in self.process.stdout:
            if line.startswith("ready "):
                break
            if time.monotonic() > deadline:
                break
        else:
            sys.exit(f"bench/serve.sh did not start; see {directory}/gunicorn.log")

    def web_workers(self) -> list[int]:
        master = int((self.directory / "gunicorn.pid").read_text())
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        return [int(pid) for pid in children]

    def task_worker(self) -> int:
        return int((self.directory / "worker.pid").read_text())

    def access_offset(self) -> int:
        return (self.directory / "access.log").stat().st_size

    def server_times(self, offset: int, path: str = r"/q/\d+/") -> list[float]:
        """Milliseconds per successful request for `path` (a regex) logged since `offset`."""
        with (self.directory / "access.log").open("rb") as log:
            log.seek(offset)
            text = log.read().decode(errors="replace")
        return [
            int(match.group(1)) / 1000
            for match in re.finditer(rf'"GET {path} HTTP/1\.[01]" 200 \d+ (\d+)us', text)
        ]

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            os.kill(self.task_worker(), signal.SIGCONT)  # a paused process cannot stop
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        # The worker finishes its current step before it stops; the bench does not wait.
        for name in ("worker.pid", "gunicorn.pid", "nginx.pid"):
            with contextlib.suppress(OSError, ValueError):
                pid = int((self.directory / name).read_text())
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
                if b"mingyi" in command or b"nginx" in command:  # still ours, not a reused pid
                    os.kill(pid, signal.SIGKILL)


def rss_mb(pid: int) -> tuple[float, ...]:
    """(resident, peak resident, of which anonymous, of which mapped files, proportional
    set) in MB. Mapped files (the search index, the model) are the page cache, shared by
    every worker that reads them; the proportional set divides shared pages among them."""
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(re.findall(r"^(VmRSS|VmHWM|RssAnon|RssFile):\s+(\d+) kB", status, re.M))
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    pss = int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1))
    return tuple(
        int(value) / 1024
        for value in (*(fields[k] for k in ("VmRSS", "VmHWM", "RssAnon", "RssFile")), pss)
    )


def wrk_command(
    url: str,
    seconds: int,
    connections: int,
    ids_file: Path | None = None,
    paths: tuple[str, ...] = PAGES,
) -> list[str]:
    """wrk on `url`, or with `ids_file` on random paths (paths[0] + a line + paths[1])."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if ids_file is None:
        return [*command, url]
    script = ids_file.with_suffix(".lua")
    script.write_text(WRK_SCRIPT)
    seed = str(random.randrange(1 << 30))
    return [*command, "-s", str(script), url, "--", str(ids_file), seed, *paths]


def wrk_result(output: str) -> dict:
    def latency(label: str) -> float:
        value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency("50%"),
        "p99": latency("99%"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def wrk(
    url: str,
    seconds: int,
    connections: int,
    ids_file: Path | None = None,
    paths: tuple[str, ...] = PAGES,
) -> dict:
    command = wrk_command(url, seconds, connections, ids_file, paths)
    return wrk_result(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def connection_owners(port: int) -> list[int]:
    """The pid holding each established connection accepted on `port` (ss, iproute2)."""
    output = subprocess.run(
        ["ss", "-tnpH", "state", "established", f"( sport = :{port} )"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return sorted(int(pid) for pid in re.findall(r"pid=(\d+)", output))


def wrk_one_per_worker(
    stack: "Stack", seconds: int, ids_file: Path, paths: tuple[str, ...], path: str
) -> dict:
    """wrk with one connection per gunicorn worker, and the server's times.

    Which worker accepts a connection is a race: half the time both of wrk's
    connections land on one worker, whose threads then take turns at the GIL and
    every request takes twice its render time (measured: 9.6 ms p50 instead of 5.3).
    So wrk starts again until each worker holds exactly one connection."""
    workers = sorted(stack.web_workers())
    url = f"http://127.0.0.1:{WEB_PORT}/"
    for _ in range(20):
        offset = stack.access_offset()
        command = wrk_command(url, seconds, len(workers), ids_file, paths)
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        time.sleep(1)
        if connection_owners(WEB_PORT) == workers:
            row = wrk_result(process.communicate()[0])
            row["server"] = stack.server_times(offset, path)
            return row
        process.kill()
        process.wait()
        time.sleep(1)  # let the workers close the abandoned connections
    sys.exit("wrk's connections never spread one per gunicorn worker in 20 tries")


ROUNDS = 5


def median_round(rounds: list[dict]) -> dict:
    """The round with the median requests/s."""
    return sorted(rounds, key=lambda row: row["rps"])[len(rounds) // 2]


def kuake_queries(split: str) -> list[str]:
    """The KUAKE-QTR queries of `split` (beir_dev, beir_train), URL-quoted: what readers
    type."""
    with (KUAKE / split / "queries.jsonl").open(encoding="utf-8") as lines:
        return [urllib.parse.quote(json.loads(line)["text"]) for line in lines]


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")


def fetch(url: str) -> bytes:
    """GET `url` with the request headers wrk sends (no Accept-Encoding). The page
    cached by nginx varies on Accept-Encoding (Django compresses, `Vary: Accept-Encoding,
    Cookie`): fetched by urllib (`Accept-Encoding: identity`), the page the load asks
    for would be a second variant, and each hit would cost nginx two cache lookups
    (measured: 62% of static instead of 74%)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.putrequest("GET", parts.path or "/", skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {url}: {response.status}")
        return body
    finally:
        connection.close()


def measure(name: str, corpus: dict, args: argparse.Namespace, workdir: Path) -> dict:
    env = corpus_env(corpus)
    started = time.perf_counter()
    ids, info = sample_ids(env, args.pages, args.seed)
    print(
        f"[{name}] {len(ids)} sample pages; related lists computed for {info['computed']} "
        f"in {info['seconds']:.0f} s (prepared in {time.perf_counter() - started:.0f} s)",
        flush=True,
    )
    ids_file = workdir / f"{name}-ids.txt"
    ids_file.write_text("\n".join(map(str, ids)) + "\n")
    web = f"http://127.0.0.1:{WEB_PORT}"
    nginx = f"http://127.0.0.1:{NGINX_PORT}"
    rows: dict[str, dict] = {}

    # a. Every request renders.
    stack = Stack(
        env, workdir / f"{name}-uncached", page_cache=False, workers=args.workers, redis=False
    )
    try:
        os.kill(stack.task_worker(), signal.SIGSTOP)
        wrk(f"{web}/", 2, args.connections, ids_file)  # warm code paths, not measured
        # The render time: one request per worker at a time, so no request waits for
        # another's turn at the GIL inside a worker's threads.
        rows[LATENCY] = wrk_one_per_worker(stack, args.duration, ids_file, PAGES, r"/q/\d+/")
        # The throughput: as many connections as the cached cases get.
        offset = stack.access_offset()
        rows["a. uncached, gunicorn"] = wrk(f"{web}/", args.duration, args.connections, ids_file)
        rows["a. uncached, gunicorn"]["server"] = stack.server_times(offset)
    finally:
        stack.stop()

    # b–d. The production configuration.
    stack = Stack(
        env, workdir / f"{name}-cached", page_cache=True, workers=args.workers, redis=args.redis
    )
    try:
        worker = stack.task_worker()
        time.sleep(args.worker_seconds)  # let the task worker do its work at this size
        memory = {"task worker": rss_mb(worker)}
        os.kill(worker, signal.SIGSTOP)
        # Fill the page cache. Each gunicorn worker has its own (unless REDIS_URL is
        # set): a few passes reach both.
        for _ in range(1 if args.redis else 3):
            for pk in ids:
                fetch(f"{web}/q/{pk}/")
        wrk(f"{web}/", 2, args.connections, ids_file)
        offset = stack.access_offset()
        rows["b. cached, gunicorn"] = wrk(f"{web}/", args.duration, args.connections, ids_file)
        rows["b. cached, gunicorn"]["server"] = stack.server_times(offset)
        hot = f"/q/{ids[0]}/"
        (stack.directory / "www" / "page.html").write_bytes(fetch(f"{nginx}{hot}"))
        # c against d is a ratio of two runs of tens of thousands of requests a second,
        # and this machine's speed drifts by 20% within minutes (a neighbour): they
        # take turns, five rounds each; each row is its median round, and the share of
        # static is the median of the five side-by-side ratios (a drift moves both
        # runs of a pair alike).
        one_page, static_page = [], []
        for _ in range(ROUNDS):
            one_page.append(wrk(nginx + hot, args.duration // 2, args.connections))
            static_page.append(
                wrk(f"{nginx}/bench-static/page.html", args.duration // 2, args.connections)
            )
        pairs = sorted(c["rps"] / d["rps"] for c, d in zip(one_page, static_page, strict=True))
        rows["c. nginx micro-cache, one page"] = {
            **median_round(one_page),
            "of_static": pairs[len(pairs) // 2],
            "rounds": pairs,
        }
        rows["c. nginx micro-cache, random pages"] = wrk(
            f"{nginx}/", args.duration, args.connections, ids_file
        )
        rows["d. nginx static file, same page"] = median_round(static_page)
        # e. Search in the production configuration (issue #6 asks that its p95 hold
        # there): real queries through the JSON API, each asked once (no embedding
        # from a cache): one at a time, as bench/search_speed.py asks them in-process
        # (the first 1,000 KUAKE dev queries), then one request per worker, both
        # cores busy (the other 1,369). Train queries warm the workers up first.
        dev = kuake_queries("beir_dev")
        files = {name: workdir / f"{name}-queries.txt" for name in ("warmup", "one", "busy")}
        files["warmup"].write_text("\n".join(kuake_queries("beir_train")) + "\n")
        files["one"].write_text("\n".join(dev[:1000]) + "\n")
        files["busy"].write_text("\n".join(dev[1000:]) + "\n")
        wrk(f"{web}/", 10, args.workers, files["warmup"], SEARCHES)
        offset = stack.access_offset()
        rows[SEARCH_ONE] = wrk(f"{web}/", args.duration, 1, files["one"], SEARCHES)
        rows[SEARCH_ONE]["server"] = stack.server_times(offset, SEARCH_PATH)
        rows[SEARCH] = wrk_one_per_worker(
            stack, args.duration, files["busy"], SEARCHES, SEARCH_PATH
        )
        for i, pid in enumerate(stack.web_workers()):
            memory[f"web worker {i + 1}"] = rss_mb(pid)
    finally:
        stack.stop()
    return {"rows": rows, "memory": memory}


def report(name: str, result: dict) -> None:
    rows = result["rows"]
    static = rows["d. nginx static file, same page"]["rps"]
    uncached = rows["a. uncached, gunicorn"]["rps"]
    print(f"\n### {name}\n")
    print(
        "| case | req/s | client p50 ms | client p99 ms | server p50 ms | server p95 ms "
        "| server p99 ms | × uncached | % of static |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for case, row in rows.items():
        server = row.get("server")
        server_cells = (
            " | ".join(f"{percentile(server, p):.1f}" for p in (50, 95, 99))
            if server
            else "– | – | –"
        )
        errors = f" ({row['errors']} errors)" if row["errors"] else ""
        # The share of static is what the micro-cache is judged by; for gunicorn it is noise.
        share = row.get("of_static", row["rps"] / static)
        of_static = f"{100 * share:.0f}%" if "nginx" in case else "–"
        print(
            f"| {case}{errors} | {row['rps']:,.0f} | {row['p50']:.1f} | {row['p99']:.1f} | "
            f"{server_cells} | {row['rps'] / uncached:.1f} | {of_static} |"
        )
    rounds = rows["c. nginx micro-cache, one page"].get("rounds", [])
    print("\nMicro-cache / static, round by round: " + ", ".join(f"{r:.0%}" for r in rounds))
    print(
        "\n| process | RSS MB | peak RSS MB | anonymous MB | mapped files MB | PSS MB |"
        "\n|---|---:|---:|---:|---:|---:|"
    )
    for process, values in result["memory"].items():
        print(f"| {process} | " + " | ".join(f"{v:.0f}" for v in values) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"]
    )
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--sqlite-corpus", type=Path, default=None)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--duration", type=int, default=20, help="seconds per case")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--worker-seconds", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--redis", action="store_true", help="cached cases share one Redis (serve.sh --redis)"
    )
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "mingyi-page-speed"
    )
    parser.add_argument("--prepare-sample", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare_sample:
        prepare_sample(args.prepare_sample, args.seed)
        return
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"{tool} is missing: apt-get install {tool}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = {}
    for database in args.database:
        if database == "sqlite":
            source = args.sqlite_corpus or Path(f"/tmp/mingyi-bench/{args.size}")
            corpus = sqlite_corpus(source, args.workdir)
        else:
            corpus = postgres_corpus(args.size)
        results[database] = measure(database, corpus, args, args.workdir)
    print(
        f"\nQuestion page at {args.size:,} questions; wrk -t1 -c{args.connections}, "
        f"{args.duration} s per case, random pages among {args.pages}; "
        f"{args.workers} gunicorn workers × 4 threads; page cache "
        f"{'in Redis' if args.redis else 'per process'}; on {os.cpu_count()} cores."
    )
    for database, result in results.items():
        report(database, result)
    print(f"\n(whole run {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()

"""Related lists at scale: how long the worker's computation takes for the whole corpus,
and what the question page costs with related lists on.

Builds (or reuses) a corpus in --workdir: the Toyhom sample through `mingyi import`,
`mingyi synth` up to N questions recombined from that real text, `mingyi index
--rebuild --no-vectors`, then e5 vectors for the first --vectors questions only (e5
embeds ~30 passages a second here; the output says how many questions have vectors —
the others get lexical-only lists, as they would while the worker is still embedding).
Then, in one run:

  1. `mingyi related --rebuild --processes P`: every list, timed (lists/s);
  2. GET /q/<id>/ for --pages random questions through Django's test client (the full
     page: question, answers, doctor card, 大家都在搜, 相关推荐 read from stored lists),
     p50/p95/p99 — and the same for questions whose list is not stored yet (the cached
     fallback), and GET /api/v1/questions/<id>/related.

    .venv/bin/python bench/related_speed.py [--size 100000] [--vectors 10000]
                                            [--processes 2] [--workdir DIR]
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOYHOM = ROOT.parent / "shared" / "datasets" / "toyhom_sample" / "qa.jsonl"
TOYHOM_ROWS = 7644


def mingyi(args: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mingyi", *args, "--no-progress"], env=env, check=True)
    return time.perf_counter() - started


def environment(directory: Path) -> dict:
    env = {**os.environ, "MINGYI_DATA_DIR": str(directory), "OMP_NUM_THREADS": "1"}
    env.pop("DATABASE_URL", None)
    env["DJANGO_SETTINGS_MODULE"] = "mingyi.config.django.base"
    env["MINGYI_ALLOWED_HOSTS"] = "testserver"
    return env


def build(size: int, directory: Path, vectors: int) -> dict:
    marker = directory / "built.json"
    if marker.exists():
        return json.loads(marker.read_text())
    directory.mkdir(parents=True, exist_ok=True)
    env = environment(directory)
    timings = {"import_s": mingyi(["import", str(TOYHOM)], env)}
    timings["synth_s"] = mingyi(["synth", "--n", str(size - TOYHOM_ROWS), "--seed", "1"], env)
    timings["index_s"] = mingyi(["index", "--rebuild", "--no-vectors"], env)
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--embed", str(vectors)], env=env, check=True)
    timings["vectors_s"] = time.perf_counter() - started
    marker.write_text(json.dumps(timings))
    return timings


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def embed_first(count: int) -> None:
    """Vectors for the first `count` questions (by id), then this machine's vector file."""
    setup_django()
    from mingyi.questions.models import Question
    from mingyi.search.follower import search_index_sync
    from mingyi.search.vectors import EMBED_BATCH, vectors_compute

    ids = list(Question.objects.published().order_by("id").values_list("id", flat=True)[:count])
    for start in range(0, len(ids), EMBED_BATCH * 4):
        batch = Question.objects.filter(
            pk__in=ids[start : start + EMBED_BATCH * 4], vector__isnull=True
        )
        vectors_compute(list(batch.only("id", "title", "body")))
    search_index_sync()


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)

    def at(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]

    return {"p50": statistics.median(ordered), "p95": at(0.95), "p99": at(0.99), "n": len(ordered)}


def measure_pages(pages: int) -> dict:
    setup_django()
    from django.core.management import call_command
    from django.test import Client

    from mingyi.questions.models import Question
    from mingyi.related.models import RelatedItem, RelatedList
    from mingyi.search.models import QuestionVector

    call_command("collectstatic", interactive=False, verbosity=0)  # as `mingyi serve` does
    ids = list(Question.objects.published().values_list("pk", flat=True))
    rng = random.Random(7)
    sample = rng.sample(ids, min(pages, len(ids)))
    client = Client()
    for pk in sample[:20]:  # warm: templates, dictionaries, index pages
        client.get(f"/q/{pk}/")

    def timed(urls: list[str]) -> dict:
        samples = []
        for url in urls:
            started = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        return percentiles(samples)

    result = {
        "questions": len(ids),
        "vectors": QuestionVector.objects.count(),
        "lists": RelatedList.objects.filter(computed_at__isnull=False).count(),
        "items": RelatedItem.objects.count(),
        "page, stored lists": timed([f"/q/{pk}/" for pk in sample]),
        "API related, stored": timed([f"/api/v1/questions/{pk}/related?limit=6" for pk in sample]),
    }
    # Questions the worker has not reached yet: their stored lists removed (this corpus
    # is the benchmark's own), so the page uses the cached fallback.
    fresh = [pk for pk in rng.sample(ids, min(pages // 5, len(ids))) if pk not in sample[:20]]
    RelatedItem.objects.filter(question_id__in=fresh).delete()
    RelatedList.objects.filter(question_id__in=fresh).delete()
    result["page, fallback (first view)"] = timed([f"/q/{pk}/" for pk in fresh])
    result["page, fallback (cached)"] = timed([f"/q/{pk}/" for pk in fresh])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--vectors", type=int, default=10_000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/mingyi-related-bench"))
    parser.add_argument("--embed", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.embed is not None:
        return embed_first(args.embed)
    if args.measure:
        print(json.dumps(measure_pages(args.pages)))
        return None

    directory = args.workdir / str(args.size)
    timings = build(args.size, directory, args.vectors)
    env = environment(directory)
    related_s = mingyi(["related", "--rebuild", "--processes", str(args.processes)], env)
    output = subprocess.run(
        [sys.executable, __file__, "--measure", "--pages", str(args.pages)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    lists = result["lists"]
    print(
        f"Related lists for {result['questions']:,} questions "
        f"({result['vectors']:,} with e5 vectors, the rest lexical-only)"
    )
    print(
        f"  mingyi related --rebuild --processes {args.processes}: {related_s:.0f} s wall, "
        f"{lists / related_s:.0f} lists/s, {result['items']:,} stored items"
    )
    print("  corpus build: " + ", ".join(f"{k} {v:.0f}" for k, v in timings.items()))
    print()
    print(
        "{:<32} {:>7} {:>7} {:>7} {:>6}".format(
            "request (ms, one at a time)", "p50", "p95", "p99", "n"
        )
    )
    for name in (
        "page, stored lists",
        "API related, stored",
        "page, fallback (first view)",
        "page, fallback (cached)",
    ):
        r = result[name]
        print(f"{name:<32} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['p99']:>7.1f} {r['n']:>6}")
    return None


if __name__ == "__main__":
    main()

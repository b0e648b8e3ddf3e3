"""PostgreSQL restarted under load, then made read-only: the site answers 503 with a
message only while the database cannot serve, and recovers by itself — the app is
never restarted. This starts its own PostgreSQL (pgserver), even in the SQLite run."""

import shutil
import tempfile
import time
from pathlib import Path

import pytest

from mingyi.ops.unavailable import MESSAGE_READ_ONLY, MESSAGE_UNAVAILABLE, READ_ONLY, UNAVAILABLE
from tests.faults.client import Client, Load
from tests.served import served_site
from tests.skips import skip_or_fail

pytestmark = pytest.mark.processes

OUTAGE_SECONDS = 4
RECOVERY_SECONDS = 5  # the product's promise once PostgreSQL is back


@pytest.fixture(scope="module")
def postgres():
    try:
        import pgserver
    except ImportError:
        skip_or_fail("pgserver is not installed")
    directory = Path(tempfile.mkdtemp(prefix="mingyi-fault-pg-"))
    server = pgserver.get_server(directory / "pgdata", cleanup_mode="delete")
    try:
        yield server
    finally:
        server.cleanup()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def site(postgres, tmp_path_factory):
    socket_dir = postgres.get_postmaster_info().socket_dir
    postgres.psql("CREATE EXTENSION IF NOT EXISTS vector;")
    url = f"postgresql://postgres:@/postgres?host={socket_dir}"
    data_dir = tmp_path_factory.mktemp("pg-site") / "data"
    with served_site(data_dir, timeout=300, DATABASE_URL=url, MINGYI_RATE_ASK="1000") as base:
        yield base


def pg_ctl(postgres, *args: str) -> None:
    from pgserver._commands import pg_ctl as run

    run(["-w", *args], pgdata=postgres.pgdata, user=postgres.system_user, timeout=60)


def test_a_postgres_restart_is_503_during_the_outage_and_recovers_within_5_s(postgres, site):
    client = Client(site)
    results = client.get("/api/v1/search?q=%E5%A4%B4%E7%97%9B").json()["results"]
    ids = [r["id"] for r in results[:3]]
    paths = [p for pk in ids for p in (f"/q/{pk}/", f"/api/v1/questions/{pk}")]
    paths += ["/api/v1/departments", "/search/?q=%E8%83%83%E7%97%9B"]
    load = Load(site, paths)
    load.start()
    time.sleep(3)
    down = time.monotonic()
    pg_ctl(postgres, "-m", "fast", "stop")
    time.sleep(OUTAGE_SECONDS)
    postgres.ensure_postgres_running()
    up = time.monotonic()
    time.sleep(RECOVERY_SECONDS + 5)
    records = load.stop()

    before = [r for s, e, p, r in records if e < down]
    during = [(p, r) for s, e, p, r in records if down <= s and e <= up]
    after = [(s, r) for s, e, p, r in records if s >= up]
    assert before and all(r.status == 200 for r in before)
    # Every failure is the announced 503, never a 500 or a dropped connection.
    assert {r.status for _, _, _, r in records} <= {200, 503}
    assert any(r.status == 503 for _, r in during), "the outage was never seen"
    for path, reply in during:
        if reply.status == 503:
            assert reply.headers["Retry-After"]
            if path.startswith("/api/"):
                error = reply.json()["error"]
                assert error == {"code": UNAVAILABLE, "message": MESSAGE_UNAVAILABLE}
            else:
                assert MESSAGE_UNAVAILABLE in reply.body
    recovered = min(s for s, r in after if r.status == 200)
    assert recovered - up < RECOVERY_SECONDS
    assert all(r.status == 200 for s, r in after if s >= recovered)


ASK = {"title": "胃痛", "question": "饭后胃痛两天,没有发热,需要做胃镜吗?"}


def test_a_read_only_postgres_refuses_asks_with_503_while_pages_keep_working(postgres, site):
    client = Client(site)
    question = client.get("/api/v1/search?q=%E5%A4%B4%E7%97%9B").json()["results"][0]
    postgres.psql("ALTER SYSTEM SET default_transaction_read_only = on;")
    postgres.psql("SELECT pg_reload_conf();")
    try:
        time.sleep(1)
        asked = client.post_json("/api/v1/questions", ASK)
        assert asked.status == 503
        assert asked.json()["error"] == {"code": READ_ONLY, "message": MESSAGE_READ_ONLY}
        assert client.get(question["url"]).status == 200
        assert client.get(f"/api/v1/questions/{question['id']}").status == 200
        assert client.get("/search/?q=%E8%83%83%E7%97%9B").status == 200
    finally:
        postgres.psql("ALTER SYSTEM RESET default_transaction_read_only;")
        postgres.psql("SELECT pg_reload_conf();")
    time.sleep(1)
    asked = client.post_json("/api/v1/questions", ASK)
    assert asked.status == 201, asked.body
    assert client.get(asked.json()["track_url"]).status == 200

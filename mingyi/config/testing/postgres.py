"""A real PostgreSQL 16 for the test suite, started from PyPI's pgserver on a local socket."""

import logging
import os
import tempfile
from pathlib import Path


def postgres_test_database() -> dict:
    """Start (or reuse) a pgserver instance and return a Django DATABASES entry for it."""
    import pgserver  # test-only dependency

    # pgserver logs every pg_ctl call at INFO, even from its exit hook after the test
    # runner has closed its streams.
    logging.getLogger("pgserver").setLevel(logging.WARNING)

    directory = Path(
        os.environ.get("MINGYI_TEST_PG_DIR", Path(tempfile.gettempdir()) / "mingyi-test-pg")
    )
    # "stop" shuts the server down when the test process exits but keeps the cluster,
    # so the next run starts in a second instead of running initdb again.
    server = pgserver.get_server(directory, cleanup_mode="stop")
    server.psql("CREATE EXTENSION IF NOT EXISTS vector;")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(server.get_postmaster_info().socket_dir),
        "PORT": "",
        "CONN_MAX_AGE": 0,
        # One test database per run, so two suites can share the server.
        "TEST": {"NAME": f"mingyi_test_{os.getpid()}"},
    }

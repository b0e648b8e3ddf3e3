"""Database from DATABASE_URL; the embedded default is a SQLite file in the data directory."""

from pathlib import Path

import dj_database_url

from mingyi.config.env import env_int, env_str

# WAL lets readers proceed while one writer commits; IMMEDIATE avoids the
# "database is locked" upgrade deadlock when two processes write at once.
SQLITE_OPTIONS = {
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=10000;"
    ),
    "transaction_mode": "IMMEDIATE",
}


def database_config(data_dir: Path) -> dict:
    url = env_str("DATABASE_URL", f"sqlite:///{data_dir / 'mingyi.sqlite3'}")
    config = dj_database_url.parse(url, conn_max_age=env_int("MINGYI_DB_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        options = config.get("OPTIONS", {})
        # `?mode=ro` opens the file read-only, as on a read-only mount (Django opens
        # SQLite with uri=True, so the mode travels in the file name).
        if mode := options.pop("mode", None):
            config["NAME"] = f"file:{config['NAME']}?mode={mode}"
        config["OPTIONS"] = {**SQLITE_OPTIONS, **options}
        config["CONN_MAX_AGE"] = None
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config

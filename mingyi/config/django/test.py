"""Test profile: fast hashing, in-memory cache; PostgreSQL when MINGYI_TEST_DATABASE=postgres."""

import os
import tempfile

# Derived data of a test run never lands in the working tree.
os.environ.setdefault("MINGYI_DATA_DIR", tempfile.mkdtemp(prefix="mingyi-test-"))

from mingyi.config.django.base import *  # noqa: F403
from mingyi.config.env import env_str

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A file, not SQLite's shared in-memory database: threads in tests (the index follower)
# then write with WAL and a busy timeout, as processes do in production.
DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405

if env_str("MINGYI_TEST_DATABASE") == "postgres":
    from mingyi.config.testing.postgres import postgres_test_database

    DATABASES = {"default": postgres_test_database()}

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_suite_runs_on_the_requested_database():
    if os.environ.get("MINGYI_TEST_DATABASE") == "postgres":
        assert connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('server_version_num')::int")
            assert cursor.fetchone()[0] >= 160000
    else:
        assert connection.vendor == "sqlite"

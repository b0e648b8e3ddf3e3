import io
import json

import pytest
from django.core.management import call_command

from mingyi.demo.services import demo_load
from mingyi.imports.services import import_file
from mingyi.ops.export import export_write
from mingyi.questions.models import Question

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_reports_each_check_and_503_without_a_search_index(client, search_index):
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["ok"] and checks["cache"]["ok"]
    assert not checks["search_index"]["ok"]
    search_index.sync()
    assert client.get("/readyz").status_code == 200


def test_export_then_import_reads_back_unchanged(tmp_path, search_index):
    demo_load()
    first = io.StringIO()
    count = export_write(out=first)
    assert count == Question.objects.count() >= 60
    path = tmp_path / "export.jsonl"
    path.write_text(first.getvalue(), encoding="utf-8")
    Question.objects.all().delete()
    report = import_file(path=path)
    assert report.created == count and not report.rejected
    second = io.StringIO()
    export_write(out=second)
    assert [json.loads(line) for line in second.getvalue().splitlines()] == [
        json.loads(line) for line in first.getvalue().splitlines()
    ]


def test_doctor_command_prints_each_problem_with_its_fix(search_index, capsys):
    with pytest.raises(SystemExit):
        call_command("doctor")
    out = capsys.readouterr().out
    assert "✗ search_index" in out and "mingyi index" in out
    assert "✓ database" in out


def test_metrics_are_scraped_with_request_and_search_latency(client, search_index):
    search_index.sync()
    client.get("/search/", {"q": "头痛"})
    body = client.get("/metrics").content.decode()
    assert "mingyi_request_seconds_bucket" in body
    assert 'route="search/"' in body
    assert "mingyi_search_seconds_count" in body
    assert "mingyi_outbox_backlog" in body


def test_every_response_carries_a_request_id(client):
    assert len(client.get("/healthz")["X-Request-ID"]) == 32
    assert client.get("/healthz", HTTP_X_REQUEST_ID="abc-1")["X-Request-ID"] == "abc-1"

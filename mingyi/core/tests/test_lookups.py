"""field__any: the rows field__in selects, on every database; on PostgreSQL as one
array parameter."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mingyi.questions.models import Question
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ids() -> list[int]:
    return [factories.question(title=f"头痛{n}").pk for n in range(5)]


def test_any_selects_what_in_selects(ids):
    wanted = [ids[3], ids[0], ids[3], None, 10**9]  # a repeat, a NULL, a missing id
    found = set(Question.objects.filter(pk__any=wanted).values_list("pk", flat=True))
    assert found == set(Question.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    assert found == {ids[0], ids[3]}


def test_nothing_to_look_for_selects_nothing(ids):
    assert list(Question.objects.filter(pk__any=[])) == []
    assert list(Question.objects.filter(pk__any=[None])) == []


def test_a_subquery_works_as_with_in(ids):
    inner = Question.objects.filter(title__in=["头痛1", "头痛2"]).values("pk")
    found = set(Question.objects.filter(pk__any=inner).values_list("pk", flat=True))
    assert found == {ids[1], ids[2]}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL suite only")
def test_postgresql_gets_one_array_parameter_for_all_the_values(ids):
    with CaptureQueriesContext(connection) as queries:
        list(Question.objects.filter(pk__any=ids).values_list("pk", flat=True))
    sql = queries.captured_queries[0]["sql"]
    assert "= ANY(" in sql and " IN (" not in sql

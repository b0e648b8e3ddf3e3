import json

import pytest

from mingyi.imports.services import import_file
from mingyi.questions.models import Question
from mingyi.synth.services import SYNTH_SOURCE, synth_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def real(tmp_path):
    rows = [
        {
            "source_id": f"r{i}",
            "title": f"标题{i}",
            "question": f"原文{i}",
            "answer": f"回答{i}",
            "department": "心血管内科" if i % 2 else "消化内科",
        }
        for i in range(20)
    ]
    path = tmp_path / "real.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    import_file(path=path)


def test_synth_recombines_real_fields_within_a_department(real):
    assert synth_questions(n=50, seed=7) == 50
    real_titles = set(Question.objects.exclude(source=SYNTH_SOURCE).values_list("title", flat=True))
    for question in Question.objects.filter(source=SYNTH_SOURCE).select_related("department"):
        assert question.title in real_titles
        parity = int(question.title.removeprefix("标题")) % 2
        assert question.department.name == ("心血管内科" if parity else "消化内科")
        assert question.answers.get().body.startswith("回答")


def test_synth_is_deterministic_and_idempotent_for_a_seed(real):
    synth_questions(n=30, seed=3)
    first = list(
        Question.objects.filter(source=SYNTH_SOURCE)
        .order_by("source_id")
        .values_list("title", "body")
    )
    assert synth_questions(n=30, seed=3) == 0
    Question.objects.filter(source=SYNTH_SOURCE).delete()
    synth_questions(n=30, seed=3)
    again = list(
        Question.objects.filter(source=SYNTH_SOURCE)
        .order_by("source_id")
        .values_list("title", "body")
    )
    assert first == again


def test_synth_needs_real_text_first():
    with pytest.raises(ValueError):
        synth_questions(n=10)


def test_synth_leaves_planner_statistics_behind(real):
    """Without them SQLite walks the whole published index for a related list's ids."""
    from django.db import connection

    synth_questions(n=40, seed=5)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'questions_question'")
        else:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'questions_question'")
        assert cursor.fetchone()[0] > 0

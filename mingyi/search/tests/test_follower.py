"""The index follows the database through the outbox: publish, edit, delete, import,
and a crash between the commit and the index update."""

import json
import threading
import time

import pytest
from django.db import transaction

from mingyi.imports.services import import_file
from mingyi.questions.models import Question
from mingyi.search.follower import Follower, index_rebuild
from mingyi.search.models import SearchOutbox
from mingyi.search.selectors import search
from mingyi.search.services import search_outbox_record
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def found(query: str) -> list[str]:
    return [
        str(hit.title).replace("<mark>", "").replace("</mark>", "")
        for hit in search(query=query).hits
    ]


def publish(title: str, answer: str = "多喝水,注意休息。") -> Question:
    with transaction.atomic():
        question = factories.question(title=title, answer=answer)
        search_outbox_record(question_ids=[question.pk])
    return question


def test_a_published_question_is_searchable_after_sync(search_index):
    publish("高血压患者能吃党参吗")
    search_index.sync()
    assert found("党参") == ["高血压患者能吃党参吗"]


def test_an_edit_replaces_the_old_text(search_index):
    question = publish("高血压患者能吃党参吗")
    search_index.sync()
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(title="糖尿病患者能吃红枣吗")
        search_outbox_record(question_ids=[question.pk])
    search_index.sync()
    assert found("党参") == []
    assert found("红枣") == ["糖尿病患者能吃红枣吗"]


def test_unpublishing_and_deleting_remove_from_the_index(search_index):
    hidden = publish("胃痛吃什么药")
    deleted = publish("胃胀气怎么缓解")
    search_index.sync()
    with transaction.atomic():
        Question.objects.filter(pk=hidden.pk).update(status=Question.Status.HIDDEN)
        search_outbox_record(question_ids=[hidden.pk])
    with transaction.atomic():
        search_outbox_record(question_ids=[deleted.pk])
        deleted.delete()
    search_index.sync()
    assert found("胃痛") == [] and found("胃胀气") == []


def test_a_rolled_back_change_leaves_no_trace(search_index):
    with pytest.raises(RuntimeError), transaction.atomic():
        publish("不存在的问题标题")
        raise RuntimeError("the request failed")
    search_index.sync()
    assert found("不存在的问题标题") == []
    assert not SearchOutbox.objects.exists()


def test_a_crash_between_commit_and_index_update_is_repaired_on_restart(search_index):
    index_rebuild()
    # The change commits with its outbox row, then the process dies before indexing.
    publish("宝宝湿疹反复怎么护理")
    assert found("湿疹") == []
    # A new follower (after restart) starts from the saved cursor and catches up.
    search_index.sync()
    assert found("湿疹") == ["宝宝湿疹反复怎么护理"]


def test_an_import_is_searchable_through_the_outbox(search_index, tmp_path):
    path = tmp_path / "qa.jsonl"
    row = {
        "source_id": "x1",
        "title": "痛风发作能吃海鲜吗",
        "question": "痛风",
        "answer": "不建议",
        "department": "内分泌科",
    }
    path.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    import_file(path=path)
    search_index.sync()
    assert found("海鲜") == ["痛风发作能吃海鲜吗"]


def test_a_running_follower_makes_a_change_searchable_within_a_second(search_index):
    follower = Follower()
    stop = threading.Event()
    thread = threading.Thread(target=follower.run, kwargs={"stop": stop.is_set, "embed": False})
    thread.start()
    try:
        publish("长期失眠多梦怎么调理")
        committed = time.monotonic()
        while not found("失眠") and time.monotonic() - committed < 5:
            time.sleep(0.05)
        assert found("失眠") == ["长期失眠多梦怎么调理"]
        assert time.monotonic() - committed < 1.0
    finally:
        stop.set()
        thread.join(timeout=10)
        follower.close()


def test_rebuild_switches_generations_and_keeps_results(search_index):
    publish("幽门螺杆菌阳性要治疗吗")
    first = index_rebuild()
    second = index_rebuild()
    assert second.generation == first.generation + 1
    assert found("幽门螺杆菌") == ["幽门螺杆菌阳性要治疗吗"]

import pytest

from mingyi.questions.models import Question
from mingyi.related.services import related_compute

pytestmark = pytest.mark.django_db(transaction=True)


def test_related_returns_the_documented_shape(client, corpus):
    page = corpus.publish("胃痛吃什么药好")
    corpus.publish("胃痛反复发作怎么办", answer="饮食规律,必要时胃镜检查。")
    corpus.sync()
    related_compute(question_ids=[page.pk])
    body = client.get(f"/api/v1/questions/{page.pk}/related?limit=5").json()
    assert list(body) == ["results"]
    item = body["results"][0]
    assert set(item) == {"id", "title", "snippet", "source", "published_at", "url"}
    assert item["title"] == "胃痛反复发作怎么办" and item["source"] == "名医问答"


@pytest.mark.parametrize("limit", ["0", "11", "x"])
def test_a_bad_limit_is_an_invalid_request(client, corpus, limit):
    page = corpus.publish("胃痛吃什么药好")
    response = client.get(f"/api/v1/questions/{page.pk}/related?limit={limit}")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_unknown_or_unpublished_questions_are_not_found(client, corpus):
    hidden = corpus.publish("胃痛吃什么药好")
    Question.objects.filter(pk=hidden.pk).update(status=Question.Status.HIDDEN)
    for pk in (hidden.pk, 99999999, 2**63 - 1):
        response = client.get(f"/api/v1/questions/{pk}/related")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"

import pytest

from mingyi.search.models import SearchOutbox
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(user)
    return client


def test_editing_a_question_in_the_admin_reaches_the_search_outbox(admin_client):
    question = factories.question(title="旧标题", answer="x")
    url = f"/admin/questions/question/{question.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "canonical"}
    data.update(
        {
            "title": "新标题",
            "department": question.department_id,
            "created_at_0": "2025-01-01",
            "created_at_1": "08:00:00",
            "published_at_0": "2025-01-01",
            "published_at_1": "08:00:00",
            "answers-TOTAL_FORMS": "0",
            "answers-INITIAL_FORMS": "0",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(SearchOutbox.objects.values_list("question_id", flat=True)) == [question.pk]


def test_deleting_a_question_in_the_admin_reaches_the_search_outbox(admin_client):
    question = factories.question(title="要删除的问题", answer="x")
    url = f"/admin/questions/question/{question.pk}/delete/"
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert list(SearchOutbox.objects.values_list("question_id", flat=True)) == [question.pk]

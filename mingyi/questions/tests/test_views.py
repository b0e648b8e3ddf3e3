import re

import pytest
from django.urls import reverse

from mingyi.questions.models import Question
from tests import factories

pytestmark = pytest.mark.django_db

PAGE_ORDER = [
    "title",
    "ask",
    "doctor-card",
    "answer",
    "disclaimer",
    "date",
    "trending",
    "related",
    "footer",
]


def element_positions(html: str) -> list[int]:
    return [html.index(f'data-element="{name}"') for name in PAGE_ORDER]


def test_question_page_shows_every_element_in_product_order(client):
    doctor = factories.doctor(name="王示明", department=factories.department("整形外科"))
    question = factories.question(
        title="长期注射肉毒素会产生什么副作用",
        body="我老打肉毒素,担心有副作用",
        answered_by=doctor,
        department=doctor.department,
    )
    factories.question(title="激光点痣会留疤吗", answer="一般不会", department=doctor.department)
    html = client.get(question.get_absolute_url()).content.decode()
    positions = element_positions(html)
    assert positions == sorted(positions)
    assert "提示:本内容不能代替面诊,如有不适请尽快就医。" in html
    assert "王示明" in html and doctor.hospital.name in html and "三甲" in html
    assert 'href="#top"' in html and 'id="top"' in html
    assert "激光点痣会留疤吗" in html  # related and trending from real data


def test_unverified_doctor_is_never_shown_as_the_answerer(client):
    doctor = factories.doctor(name="未认证者", verified=False)
    question = factories.question(answered_by=doctor)
    html = client.get(question.get_absolute_url()).content.decode()
    assert "未认证者" not in html
    assert "回答者未经认证" in html


def test_example_doctor_is_marked_on_the_question_page(client):
    doctor = factories.doctor(is_example=True)
    html = client.get(factories.question(answered_by=doctor).get_absolute_url()).content.decode()
    assert re.search(r'class="badge example"[^>]*>示例<', html)


def test_user_text_is_escaped(client):
    question = factories.question(
        title="<script>alert(1)</script>",
        body='<img src=x onerror="alert(2)">',
        answer="<b>x</b><script>alert(3)</script>",
    )
    html = client.get(question.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    # Answers keep their safe formatting (bold) and lose everything else.
    assert "<p><b>x</b></p>" in html and "alert(3)" not in html


def test_unpublished_question_is_not_found(client):
    question = factories.question(status=Question.Status.OPEN, published_at=None)
    response = client.get(question.get_absolute_url())
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_duplicate_points_canonical_to_its_canonical_question(client):
    canonical = factories.question(answer="a")
    duplicate = factories.question(answer="b", canonical=canonical)
    html = client.get(duplicate.get_absolute_url()).content.decode()
    assert f'rel="canonical" href="http://testserver{canonical.get_absolute_url()}"' in html


def test_related_list_leaves_out_the_pages_own_duplicate_cluster(client):
    canonical = factories.question(title="乳房缩小手术有哪些后遗症", answer="a")
    duplicate = factories.question(title="巨乳缩小术存在什么风险", answer="b", canonical=canonical)
    other = factories.question(title="激光点痣会留疤吗", answer="c")
    html = client.get(duplicate.get_absolute_url()).content.decode()
    related = html[html.index('data-element="related"') :]
    assert canonical.title not in related and other.title in related


def test_department_page_paginates(client, settings):
    settings.MINGYI_PAGE_SIZE = 5
    for n in range(12):
        factories.question(title=f"心内科问题{n:02d}", answer="x")
    url = reverse("departments:detail", kwargs={"slug": "neike"})
    first = client.get(url).content.decode()
    third = client.get(url + "?page=3").content.decode()
    assert "第 1 / 3 页" in first and "心内科问题00" in first
    assert "第 3 / 3 页" in third and "心内科问题11" in third
    assert client.get(url + "?page=abc").status_code == 200


def test_unknown_department_is_404(client):
    assert client.get("/department/nope/").status_code == 404


def test_home_lists_departments_latest_and_search_box(client):
    factories.question(title="宝宝发烧怎么办", answer="x")
    html = client.get("/").content.decode()
    assert 'role="search"' in html and "宝宝发烧怎么办" in html and "心血管内科" in html

"""The question page under load: bounded queries, a cached anonymous page that changes
as soon as what it shows changes, conditional GET, private pages never shared."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mingyi.doctors.models import Doctor
from mingyi.questions.models import Answer, Question
from mingyi.questions.page_cache import question_page_fingerprint
from mingyi.questions.services import answer_review
from mingyi.related.models import RelatedItem, RelatedList
from mingyi.trending.models import GLOBAL_SCOPE, TrendingBlock, TrendingPin, TrendingSnapshot
from mingyi.trending.services import trending_cache_clear
from tests import factories

pytestmark = pytest.mark.django_db

# The uncached page: question + answers (with doctor, hospital, department, reviewer),
# the stored related list joined to its cards (one query), the trending strip (pins,
# blocks, snapshots of the department and everyone; the snapshots being short, the
# fallback's department tree and its newest titles), the fingerprint. A change that
# adds a query per answer or per related item fails here.
UNCACHED_PAGE_QUERIES = 11
# A cached page reads its fingerprint only (the question row, its answers' states).
CACHED_PAGE_QUERIES = 2


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page():
    """A question as the seed shows it: two verified answers, a reviewer, six related
    questions from a stored list, trending terms from a snapshot."""
    department = factories.department("整形外科")
    question = factories.question(
        title="长期注射肉毒素会产生什么副作用",
        body="我老打肉毒素,担心有副作用",
        answered_by=factories.doctor(name="王示明", department=department),
        department=department,
    )
    Answer.objects.create(
        question=question,
        doctor=factories.doctor(name="李示华", department=department),
        body="第二位医生的回答",
        status=Answer.Status.PUBLISHED,
        published_at=timezone.now(),
        reviewed_by=factories.editor(),
        reviewed_at=timezone.now(),
    )
    related = [
        factories.question(title=f"相关问题{i}", answer=f"相关回答{i}", department=department)
        for i in range(6)
    ]
    RelatedItem.objects.bulk_create(
        RelatedItem(question=question, related=other, rank=i, score=1.0)
        for i, other in enumerate(related)
    )
    RelatedList.objects.create(question=question, computed_at=timezone.now(), stale=False)
    TrendingSnapshot.objects.create(
        scope=GLOBAL_SCOPE, terms=[{"term": "打肉毒"}, {"term": "面部提升"}]
    )
    return question


def get_page(client, question, **headers):
    return client.get(question.get_absolute_url(), headers=headers)


def test_uncached_page_reads_a_bounded_number_of_queries(client, page):
    with CaptureQueriesContext(connection) as queries:
        response = get_page(client, page)
    html = response.content.decode()
    assert "王示明" in html and "李示华" in html and "相关问题5" in html and "打肉毒" in html
    assert len(queries) == UNCACHED_PAGE_QUERIES, [q["sql"][:120] for q in queries]


def test_cached_page_reads_only_its_fingerprint(client, page):
    first = get_page(client, page).content
    with CaptureQueriesContext(connection) as queries:
        second = get_page(client, page).content
    assert second == first
    assert len(queries) == CACHED_PAGE_QUERIES


def test_question_edit_shows_at_once(client, page):
    get_page(client, page)
    page.title = "注射肉毒素的副作用有哪些"
    page.save()
    assert "注射肉毒素的副作用有哪些" in get_page(client, page).content.decode()


def test_answer_edit_shows_at_once(client, page):
    get_page(client, page)
    answer = page.answers.get(body="第二位医生的回答")
    answer.body = "修改后的回答,更长一些"
    answer.save()  # an edit in the admin: no timestamp changes
    html = get_page(client, page).content.decode()
    assert "修改后的回答" in html and "第二位医生的回答" not in html


def test_approved_answer_shows_at_once(client, page):
    get_page(client, page)
    answer = Answer.objects.create(
        question=page,
        doctor=factories.doctor(name="赵新来"),
        body="刚审核通过的回答",
        status=Answer.Status.SUBMITTED,
    )
    assert "赵新来" not in get_page(client, page).content.decode()
    answer_review(user=factories.editor(), answer=answer, approve=True)
    assert "赵新来" in get_page(client, page).content.decode()


def test_published_question_appears_and_hidden_one_disappears(client, page):
    held = factories.question(status=Question.Status.OPEN, published_at=None)
    assert get_page(client, held).status_code == 404
    held.status, held.published_at = Question.Status.PUBLISHED, timezone.now()
    held.save()
    assert get_page(client, held).status_code == 200
    held.status = Question.Status.HIDDEN
    held.save()
    assert get_page(client, held).status_code == 404


def test_revoked_doctor_disappears_at_once(client, page):
    assert "王示明" in get_page(client, page).content.decode()
    doctor = page.answers.get(doctor__name="王示明").doctor
    doctor.verification_status = Doctor.Verification.EXPIRED
    doctor.save()
    assert "王示明" not in get_page(client, page).content.decode()


def test_related_refresh_shows_at_once(client, page):
    get_page(client, page)
    newcomer = factories.question(title="新的相关问题", department=page.department)
    RelatedItem.objects.filter(question=page, rank=0).update(related=newcomer)
    RelatedList.objects.filter(question=page).update(computed_at=timezone.now())
    assert "新的相关问题" in get_page(client, page).content.decode()


def test_trending_refresh_shows_at_once(client, page):
    get_page(client, page)
    TrendingSnapshot.objects.filter(scope=GLOBAL_SCOPE).update(
        terms=[{"term": "玻尿酸"}], computed_at=timezone.now() + timedelta(seconds=1)
    )
    trending_cache_clear()  # as trending_refresh does on commit
    assert "玻尿酸" in get_page(client, page).content.decode()


def test_blocked_trending_term_disappears_at_once(client, page):
    assert "面部提升" in get_page(client, page).content.decode()
    TrendingBlock.objects.create(term="面部提升", reason="测试")
    trending_cache_clear()  # as the admin does on save
    assert "面部提升" not in get_page(client, page).content.decode()


def test_a_new_block_or_pin_changes_the_fingerprint_by_itself(page):
    # Read from the database, so a web process whose own cache was not told (a local
    # cache in another process) still keys the page anew.
    before = question_page_fingerprint(pk=page.pk)
    TrendingBlock.objects.create(term="面部提升", reason="测试")
    blocked = question_page_fingerprint(pk=page.pk)
    TrendingPin.objects.create(term="玻尿酸")
    assert len({before, blocked, question_page_fingerprint(pk=page.pk)}) == 3


def test_unchanged_page_answers_304_to_its_etag(client, page):
    first = get_page(client, page)
    assert first["ETag"] and "public" in first["Cache-Control"]
    again = get_page(client, page, if_none_match=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    page.title = "改过的标题"
    page.save()
    changed = get_page(client, page, if_none_match=first["ETag"])
    assert changed.status_code == 200 and "改过的标题" in changed.content.decode()


def test_gzipped_page_still_revalidates(client, page):
    first = get_page(client, page, accept_encoding="gzip")
    assert first["Content-Encoding"] == "gzip" and first["ETag"].startswith('W/"')
    assert get_page(client, page, if_none_match=first["ETag"]).status_code == 304


def test_signed_in_user_gets_a_private_fresh_page(client, page):
    get_page(client, page)  # an anonymous copy is cached
    client.force_login(factories.user("reader_zhang"))
    response = get_page(client, page)
    assert "reader_zhang" in response.content.decode() or "退出" in response.content.decode()
    assert "private" in response["Cache-Control"] and "ETag" not in response
    assert "Cookie" in response["Vary"]


def test_anonymous_page_sets_no_cookie_and_varies_on_cookie(client, page):
    response = get_page(client, page)
    assert not response.cookies
    assert "Cookie" in response["Vary"]


def test_private_ask_pages_are_never_stored_by_shared_caches(client):
    ask = client.get("/ask/")
    assert "private" in ask["Cache-Control"] and "no-store" in ask["Cache-Control"]
    question = factories.question(private_token="t" * 32)
    track = client.get(f"/ask/track/{'t' * 32}/")
    assert track.status_code == 200
    assert "private" in track["Cache-Control"] and "no-store" in track["Cache-Control"]
    assert question.pk


def test_question_page_html_is_under_40_kb(client, page):
    long_answer = "肉毒素注射后常见的副作用包括局部疼痛、淤青和暂时性肌无力。" * 30
    page.answers.filter(body="第二位医生的回答").update(body=long_answer)
    page.save()
    html = get_page(client, page).content
    assert long_answer[:40] in html.decode()
    assert len(html) < 40 * 1024, len(html)

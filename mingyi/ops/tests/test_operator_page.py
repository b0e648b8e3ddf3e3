"""The operator page in the admin: the numbers a staff member reads off the charts."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from mingyi.ops import selectors
from mingyi.ops.charts import bar_chart
from mingyi.search.models import SearchOutbox
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(factories.user(is_staff=True))
    return client


def bar_values(html: str, chart: str) -> dict[str, int]:
    svg = re.search(rf'<svg [^>]*data-chart="{chart}".*?</svg>', html, re.S).group(0)
    return {d: int(v) for d, v in re.findall(r'data-day="([^"]+)" data-value="(\d+)"', svg)}


def test_daily_counts_fill_every_day_and_count_by_local_day():
    today = timezone.localdate()
    now = timezone.now()
    for _ in range(3):
        factories.question(published_at=now)
    factories.question(published_at=now - timedelta(days=2))
    factories.question(published_at=now - timedelta(days=40))  # outside the window
    (questions, *_rest) = selectors.operator_series(today=today)
    assert len(questions.days) == 30 and questions.days[-1] == today
    assert questions.counts[-1] == 3 and questions.counts[-3] == 1 and questions.total == 4


def test_zero_result_queries_grouped_by_analysed_form_most_frequent_first():
    factories.search_log("肉读素", results=0, session="a")
    factories.search_log("肉读素", results=0, session="b")
    factories.search_log("肉读素", results=0, session="b")
    factories.search_log("怪病xyz", results=0)
    factories.search_log("胃痛", results=12)
    factories.search_log("旧查询", results=0, at=timezone.now() - timedelta(days=45))
    top = selectors.zero_result_queries_top()
    assert [row["searches"] for row in top] == [3, 1]
    assert top[0]["sessions"] == 2 and "肉" in top[0]["normalized"]


def test_staff_see_charts_and_the_zero_result_table(staff_client):
    today = timezone.localdate().isoformat()
    # Published now: the factory's default, n minutes ago for its nth question, is
    # already yesterday in Asia/Shanghai late in a full run just after midnight there.
    factories.question(answer="多喝水", published_at=timezone.now())
    factories.question(answer="少吃辣", published_at=timezone.now())
    factories.search_log("肉读素", results=0)
    factories.search_log("肉读素", results=0)
    factories.search_log("胃痛", results=5)
    SearchOutbox.objects.create(question_id=1)
    html = staff_client.get("/admin/operator/").content.decode()
    assert bar_values(html, "发布的问题")[today] == 2
    assert bar_values(html, "发布的回答")[today] == 2
    assert bar_values(html, "搜索次数")[today] == 3
    assert bar_values(html, "零结果搜索")[today] == 2
    assert bar_values(html, "索引队列写入")[today] >= 1
    assert len(bar_values(html, "搜索次数")) == 30
    assert re.search(r"<td>[^<]*肉[^<]*</td><td>2</td>", html)
    assert '<strong data-total="questions">2</strong>' in html
    assert "<script" not in html.split('id="content-main"')[1].split("</div>")[0]


def test_query_text_is_escaped_in_the_table(staff_client):
    factories.search_log("<img src=x onerror=alert(1)>", results=0)
    html = staff_client.get("/admin/operator/").content.decode()
    assert "<img src=x" not in html


def test_non_staff_are_sent_to_the_admin_login(client):
    client.force_login(factories.user())
    response = client.get("/admin/operator/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_home_links_to_the_operator_page(staff_client):
    assert 'href="/admin/operator/"' in staff_client.get("/admin/").content.decode()


def test_bars_scale_to_the_busiest_day():
    series = selectors.DailySeries("x", [timezone.localdate()] * 3, [0, 5, 10])
    chart = bar_chart(series)
    heights = [bar.height for bar in chart.bars]
    assert heights[0] == 0 and heights[2] == 2 * heights[1] and chart.peak == 10

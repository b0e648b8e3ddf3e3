"""Editors confirm, split and merge duplicate clusters in the admin."""

import pytest

from mingyi.questions.models import Question
from mingyi.related.models import DuplicateCluster
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def cluster():
    head = factories.question(title="乳房缩小手术有哪些后遗症", answer="a")
    members = [
        factories.question(title="巨乳缩小术存在什么风险", canonical=head),
        factories.question(title="缩胸手术会带来哪些影响", canonical=head),
    ]
    return DuplicateCluster.objects.create(canonical=head, size=3), head, members


def test_the_list_and_the_cluster_page_show_its_questions(admin_client, cluster):
    row, head, members = cluster
    listing = admin_client.get("/admin/related/duplicatecluster/").content.decode()
    assert head.title in listing
    page = admin_client.get(f"/admin/related/duplicatecluster/{row.pk}/change/")
    assert page.status_code == 200
    assert all(m.title in page.content.decode() for m in members)


def test_an_editor_splits_a_question_off_and_confirms(admin_client, cluster):
    row, head, (_a, b) = cluster
    url = f"/admin/related/duplicatecluster/{row.pk}/change/"
    response = admin_client.post(url, {"canonical_choice": head.pk, "split_off": [b.pk]})
    assert response.status_code == 302
    assert Question.objects.get(pk=b.pk).canonical_id is None
    row.refresh_from_db()
    assert row.status == "confirmed" and row.size == 2


def test_an_editor_picks_another_canonical(admin_client, cluster):
    row, head, (a, _b) = cluster
    url = f"/admin/related/duplicatecluster/{row.pk}/change/"
    assert admin_client.post(url, {"canonical_choice": a.pk}).status_code == 302
    assert Question.objects.get(pk=head.pk).canonical_id == a.pk
    assert DuplicateCluster.objects.get(pk=row.pk).canonical_id == a.pk


def test_an_editor_merges_a_lone_question_in(admin_client, cluster):
    row, head, _ = cluster
    lone = factories.question(title="乳房缩小术后遗症多吗")
    url = f"/admin/related/duplicatecluster/{row.pk}/change/"
    data = {"canonical_choice": head.pk, "merge_ids": str(lone.pk)}
    assert admin_client.post(url, data).status_code == 302
    assert Question.objects.get(pk=lone.pk).canonical_id == head.pk


def test_merging_selected_clusters_from_the_list(admin_client, cluster):
    row, _head, _ = cluster
    other_head = factories.question(title="乳房缩小术后遗症多吗")
    other = DuplicateCluster.objects.create(canonical=other_head, size=2)
    factories.question(title="缩胸后遗症多吗", canonical=other_head)
    response = admin_client.post(
        "/admin/related/duplicatecluster/",
        {"action": "merge", "_selected_action": [row.pk, other.pk]},
    )
    assert response.status_code == 302
    assert DuplicateCluster.objects.count() == 1
    assert DuplicateCluster.objects.get().size == 5

"""Acceptance on the demo content: after `mingyi dedupe`, its two duplicate clusters
(three ways to ask about breast reduction, two about laser mole removal) are folded,
and no related list shows two members of one cluster or one of the page's own."""

from io import StringIO

import pytest
from django.core.management import call_command

from mingyi.demo.services import demo_load
from mingyi.questions.models import Question
from mingyi.related.selectors import related_list

pytestmark = pytest.mark.django_db(transaction=True)

CLUSTERS = [{"demo-003", "demo-004", "demo-005"}, {"demo-012", "demo-013"}]


@pytest.fixture
def demo(search_index):
    demo_load()
    search_index.sync(embed=True)  # e5 vectors of the 74 demo questions
    call_command("dedupe", no_progress=True, stdout=StringIO())
    return {q.source_id: q for q in Question.objects.filter(source="demo")}


def test_dedupe_folds_each_demo_cluster_onto_one_canonical(demo):
    for cluster in CLUSTERS:
        roots = {demo[s].canonical_id or demo[s].pk for s in cluster}
        assert len(roots) == 1, cluster
    folded = {s for s, q in demo.items() if q.canonical_id}
    assert folded <= set().union(*CLUSTERS)  # nothing else folded


def test_no_related_list_shows_two_of_a_cluster_or_one_of_its_own(demo):
    by_pk = {q.pk: s for s, q in demo.items()}
    for source_id, question in demo.items():
        shown = {by_pk.get(card.id) for card in related_list(question=question, limit=6)}
        assert len(shown) >= 3, source_id
        for cluster in CLUSTERS:
            assert len(shown & cluster) <= 1, (source_id, shown & cluster)
            if source_id in cluster:
                assert not shown & cluster, (source_id, shown & cluster)

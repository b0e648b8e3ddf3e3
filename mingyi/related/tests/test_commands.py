"""`mingyi related` and `mingyi dedupe` on a small corpus."""

from io import StringIO

import pytest
from django.core.management import call_command

from mingyi.questions.models import Question
from mingyi.related.models import RelatedList

pytestmark = pytest.mark.django_db(transaction=True)


def test_related_computes_every_list_and_dedupe_folds_duplicates(corpus):
    a = corpus.publish("乳房缩小手术有哪些后遗症", vector=[1, 0.0])
    b = corpus.publish("乳房缩小手术有什么后遗症", vector=[1, 0.01])
    corpus.publish("双眼皮手术后多久消肿", vector=[0, 1])
    out = StringIO()
    call_command("related", no_progress=True, stdout=out)
    assert RelatedList.objects.filter(stale=False).count() == 3
    assert "3" in out.getvalue()
    out = StringIO()
    call_command("dedupe", no_progress=True, stdout=out)
    assert "1 个重复问题组" in out.getvalue()
    canonical = {q.pk: q.canonical_id for q in Question.objects.filter(pk__in=[a.pk, b.pk])}
    assert set(canonical.values()) in ({None, a.pk}, {None, b.pk})
    assert not RelatedList.objects.filter(stale=True).exists()  # lists follow the clusters

import pytest
from django.db import transaction

from mingyi.search.services import search_outbox_record
from tests import factories


@pytest.fixture
def indexed(search_index):
    """Publish questions (so their words find results) and index them."""

    def publish(*titles: str, department=None) -> None:
        with transaction.atomic():
            questions = [
                factories.question(title=title, answer="注意休息。", department=department)
                for title in titles
            ]
            search_outbox_record(question_ids=[q.pk for q in questions])
        search_index.sync()

    return publish

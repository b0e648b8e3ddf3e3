"""Helpers for related-list tests: questions published through the outbox, stored
vectors without the model, and an index brought up to date (lexical + vectors)."""

import pytest
from django.db import transaction

from mingyi.search.services import search_outbox_record
from tests import factories


class Corpus:
    def __init__(self, search_index) -> None:
        self.search_index = search_index

    def publish(self, title: str, *, vector=None, **fields):
        with transaction.atomic():
            question = factories.question(title=title, **fields)
            search_outbox_record(question_ids=[question.pk])
        if vector is not None:
            factories.question_vector(question, vector)
        return question

    def sync(self) -> None:
        """Index the outbox and take in every stored vector (no embedding)."""
        self.search_index.sync()


@pytest.fixture
def corpus(search_index) -> Corpus:
    return Corpus(search_index)

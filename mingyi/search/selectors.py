from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q

from mingyi.questions.models import Question
from mingyi.questions.selectors import QuestionCard, card_rows, to_cards

MAX_QUERY_LENGTH = 200


def search_page(*, query: str, page: int) -> Page:
    """Published questions whose title or text contains the query.

    A plain substring match over the database; the analysed, ranked engine replaces
    this selector's body without changing its callers.
    """
    query = query.strip()[:MAX_QUERY_LENGTH]
    queryset = Question.objects.published().filter(
        Q(title__icontains=query) | Q(body__icontains=query)
    )
    paginator = Paginator(
        card_rows(queryset).order_by("-published_at", "-id"), settings.MINGYI_PAGE_SIZE
    )
    current = paginator.get_page(page)
    current.object_list: list[QuestionCard] = to_cards(current.object_list)
    return current

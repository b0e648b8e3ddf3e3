from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from mingyi.questions.selectors import question_public_get, question_related, trending_terms


def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = question_public_get(pk=pk)
    if question is None:
        raise Http404("问题不存在")
    context = {
        "question": question,
        "answers": question.published_answers,
        "trending": trending_terms(department=question.department, limit=8),
        "related": question_related(question=question, limit=6),
        "canonical_url": (question.canonical or question).get_absolute_url(),
    }
    return render(request, "questions/detail.html", context)

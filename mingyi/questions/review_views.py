"""The editors' desk: answers to review (with compliance flags), held questions,
doctors' credentials."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mingyi.accounts.roles import is_editor
from mingyi.doctors.models import DoctorCredential
from mingyi.questions.forms import ReviewForm
from mingyi.questions.models import Answer, Question
from mingyi.questions.selectors_workflow import answers_to_review, questions_held
from mingyi.questions.services import ERROR_NOT_EDITOR, answer_review, question_moderate


def _editor_or_403(request: HttpRequest) -> None:
    if not is_editor(request.user):
        raise PermissionDenied(ERROR_NOT_EDITOR)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    _editor_or_403(request)
    context = {
        "answers": answers_to_review()[:50],
        "held": questions_held()[:50],
        "credentials": DoctorCredential.objects.filter(status="pending").select_related(
            "doctor", "hospital", "department"
        )[:50],
        "form": ReviewForm(),
    }
    return render(request, "questions/review_queue.html", context)


@login_required
@require_POST
def review_answer(request: HttpRequest, pk: int) -> HttpResponse:
    _editor_or_403(request)
    answer = get_object_or_404(Answer, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            answer_review(
                user=request.user,
                answer=answer,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            return render(
                request, "questions/review_error.html", {"message": exc.messages[0]}, status=400
            )
    return redirect("questions:review")


@login_required
@require_POST
def moderate_question(request: HttpRequest, pk: int) -> HttpResponse:
    _editor_or_403(request)
    question = get_object_or_404(Question, pk=pk, status=Question.Status.MODERATION)
    question_moderate(user=request.user, question=question, allow=request.POST.get("allow") == "1")
    return redirect("questions:review")

"""The doctor's workspace: the queue, the answer editor with preview, answered list."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from mingyi.accounts.ratelimit import RateLimited, client_key, rate_limit_hit
from mingyi.accounts.roles import answering_doctor
from mingyi.core.views import too_many_requests
from mingyi.questions.forms import AnswerForm
from mingyi.questions.models import Answer, Question
from mingyi.questions.selectors_workflow import answers_of_doctor, question_queue
from mingyi.questions.services import ERROR_NOT_VERIFIED, answer_revise, answer_submit
from mingyi.safety.compliance import compliance_check


def _doctor_or_403(request: HttpRequest):
    doctor = answering_doctor(request.user)
    if doctor is None:
        raise PermissionDenied(ERROR_NOT_VERIFIED)
    return doctor


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    doctor = getattr(request.user, "doctor", None)
    if doctor is None or not doctor.is_verified:
        return render(
            request, "questions/workspace_unverified.html", {"doctor": doctor}, status=403
        )
    context = {
        "doctor": doctor,
        "queue": question_queue(doctor=doctor)[:50],
        "answers": answers_of_doctor(doctor=doctor)[:50],
    }
    return render(request, "questions/workspace.html", context)


@login_required
def answer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    doctor = _doctor_or_403(request)
    question = get_object_or_404(
        Question.objects.select_related("department"),
        pk=pk,
        status__in=[Question.Status.OPEN, Question.Status.PUBLISHED],
    )
    returned = Answer.objects.filter(
        question=question, doctor=doctor, status=Answer.Status.RETURNED
    ).first()
    initial = {"body": returned.body} if returned else None
    form = AnswerForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        if "preview" in request.POST:
            preview = {"body": body, "flags": compliance_check(body)}
        else:
            try:
                rate_limit_hit(action="answer", who=client_key(request))
                if returned:
                    answer_revise(user=request.user, answer=returned, body=body)
                else:
                    answer_submit(user=request.user, question=question, body=body)
            except RateLimited as exc:
                return too_many_requests(request, exc)
            except ValidationError as exc:
                form.add_error("body", exc.messages[0])
            else:
                return redirect("questions:workspace")
    context = {"question": question, "form": form, "preview": preview, "returned": returned}
    return render(request, "questions/answer_edit.html", context)

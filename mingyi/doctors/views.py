from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mingyi.accounts.roles import can_verify_doctors
from mingyi.core.paging import page_number
from mingyi.doctors.forms import CredentialDecisionForm, DoctorApplyForm
from mingyi.doctors.models import DoctorCredential
from mingyi.doctors.selectors import doctor_answers_page, doctor_public_get
from mingyi.doctors.services import (
    ERROR_NOT_VERIFIER,
    credential_reject,
    credential_verify,
    doctor_apply,
)
from mingyi.seo.jsonld import doctor_page


def doctor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doctor = doctor_public_get(pk=pk)
    if doctor is None:
        raise Http404("医生不存在或未通过认证")
    context = {
        "doctor": doctor,
        "page": doctor_answers_page(doctor=doctor, page=page_number(request)),
        "jsonld": doctor_page(doctor, request),
    }
    return render(request, "doctors/detail.html", context)


@login_required
def apply(request: HttpRequest) -> HttpResponse:
    form = DoctorApplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            doctor_apply(
                user=request.user,
                name=data["name"],
                title=data["title"],
                department=data["department"],
                hospital_name=data["hospital_name"],
                hospital_grade=data["hospital_grade"],
                practising_certificate_no=data["practising_certificate_no"],
                qualification_certificate_no=data["qualification_certificate_no"],
                documents=[data["document"]] if data["document"] else [],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            return render(request, "doctors/apply_done.html")
    return render(request, "doctors/apply.html", {"form": form})


@login_required
@require_POST
def credential_decide(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_verify_doctors(request.user):
        raise PermissionDenied(ERROR_NOT_VERIFIER)
    credential = get_object_or_404(DoctorCredential, pk=pk)
    form = CredentialDecisionForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "verify":
                credential_verify(user=request.user, credential=credential)
            else:
                credential_reject(
                    user=request.user, credential=credential, reason=form.cleaned_data["reason"]
                )
        except ValidationError as exc:
            return render(
                request, "questions/review_error.html", {"message": exc.messages[0]}, status=400
            )
    return redirect("questions:review")

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from mingyi.core.paging import page_number
from mingyi.doctors.selectors import doctor_answers_page, doctor_public_get


def doctor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doctor = doctor_public_get(pk=pk)
    if doctor is None:
        raise Http404("医生不存在或未通过认证")
    context = {
        "doctor": doctor,
        "page": doctor_answers_page(doctor=doctor, page=page_number(request)),
    }
    return render(request, "doctors/detail.html", context)

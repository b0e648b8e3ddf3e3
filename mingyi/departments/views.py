from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from mingyi.core.paging import page_number
from mingyi.departments.selectors import department_get
from mingyi.questions.selectors import question_department_page, trending_terms


def department_detail(request: HttpRequest, slug: str) -> HttpResponse:
    department = department_get(slug=slug)
    if department is None:
        raise Http404("科室不存在")
    context = {
        "department": department,
        "children": department.children.all() if department.parent_id is None else [],
        "page": question_department_page(department=department, page=page_number(request)),
        "trending": trending_terms(department=department, limit=8),
    }
    return render(request, "departments/detail.html", context)

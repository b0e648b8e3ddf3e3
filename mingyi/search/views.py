from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mingyi.core.paging import page_number
from mingyi.departments.selectors import department_get
from mingyi.search.selectors import search as run_search
from mingyi.search.services import search_log_record, search_session

MAX_PAGE = 50


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    department = department_get(slug=request.GET.get("department", ""))
    page = min(page_number(request), MAX_PAGE)
    size = settings.MINGYI_PAGE_SIZE
    result = None
    if query:
        result = run_search(
            query=query,
            department=department,
            limit=size,
            offset=(page - 1) * size,
            with_facets=True,
        )
        search_log_record(result=result, department=department, session=search_session(request))
    pages = min(MAX_PAGE, -(-result.total // size)) if result else 0
    context = {
        "query": query,
        "department": department,
        "result": result,
        "page": page,
        "pages": pages,
        "previous": page - 1 if page > 1 else None,
        "next": page + 1 if page < pages else None,
    }
    response = render(request, "search/results.html", context)
    search_session(request, response)
    return response

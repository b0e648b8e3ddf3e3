from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mingyi.core.paging import page_number
from mingyi.departments.selectors import department_get
from mingyi.search.selectors import search as run_search
from mingyi.search.services import search_log_record, search_session
from mingyi.search.suggest import did_you_mean
from mingyi.seo.jsonld import search_page

MAX_PAGE = 50
FEW_RESULTS = 3


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    department = department_get(slug=request.GET.get("department", ""))
    page = min(page_number(request), MAX_PAGE)
    size = settings.MINGYI_PAGE_SIZE
    result = None
    corrected = None
    showing_corrected = False
    if query:
        result = run_search(
            query=query,
            department=department,
            limit=size,
            offset=(page - 1) * size,
            with_facets=True,
        )
        search_log_record(result=result, department=department, session=search_session(request))
        if result.total < FEW_RESULTS:
            corrected = did_you_mean(query)
            if corrected and result.total == 0:
                # Nothing for what was typed: show the corrected query's results at once.
                corrected_result = run_search(
                    query=corrected, department=department, limit=size, with_facets=True
                )
                if corrected_result.total:
                    result, showing_corrected = corrected_result, True
    pages = min(MAX_PAGE, -(-result.total // size)) if result else 0
    context = {
        "query": query,
        "corrected": corrected,
        "showing_corrected": showing_corrected,
        "department": department,
        "result": result,
        "page": page,
        "pages": pages,
        "previous": page - 1 if page > 1 else None,
        "next": page + 1 if page < pages else None,
        "jsonld": search_page(query, request),
    }
    response = render(request, "search/results.html", context)
    search_session(request, response)
    return response

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mingyi.core.paging import page_number
from mingyi.search.selectors import search_page


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    page = search_page(query=query, page=page_number(request)) if query else None
    return render(request, "search/results.html", {"query": query, "page": page})

from django.http import HttpRequest, HttpResponse

# Private and endless pages stay out of search engines; everything public is in.
DISALLOWED = ["/admin/", "/api/", "/ask/", "/workspace/", "/review/", "/accounts/", "/search/"]


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "Allow: /"]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from mingyi.seo.hant import PREFIX, convert_html_cached, hant_path, hant_url

# Private and endless pages stay out of search engines; everything public is in.
DISALLOWED = ["/admin/", "/api/", "/ask/", "/workspace/", "/review/", "/accounts/", "/search/"]


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines += [f"Disallow: {PREFIX}{path}" for path in DISALLOWED if hant_path(path)]
    lines.append("Allow: /")
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def hant_page(request: HttpRequest, rest: str) -> HttpResponse:
    """/zh-hant/<path>: the page at /<path>, in traditional characters.

    The page's own view runs as for /<path> (so its page cache and ETag serve both), then
    its HTML is converted, links to our pages gaining the /zh-hant prefix."""
    path = "/" + rest
    if hant_path(path) is None:
        raise Http404("没有繁体版本的页面")
    try:
        match = resolve(path)
    except Resolver404 as error:
        raise Http404("页面不存在") from error
    request.path = request.path_info = path
    request.resolver_match = match
    response = match.func(request, *match.args, **match.kwargs)
    if callable(getattr(response, "render", None)) and not response.is_rendered:
        response = response.render()
    origin = f"{request.scheme}://{request.get_host()}"
    if response.has_header("Location"):
        response["Location"] = hant_url(response["Location"], origin)
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return response
    charset = response.charset or "utf-8"
    html = response.content.decode(charset)
    response.content = convert_html_cached(html, origin).encode(charset)
    response["Content-Language"] = "zh-Hant"
    return response

from collections.abc import Iterator
from xml.sax.saxutils import escape  # nosec B406 - escapes what we write; parses nothing

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone

from mingyi.seo.hant import PREFIX, convert_html_cached, hant_path, hant_url
from mingyi.seo.sitemaps import SITEMAPS, StreamedSitemap

SITEMAP_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
)
STREAM_CHUNK = 64 * 1024

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


def _sitemap_lines(site: StreamedSitemap, page: int, origin: str) -> Iterator[bytes]:
    """The file, in chunks of about 64 KB: memory stays flat whatever the table size."""
    changefreq = f"<changefreq>{site.changefreq}</changefreq>" if site.changefreq else ""
    parts, size = [SITEMAP_HEAD], 0
    for path, lastmod in site.entries(page):
        modified = f"<lastmod>{timezone.localdate(lastmod):%Y-%m-%d}</lastmod>" if lastmod else ""
        line = f"<url><loc>{escape(origin + path)}</loc>{modified}{changefreq}</url>\n"
        parts.append(line)
        size += len(line)
        if size >= STREAM_CHUNK:
            yield "".join(parts).encode()
            parts, size = [], 0
    parts.append("</urlset>\n")
    yield "".join(parts).encode()


def sitemap_section(request: HttpRequest, section: str) -> StreamingHttpResponse:
    """One file of the sitemap index: `?p=N` is its Nth slice of at most 50,000 URLs."""
    sitemap_class = SITEMAPS.get(section)
    if sitemap_class is None:
        raise Http404("没有这个站点地图")
    page = request.GET.get("p", "1")
    if not page.isdigit() or int(page) < 1:
        raise Http404("页码无效")
    site = sitemap_class()
    if int(page) > max(site.paginator.num_pages, 1):
        raise Http404("页码超出范围")
    origin = f"{request.scheme}://{request.get_host()}"
    response = StreamingHttpResponse(
        _sitemap_lines(site, int(page), origin), content_type="application/xml; charset=utf-8"
    )
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response

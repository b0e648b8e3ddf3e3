from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.cache import cache_page

from mingyi.seo import views
from mingyi.seo.sitemaps import SITEMAPS

SITEMAP_CACHE_SECONDS = 3600

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    # Streamed as it is read (never cached whole: a file is up to ~6 MB).
    path("sitemap-<section>.xml", views.sitemap_section, name="sitemap-section"),
    # Every reader page in traditional characters (hreflang zh-Hant).
    path("zh-hant/<path:rest>", views.hant_page, name="hant"),
    path("zh-hant/", views.hant_page, {"rest": ""}, name="hant-home"),
]

"""Sitemaps: an index of files of at most 50,000 URLs each. Each file reads only its own
slice of ids and dates (never the whole table, never whole rows) and is streamed out as
it is read (mingyi.seo.views.sitemap_section); the index reads one count and one MAX()
per section."""

from collections.abc import Iterator
from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from mingyi.departments.models import Department
from mingyi.doctors.models import Doctor
from mingyi.questions.models import Question

URLS_PER_FILE = 50_000
CHUNK_ROWS = 2000
_SENTINEL = 918273645  # an id no URL prefix contains


class StreamedSitemap(Sitemap):
    """A section whose files are written row by row: `entries(page)` yields (path,
    lastmod) for one file, reading CHUNK_ROWS rows at a time."""

    limit = URLS_PER_FILE
    lastmod_field: str | None = None

    def get_latest_lastmod(self) -> datetime | None:
        # Django's default calls lastmod() on every item: the whole table in memory.
        if self.lastmod_field is None:
            return None
        return self.items().aggregate(latest=Max(self.lastmod_field))["latest"]

    def page_rows(self, page: int):
        start = (page - 1) * self.limit
        return self.items()[start : start + self.limit]

    def entries(self, page: int) -> Iterator[tuple[str, datetime | None]]:
        for item in self.page_rows(page).iterator(chunk_size=CHUNK_ROWS):
            yield self.location(item), self.lastmod(item) if self.lastmod_field else None


class QuestionSitemap(StreamedSitemap):
    """Published questions that are their own canonical (duplicates point elsewhere)."""

    changefreq = "monthly"
    lastmod_field = "updated_at"

    def items(self):
        return (
            Question.objects.published()
            .filter(canonical__isnull=True)
            .order_by("id")
            .only("id", "updated_at")
        )

    def location(self, item: Question) -> str:
        return reverse("questions:detail", kwargs={"pk": item.pk})

    def lastmod(self, item: Question):
        return item.updated_at

    def entries(self, page: int) -> Iterator[tuple[str, datetime | None]]:
        # Two columns as tuples, no model instances, and the URL pattern reversed once
        # (reverse() per row was three quarters of the time): a million rows stay cheap.
        path = reverse("questions:detail", kwargs={"pk": _SENTINEL}).replace(str(_SENTINEL), "{}")
        rows = self.page_rows(page).values_list("id", "updated_at")
        for pk, updated_at in rows.iterator(chunk_size=CHUNK_ROWS):
            yield path.format(pk), updated_at


class DepartmentSitemap(StreamedSitemap):
    changefreq = "daily"

    def items(self):
        return Department.objects.order_by("id").only("id", "slug")


class DoctorSitemap(StreamedSitemap):
    changefreq = "weekly"
    lastmod_field = "verified_at"

    def items(self):
        return Doctor.objects.verified().order_by("id").only("id", "verified_at")

    def lastmod(self, item: Doctor):
        return item.verified_at


SITEMAPS = {
    "questions": QuestionSitemap,
    "departments": DepartmentSitemap,
    "doctors": DoctorSitemap,
}

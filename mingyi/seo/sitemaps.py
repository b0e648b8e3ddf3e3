"""Sitemaps: an index of files of at most 50,000 URLs each. Each file reads only its own
slice of ids and dates (never the whole table, never whole rows)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from mingyi.departments.models import Department
from mingyi.doctors.models import Doctor
from mingyi.questions.models import Question

URLS_PER_FILE = 50_000


class QuestionSitemap(Sitemap):
    """Published questions that are their own canonical (duplicates point elsewhere)."""

    limit = URLS_PER_FILE
    changefreq = "monthly"

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


class DepartmentSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Department.objects.order_by("id").only("id", "slug")


class DoctorSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Doctor.objects.verified().order_by("id").only("id", "verified_at")

    def lastmod(self, item: Doctor):
        return item.verified_at


SITEMAPS = {
    "questions": QuestionSitemap,
    "departments": DepartmentSitemap,
    "doctors": DoctorSitemap,
}

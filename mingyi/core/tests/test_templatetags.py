"""Template helpers every page uses: they print what Django's own tags print."""

from datetime import UTC, date, datetime

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import reverse

from mingyi.core.links import reverse_remembered
from mingyi.core.templatetags.links import site_url


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize(
    "value",
    [
        datetime(2024, 3, 1, 17, 30, tzinfo=UTC),  # already the next day in Shanghai
        datetime(2024, 3, 1, 3, 0, tzinfo=UTC),
        datetime(999, 1, 2, 12, 0, tzinfo=UTC),
        date(2024, 12, 31),
        None,
    ],
)
@pytest.mark.parametrize("zone", ["Asia/Shanghai", "UTC", "America/Los_Angeles"])
def test_iso_day_prints_what_the_date_filter_prints(value, zone):
    with override_settings(TIME_ZONE=zone):
        ours = render("{% load days %}{{ value|iso_day }}", value=value)
        django = render("{{ value|date:'Y-m-d' }}", value=value)
    assert ours == django


@pytest.mark.parametrize("name", ["core:home", "questions:ask", "login", "search:results"])
def test_site_url_is_the_reversed_url(name):
    assert site_url(name) == reverse(name)
    assert render(f"{{% load links %}}{{% site_url '{name}' %}}") == reverse(name)


def test_remembered_urls_with_arguments_are_the_reversed_urls():
    for slug in ["neike", "xinxueguan-neike"]:
        expected = reverse("departments:detail", kwargs={"slug": slug})
        assert reverse_remembered("departments:detail", slug=slug) == expected

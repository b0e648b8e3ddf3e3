"""Links every page carries (header, footer), reversed once per process."""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@lru_cache(maxsize=64)
def _reversed(name: str, prefix: str, urlconf: str | None) -> str:
    return reverse(name, urlconf=urlconf)


@register.simple_tag
def site_url(name: str) -> str:
    """{% url name %} for a URL without arguments, remembered: the same answer for the
    same script prefix and URLconf, without reverse()'s work on every page."""
    return _reversed(name, get_script_prefix(), get_urlconf())


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()

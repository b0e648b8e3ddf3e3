"""reverse() remembered, for URLs pages print on every request (header and footer
links, department links): the same answer for the same arguments, script prefix and
URLconf, without reverse()'s work each time."""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


def reverse_remembered(name: str, **kwargs: str | int) -> str:
    return _reversed(name, tuple(sorted(kwargs.items())), get_script_prefix(), get_urlconf())


@lru_cache(maxsize=1024)
def _reversed(name: str, kwargs: tuple, prefix: str, urlconf: str | None) -> str:
    return reverse(name, kwargs=dict(kwargs), urlconf=urlconf)


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()

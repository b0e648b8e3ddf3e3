"""Links every page carries (header, footer), reversed once per process."""

from django import template

from mingyi.core.links import reverse_remembered

register = template.Library()


@register.simple_tag
def site_url(name: str) -> str:
    """{% url name %} for a URL without arguments, remembered (mingyi.core.links)."""
    return reverse_remembered(name)

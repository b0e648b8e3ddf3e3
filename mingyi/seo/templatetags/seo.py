import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def ld_json(data) -> SafeString:
    """A schema.org JSON-LD block; <, > and & are escaped so no text can close it."""
    text = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # nosec B308, B703

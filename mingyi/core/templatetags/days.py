"""Dates as pages print them."""

from datetime import date, datetime

from django import template

register = template.Library()


@register.filter(expects_localtime=True)
def iso_day(value: datetime | date | None) -> str:
    """The day in the reader's time zone, as `|date:"Y-m-d"` prints it, at a fraction of
    its cost (|date looks up the language and its formats on every call: a question page
    has a dozen dates)."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat()

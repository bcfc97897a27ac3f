"""French forms that Django's formats do not give: "1er décembre", not "1 décembre"."""

from datetime import date, datetime

from django import template
from django.utils import formats, timezone

register = template.Library()


@register.filter
def long_date(value: date | datetime | None) -> str:
    """« 1er décembre 2026 », « 2 décembre 2026 » (a date-time is read in the site's time zone)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {formats.date_format(value, 'F Y')}"

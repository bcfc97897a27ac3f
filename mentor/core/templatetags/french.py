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


@register.filter
def heure(value: datetime | None) -> str:
    """« 9 h », « 17 h 30 » (the French typographic rule, with non-breaking spaces; in the site's time zone)."""
    if value is None:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    hours = f"{value.hour}\u00a0h"
    return f"{hours}\u00a0{value.minute:02d}" if value.minute else hours


@register.filter
def pluriel(value, arg: str = "s") -> str:
    """Django's ``pluralize`` with the French rule: 0 and 1 take the singular (« 0 formation », « 1 inscrit
    confirmé », « 2 formations »). ``arg`` as for ``pluralize``: a plural suffix, or "singular,plural"."""
    if "," in arg:
        singular, plural = arg.split(",", 1)
    else:
        singular, plural = "", arg
    try:
        count = len(value) if hasattr(value, "__len__") and not isinstance(value, str) else int(value)
    except (TypeError, ValueError):
        return ""
    return plural if abs(count) >= 2 else singular


def counted(n: int, singular: str, plural: str) -> str:
    """« 0 formation créée », « 2 formations créées » : the number and its noun, by the rule of ``pluriel``, for
    messages written in Python (commands, API errors)."""
    return f"{n} {pluriel(n, f'{singular},{plural}')}"

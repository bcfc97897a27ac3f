from django import template

from mentor.funding.money import euros as format_euros

register = template.Library()


@register.filter
def euros(amount) -> str:
    """12500 → « 12 500,00 € »."""
    return format_euros(amount)

"""Amounts in euros, written the French way ("12 500,00 €"), for pages, e-mails and exports alike."""

from decimal import Decimal

NARROW_SPACE = "\u202f"
NO_BREAK_SPACE = "\u00a0"


def euros(amount: Decimal | None) -> str:
    if amount is None:
        return "—"
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{NARROW_SPACE.join(groups)},{cents}{NO_BREAK_SPACE}€"

"""Amounts as people read them, one way everywhere: "$88,000", "€1,250.50",
"12,000 CHF" (a currency without a symbol after the figure)."""

from decimal import Decimal

from django.utils.formats import number_format

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def money(value: Decimal | int | float, currency: str = "") -> str:
    """A whole amount shows no cents; no currency shows the figure alone."""
    value = Decimal(str(value))
    shown = value.quantize(Decimal(1)) if value == value.to_integral() else value
    text = number_format(shown, use_l10n=True, force_grouping=True)
    if not currency:
        return text
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{text}" if symbol else f"{text} {currency}"

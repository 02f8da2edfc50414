"""Numbers as each language writes them (1,234.5 / 1 234,5 / 1.234,5)."""

from __future__ import annotations

SEPARATORS = {"en": (",", "."), "fr": ("\u202f", ","), "nl": (".", ",")}  # (thousands, decimal)


def number(value: float | int | None, lang: str = "en", decimals: int = 2) -> str:
    """At most `decimals` decimals, trailing zeros dropped; None is a dash."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    thousands, decimal = SEPARATORS[lang]
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def signed(value: float | int | None, lang: str = "en", decimals: int = 2) -> str:
    if value is None:
        return "–"
    text = number(value, lang, decimals)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def percent(share: float | None, lang: str = "en") -> str:
    """A share (0.1447) as a percentage (14.5 %; French and Dutch put a space before the sign too)."""
    if share is None:
        return "–"
    return f"{number(share * 100, lang, 1)}\u00a0%"

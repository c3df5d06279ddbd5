"""Numbers and dates as Vietnamese documents write them: "1.250.000.000" đồng, counts in words
("Viết bằng chữ", through ``num2words`` with ``lang="vi"``), Roman numerals of annexes."""

from __future__ import annotations

from num2words import num2words

ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def vnd(value: float | int | None) -> str:
    """A whole number with dots between thousands: ``1250000000`` -> ``"1.250.000.000"``.

    >>> vnd(1250000000.4)
    '1.250.000.000'
    """
    if value is None or value != value:  # NaN: the caller shows its own "unknown"
        return ""
    return f"{round(float(value)):,}".replace(",", ".")


def in_words(value: float | int, lang: str = "vi") -> str:
    """A whole number in words, first letter upper case.

    >>> in_words(105)
    'Một trăm lẻ năm'
    >>> in_words(12, "en")
    'Twelve'
    """
    text = num2words(round(float(value)), lang="en" if lang == "en" else "vi")
    return text[:1].upper() + text[1:]


def roman(n: int) -> str:
    """``4`` -> ``"IV"`` (annexes are numbered I, II, ...).

    >>> roman(7)
    'VII'
    """
    out = []
    for value, numeral in ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def two(n: int) -> str:
    """Numbers below 10 take a leading 0 in a document number (Decree 30/2020, Annex I).

    >>> two(7)
    '07'
    """
    return f"{n:02d}"


def date_vn(iso: str) -> str:
    """``2025-06-30`` -> ``"30/06/2025"``; anything else is returned as it is.

    >>> date_vn("2025-06-30")
    '30/06/2025'
    """
    if len(iso) >= 10 and iso[4] == "-" and iso[7] == "-":
        return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"
    return iso

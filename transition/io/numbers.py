"""Numbers as Vietnamese offices write them: ``1.250.000.000`` (dots between thousands), ``1,5`` (a comma
before decimals), ``1.250.000.000 đ``, ``1,5 tỷ``, ``150 triệu đồng``, ``2 tỷ 300 triệu``; also the
English way (``1,250,000,000``, ``12.5``) when a column shows it. A cell that cannot be read is an error
that says why, never an empty value.

>>> parse_number("1.250.000.000 đ")
Decimal('1250000000')
>>> parse_number("1,5 tỷ")
Decimal('1500000000.0')
>>> parse_number("2 tỷ 300 triệu VNĐ")
Decimal('2300000000')
>>> parse_number("107.123456", kind="coordinate")
Decimal('107.123456')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..text import fold

AMOUNT, COUNT, MEASURE, COORDINATE = "amount", "count", "measure", "coordinate"
KINDS = (AMOUNT, COUNT, MEASURE, COORDINATE)

# Scale words (folded, without diacritics) and their factors; "nghìn"/"ngàn" = thousand.
SCALES: dict[str, Decimal] = {
    "ty": Decimal(10) ** 9,
    "trieu": Decimal(10) ** 6,
    "nghin": Decimal(1000),
    "ngan": Decimal(1000),
}
# Currency and unit words that carry no factor; matched on the folded text.
CURRENCY = ("vnd", "dong", "d", "dg", "m", "m2", "km", "km2", "ha", "nguoi", "cho", "cai", "chiec")
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
_NUMBER_WORDS = {
    "mot",
    "hai",
    "ba",
    "bon",
    "nam",
    "sau",
    "bay",
    "tam",
    "chin",
    "muoi",
    "tram",
    "linh",
    "le",
}


class NumberError(ValueError):
    """A cell is not a number; the message says why and how to write it."""


@dataclass
class Convention:
    """How a column writes its separators: ``vi`` (``.`` thousands, ``,`` decimals), ``en`` (the
    reverse) or ``None`` (nothing in the column tells; Vietnamese is assumed)."""

    decimal: str | None = None
    notes: list[str] = field(default_factory=list)


def _clean(text: str) -> str:
    t = str(text).strip().replace("\u2212", "-").replace("\u00a0", " ").replace("\u202f", " ")
    return t


def _negative(t: str) -> tuple[bool, str]:
    if t.startswith("(") and t.endswith(")"):  # accounting style (1.000)
        return True, t[1:-1].strip()
    if t.startswith("-"):
        return True, t[1:].strip()
    if t.endswith("-"):
        return True, t[:-1].strip()
    return False, t


def convention(values: Sequence[str], kind: str = AMOUNT) -> Convention:
    """Guess the decimal mark of a column from its unambiguous cells (``1,5`` says Vietnamese, ``12.5``
    or ``1,250.5`` English). A column that shows both is read cell by cell."""
    vi = en = 0
    for v in values:
        t = re.sub(r"[^\d.,]", "", _clean(v))
        if not t:
            continue
        dots, commas = t.count("."), t.count(",")
        if dots and commas:
            if t.rfind(",") > t.rfind("."):
                vi += 1
            else:
                en += 1
        elif commas == 1 and (kind == COORDINATE or len(t) - t.rfind(",") - 1 != 3):
            vi += 1
        elif dots == 1 and (kind == COORDINATE or len(t) - t.rfind(".") - 1 != 3) or commas > 1:
            en += 1
        elif dots > 1:
            vi += 1
    if vi and not en:
        return Convention(",")
    if en and not vi:
        return Convention(".")
    return Convention(None)


def _digits(t: str, kind: str, decimal: str | None, assume: str | None = None) -> Decimal:
    """Digits with separators -> Decimal, under the column's convention."""
    if not re.fullmatch(r"\d[\d.,]*|[.,]\d+", t):
        raise NumberError("has characters that are not digits")
    dots, commas = t.count("."), t.count(",")
    if dots and commas:
        dec = "," if t.rfind(",") > t.rfind(".") else "."
        thou = "." if dec == "," else ","
        if t.count(dec) > 1:
            raise NumberError("has more than one decimal mark")
        whole, frac = t.split(dec)
        return _grouped(whole, thou) + Decimal("0." + frac if frac else "0")
    sep = "." if dots else "," if commas else ""
    if not sep:
        return Decimal(t)
    if t.count(sep) > 1:
        return _grouped(t, sep)
    whole, frac = t.split(sep)
    if kind == COORDINATE:
        return Decimal(f"{whole or 0}.{frac}")
    if len(frac) == 3 and whole and (decimal or assume) != sep:
        return _grouped(t, sep)  # 1.250 or 1,250: a thousands group (đồng have no decimals)
    if decimal is not None and decimal != sep:
        raise NumberError(
            f"uses '{sep}' as a decimal mark but the column writes decimals with '{decimal}'"
        )
    return Decimal(f"{whole or 0}.{frac}")


def _grouped(t: str, sep: str) -> Decimal:
    parts = t.split(sep)
    if not parts[0] or len(parts[0]) > 3 or any(len(p) != 3 for p in parts[1:]):
        raise NumberError(f"groups of digits between '{sep}' must have three digits")
    return Decimal("".join(parts))


def parse_number(
    text: object,
    *,
    kind: str = AMOUNT,
    allow_negative: bool = False,
    decimal: str | None = None,
) -> Decimal:
    """One cell -> :class:`~decimal.Decimal` (exact, so sums are đồng for đồng).

    ``kind``: ``amount`` (đồng; scale words ``tỷ``, ``triệu``, ``nghìn``; currency ``đ``, ``VNĐ``,
    ``đồng``), ``count``, ``measure`` (m², km²) or ``coordinate`` (degrees: one separator is always a
    decimal mark). ``decimal`` is the column's decimal mark when known (see :func:`convention`).
    Raises :class:`NumberError` with the reason (words, negative where not allowed, bad grouping).
    """
    if isinstance(text, (int, float, Decimal)) and not isinstance(text, bool):
        value = Decimal(str(text))
    else:
        t = _clean(str(text))
        if not t:
            raise NumberError("is empty")
        neg, t = _negative(t)
        value = _with_words(t, kind, decimal)
        value = -value if neg else value
    if value < 0 and not allow_negative:
        raise NumberError("is negative; this column cannot be below zero")
    return value


def _with_words(t: str, kind: str, decimal: str | None) -> Decimal:
    """Digits followed by scale words (``2 tỷ 300 triệu``) and currency words."""
    tokens = re.findall(r"[\d.,]+|[^\W\d_]+|[²]", t, re.UNICODE)
    rest = re.sub(r"[\d.,\s]+|[^\W\d_]+|[²/]", "", t, flags=re.UNICODE)
    if rest:
        raise NumberError(f"has '{rest}' that is not part of a number")
    total, current = Decimal(0), None
    seen_digits = False
    for k, tok in enumerate(tokens):
        if re.fullmatch(r"[\d.,]+", tok):
            if current is not None:
                total += current
            scaled = k + 1 < len(tokens) and fold(tokens[k + 1]).replace(" ", "") in SCALES
            # before tỷ / triệu the Vietnamese reading holds: 1,234 tỷ is 1.234 billion
            current = _digits(tok, kind, decimal, "," if scaled else None)
            seen_digits = True
            continue
        word = fold(tok).replace(" ", "")
        if word in SCALES:
            if current is None:
                raise NumberError(f"'{tok}' has no number before it")
            total += current * SCALES[word]
            current = None
        elif word in CURRENCY or tok in ("²",):
            continue
        elif word in _NUMBER_WORDS:
            raise NumberError("is written in words; write it in digits, e.g. 8.000.000.000")
        else:
            raise NumberError(f"has the word '{tok}', which is not a number or a unit")
    if not seen_digits:
        raise NumberError("has no digits")
    return total + (current or 0)


_PLAIN_DIGITS = re.compile(r"\d{1,18}")
_DOT_DECIMAL = re.compile(r"\d{1,18}\.\d{1,12}")  # under an English-notation column


def _native(text: str, allow_negative: bool) -> Decimal | str:
    """A cell that was a number in the file (XLSX): its value, or the reason it is refused."""
    try:
        v = Decimal(text)
    except InvalidOperation:
        return "is not a number"
    if v < 0 and not allow_negative:
        return "is negative; this column cannot be below zero"
    return v


@dataclass
class ParsedColumn:
    """A column read: ``values`` (Decimal or None for an empty cell), ``errors`` (position, text,
    reason) and notes on what was assumed."""

    values: list[Decimal | None]
    errors: list[tuple[int, str, str]]
    notes: list[str]


def parse_column(
    cells: Sequence[object],
    *,
    kind: str = AMOUNT,
    allow_negative: bool = False,
    native: set[int] | frozenset[int] = frozenset(),
) -> ParsedColumn:
    """Read a whole column under one convention. ``native`` holds the positions of cells that were
    numbers in the file (XLSX): they are taken as they are."""
    texts = [str(c) if c is not None else "" for c in cells]
    conv = convention([t for i, t in enumerate(texts) if i not in native], kind)
    values: list[Decimal | None] = []
    errors: list[tuple[int, str, str]] = []
    seen: dict[str, Decimal | str] = {}  # a text read once: its value, or the reason it is refused
    for i, t in enumerate(texts):
        if not t.strip():
            values.append(None)
            continue
        if i in native:
            got: Decimal | str = _native(t, allow_negative)
        elif t in seen:
            got = seen[t]
        elif _PLAIN_DIGITS.fullmatch(t) or (conv.decimal == "." and _DOT_DECIMAL.fullmatch(t)):
            got = seen[t] = Decimal(
                t
            )  # most cells: nothing to interpret (as parse_number reads them)
        else:
            try:
                got = parse_number(
                    t, kind=kind, allow_negative=allow_negative, decimal=conv.decimal
                )
            except NumberError as exc:
                got = str(exc)
            seen[t] = got
        if isinstance(got, str):
            errors.append((i, t, got))
            values.append(None)
        else:
            values.append(got)
    notes = []
    if conv.decimal == ".":
        notes.append("the column writes decimals with '.' (English notation); read so")
    return ParsedColumn(values, errors, notes)

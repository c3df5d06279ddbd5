"""Cell values as offices write them: unit codes and yes/no flags, read the same way everywhere.

>>> clean_code(6970.0), clean_code(" 06970 "), clean_code("06970.0"), clean_code(None)
('6970', '06970', '06970', '')
>>> [parse_flag(v) for v in ("có", "X", "True", "1", "không", "", None, "false")]
[True, True, True, True, False, False, False, False]
"""

from __future__ import annotations

import math

from .text import fold

#: Words read as yes / no in a flag column (compared without case or diacritics).
YES = frozenset({"true", "1", "yes", "y", "x", "co", "dung", "phai"})
NO = frozenset({"false", "0", "no", "n", "khong", "sai", ""})


def is_blank(value: object) -> bool:
    """``None``, NaN or text of spaces only."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def clean_code(value: object) -> str:
    """A unit code as text: blank -> ``""``; a code that went through a float column (``6970.0``,
    ``"06970.0"``) loses the ``.0``. Leading zeros that a spreadsheet dropped are not restored here:
    the fixed width belongs to the reader of the column (codes of communes have 5 digits)."""
    if is_blank(value):
        return ""
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text


def parse_flag(value: object) -> bool:
    """A yes/no cell: ``có``, ``x``, ``yes``, ``true``, ``1`` and the like are yes; ``không``, ``no``,
    ``false``, ``0`` and a blank cell are no. Raises :class:`ValueError` for anything else, so that
    a cell that cannot be read is never taken for "no"."""
    if isinstance(value, bool):
        return value
    if is_blank(value):
        return False
    word = fold(clean_code(value))
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError(f"'{value}' is not yes/no; write có or không")

"""Reporting periods: a year (``2025``), a quarter (``2025-Q3``) or a month (``2025-09``).

>>> parse_period("2025-Q3")
Period(label='2025-Q3', start=datetime.date(2025, 7, 1), end=datetime.date(2025, 9, 30))
>>> parse_period("2025-09").end, parse_period("2025").start
(datetime.date(2025, 9, 30), datetime.date(2025, 1, 1))
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ..errors import TransitionError


class PeriodError(TransitionError):
    """A period that is not a year, a quarter or a month."""


@dataclass(frozen=True)
class Period:
    """A closed interval of days ``[start, end]`` with its label."""

    label: str
    start: dt.date
    end: dt.date

    def is_open(self, as_of: dt.date) -> bool:
        """Whether the period had not ended on ``as_of`` (its results are then provisional)."""
        return as_of < self.end


def parse_period(text: str) -> Period:
    """``2025``, ``2025-Q3`` (or ``Q3/2025``) or ``2025-09`` (or ``09/2025``); raises
    :class:`PeriodError` saying what is accepted."""
    t = text.strip().upper()
    if m := re.fullmatch(r"(\d{4})", t):
        y = int(m[1])
        return Period(t, dt.date(y, 1, 1), dt.date(y, 12, 31))
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", t) or re.fullmatch(r"Q([1-4])/(\d{4})", t):
        y, q = (int(m[1]), int(m[2])) if len(m[1]) == 4 else (int(m[2]), int(m[1]))
        first = 3 * (q - 1) + 1
        last = calendar.monthrange(y, first + 2)[1]
        return Period(f"{y}-Q{q}", dt.date(y, first, 1), dt.date(y, first + 2, last))
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", t) or re.fullmatch(r"(\d{1,2})/(\d{4})", t):
        y, mo = (int(m[1]), int(m[2])) if len(m[1]) == 4 else (int(m[2]), int(m[1]))
        if 1 <= mo <= 12:
            last = calendar.monthrange(y, mo)[1]
            return Period(f"{y}-{mo:02d}", dt.date(y, mo, 1), dt.date(y, mo, last))
    raise PeriodError(
        f"period '{text}' is not understood; write a year (2025), a quarter (2025-Q3) or a month "
        "(2025-09)"
    )

"""Dates as Vietnamese offices write them: XLSX date cells, Excel serial numbers, ``dd/mm/yyyy``,
``d/m/yyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy`` and ``yyyy-mm-dd``. Day first is the Vietnamese
convention: a date that could be read two ways is never guessed month first.

>>> parse_date("01/07/2025")
datetime.date(2025, 7, 1)
>>> parse_date("2025-07-01")
datetime.date(2025, 7, 1)
>>> parse_date("45839")
datetime.date(2025, 7, 1)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (it counts 1900 as a leap year; serials > 60)
SERIALS = (1, 2958465)  # 1900-01-01 .. 9999-12-31
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DMY = re.compile(
    r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
_SERIAL = re.compile(r"\d{1,7}(?:\.0+)?")


class DateError(ValueError):
    """A cell is not a date; the message says why and how to write it."""


def from_serial(serial: float) -> dt.date:
    """An Excel serial day number -> date (``45839`` is 2025-07-01)."""
    if not SERIALS[0] <= serial <= SERIALS[1]:
        raise DateError(f"{serial:g} is not a day number Excel uses for a date")
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_date(text: object, *, serials: bool = True) -> dt.date:
    """One cell -> :class:`datetime.date`, day first.

    Accepts a ``date``/``datetime`` (an XLSX date cell), an Excel serial (a number, or digits when
    ``serials``), ``yyyy-mm-dd`` and ``d/m/yyyy`` with ``/``, ``-`` or ``.``. Raises
    :class:`DateError` naming the reason: a month above 12 (written month first?), a two-digit year,
    a day that does not exist, or text that is no date.
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return from_serial(float(text))
    t = str(text).strip()
    if not t:
        raise DateError("is empty")
    m = _ISO.fullmatch(t)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]))
    m = _DMY.fullmatch(t)
    if m:
        day, month, year = int(m[1]), int(m[2]), m[3]
        if len(year) != 4:
            raise DateError("has a two-digit year; write the year in full (dd/mm/yyyy)")
        if month > 12 and day <= 12:
            raise DateError(
                f"has month {month}: dates are read day first (dd/mm/yyyy); "
                "if it was written month first, rewrite it as dd/mm/yyyy"
            )
        return _make(int(year), month, day)
    if serials and _SERIAL.fullmatch(t):
        return from_serial(float(t))
    raise DateError("is not a date; write it as dd/mm/yyyy (e.g. 01/07/2025) or yyyy-mm-dd")


def _make(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DateError(f"is not a day of the calendar ({exc})") from exc


@dataclass
class ParsedDates:
    """A column read: ISO text per cell ("" when empty), errors (position, text, reason), notes."""

    values: list[str]
    errors: list[tuple[int, str, str]]
    notes: list[str]


def parse_date_column(cells: Sequence[object], native: set[int] | frozenset[int] = frozenset()):
    """Read a column of dates (``native``: positions of XLSX date cells, already ISO text).

    Day first throughout; when every slashed date of the column could be read either way (day and
    month both up to 12), a note says day first was assumed."""
    values: list[str] = []
    errors: list[tuple[int, str, str]] = []
    two_ways = day_first_shown = 0
    serial_cells = 0
    seen: dict[str, dt.date | str] = {}  # a text read once: its date, or the reason it is refused
    for i, cell in enumerate(cells):
        t = "" if cell is None else str(cell).strip()
        if not t:
            values.append("")
            continue
        if t not in seen:
            try:
                seen[t] = parse_date(t)
            except DateError as exc:
                seen[t] = str(exc)
        day = seen[t]
        if isinstance(day, str):
            errors.append((i, t, day))
            values.append("")
            continue
        m = _DMY.fullmatch(t)
        if m and i not in native:
            if int(m[1]) <= 12 and int(m[2]) <= 12 and m[1] != m[2]:
                two_ways += 1
            elif int(m[1]) > 12:
                day_first_shown += 1
        if _SERIAL.fullmatch(t) and i not in native:
            serial_cells += 1
        values.append(day.isoformat())
    notes = []
    if two_ways and not day_first_shown:
        notes.append(
            f"{two_ways} date(s) could be read day first or month first; read day first "
            "(dd/mm/yyyy), the Vietnamese convention"
        )
    if serial_cells:
        notes.append(f"{serial_cells} date(s) were Excel day numbers; converted")
    return ParsedDates(values, errors, notes)

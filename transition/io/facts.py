"""Reading the files of drafting: the public attributes of the 2025 units, a department's unit facts
register, the amendments after 1 July 2025, island links and pair constraints. Codes stay text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from ..errors import InputFileError
from .tables import read_table

FACTS_ALIASES = {
    "population_bando": "population",
    "dân số": "population",
    "quy mô dân số": "population",
    "area_km2_bando": "area_km2",
    "diện tích": "area_km2",
    "diện tích tự nhiên": "area_km2",
    "centre_lon": "lon",
    "centre_lat": "lat",
    "mã": "code",
    "mã đơn vị": "code",
    "vùng": "region",
    "miễn": "exemption",
    "giữ nguyên": "locked",
}


def read_attributes(path: str | Path) -> pd.DataFrame:
    """A table of unit figures (the public atlas attributes, or a department's ``unit_facts``):
    columns renamed to ``code, population, area_km2, lon, lat, region, ...``; every cell text.
    The atlas's ``area_km2_bando`` is its natural area (``area_km2_official`` is left aside). Raises
    :class:`InputFileError` naming the file when it has no ``code`` column."""
    frame = read_table(path, FACTS_ALIASES)
    if "code" not in frame:
        raise InputFileError(Path(path), f"has no column 'code' (Mã); it has {list(frame.columns)}")
    frame["code"] = frame["code"].str.strip().str.zfill(5)
    return frame


_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text``: ``30/04/2026`` (day first) or ``2026-09-20``; ``None`` if none."""
    m = _DATE.search(str(text))
    if not m:
        return None
    if m.group(1):
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return dt.date(int(m.group(4)), int(m.group(5)), int(m.group(6)))


def read_amendments(path: str | Path) -> pd.DataFrame:
    """Amendments after 1 July 2025 (``resolution, issued, effective, change, gso_code, unit_before,
    unit_after``), ``effective`` as a date; ``same`` repeats the row above's date. A row whose date
    cannot be read raises :class:`InputFileError` naming the row."""
    frame = read_table(path)
    missing = {"resolution", "effective", "change", "gso_code"} - set(frame.columns)
    if missing:
        raise InputFileError(Path(path), f"lacks the column(s) {sorted(missing)}")
    dates: list[dt.date | None] = []
    for k, text in enumerate(frame["effective"], start=2):
        date = dates[-1] if str(text).strip().lower() == "same" and dates else parse_date(text)
        if date is None:
            raise InputFileError(
                Path(path), f"row {k}: effective date '{text}' cannot be read (write 30/04/2026)"
            )
        dates.append(date)
    frame["effective"] = dates
    frame["gso_code"] = frame["gso_code"].str.strip()
    return frame


def read_pairs(path: str | Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """A small table of unit pairs (island links ``code_a, code_b, kind``; constraints
    ``code_a, code_b, relation``), codes as text."""
    frame = read_table(path)
    missing = set(columns) - set(frame.columns)
    if missing:
        raise InputFileError(Path(path), f"lacks the column(s) {sorted(missing)}")
    for c in ("code_a", "code_b"):
        frame[c] = frame[c].str.strip()
    return frame

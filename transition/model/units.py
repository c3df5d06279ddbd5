"""Unit registers: old units (province, district, commune) and new units (province, commune level).

A register is a plain :class:`pandas.DataFrame`, one row per unit, with the columns below. Codes are
strings (``"06652"``), never numbers, so that leading zeros survive every round trip.
"""

from __future__ import annotations

import pandas as pd

from ..errors import PlanError
from ..values import clean_code, parse_flag

# Columns shared by both eras. ``level`` is province / district / commune. ``lon``/``lat`` are a
# representative point in WGS 84 degrees; ``area_km2`` and ``population`` are official figures.
COMMON_COLUMNS = [
    "code",
    "name",
    "unit_type",
    "level",
    "province_code",
    "province_name",
    "area_km2",
    "population",
    "lon",
    "lat",
    "aliases",  # other codes of the same unit, ";"-separated (Xã Ba Chẽ: 06970 and 06978)
    "island",  # declared island unit: may have no land neighbour
]
OLD_UNIT_COLUMNS = COMMON_COLUMNS[:6] + ["district_code", "district_name"] + COMMON_COLUMNS[6:]
NEW_UNIT_COLUMNS = COMMON_COLUMNS + ["region", "seat"]  # region: mountain / other, for the criteria

CODE_COLUMNS = ("code", "province_code", "district_code")
NUMBER_COLUMNS = ("area_km2", "population", "lon", "lat")


def flags(values, column: str) -> list[bool]:
    """Yes/no cells of ``column`` as booleans (:func:`transition.values.parse_flag`); raises
    :class:`PlanError` naming the column, the row of the table (1 = first data row) and the value
    when a cell is neither yes nor no."""
    out = []
    for i, v in enumerate(values):
        try:
            out.append(parse_flag(v))
        except ValueError as exc:
            raise PlanError(f"column {column}, row {i + 1}: {exc}") from None
    return out


def normalise_units(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Return a copy of ``frame`` with exactly ``columns`` in order, codes as strings, numbers as floats.

    Missing optional columns are added empty; the caller's index is not kept (registers are keyed by
    ``code``). Raises ``KeyError`` naming the columns when ``code`` or ``name`` is missing.
    """
    missing = [c for c in ("code", "name") if c not in frame.columns]
    if missing:
        raise KeyError(f"unit register lacks column(s) {missing}; it has {list(frame.columns)}")
    out = pd.DataFrame(index=range(len(frame)))
    for col in columns:
        values = frame[col].to_numpy() if col in frame.columns else [None] * len(frame)
        if col in CODE_COLUMNS:
            out[col] = [clean_code(v) for v in values]
        elif col in NUMBER_COLUMNS:
            out[col] = pd.to_numeric(pd.Series(values), errors="coerce").astype(float)
        elif col == "island":
            out[col] = flags(values, col)
        else:
            out[col] = [
                "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in values
            ]
    return out


def code_lookup(units: pd.DataFrame) -> dict[str, str]:
    """Map every code and alias of a register to the unit's main code."""
    lookup: dict[str, str] = {}
    for code, aliases in zip(units["code"], units["aliases"], strict=True):
        lookup[code] = code
        for alias in str(aliases).split(";"):
            alias = alias.strip()
            if alias:
                lookup.setdefault(alias, code)
    return lookup

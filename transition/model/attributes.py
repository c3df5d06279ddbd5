"""Official figures of new units (area, population, seat, region) joined onto the plan's register."""

from __future__ import annotations

import pandas as pd

from ..errors import InputFileError
from ..text import read_vn_number
from .matching import CODE_COLUMNS, NAME_COLUMNS, match_rows, pick_column, unmatched_report
from .plan import Plan
from .units import NEW_UNIT_COLUMNS

ATTRIBUTE_COLUMNS = ("area_km2", "population", "seat", "region")
NUMERIC = ("area_km2", "population")


def apply_attributes(plan: Plan, table: pd.DataFrame, file: str = "") -> tuple[Plan, list[dict]]:
    """A new plan whose commune-level new units take the figures of ``table``.

    ``table`` holds text cells with a code or name column and any of ``area_km2`` (km²),
    ``population`` (people), ``seat``, ``region``; rows are matched by code (aliases too) or by type
    and name. Values in the table replace those of the register; empty cells change nothing. Figures
    are read in Vietnamese notation (:func:`~transition.text.read_vn_number`: ``29.643`` people,
    ``37,60`` km²) as well as the English one. Returns
    the plan and the rows that matched no unit (``unmatched_report``). Raises
    :class:`InputFileError` (naming ``file``, row and column) for a figure that is not a number, and
    when the table has none of the columns.
    """
    wanted = [c for c in ATTRIBUTE_COLUMNS if c in table.columns]
    if not wanted:
        raise InputFileError(
            file,
            "has none of the columns area_km2, population, seat, region "
            "(or their Vietnamese names: diện tích, dân số, trụ sở, vùng)",
        )
    units = plan.new_units.copy()
    communes = units.index[units["level"] == "commune"]
    sub = units.loc[communes].reset_index(drop=True)
    matches = match_rows(
        sub,
        table,
        pick_column(table.columns, CODE_COLUMNS),
        pick_column(table.columns, NAME_COLUMNS),
    )
    # Vietnamese notation is judged per column: a comma before decimals anywhere in it makes a dot
    # a thousands separator (29.643 people), as in the official atlas's tables.
    comma_decimal = {
        c: table[c].astype(str).str.contains(r"\d,\d{1,2}$|\d,\d{4,}$", regex=True).any() or None
        for c in NUMERIC
        if c in table.columns
    }
    for m in matches:
        if m.unit is None:
            continue
        target = communes[m.unit]
        for col in wanted:
            value = table[col].iloc[m.row]
            if str(value).strip() == "":
                continue
            if col in NUMERIC:
                try:
                    number = read_vn_number(
                        value, whole=col == "population", comma_decimal=comma_decimal[col]
                    )
                except ValueError as exc:
                    raise InputFileError(
                        file,
                        f"'{value}' is not a number ({exc}); write it as 29.643 or 29643 "
                        "(people), 37,60 or 37.60 (km²)",
                        row=m.row + 2,
                        column=col,
                    ) from exc
                units.at[target, col] = number
            else:
                units.at[target, col] = str(value)
    return plan.replace(new_units=units[NEW_UNIT_COLUMNS]), unmatched_report(matches)

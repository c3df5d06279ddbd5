"""Official figures of new units (area, population, seat, region) joined onto the plan's register."""

from __future__ import annotations

import pandas as pd

from ..errors import InputFileError
from .matching import CODE_COLUMNS, NAME_COLUMNS, match_rows, pick_column, unmatched_report
from .plan import Plan
from .units import NEW_UNIT_COLUMNS

ATTRIBUTE_COLUMNS = ("area_km2", "population", "seat", "region")
NUMERIC = ("area_km2", "population")


def apply_attributes(plan: Plan, table: pd.DataFrame, file: str = "") -> tuple[Plan, list[dict]]:
    """A new plan whose commune-level new units take the figures of ``table``.

    ``table`` holds text cells with a code or name column and any of ``area_km2`` (km²),
    ``population`` (people), ``seat``, ``region``; rows are matched by code (aliases too) or by type
    and name. Values in the table replace those of the register; empty cells change nothing. Returns
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
    for m in matches:
        if m.unit is None:
            continue
        target = communes[m.unit]
        for col in wanted:
            value = table[col].iloc[m.row]
            if str(value).strip() == "":
                continue
            if col in NUMERIC:
                number = pd.to_numeric(str(value).replace(",", "."), errors="coerce")
                if pd.isna(number):
                    raise InputFileError(
                        file, f"'{value}' is not a number", row=m.row + 2, column=col
                    )
                units.at[target, col] = float(number)
            else:
                units.at[target, col] = str(value)
    return plan.replace(new_units=units[NEW_UNIT_COLUMNS]), unmatched_report(matches)

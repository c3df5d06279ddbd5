"""The department's decisions (``inputs/overrides.csv``): an item given to a named new unit."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputFileError
from ..io.tables import read_table
from ..model import Plan

OVERRIDE_COLUMNS = ["class", "id", "new_code", "reference"]
HEADERS = {"lớp": "class", "mã": "id", "đơn vị mới": "new_code", "căn cứ": "reference"}


def read_overrides(path: Path, plan: Plan) -> pd.DataFrame:
    """The overrides of ``path`` (columns ``class``, ``id``, ``new_code``, ``reference``), empty when
    the file does not exist. Raises :class:`InputFileError` naming the file, row and column for a
    missing column or a new unit that is not in the plan."""
    if not path.exists():
        return pd.DataFrame(columns=OVERRIDE_COLUMNS)
    frame = read_table(path, HEADERS)
    missing = [c for c in OVERRIDE_COLUMNS if c not in frame.columns]
    if missing:
        raise InputFileError(
            path,
            f"has no column {', '.join(missing)}; an override row is: class (staff, assets, "
            "dossiers, records), id, new_code, reference (the department's decision)",
        )
    known = set(plan.new_units["code"])
    for k, row in frame.iterrows():
        if row["new_code"] not in known:
            raise InputFileError(
                path,
                f"new unit '{row['new_code']}' is not in the plan",
                row=int(k) + 2,
                column="new_code",
            )
    return frame[OVERRIDE_COLUMNS]

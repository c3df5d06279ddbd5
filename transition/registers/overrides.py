"""The department's decisions (``inputs/overrides.csv`` or ``.xlsx``): an item given to a named new unit.

Every row is checked before anything is assigned: the class, the item (it must be in that register),
the new unit (it must be in the plan), and two rows for one item must not disagree. A decision that
cannot be applied is an error, never silently dropped; each one applied is reported.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputFileError
from ..io.headers import missing_message
from ..io.reading import read_raw
from ..model import Plan
from ..text import fold, suggest
from .schema import CLASSES, restore_code

OVERRIDE_COLUMNS = ["class", "id", "new_code", "reference"]
HEADERS = {
    "lớp": "class",
    "loại": "class",
    "nhóm": "class",
    "mã": "id",
    "mã tài sản": "id",
    "mã cán bộ": "id",
    "mã hồ sơ": "id",
    "đơn vị mới": "new_code",
    "mã đơn vị mới": "new_code",
    "căn cứ": "reference",
    "quyết định": "reference",
}
# Vietnamese names of the classes (folded) -> class.
CLASS_NAMES = {
    "can bo": "staff",
    "nhan su": "staff",
    "tai san": "assets",
    "ho so": "dossiers",
    "ho so tthc": "dossiers",
    "luu tru": "records",
    "tai khoan": "records",
    "con dau": "records",
} | {c: c for c in CLASSES}
SHEETS = ("overrides", "quyết định", "điều chỉnh")


def overrides_path(inputs: Path) -> Path | None:
    """``inputs/overrides.xlsx`` or ``.csv``; raises :class:`InputFileError` when both exist."""
    found = [
        inputs / f"overrides{s}" for s in (".xlsx", ".csv") if (inputs / f"overrides{s}").exists()
    ]
    if len(found) > 1:
        raise InputFileError(
            found[0], "and overrides.csv both exist; keep one file of the department's decisions"
        )
    return found[0] if found else None


def read_overrides(
    path: Path, plan: Plan, registers: dict[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """The overrides (columns ``class``, ``id``, ``new_code``, ``reference``), empty when there are none.

    ``path`` is the file, or ``inputs/overrides.csv`` whose ``.xlsx`` sibling is read when it is the
    one that exists. With ``registers``, each id must be in its class's register. Raises
    :class:`InputFileError` listing every bad row (file, row, column, the value, the fix): unknown
    class, id or new unit; two rows giving one item to different units; a missing column.
    """
    path = overrides_path(path.parent) or path
    if not path.exists():
        return pd.DataFrame(columns=OVERRIDE_COLUMNS)
    table = read_raw(path, HEADERS, sheet_names=SHEETS)
    frame = table.frame
    missing = [c for c in OVERRIDE_COLUMNS if c not in frame.columns]
    if missing:
        raise InputFileError(
            path,
            missing_message(missing, HEADERS, list(table.headers.values()))
            + "; an override row is: class (staff, assets, dossiers, records), id, new_code, "
            "reference (the department's decision)",
        )
    frame = frame[OVERRIDE_COLUMNS].astype(str).apply(lambda s: s.str.strip())
    frame["class"] = [CLASS_NAMES.get(fold(c), c) for c in frame["class"]]
    units = set(plan.new_units["code"])
    frame["new_code"] = frame["new_code"].map(lambda c: restore_code(c, units))
    errors = _row_errors(frame, table.lines, plan, registers)
    if errors:
        shown = "\n".join(f"  row {r}, column '{c}': {m}" for r, c, m in errors[:20])
        raise InputFileError(
            path,
            f"{len(errors)} decision(s) cannot be applied; nothing was assigned:\n{shown}",
        )
    first = ~frame.duplicated(["class", "id"], keep="first")
    return frame[first].reset_index(drop=True)


def _row_errors(frame, lines, plan: Plan, registers) -> list[tuple[int, str, str]]:
    errors: list[tuple[int, str, str]] = []
    known_units = set(plan.new_units["code"])
    names = dict(zip(plan.new_units["code"], plan.new_units["name"], strict=False))
    seen: dict[tuple[str, str], tuple[int, str]] = {}
    for i, row in enumerate(frame.itertuples(index=False)):
        line = lines[i]
        kind, item, code = row[0], row[1], row[2]
        if kind not in CLASSES:
            errors.append(
                (line, "class", f"class '{kind}' is not one of {', '.join(CLASSES)} "
                 "(or cán bộ, tài sản, hồ sơ, lưu trữ)")
            )  # fmt: skip
            continue
        if code not in known_units:
            hint = suggest(code, list(known_units)) or suggest(code, list(names.values()))
            errors.append(
                (line, "new_code", f"new unit '{code}' is not in the plan"
                 + (f" (did you mean {', '.join(hint)}?)" if hint else ""))
            )  # fmt: skip
        if registers is not None and kind in registers and item not in set(registers[kind]["id"]):
            errors.append((line, "id", f"{kind} '{item}' is in no row of the {kind} register"))
        elif registers is not None and kind not in registers:
            errors.append((line, "class", f"there is no {kind} register for '{item}' to be in"))
        key = (kind, item)
        if key in seen and seen[key][1] != code:
            errors.append(
                (line, "new_code", f"{kind} '{item}' is given to {code} here and to "
                 f"{seen[key][1]} on row {seen[key][0]}; keep one decision")
            )  # fmt: skip
        seen.setdefault(key, (line, code))
    return errors

"""The crosswalk table: one row per edge (old unit -> new unit). Its format is documented in
``mappings/README.md``.

``part`` says how much of the old unit the edge carries:

* ``whole``: all of it (the old unit then has exactly this one edge at its level);
* ``part``: a part named in the plan (``một phần diện tích tự nhiên, quy mô dân số``);
* ``remainder``: what is left after the parts (``phần còn lại ... sau khi sắp xếp``).

Shares are fractions of the old unit in [0, 1]; they are optional, and the ``*_estimated`` flags say
when a share was estimated (from approximate geometry, say) rather than read from an official paper.
"""

from __future__ import annotations

import pandas as pd

from ..values import clean_code
from .units import flags

PARTS = ("whole", "part", "remainder")

CROSSWALK_COLUMNS = [
    "level",  # province (63 -> 34) or commune (old commune-level unit -> new commune-level unit)
    "old_code",
    "old_name",  # for people reading the table; the register is the authority on names
    "new_code",
    "new_name",
    "part",
    "area_share",
    "area_share_estimated",
    "pop_share",
    "pop_share_estimated",
    "basis_document",  # e.g. "1679/NQ-UBTVQH15"
    "basis_clause",  # e.g. "Điều 1, khoản 3"
    "basis_text",  # the quoted words of the clause
    "after_clause",  # a remainder: the clause(s) whose parts it follows, ";"-separated ("3;7")
    "source",  # where the edge came from: vn2025, resolution, a user's file
    "confidence",  # high / medium / low
]

_FLAGS = ("area_share_estimated", "pop_share_estimated")
_SHARES = ("area_share", "pop_share")
_CODES = ("old_code", "new_code")


def normalise_crosswalk(frame: pd.DataFrame, sort: bool = True) -> pd.DataFrame:
    """Return a copy of ``frame`` with the crosswalk columns in order and their types fixed.

    Codes are strings, shares floats (empty when unknown), flags booleans, text columns strings.
    With ``sort`` rows are ordered by level, old code and new code, so that the same plan always writes
    the same bytes; without it they keep the file's order (problems then name the file's rows).
    Raises ``KeyError`` naming the missing columns when ``old_code`` or ``new_code`` is absent.
    """
    missing = [c for c in _CODES if c not in frame.columns]
    if missing:
        raise KeyError(f"crosswalk lacks column(s) {missing}; it has {list(frame.columns)}")
    n = len(frame)
    out = pd.DataFrame(index=range(n))
    for col in CROSSWALK_COLUMNS:
        values = frame[col].to_numpy() if col in frame.columns else [None] * n
        if col in _CODES:
            out[col] = [clean_code(v) for v in values]
        elif col in _SHARES:
            out[col] = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").astype(float)
        elif col in _FLAGS:
            out[col] = flags(values, col)
        else:
            out[col] = [
                "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in values
            ]
    out.loc[out["level"] == "", "level"] = "commune"
    out.loc[out["part"] == "", "part"] = "whole"
    if sort:
        out = out.sort_values(["level", "old_code", "new_code"], kind="stable").reset_index(
            drop=True
        )
    return out

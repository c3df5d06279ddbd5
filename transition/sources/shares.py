"""What the resolution's words fix about the shares of a divided commune, completed by arithmetic.

A clause names what moves (see ``../shared/DOMAIN.md``, "What the resolution's words fix"):
"một phần diện tích tự nhiên của X" is land without people (population share 0), "một phần diện tích tự
nhiên, toàn bộ quy mô dân số của X" is part of the land with all the people (1), and "phần còn lại của X"
beside land-only parts is all the people. The reader (:mod:`resolution_text`) records the shares each
marker fixes; :func:`complete_shares` derives the rest within each divided commune:

* a part that carries all (1) leaves none (0) to every other part;
* when every part but one is fixed and they leave a rest in [0, 1], the last part takes it.

Everything else stays unknown (NaN), to be estimated later and flagged so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SHARES = ("area_share", "pop_share")
_TOL = 1e-9


def _complete(values: np.ndarray) -> np.ndarray:
    """One divided commune's shares of one kind, NaN where unknown, completed where the rest is fixed.

    >>> _complete(np.array([1.0, np.nan, np.nan])).tolist()
    [1.0, 0.0, 0.0]
    >>> _complete(np.array([0.0, 0.0, np.nan])).tolist()
    [0.0, 0.0, 1.0]
    >>> [str(v) for v in _complete(np.array([0.0, np.nan, np.nan]))]
    ['0.0', 'nan', 'nan']
    """
    out = values.astype(float).copy()
    known = ~np.isnan(out)
    if not known.any() or known.all():
        return out
    if np.isclose(out[known], 1.0).any() and out[known].sum() <= 1.0 + _TOL:
        out[~known] = 0.0
    elif (~known).sum() == 1:
        rest = 1.0 - out[known].sum()
        if -_TOL <= rest <= 1.0 + _TOL:
            out[~known] = round(min(max(rest, 0.0), 1.0), 9)
    return out


def complete_shares(crosswalk: pd.DataFrame) -> pd.DataFrame:
    """A copy of a commune crosswalk (columns ``old_code``, ``new_code``, ``area_share``,
    ``pop_share``) with the shares of divided communes completed as the words fix them (see the
    module), and the shares of undivided ones cleared: an old unit with one edge went whole, and what
    a marker said of one "part" of it says nothing of its shares. Fixed shares are statements of the
    text: their ``*_estimated`` flags are set False where the columns exist.
    """
    out = crosswalk.copy()
    if out.empty:
        return out
    for col in SHARES:
        if col not in out.columns:
            out[col] = np.nan
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    counts = out.groupby("old_code")["new_code"].transform("count")
    lone = (counts < 2).to_numpy()
    for col in SHARES:
        values = out[col].to_numpy(dtype=float).copy()
        values[lone] = np.nan
        for _, idx in out[~lone].groupby("old_code").indices.items():
            rows = np.flatnonzero(~lone)[idx]
            values[rows] = _complete(values[rows])
        out[col] = values
        flag = f"{col}_estimated"
        if flag in out.columns:
            out.loc[out[col].notna(), flag] = False
    return out

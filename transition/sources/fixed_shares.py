"""The shares the resolutions' words fix, as a small table shipped in ``mappings/fixed_shares_2025.csv``.

The 34 resolution texts of 16 June 2025 (1654–1687/NQ-UBTVQH15) are public but the project never copies
them; ``scripts/derive_fixed_shares.py`` reads them and writes this table, and a test regenerates it
when ``../shared/data/resolutions`` is present. ``import vn2025`` (whose package lacks these facts) takes
the shares from it; the field-cases code takes the type each text states for its new unit.

Columns (all text; shares as ``0``/``1`` or empty where the words leave them open):

* ``old_code``, ``new_code``: the edge (empty ``old_code``: a row that states only the new unit's type);
* ``population_share``, ``area_share``: the share of the old unit's people and land the edge carries;
* ``resolution``, ``clause``: where the words are ("1679/NQ-UBTVQH15", "Điều 1, khoản 3");
* ``new_unit_type``: Xã / Phường / Đặc khu, as the clause names the new unit.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..text import fold, split_type
from .resolution import ResolutionImport

FIXED_SHARES_FILE = "fixed_shares_2025.csv"
COLUMNS = [
    "old_code",
    "new_code",
    "population_share",
    "area_share",
    "resolution",
    "clause",
    "new_unit_type",
]
_TYPES = {"xa": "Xã", "phuong": "Phường", "dac khu": "Đặc khu", "thi tran": "Thị trấn"}


def _share_text(v: float) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    return f"{float(v):g}"


def _stated_types(result: ResolutionImport) -> dict[str, str]:
    """New code -> the type the text gives it (the clause's new unit; for an unchanged unit, the
    totals clause's name), falling back to the register's type word."""
    clauses = {c.number: c for c in result.resolution.clauses}
    edges = result.plan.commune_edges
    out: dict[str, str] = {}
    for e in edges.itertuples(index=False):
        number = int(str(e.basis_clause).rsplit(" ", 1)[-1] or 0)
        clause = clauses.get(number)
        said = ""
        if clause is not None and clause.new is not None:
            said = clause.new.unit_type
        elif clause is not None:
            bare = fold(split_type(e.new_name)[1])
            said = next((n.unit_type for n in clause.unchanged if fold(n.name) == bare), "")
        said = said or split_type(e.new_name)[0] or ""
        out.setdefault(e.new_code, _TYPES.get(fold(said), said))
    return out


def derive_fixed_shares(results: Iterable[ResolutionImport]) -> pd.DataFrame:
    """The table (see the module) from imported resolutions: every edge with a population or area share
    fixed by the words, then one type-only row for each new unit without such an edge. Sorted by new
    code and old code, so the same texts give the same bytes."""
    rows = []
    for result in results:
        types = _stated_types(result)
        edges = result.plan.commune_edges
        fixed = edges[edges["pop_share"].notna() | edges["area_share"].notna()]
        for e in fixed.itertuples(index=False):
            rows.append(
                [
                    e.old_code,
                    e.new_code,
                    _share_text(e.pop_share),
                    _share_text(e.area_share),
                    e.basis_document,
                    e.basis_clause,
                    types.get(e.new_code, ""),
                ]
            )
        covered = set(fixed["new_code"])
        first = edges.sort_values(["new_code", "old_code"]).drop_duplicates("new_code")
        for e in first.itertuples(index=False):
            if e.new_code not in covered:
                rows.append(
                    [
                        "",
                        e.new_code,
                        "",
                        "",
                        e.basis_document,
                        e.basis_clause,
                        types.get(e.new_code, ""),
                    ]
                )
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["new_code", "old_code"], kind="stable").reset_index(drop=True)


def apply_fixed_shares(crosswalk: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """A copy of a crosswalk with the shares of ``table`` (the columns above) on its matching edges
    (same old and new code, commune level), marked as stated (not estimated) and cited by the table's
    resolution and clause where the edge has no citation yet. Shares the crosswalk already has are
    kept: a department's own figures win over the words' 0 and 1. Every other commune edge without a
    citation gets the clause that forms its new unit."""
    out = _cite_new_units(crosswalk.copy(), table)
    edges = table[table["old_code"] != ""]
    if edges.empty or out.empty:
        return out
    keyed = edges.set_index(["old_code", "new_code"])
    key = pd.MultiIndex.from_arrays([out["old_code"], out["new_code"]])
    hit = key.isin(keyed.index) & (out["level"] == "commune").to_numpy()
    if not hit.any():
        return out
    picked = keyed.reindex(key[hit])
    for col, src in (("pop_share", "population_share"), ("area_share", "area_share")):
        value = pd.to_numeric(picked[src], errors="coerce").to_numpy(dtype=float)
        current = out.loc[hit, col].to_numpy(dtype=float)
        take = np.isnan(current) & ~np.isnan(value)
        rows = out.index[hit][take]
        out.loc[rows, col] = value[take]
        out.loc[rows, f"{col}_estimated"] = False
    for col, src in (("basis_document", "resolution"), ("basis_clause", "clause")):
        blank = (out.loc[hit, col].astype(str) == "").to_numpy()
        out.loc[out.index[hit][blank], col] = picked[src].to_numpy()[blank]
    return out


def _cite_new_units(out: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Every commune edge without a citation gets the clause that forms its new unit (each new unit is
    formed by one clause of its province's resolution, which every edge into it follows)."""
    if out.empty or table.empty:
        return out
    by_new = table.drop_duplicates("new_code").set_index("new_code")
    commune = (out["level"] == "commune").to_numpy()
    for col, src in (("basis_document", "resolution"), ("basis_clause", "clause")):
        blank = commune & (out[col].astype(str) == "").to_numpy()
        found = out.loc[blank, "new_code"].map(by_new[src]).fillna("")
        out.loc[blank, col] = found.to_numpy()
    return out


def fixed_shares_table() -> pd.DataFrame:
    """The packaged table (see the module), every column as text."""
    from ..mappings import read_table

    return read_table(FIXED_SHARES_FILE)


def stated_unit_types() -> dict[str, str]:
    """New code -> the unit type its resolution clause states (Xã / Phường / Đặc khu), for the 3,321
    units of 1 July 2025 (2,621 xã, 687 phường, 13 đặc khu)."""
    table = fixed_shares_table()
    return dict(zip(table["new_code"], table["new_unit_type"], strict=True))

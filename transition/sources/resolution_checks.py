"""Checks made once a resolution's clauses are resolved: an old unit named as a part in one clause
only went whole, and the totals the text states against the totals counted from its clauses.
"""

from __future__ import annotations

import pandas as pd

from ..model import Plan
from ..problems import ERROR, INFO, WARNING, Problem
from ..text import fold
from .old_unit_index import clause_problem
from .resolution_text import WHOLE, Clause, ResolutionText


def check_totals(
    totals: Clause | None,
    plan: Plan,
    clause_new: dict[int, str],
    unchanged: list[str],
    file: str,
) -> tuple[dict, dict, list[Problem]]:
    """The totals the ``totals`` clause states (``{"total": 54, "xã": 22, ...}``, empty without
    one), those counted from the clauses (``clause_new``: clause number -> new code; the
    ``unchanged`` new codes), and the problems: a warning when the text states none, an error
    naming each figure that differs."""
    problems: list[Problem] = []
    stated = dict(totals.totals) if totals is not None else {}
    parsed = _parsed_totals(plan, clause_new, unchanged)
    if not stated:
        problems.append(
            clause_problem(
                "resolution-totals",
                WARNING,
                "the text has no totals clause "
                "('Sau khi sắp xếp, … có N đơn vị hành chính cấp xã')",
                None,
                file=file,
            )
        )
        return stated, parsed, problems
    wrong = {k: (v, parsed.get(k, 0)) for k, v in stated.items() if parsed.get(k, 0) != v}
    if wrong:
        said = ", ".join(f"{k}: text {a}, parsed {b}" for k, (a, b) in sorted(wrong.items()))
        problems.append(
            clause_problem(
                "resolution-totals",
                ERROR,
                f"the totals clause does not match the clauses ({said})",
                totals,
                file=file,
            )
        )
    return stated, parsed, problems


def single_parts_are_whole(
    crosswalk: pd.DataFrame, text: ResolutionText, file: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """ "… một phần … của xã A và xã B": the grammar does not say whether B is a part. An old unit whose
    only edge is a part was not divided, so it went whole; say so."""
    if crosswalk.empty:
        return crosswalk, []
    counts = crosswalk.groupby("old_code")["new_code"].transform("count")
    lone = (counts == 1) & (crosswalk["part"] != WHOLE)
    notes = []
    clauses = {c.number: c for c in text.clauses}
    for idx in crosswalk.index[lone]:
        e = crosswalk.loc[idx]
        number = int(e["basis_clause"].rsplit(" ", 1)[-1])
        notes.append(
            clause_problem(
                "resolution-part-as-whole",
                INFO,
                f"{e['old_name']} is named as a {e['part']} here and nowhere else, so it goes whole "
                f"to {e['new_name']}",
                clauses.get(number),
                unit_code=e["old_code"],
                unit_name=e["old_name"],
                file=file,
            )
        )
    crosswalk = crosswalk.copy()
    crosswalk.loc[lone, "part"] = WHOLE
    crosswalk.loc[lone, "after_clause"] = ""
    return crosswalk, notes


def _parsed_totals(plan: Plan, clause_new: dict[int, str], unchanged: list[str]) -> dict:
    """``{"total": n, "xã": n, "phường": n, "đặc khu": n}`` counted over the new units the clauses
    form and those left unchanged."""
    codes = set(clause_new.values()) | set(unchanged)
    kinds = plan.new_communes[plan.new_communes["code"].isin(codes)]["unit_type"].map(fold)
    out = {"total": len(codes)}
    for k, n in kinds.value_counts().items():
        out[{"xa": "xã", "phuong": "phường", "dac khu": "đặc khu"}.get(k, k)] = int(n)
    return out

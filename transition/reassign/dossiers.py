"""Pending dossiers: who is competent now, and what to do with each before the cutover."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..mappings import read_table


def competence_table(name: str = "procedure_competence.csv") -> dict:
    """The procedure-competence table of ``mappings/``: by procedure code, and by field."""
    table = read_table(name)
    by_code = {r.procedure_code: r.level for r in table.itertuples(index=False) if r.procedure_code}
    by_field = {r.field: r.level for r in table.itertuples(index=False) if not r.procedure_code}
    return {"by_code": by_code, "by_field": by_field}


def triage(dossiers: pd.DataFrame, cutover: str, as_of: str | None = None) -> pd.DataFrame:
    """Add ``triage``, ``days_left`` and ``overdue``: a dossier due before the cutover is to be
    finished before it; one due later is transferred with its remaining time; one past due on
    ``as_of`` (default: the day before the cutover) is flagged overdue."""
    out = dossiers.copy()
    cut = pd.Timestamp(cutover)
    now = pd.Timestamp(as_of) if as_of else cut - pd.Timedelta(days=1)
    due = pd.to_datetime(out["due"], errors="coerce", format="%Y-%m-%d")
    days_left = (due - cut).dt.days
    out["days_left"] = days_left.astype("Int64")
    out["overdue"] = (due < now).fillna(False).astype(bool)
    late = (now - due).dt.days.fillna(0).astype(int).astype(str)
    out["triage"] = np.where(
        due.isna(),
        "chưa rõ hạn: bổ sung ngày hẹn trả",
        np.where(
            out["overdue"],
            "quá hạn " + late + " ngày: giải quyết ngay, trước ngày chuyển giao",
            np.where(
                due < cut,
                "giải quyết xong trước ngày chuyển giao",
                "chuyển giao, còn " + days_left.fillna(0).astype(int).astype(str) + " ngày",
            ),
        ),
    )
    return out

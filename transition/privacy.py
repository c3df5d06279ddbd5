"""Masking of personal data (national ID numbers, birth dates) in outputs, unless asked for."""

from __future__ import annotations

import pandas as pd


def mask_id(value: str) -> str:
    """``022083319541`` -> ``022******541``: enough to tell two people apart, not to identify one."""
    text = str(value or "")
    return text if len(text) < 7 else text[:3] + "*" * (len(text) - 6) + text[-3:]


def mask_date(value: str) -> str:
    """``1983-06-09`` -> ``1983``: the year is enough for the policies that depend on age."""
    return str(value or "")[:4]


def masked(frame: pd.DataFrame, show_personal: bool = False) -> pd.DataFrame:
    """A copy of ``frame`` with personal columns masked (unchanged when ``show_personal``)."""
    if show_personal:
        return frame
    out = frame.copy()
    if "national_id" in out:
        out["national_id"] = out["national_id"].map(mask_id)
    if "birth_date" in out:
        out["birth_date"] = out["birth_date"].map(mask_date)
    return out

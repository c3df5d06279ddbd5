"""Masking of personal data (national ID numbers, birth dates) in outputs, unless asked for."""

from __future__ import annotations

import pandas as pd


def mask_id(value: str) -> str:
    """``022083319541`` -> ``022******541``: enough to tell two people apart, not to identify one."""
    text = str(value or "")
    shown = text if len(text) < 7 else text[:3] + "*" * (len(text) - 6) + text[-3:]
    return shown + _malformed_mark(text)


def _malformed_mark(text: str) -> str:
    """A mark beside a masked number that is not a 12-digit CCCD, so masking never hides damage."""
    from .registers.identity import classify_identity_number

    kind = classify_identity_number(text)
    digits = sum(c.isdigit() for c in text)
    return {
        "short": f" (sai: {digits} chữ số, mất số 0 đầu?)",
        "scientific": " (sai: dạng số mũ, mất chữ số)",
        "malformed": f" (sai: {digits} chữ số)",
    }.get(kind, "")


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

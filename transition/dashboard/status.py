"""Readiness and handover on the page: per-unit status, blockers and trend; minutes and their signing.

Both come from other commands' results (``results/readiness/readiness.json`` of ``transition readiness``;
``documents/handover_register.xlsx`` of the handover tracker). Either may be absent: the page then says
so, and nothing is invented. The person who signed a minute is not carried (no personal data).
"""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from ..text import fold
from .content import num, text

# Readiness status words (English or Vietnamese, folded) -> the page's four classes.
STATUS_CLASS = {
    "green": "green",
    "xanh": "green",
    "ready": "green",
    "san sang": "green",
    "amber": "amber",
    "vang": "amber",
    "yellow": "amber",
    "red": "red",
    "do": "red",
    "not reported": "not_reported",
    "not_reported": "not_reported",
    "chua bao cao": "not_reported",
}


def status_class(status: Any) -> str:
    """The colour class of a readiness status word (``"chưa báo cáo"`` -> ``"not_reported"``);
    an unknown word is ``"not_reported"``, never green."""
    return STATUS_CLASS.get(fold(text(status)).replace("_", " "), "not_reported")


def readiness(data: dict | None) -> dict | None:
    """The page's readiness block from ``readiness.json`` (``{"date", "go", "reasons", "units",
    "rollup"}``), or ``None`` when there is none: ``{"date", "go", "reasons", "rollup", "units":
    {code: {"status", "class", "score", "blockers", "overdue", "trend"}}}``."""
    if not data:
        return None
    units = {}
    for u in data.get("units", []):
        units[str(u.get("code"))] = {
            "status": text(u.get("status")),
            "class": status_class(u.get("status")),
            "score": num(u.get("score")),
            "blockers": [_item(b) for b in u.get("blockers", [])],
            "overdue": [_item(b) for b in u.get("overdue", [])],
            "trend": u.get("trend") or [],
        }
    rollup = data.get("rollup") or {}
    return {
        "date": text(data.get("date")),
        "go": bool(data.get("go")),
        "reasons": [
            text(r) if not isinstance(r, dict) else _item(r) for r in data.get("reasons", [])
        ],
        "rollup": {
            "completeness": rollup.get("completeness"),
            "on_time": rollup.get("on_time"),
            "by_status": rollup.get("by_status") or {},
            "items": rollup.get("items") or [],
            "trend": rollup.get("trend") or data.get("trend") or [],
        },
        "units": units,
    }


def _item(v: Any) -> str:
    """A blocker or reason as one line of text (an item dict shows its name, owner and note)."""
    if isinstance(v, dict):
        parts = [v.get(k) for k in ("item", "name", "label", "owner", "note", "due") if v.get(k)]
        return " · ".join(text(p) for p in parts) or ", ".join(f"{k}: {x}" for k, x in v.items())
    return text(v)


def handover(
    register: pd.DataFrame | None, workspace_root: str, out_dir: str, existing: set[str]
) -> dict | None:
    """Minutes per new unit from the handover register (columns ``number, kind, old_codes,
    new_codes, path, content_hash, signed_date, signed_by, note``; codes ``;``-joined), or ``None``
    when there is no register: ``{"units": {code: [minute]}, "total", "signed"}``.

    A minute is ``{"number", "kind", "old", "signed", "signed_date", "docx", "pdf"}``; links are
    relative to the dashboard folder ``out_dir``, given only for files in ``existing`` (paths
    relative to the workspace). ``signed_by`` is left out: a person's name is not for the dashboard.
    """
    if register is None:
        return None
    units: dict[str, list] = {}
    signed = 0
    for r in register.to_dict("records"):
        signed_date = text(r.get("signed_date")).strip()
        if signed_date.lower() in ("nat", "nan", "none"):  # a date column read with pandas
            signed_date = ""
        is_signed = signed_date != ""
        signed += is_signed
        path = text(r.get("path")).strip()
        pdf = os.path.splitext(path)[0] + ".pdf" if path else ""
        minute = {
            "number": text(r.get("number")),
            "kind": text(r.get("kind")),
            "old": [c for c in text(r.get("old_codes")).split(";") if c],
            "signed": bool(is_signed),
            "signed_date": signed_date[:10],
            "docx": _link(path, workspace_root, out_dir) if path in existing else "",
            "pdf": _link(pdf, workspace_root, out_dir) if pdf and pdf in existing else "",
        }
        for code in (c for c in text(r.get("new_codes")).split(";") if c):
            units.setdefault(code, []).append(minute)
    return {"units": units, "total": len(register), "signed": int(signed)}


def _link(path: str, workspace_root: str, out_dir: str) -> str:
    """``path`` (relative to the workspace) as a link relative to the dashboard folder."""
    target = os.path.join(workspace_root, path)
    return os.path.relpath(target, out_dir).replace(os.sep, "/")

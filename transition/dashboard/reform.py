"""The reform results a unit's page shows (issue 19): its PAR index with where it lost points, and
its service index of Decision 766, from the JSON that `transition par` and `transition
service-index` write. Only unit figures: nothing personal."""

from __future__ import annotations

from typing import Any

LOST_SHOWN = 3  # the criteria that cost the unit most, as a chairman reads them


def reform(par: dict | None, service: dict | None) -> dict | None:
    """``{"par": {"period", "rubric", "units": {code: {"score", "tier", "rank", "group", "lost":
    [{"label", "points"}]}}} | None, "service": {"period", "formula_version", "units": {code:
    {"total", "max", "index", "groups": [{"group", "points", "max"}]}}} | None}``; ``None`` when
    neither result exists."""
    if par is None and service is None:
        return None
    return {"par": _par(par), "service": _service(service)}


def _par(par: dict | None) -> dict | None:
    if par is None:
        return None
    rubric: Any = par.get("rubric") or {}
    units = {
        u["code"]: {
            "score": u.get("score"),
            "tier": u.get("tier"),
            "rank": u.get("rank"),
            "group": u.get("group"),
            "lost": [
                {"label": x.get("label") or x.get("criterion"), "points": x.get("points")}
                for x in (u.get("lost") or [])[:LOST_SHOWN]
            ],
        }
        for u in par.get("units", [])
    }
    name = rubric.get("name") if isinstance(rubric, dict) else rubric
    return {"period": par.get("period"), "rubric": name, "units": units}


def _service(service: dict | None) -> dict | None:
    if service is None:
        return None
    units = {
        u["code"]: {
            "total": u.get("total"),
            "max": u.get("max"),
            "index": u.get("index"),
            "groups": [
                {"group": g["group"], "points": g.get("points"), "max": g.get("max")}
                for g in u.get("groups", [])
            ],
        }
        for u in service.get("units", [])
    }
    return {
        "period": service.get("period"),
        "formula_version": service.get("formula_version"),
        "units": units,
    }

"""The offline dashboard's content: every result of a workspace -> one JSON-able dict for the page.

:func:`build_dashboard` is pure: the action (:mod:`transition.actions.dashboard`) reads the files and
writes the folder. The dict has these keys:

``meta``
    province, counts, geometry quality (``given`` / ``approximate``), what is absent.
``new``, ``old``
    per-unit content (see :mod:`.content`), keyed by code.
``districts``
    old districts and the new units their communes went to.
``clusters``
    coordination clusters (new units tied by divided old units).
``readiness``, ``handover``
    see :mod:`.status`; ``None`` when the command behind them has not been run.
``attention``
    new units needing attention, each with its reasons (criteria not met, readiness red or not
    reported, minutes not signed).
``search``
    entries of the search index, names folded by :func:`transition.text.fold`.
``topology``
    ``{"new": ..., "old": ...}``: TopoJSON of the new units, and of the old units with the parts of
    divided old units (see :mod:`.geometry`); the page loads the second after it is ready. ``None``
    without geometry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..geo import PlanGeometry
from ..model import Plan
from ..profiles.dashboard import DashboardProfile
from ..text import search_rules
from . import content, geometry, status
from .reform import reform


@dataclass(frozen=True)
class DashboardInputs:
    """Everything the page shows; each result other than the plan may be ``None`` (not run)."""

    plan: Plan
    geometry: PlanGeometry | None
    profile: DashboardProfile
    criteria: pd.DataFrame | None = None
    by_holder: pd.DataFrame | None = None
    headquarters: pd.DataFrame | None = None
    readiness: dict | None = None
    handover: dict | None = None  # the output of status.handover
    par: dict | None = None  # results/reform/par_<period>.json (the latest)
    service: dict | None = None  # results/reform/service_index_<period>.json (the latest)


def build_dashboard(inputs: DashboardInputs) -> dict[str, Any]:
    """The page's data (see the module docstring). Never holds personal data: only per-unit counts,
    values, names of units and buildings."""
    plan = inputs.plan
    quality = inputs.geometry.layers if inputs.geometry is not None else {}
    approximate = _quality(inputs.geometry, "old") == "approximate"
    new = content.new_units(plan, inputs.criteria, inputs.by_holder, inputs.headquarters)
    old = content.old_units(plan)
    ready = status.readiness(inputs.readiness)
    data = {
        "meta": {
            "province_code": plan.province_code,
            "province_name": plan.province_name,
            "new_units": len(new),
            "old_units": len(old),
            "divided_old_units": len(plan.divided_old_units),
            "geometry": {
                "new": _quality(inputs.geometry, "new"),
                "old": _quality(inputs.geometry, "old"),
            },
            "old_approximate": approximate,
            "layers": sorted(quality),
            "colours": {
                "type": inputs.profile.type_colours,
                "status": inputs.profile.status_colours,
            },
        },
        "new": new,
        "old": old,
        "districts": content.old_districts(plan),
        "clusters": content.clusters(plan),
        "readiness": ready,
        "reform": reform(inputs.par, inputs.service),
        "handover": inputs.handover,
        "attention": attention(new, ready, inputs.handover),
        "search": content.search_entries(plan),
        "search_rules": search_rules(),
        "topology": shapes(plan, inputs.geometry, inputs.profile),
    }
    return data


def _quality(geo: PlanGeometry | None, era: str) -> str:
    """``given``, ``approximate`` or ``none`` for the layer of ``era`` (``old`` / ``new``)."""
    if geo is None:
        return "none"
    frame = geo.old if era == "old" else geo.new
    if frame is None or not len(frame):
        return "none"
    values = set(frame["geometry_quality"].astype(str)) - {""}
    return "approximate" if "approximate" in values else "given"


def shapes(plan: Plan, geo: PlanGeometry | None, profile: DashboardProfile) -> dict | None:
    """Two TopoJSON topologies, ``{"new": {objects: new}, "old": {objects: old, parts}}`` (parts:
    the part of each divided old unit in each of its new units), simplified by the profile's
    tolerance for this many units. Two, so that the page draws the new units without first reading
    the 10,040 old ones of a national dashboard."""
    if geo is None or geo.new is None or not len(geo.new):
        return None
    tol = profile.tolerance_m(len(plan.new_communes))
    keep_new = set(plan.new_communes["code"])
    keep_old = set(plan.old_communes["code"])
    new = geometry.simplify_coverage(geo.new[geo.new["code"].isin(keep_new)], tol)
    old = (
        geometry.simplify_coverage(geo.old[geo.old["code"].isin(keep_old)], tol)
        if geo.old is not None and len(geo.old)
        else new.iloc[0:0]
    )
    divided = set(plan.divided_old_units)
    edges = [
        (r.old_code, r.new_code)
        for r in plan.commune_edges.itertuples(index=False)
        if r.old_code in divided
    ]
    parts = geometry.divided_parts(old, new, edges)
    return {
        "new": geometry.topology({"new": new}, profile.quantization),
        "old": geometry.topology({"old": old, "parts": parts}, profile.quantization),
    }


def attention(new: dict, ready: dict | None, handover: dict | None) -> list[dict]:
    """New units needing attention, sorted by code, each ``{"code", "name", "reasons": [...]}``
    with reason keys the page translates: ``criteria_fail``, ``readiness_red``,
    ``not_reported``, ``unsigned``."""
    out = []
    for code, u in sorted(new.items()):
        reasons = []
        if u["criteria"] and fold_status(u["criteria"]["status"]) == "fail":
            reasons.append("criteria_fail")
        r = (ready or {}).get("units", {}).get(code)
        if r is not None and r["class"] == "red":
            reasons.append("readiness_red")
        if ready is not None and (r is None or r["class"] == "not_reported"):
            reasons.append("not_reported")
        minutes = (handover or {}).get("units", {}).get(code, [])
        if any(not m["signed"] for m in minutes):
            reasons.append("unsigned")
        if reasons:
            out.append({"code": code, "name": u["name"], "reasons": reasons})
    return out


def fold_status(value: str) -> str:
    """A criteria status word, lower-cased and stripped (``"Fail "`` -> ``"fail"``)."""
    return str(value).strip().lower()

"""Lineage of a unit: where an old unit went, or what made a new unit, with the basis of each edge."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .plan import OLD, Plan


def _clean(row: dict) -> dict:
    return {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}


def _text(v) -> str:
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)


def _district_fate(plan: Plan, code: str) -> dict[str, Any]:
    """An old district: the tier was abolished on 1 July 2025; where its communes went."""
    units = plan.old_units
    communes = units[(units["level"] == "commune") & (units["district_code"] == code)]
    edges = plan.commune_edges[plan.commune_edges["old_code"].isin(set(communes["code"]))]
    successors = (
        edges.groupby(["new_code", "new_name"], sort=True)["old_code"].nunique().reset_index()
    )
    return {
        "abolished": True,
        "note": "The district tier was abolished on 1 July 2025 (two-tier local government); its "
        "communes went to the new units below, its tasks to the province or the new communes.",
        "communes": int(len(communes)),
        "new_units": [
            {"code": r.new_code, "name": r.new_name, "old_communes": int(r.old_code)}
            for r in successors.itertuples(index=False)
        ],
    }


def trace(plan: Plan, query: str) -> dict[str, Any]:
    """Where an old unit went, or what made a new unit.

    Returns ``{"query": str, "units": [{"era", "code", "name", "unit_type", "level", "district_name",
    "province_name", "edges": [...], "cluster": [...]}]}`` (the district and province tell apart the
    candidates of a repeated name such as "Phường 1"): an old unit lists its successors, a new unit its predecessors, each edge a
    crosswalk row (part, shares, basis document and clause). An old district also gets ``"district"``:
    the tier's abolition and the new units its communes went to. Raises
    :class:`~transition.errors.UnknownUnit` when nothing matches ``query``.
    """
    units = []
    for era, code in plan.find(query):
        unit = plan.unit(era, code)
        edges = plan.successors(code) if era == OLD else plan.predecessors(code)
        rows = [_clean(e) for e in edges.to_dict("records")]
        if era != OLD:
            cluster = plan.cluster_of(code) if unit["level"] == "commune" else [code]
        else:
            targets = sorted(set(edges.loc[edges["level"] == "commune", "new_code"]))
            cluster = plan.cluster_of(targets[0]) if len(targets) > 1 else targets
        entry = {
            "era": era,
            "code": code,
            "name": unit["name"],
            "unit_type": unit["unit_type"],
            "level": unit["level"],
            "district_name": _text(unit.get("district_name")),
            "province_name": _text(unit.get("province_name")),
            "edges": rows,
            "cluster": cluster,
        }
        if era == OLD and unit["level"] == "district" and not rows:
            entry["district"] = _district_fate(plan, code)
        units.append(entry)
    return {"query": query, "units": units}

"""Lineage of a unit: where an old unit went, or what made a new unit, with the basis of each edge."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..text import fold, split_type, tone_key
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


# ---- names from before the 2023-2025 mergers ---------------------------------------------------------

FORMER_COLUMNS = ["former_name", "former_code", "code", "name", "province_code", "source"]
FORMER_NOTE = (
    "tên trước sắp xếp 2023–2025 (sáp nhập có hiệu lực từ 01/9/2024 trở đi), nguồn: {source}"
)


def former_names_table(data: list[dict], source: str = "") -> pd.DataFrame:
    """Rows ``former_name, former_code, code, name, province_code, source`` from entries in the shape
    of vn-address-kit's legacy-wards.json (``code``, ``nameWithType``, ``provinceCode``,
    ``formerNames: [{"name", "code"}]``): one row per former name of a unit of early 2025, sorted by
    province, unit code and name."""
    rows = []
    for u in data:
        for f in u.get("formerNames") or []:
            rows.append(
                [
                    str(f.get("name", "")),
                    str(f.get("code") or ""),
                    str(u.get("code", "")),
                    str(u.get("nameWithType") or u.get("name", "")),
                    str(u.get("provinceCode", "")),
                    source,
                ]
            )
    table = pd.DataFrame(rows, columns=FORMER_COLUMNS)
    return table.sort_values(["province_code", "code", "former_name"], kind="stable").reset_index(
        drop=True
    )


def trace_former(plan: Plan, query: str, former: pd.DataFrame) -> list[dict[str, Any]]:
    """Units of early 2025 in ``plan``'s old register that absorbed a commune once called ``query``
    (with or without its type word; tone-mark placement and diacritics forgiven), each as a chain
    ``former name → unit of early 2025 → new unit(s)`` with the source of each step.

    ``former`` has the columns of :func:`former_names_table`. Returns one dict per match:
    ``{"former_name", "former_code", "via": {"code", "name"}, "steps": [{"from", "to", "source"}],
    "new_units": [{"code", "name", "part", "basis"}]}``, or ``[]``.
    """
    if former.empty:
        return []
    bare = split_type(query)[1] or query
    keys = {tone_key(bare), tone_key(query)}
    loose = {fold(bare), fold(query)}
    hits = former[[tone_key(n) in keys for n in former["former_name"]]]
    if hits.empty:
        hits = former[[fold(n) in loose for n in former["former_name"]]]
    names = plan.old_names
    out = []
    for r in hits.itertuples(index=False):
        if r.code not in names:
            continue
        edges = plan.successors(r.code)
        edges = edges[edges["level"] == "commune"]
        news = [
            {
                "code": e.new_code,
                "name": e.new_name,
                "part": e.part,
                "basis": " ".join(x for x in (e.basis_document, e.basis_clause) if x) or e.source,
            }
            for e in edges.itertuples(index=False)
        ]
        via = {"code": r.code, "name": names[r.code]}
        former_label = f"{r.former_name}" + (f" ({r.former_code})" if r.former_code else "")
        steps = [
            {
                "from": former_label,
                "to": f"{r.code} {via['name']}",
                "source": FORMER_NOTE.format(source=r.source),
            }
        ] + [
            {
                "from": f"{r.code} {via['name']}",
                "to": f"{n['code']} {n['name']}",
                "source": n["basis"],
            }
            for n in news
        ]
        out.append(
            {
                "former_name": r.former_name,
                "former_code": r.former_code,
                "via": via,
                "steps": steps,
                "new_units": news,
            }
        )
    return out

"""What the page says about each unit: the lineage with its basis, figures, the ledger, headquarters.

Pure functions of the plan and of result frames; every value is JSON-able (numbers as numbers, a missing
figure as ``None``). No personal data enters here: only counts and values per unit, never a row of the
staff register.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from ..model import Plan
from ..text import fold, loose_key, split_type

# Ledger classes and whether they carry a value in đồng (see transition.reassign.ledger.VALUE).
LEDGER_CLASSES = {"staff": False, "assets": True, "dossiers": False, "records": True}


def num(v: Any) -> float | int | None:
    """A JSON number, or ``None`` for a missing one (NaN, empty text)."""
    if v is None or (isinstance(v, str) and v.strip() == ""):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    if math.isnan(f):
        return None
    return int(f) if f.is_integer() and abs(f) < 2**53 else round(f, 6)


def text(v: Any) -> str:
    """Text of a cell, ``""`` for a missing one."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v)


def _flag(v: Any) -> bool:
    return fold(text(v)) in {"true", "1", "co", "yes"}


def edge(row: dict) -> dict:
    """One crosswalk edge as the page shows it: part (whole / part), shares (0-1, ``estimated``
    when the share is a computed guess), and the legal basis (document, clause, quoted text).
    Keys whose value is empty, missing or false are left out (a national page has 10,000 edges)."""
    full = {
        "old": row["old_code"],
        "new": row["new_code"],
        "part": text(row["part"]),
        "area_share": num(row["area_share"]),
        "area_estimated": _flag(row["area_share_estimated"]),
        "pop_share": num(row["pop_share"]),
        "pop_estimated": _flag(row["pop_share_estimated"]),
        "document": text(row["basis_document"]),
        "clause": text(row["basis_clause"]),
        "basis": text(row["basis_text"])[:400],
    }
    return {k: v for k, v in full.items() if v not in (None, "", False)}


def old_units(plan: Plan) -> dict[str, dict]:
    """Old communes: ``code -> {name, district, province, divided, to}`` where ``to`` lists the
    edges to new units (see :func:`edge`); ``divided`` only when true."""
    edges: dict[str, list] = {}
    for row in plan.commune_edges.to_dict("records"):
        edges.setdefault(row["old_code"], []).append(edge(row))
    divided = set(plan.divided_old_units)
    out = {}
    for u in plan.old_communes.to_dict("records"):
        entry = {
            "name": u["name"],
            "district": text(u["district_name"]),
            "province": text(u["province_name"]),
            "to": edges.get(u["code"], []),
        }
        if u["code"] in divided:
            entry["divided"] = True
        out[u["code"]] = entry
    return out


def old_districts(plan: Plan) -> dict[str, dict]:
    """Old districts (the tier abolished on 1 July 2025): ``code -> {name, province, communes, to}``
    where ``to`` is ``[[new_code, old communes that went to it], ...]`` sorted by code."""
    old = plan.old_units
    districts = old[old["level"] == "district"]
    if districts.empty:
        return {}
    communes = plan.old_communes[["code", "district_code"]].rename(columns={"code": "old_code"})
    edges = plan.commune_edges[["old_code", "new_code"]].merge(communes, on="old_code")
    out = {}
    for d in districts.to_dict("records"):
        mine = edges[edges["district_code"] == d["code"]]
        counts = mine.groupby("new_code")["old_code"].nunique().sort_index()
        out[d["code"]] = {
            "name": d["name"],
            "province": text(d["province_name"]),
            "communes": int(mine["old_code"].nunique()),
            "to": [[str(code), int(n)] for code, n in counts.items()],
        }
    return out


def new_units(
    plan: Plan,
    criteria: pd.DataFrame | None,
    by_holder: pd.DataFrame | None,
    headquarters: pd.DataFrame | None,
) -> dict[str, dict]:
    """New communes: ``code -> {name, type, province, area_km2, population, island, lon, lat, from,
    cluster, criteria, received, headquarters}``.

    ``criteria`` is the criteria table of ``transition check`` (``code, requirement, status``);
    ``by_holder`` the ledger per holder of ``transition assign`` (``class, side, holder, count,
    value``); ``headquarters`` its proposal (``new_code, rank, name, capacity, staff, shortfall,
    distance_km, proposal``). Any of them may be ``None`` (not run yet): the page then says so.
    """
    edges: dict[str, list] = {}
    for row in plan.commune_edges.to_dict("records"):
        edges.setdefault(row["new_code"], []).append(edge(row))
    cluster_index = {c: i for i, cluster in enumerate(plan.clusters) for c in cluster}
    crit = _by_code(criteria, "code")
    received = _received(by_holder)
    seats = _seats(headquarters)
    out = {}
    for u in plan.new_communes.to_dict("records"):
        code = u["code"]
        c = crit.get(code)
        out[code] = {
            "name": u["name"],
            "type": text(u["unit_type"]) or (split_type(u["name"])[0] or ""),
            "province": text(u["province_name"]),
            "province_code": text(u["province_code"]),
            "area_km2": num(u["area_km2"]),
            "population": num(u["population"]),
            "island": _flag(u["island"]),
            "lon": num(u["lon"]),
            "lat": num(u["lat"]),
            "from": edges.get(code, []),
            "cluster": cluster_index.get(code),
            "criteria": None
            if c is None
            else {"status": text(c.get("status")), "requirement": text(c.get("requirement"))},
            "received": received.get(code) if by_holder is not None else None,
            "headquarters": seats.get(code) if headquarters is not None else None,
        }
    return out


def _by_code(frame: pd.DataFrame | None, key: str) -> dict[str, dict]:
    if frame is None or frame.empty:
        return {}
    return {str(r[key]): r for r in frame.to_dict("records")}


def _received(by_holder: pd.DataFrame | None) -> dict[str, dict]:
    """Counts (and values in đồng) received per new unit, from the ledger's ``after`` side."""
    if by_holder is None or by_holder.empty:
        return {}
    after = by_holder[by_holder["side"] == "after"]
    out: dict[str, dict] = {}
    for r in after.to_dict("records"):
        kind = r["class"]
        if kind not in LEDGER_CLASSES:
            continue
        entry = {"count": num(r["count"]) or 0}
        if LEDGER_CLASSES[kind]:
            entry["value_vnd"] = num(r["value"]) or 0
        out.setdefault(str(r["holder"]), {})[kind] = entry
    for unit in out.values():  # a class with nothing received shows 0, not "unknown"
        for kind, valued in LEDGER_CLASSES.items():
            unit.setdefault(kind, {"count": 0, **({"value_vnd": 0} if valued else {})})
    return out


def _seats(headquarters: pd.DataFrame | None) -> dict[str, dict]:
    """The proposed main seat (rank 1) of each new unit and how many other buildings it has."""
    if headquarters is None or headquarters.empty:
        return {}
    out = {}
    for code, group in headquarters.groupby("new_code", sort=True):
        group = group.sort_values("rank", key=lambda s: pd.to_numeric(s, errors="coerce"))
        top = group.iloc[0]
        out[str(code)] = {
            "name": text(top["name"]),
            "capacity": num(top["capacity"]),
            "staff": num(top["staff"]),
            "shortfall": num(top["shortfall"]),
            "distance_km": num(top["distance_km"]),
            "proposal": text(top["proposal"]),
            "others": len(group) - 1,
        }
    return out


def clusters(plan: Plan) -> list[dict]:
    """Coordination clusters: the new units tied by divided old units, and those old units."""
    divided = set(plan.divided_old_units)
    return [
        {"new": cluster, "old": [c for c in plan.old_units_of_cluster(cluster) if c in divided]}
        for cluster in plan.clusters
    ]


def search_entries(plan: Plan) -> list[dict]:
    """One entry per old and new commune for the page's search index.

    ``key`` is the name read by :func:`transition.text.loose_key` (folded: no diacritics, lower
    case; the i/y pair one; numbers without leading zeros) and ``bare`` the same without its type
    word (``type`` holds the folded type word), so that the page (which reads the query the same
    way, with the abbreviations of :func:`transition.text.search_rules`) and the CLI agree on what
    matches. ``id`` is ``o:CODE``, ``n:CODE``
    or ``d:CODE`` (an old district); ``aliases`` holds a unit's other codes.
    """
    entries = []
    old = plan.old_units
    frames = (
        ("n", plan.new_communes),
        ("o", plan.old_communes),
        ("d", old[old["level"] == "district"]),
    )
    for era, frame in frames:
        for u in frame.to_dict("records"):
            kind, bare = split_type(u["name"])
            entry = {
                "id": f"{era}:{u['code']}",
                "code": u["code"],
                "name": u["name"],
                "key": loose_key(u["name"]),
                "bare": loose_key(bare),
                "type": fold(kind or text(u["unit_type"])),
            }
            aliases = [a.strip() for a in text(u.get("aliases")).split(";") if a.strip()]
            if aliases:  # other codes of the same unit (Xã Ba Chẽ: 06970 and 06978)
                entry["aliases"] = " ".join(aliases)
            entries.append(entry)
    return entries

"""Which minutes there are, and what each one holds: plan + reassignment -> plain dicts.

One minute per (old holder -> new unit) pair: each old commune to each new unit of the crosswalk, and
each old holder (commune or dissolved district) to each unit that receives any of its items. A
divided old commune (edges to several new units) gets ONE joint minute naming every new unit of its
coordination cluster, with each side's share. Items in review are listed in every minute of their
holder that names one of their candidate units (every minute of the holder when none does).

Numbering: old communes first, then districts, by code, then by new code; 1, 2, ...
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..model import Plan
from ..text import fold
from .annexes import build_annexes

CLASSES = ("staff", "assets", "dossiers", "records")


def slug(text: str) -> str:
    """File-name safe, diacritics folded: ``"Phường Cao Xanh"`` -> ``"phuong-cao-xanh"``."""
    out = "".join(ch if ch.isalnum() else "-" for ch in fold(text))
    return "-".join(p for p in out.split("-") if p)[:40]


def plan_minutes(plan: Plan, items: dict[str, pd.DataFrame]) -> list[dict[str, Any]]:
    """The minutes, numbered: ``{"number", "kind", "holder", "old_codes", "new_codes", "stem"}``."""
    edges = plan.commune_edges
    pairs = set(zip(edges["old_code"], edges["new_code"], strict=True))
    for frame in items.values():
        done = frame[frame["new_code"] != ""]
        pairs |= set(zip(done["holder"], done["new_code"], strict=True))
    divided = set(plan.divided_old_units)
    districts = set(plan.old_units.loc[plan.old_units["level"] == "district", "code"])
    communes = set(plan.old_communes["code"])
    by_holder: dict[str, set[str]] = {}
    for holder, new in pairs:
        by_holder.setdefault(holder, set()).add(new)
    order = sorted(
        by_holder, key=lambda h: (h not in communes, h in districts and h not in communes, h)
    )
    out: list[dict[str, Any]] = []
    for holder in order:
        news = sorted(by_holder[holder])
        if holder in divided:
            cluster = set(news)
            for code in list(news):
                cluster |= set(plan.cluster_of(code))
            groups = [sorted(cluster)]
        else:
            groups = [[n] for n in news]
        for group in groups:
            kind = "joint_minute" if holder in divided else "minute"
            number = len(out) + 1
            name = plan.old_names.get(holder, holder)
            tail = "chung" if kind == "joint_minute" else group[0]
            out.append(
                {
                    "number": number,
                    "kind": kind,
                    "holder": holder,
                    "old_codes": [holder],
                    "new_codes": group,
                    "stem": f"{number:03d}_BB_{holder}_{slug(name)}_{tail}",
                }
            )
    return out


def minute_index(minutes: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
    """(holder, new_code) -> index in ``minutes``; a joint minute takes every pair of its holder."""
    index: dict[tuple[str, str], int] = {}
    for i, m in enumerate(minutes):
        for new in m["new_codes"]:
            index[(m["holder"], new)] = i
    return index


def split_items(
    minutes: list[dict[str, Any]], items: dict[str, pd.DataFrame]
) -> tuple[list[dict[str, list[dict]]], list[list[dict[str, Any]]]]:
    """Per minute, the records it hands over (class -> records) and the review items it lists.

    Every assigned item lands in exactly one minute (its holder's pair, or its holder's joint
    minute). A review item is listed in each minute of its holder that names a candidate unit, or in
    every minute of its holder when none does."""
    index = minute_index(minutes)
    given: list[dict[str, list[dict]]] = [{} for _ in minutes]
    review: list[list[dict[str, Any]]] = [[] for _ in minutes]
    of_holder: dict[str, list[int]] = {}
    for i, m in enumerate(minutes):
        of_holder.setdefault(m["holder"], []).append(i)
    for kind, frame in items.items():
        for r in records(frame):
            if r["new_code"] != "":
                given[index[(r["holder"], r["new_code"])]].setdefault(kind, []).append(r)
            elif r["rule"] == "review":
                targets = of_holder.get(r["holder"], [])
                cands = set(str(r["candidates"]).split(";")) - {""}
                hit = [i for i in targets if cands & set(minutes[i]["new_codes"])] or targets
                entry = {"class": kind, "id": r["id"], "holder": r["holder"], "body": r["body"]}
                entry |= {"reason": r["reason"], "candidates": sorted(cands)}
                for i in hit:
                    review[i].append(entry)
    return given, review


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as dicts (pandas' own ``to_dict("records")`` took 8 s of the 12 s
    building Quảng Ninh's documents; missing values stay pandas' NA or NaN)."""
    cols = list(frame.columns)
    arrays = [frame[c].to_numpy(dtype=object) for c in cols]
    return [dict(zip(cols, values, strict=True)) for values in zip(*arrays, strict=True)]


def counts_of(given: dict[str, list]) -> dict[str, int]:
    """``{"staff": n, "assets": n, "dossiers": n, "records": n}`` handed over in one minute."""
    return {k: len(given.get(k, ())) for k in CLASSES}


def attach(
    minutes: list[dict[str, Any]],
    items: dict[str, pd.DataFrame],
    labels: Any,
    lang: str,
    *,
    show_personal: bool,
    cutover: str,
) -> list[dict[str, Any]]:
    """Each minute with its ``annexes``, ``review`` items, ``counts``, ``bodies`` (the district
    bodies handing over) and ``shares`` (a joint minute's counts and asset value per new unit)."""
    given, review = split_items(minutes, items)
    out = []
    for m, g, r in zip(minutes, given, review, strict=True):
        joint = m["kind"] == "joint_minute"
        annexes = build_annexes(
            g, labels, lang, joint=joint, show_personal=show_personal, cutover=cutover
        )
        shares: dict[str, dict[str, Any]] = {}
        if joint:
            for new in m["new_codes"]:
                mine = {k: [x for x in v if x["new_code"] == new] for k, v in g.items()}
                shares[new] = counts_of(mine) | {
                    "value": float(sum(_value(x) for x in mine.get("assets", [])))
                }
        bodies = sorted({x["body"] for v in g.values() for x in v if x["body"]})
        extra = {"annexes": annexes, "review": r, "counts": counts_of(g), "shares": shares}
        out.append(m | extra | {"bodies": bodies})
    return out


def _value(record: dict) -> float:
    v = record.get("value_vnd")
    try:
        x = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if x != x else x

"""Dossiers and records of a divided commune that have no location follow its people.

A divided commune's people divide as its resolution says (see :mod:`transition.model.shares`): where
the text gives all of them to one new unit ("một phần diện tích tự nhiên, toàn bộ quy mô dân số của X",
or "phần còn lại của X" beside land-only parts), its dossiers and records without a location go there;
where the people are split, dossiers without a location are apportioned by the people's shares (in the
order of their ids), and records stay for review. The chain calls :func:`by_people` after the location
rule; the staffing flow uses the same shares for staff.
"""

from __future__ import annotations

import numpy as np

from .context import PlanContext

RULE = "people-share"
ALL_PEOPLE = "Nghị quyết giao toàn bộ quy mô dân số của đơn vị cũ cho đơn vị này ({clause})"
BY_SHARE = "Theo tỷ lệ dân số của phần đơn vị cũ ({share:.0%}{estimated})"


def _apportion(n: int, shares: dict[str, float]) -> list[str]:
    """``n`` slots given to units by largest remainder of ``shares`` (ties by code), in code order."""
    units = sorted(shares)
    raw = np.array([n * shares[u] for u in units])
    counts = np.floor(raw).astype(int)
    order = sorted(range(len(units)), key=lambda i: (-(raw[i] - counts[i]), units[i]))
    for i in order[: n - int(counts.sum())]:
        counts[i] += 1
    return [u for u, k in zip(units, counts, strict=True) for _ in range(int(k))]


def by_people(
    holders: np.ndarray, ids: np.ndarray, todo: np.ndarray, kind: str, ctx: PlanContext
) -> tuple[np.ndarray, np.ndarray]:
    """New unit and reason for the items at ``todo`` held by a divided commune ("" where the people
    decide nothing): see the module. ``holders`` and ``ids`` are the items' columns as arrays."""
    n = len(holders)
    code = np.full(n, "", dtype=object)
    reason = np.full(n, "", dtype=object)
    if kind not in ("dossiers", "records"):
        return code, reason
    clause = ctx.all_people_clause
    for h in sorted(set(holders[todo])):
        rows = np.flatnonzero(todo & (holders == h))
        target = ctx.all_people_to.get(h)
        if target:
            code[rows] = target
            reason[rows] = ALL_PEOPLE.format(clause=clause.get(h, ""))
            continue
        shares = ctx.shares.get(h) if h in ctx.commune_holders else None
        if kind != "dossiers" or not shares:
            continue
        rows = rows[np.argsort(ids[rows].astype(str), kind="stable")]
        estimated = " ước tính" if h in ctx.estimated_people else ""
        for r, u in zip(rows, _apportion(len(rows), shares), strict=True):
            code[r] = u
            reason[r] = BY_SHARE.format(share=shares[u], estimated=estimated)
    return code, reason

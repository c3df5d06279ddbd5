"""Staffing: quotas of the new units and a minimum-cost flow that places the staff of divided communes
and district bodies.

The flow runs over the plan graph. People are grouped by (holder, position, counted in the quota or
not); a group sends its people to the new units its holder may go to:

* up to its share (a divided commune's parts by their people's shares, :mod:`transition.model.shares`:
  a part the resolution gives land and no people gets none of its staff; a district by how many of its
  communes each unit took) at the base cost, beyond it at ``over_share`` more;
* into the title slots each unit must still fill (chair, vice-chairs, each civil-servant title) at
  ``fill_title`` (a negative cost: preferred), into the rest of the quota at no extra cost, and beyond
  the quota at ``surplus``. Nobody is dropped: surplus people stay in their best unit and are listed.

Base cost: ``continuity`` for a successor of the person's own commune, ``other_unit`` for the other
units of a district, plus ``per_10km`` of distance. Solved with :func:`networkx.min_cost_flow` per
connected group of holders and units. The software places; it decides nothing about anyone's job.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd

from ..profiles.rules import Costs, Slot, Staffing
from .context import PlanContext


def quotas(plan_units: pd.DataFrame, profile: Staffing) -> pd.Series:
    """Quota (biên chế) of every new commune-level unit.

    Notes
    -----
    :math:`q = \\min(\\text{cap}_{type}, b + \\lceil \\max(0, P - P_0) / s \\rceil)` with base
    :math:`b`, population :math:`P`, threshold :math:`P_0` and step :math:`s` (per 1,000 residents in
    mountain areas, 2,000 elsewhere). An unknown population gives the base.
    """
    q = profile.quota
    out = {}
    for u in plan_units.itertuples(index=False):
        step = q.step_mountain if getattr(u, "region", "") == "mountain" else q.step_other
        extra = (
            0
            if pd.isna(u.population)
            else math.ceil(max(0.0, u.population - q.population_threshold) / step)
        )
        out[u.code] = int(min(q.cap.get(u.unit_type, 70), q.base + extra))
    return pd.Series(out, dtype=int)


def _slot_fill(positions: dict[str, int], slots: list[Slot]) -> dict[str, int]:
    """How many of each title slot people of the given positions (position -> count) already fill
    (greedy, in the slots' order)."""
    left = dict(positions)
    filled = {}
    for slot in slots:
        take = 0
        for pos in slot.positions:
            k = min(left.get(pos, 0), slot.count - take)
            take += k
            left[pos] = left.get(pos, 0) - k
        filled[slot.title] = take
    return filled


def _apportion(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Largest-remainder split of ``total`` by ``shares`` (ties by code): sums exactly to ``total``."""
    raw = {k: total * v for k, v in shares.items()}
    base = {k: int(math.floor(x)) for k, x in raw.items()}
    left = total - sum(base.values())
    for k, _ in sorted(raw.items(), key=lambda kv: (-(kv[1] - math.floor(kv[1])), kv[0]))[:left]:
        base[k] += 1
    return base


def place_staff(
    staff: pd.DataFrame, ctx: PlanContext, profile: Staffing
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill in the staff marked ``rule == "staffing"`` (rule 4), and return the quota table.

    Returns ``(staff, quota_table)``: staff with ``new_code``, ``slot`` (the title it fills, if any) and
    ``beyond_quota`` set; the quota table per new unit: quota, counted staff, slots still open, and
    how many are over the quota.
    """
    counted_cats = set(profile.counted_categories)
    slots = profile.slots
    units = ctx.plan.new_communes
    quota = quotas(units, profile)
    staff = staff.copy()
    staff["slot"] = ""
    staff["beyond_quota"] = False
    counted = staff["category"].isin(counted_cats).to_numpy()
    fixed = (staff["rule"] != "staffing").to_numpy() & (staff["new_code"] != "").to_numpy()
    remaining, open_slots = _open_capacity(staff[fixed & counted], units, quota, slots)
    pending = np.flatnonzero((staff["rule"] == "staffing").to_numpy())
    by_component = _components(_groups(staff, pending, counted), ctx)
    _apply_flow(staff, by_component, ctx, profile, remaining, open_slots)
    counted_final = staff[staff["category"].isin(counted_cats) & (staff["new_code"] != "")]
    return staff, _quota_table(counted_final, units, quota, slots)


def _open_capacity(
    placed: pd.DataFrame, units: pd.DataFrame, quota: pd.Series, slots: list[Slot]
) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """What each new unit can still take after the counted staff already ``placed`` by rules 1-3
    and 5: quota left (people; negative when over) and open title slots (title -> count)."""
    used = placed.groupby("new_code").size()
    open_slots: dict[str, dict[str, int]] = {}
    for code, positions in _positions_by_unit(placed).items():
        filled = _slot_fill(positions, slots)
        open_slots[code] = {s.title: s.count - filled[s.title] for s in slots}
    for code in units["code"]:
        open_slots.setdefault(code, {s.title: s.count for s in slots})
    remaining = {c: int(quota.get(c, 0) - used.get(c, 0)) for c in units["code"]}
    return remaining, open_slots


def _components(groups: list, ctx: PlanContext) -> dict[int, list]:
    """The staff ``groups`` (``((holder, position, counted), rows)``) by connected component of
    the graph of holders and the new units they may go to (each component is solved alone)."""
    g = nx.Graph()
    for (holder, _, _), _rows in groups:
        for u in ctx.candidates(holder):
            g.add_edge(("h", holder), ("u", u))
    component_of = {}
    for k, comp in enumerate(nx.connected_components(g)):
        for node in comp:
            component_of[node] = k
    by_component: dict[int, list] = {}
    for key, rows in groups:
        by_component.setdefault(component_of[("h", key[0])], []).append((key, rows))
    return by_component


def _apply_flow(
    staff: pd.DataFrame,
    by_component: dict[int, list],
    ctx: PlanContext,
    profile: Staffing,
    remaining: dict[str, int],
    open_slots: dict[str, dict[str, int]],
) -> None:
    """Solve each component's flow and write ``new_code``, ``slot``, ``beyond_quota`` and, for
    the flowed rows, ``new_name``, ``new_level`` and the Vietnamese ``reason`` into ``staff``
    (in place)."""
    new_code = staff["new_code"].to_numpy(dtype=object).copy()
    slot_col = staff["slot"].to_numpy(dtype=object).copy()
    beyond = staff["beyond_quota"].to_numpy().copy()
    for comp in sorted(by_component):
        allocation = _solve(
            by_component[comp], ctx, profile.slots, profile.costs, remaining, open_slots
        )
        for (_key, rows), buckets in allocation:
            k = 0
            for unit, slot, is_surplus, count in buckets:
                take = rows[k : k + count]  # positions in the frame, already in id order
                new_code[take] = unit
                slot_col[take] = slot
                beyond[take] = is_surplus
                k += count
    staff["new_code"] = new_code
    staff["slot"] = slot_col
    staff["beyond_quota"] = beyond
    flowed = (staff["rule"] == "staffing").to_numpy()
    staff.loc[flowed, "new_name"] = [ctx.new_names.get(c, "") for c in new_code[flowed]]
    staff.loc[flowed, "new_level"] = "commune"
    staff.loc[flowed, "reason"] = np.where(
        beyond[flowed],
        "Phân bổ theo luồng biên chế: vượt biên chế (dôi dư)",
        np.where(
            slot_col[flowed] != "",
            "Phân bổ theo luồng biên chế: vào chức danh còn thiếu",
            "Phân bổ theo luồng biên chế",
        ),
    )


def _quota_table(
    counted_final: pd.DataFrame, units: pd.DataFrame, quota: pd.Series, slots: list[Slot]
) -> pd.DataFrame:
    """Per new unit (sorted by code): ``new_code, new_name, quota, counted_staff, over_quota,
    open_titles`` (``"title (missing)"`` joined by ``; ``) from the counted staff placed."""
    size = counted_final.groupby("new_code").size()
    table = pd.DataFrame(
        {
            "new_code": units["code"],
            "new_name": units["name"],
            "quota": [int(quota.get(c, 0)) for c in units["code"]],
            "counted_staff": [int(size.get(c, 0)) for c in units["code"]],
        }
    )
    table["over_quota"] = (table["counted_staff"] - table["quota"]).clip(lower=0)
    still_open = []
    final_positions = _positions_by_unit(counted_final)
    for c in units["code"]:
        filled = _slot_fill(final_positions.get(c, {}), slots)
        gaps = [
            f"{s.title} ({s.count - filled[s.title]})" for s in slots if filled[s.title] < s.count
        ]
        still_open.append("; ".join(gaps))
    table["open_titles"] = still_open
    return table.sort_values("new_code").reset_index(drop=True)


def _positions_by_unit(frame: pd.DataFrame) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for (code, pos), n in frame.groupby(["new_code", "position"]).size().items():
        out.setdefault(code, {})[pos] = int(n)
    return out


def _groups(staff: pd.DataFrame, rows: np.ndarray, counted: np.ndarray) -> list:
    """People to place, grouped by (holder, position, counted), each group's rows in id order."""
    if len(rows) == 0:
        return []
    holder = staff["holder"].to_numpy(dtype=object)[rows]
    pos = staff["position"].to_numpy(dtype=object)[rows]
    ids = staff["id"].to_numpy(dtype=object)[rows]
    cnt = counted[rows]
    key = pd.DataFrame({"h": holder, "p": pos, "c": cnt, "i": ids}).sort_values(
        ["h", "p", "c", "i"], kind="stable"
    )
    order = key.index.to_numpy()
    h, p, c = holder[order], pos[order], cnt[order]
    start = np.flatnonzero(np.r_[True, (h[1:] != h[:-1]) | (p[1:] != p[:-1]) | (c[1:] != c[:-1])])
    end = np.r_[start[1:], len(order)]
    return [((h[a], p[a], bool(c[a])), rows[order[a:b]]) for a, b in zip(start, end, strict=True)]


def _solve(groups, ctx: PlanContext, slots: list[Slot], costs: Costs, remaining, open_slots):
    """One min-cost flow for a connected set of holders and units; returns per group the buckets
    ``(unit, slot title, beyond quota, count)`` in a fixed order."""
    graph = nx.DiGraph()
    total = sum(len(rows) for _, rows in groups)
    graph.add_node("S", demand=-total)
    graph.add_node("T", demand=total)
    units = sorted({u for (key, _) in groups for u in ctx.candidates(key[0])})
    for u in units:
        graph.add_edge(("q", u), "T", capacity=max(0, remaining.get(u, 0)), weight=0)
        graph.add_edge(("x", u), "T", weight=0)  # beyond the quota: unlimited, priced on the way in
        graph.add_edge(("f", u), "T", weight=0)  # people not counted in the quota
        for title, k in open_slots.get(u, {}).items():
            if k > 0:
                graph.add_edge(("s", u, title), ("q", u), capacity=k, weight=0)
    for gi, (key, rows) in enumerate(groups):
        holder, pos, is_counted = key
        n = len(rows)
        graph.add_edge("S", ("g", gi), capacity=n, weight=0)
        cands = ctx.candidates(holder)
        shares = ctx.shares.get(holder) or {u: 1 / len(cands) for u in cands}
        caps = _apportion(n, {u: shares.get(u, 0.0) for u in cands})
        own = holder in ctx.commune_holders
        for u in cands:
            if own and shares.get(u) == 0.0:  # the resolution gave this part land, no people
                continue
            base = (costs.continuity if own else costs.other_unit) + int(
                round(costs.per_10km * ctx.distance_km(holder, u) / 10)
            )
            e, o = ("e", gi, u), ("o", gi, u)
            graph.add_edge(("g", gi), e, capacity=caps[u], weight=base)
            graph.add_edge(("g", gi), o, weight=base + costs.over_share)
            graph.add_edge(o, e, weight=0)
            if not is_counted:
                graph.add_edge(e, ("f", u), weight=0)
                continue
            for slot in slots:
                if pos in slot.positions and open_slots.get(u, {}).get(slot.title, 0) > 0:
                    graph.add_edge(e, ("s", u, slot.title), weight=costs.fill_title)
            graph.add_edge(e, ("q", u), weight=0)
            graph.add_edge(e, ("x", u), weight=costs.surplus)
    flow = nx.min_cost_flow(graph)
    out = []
    for gi, (key, rows) in enumerate(groups):
        buckets = []
        for u in sorted(ctx.candidates(key[0])):
            sent = flow.get(("e", gi, u), {})
            for target, amount in sorted(sent.items(), key=lambda kv: str(kv[0])):
                if amount <= 0:
                    continue
                title = target[2] if target[0] == "s" else ""
                buckets.append((u, title, target[0] == "x", int(amount)))
        out.append(((key, rows), buckets))
    return out


def policies(staff: pd.DataFrame, as_of: pd.Timestamp, profile: Staffing) -> np.ndarray:
    """The policy that fits each person's age and service (for a person to decide, not the software):
    retirement within the window, early retirement after enough years of service, else transfer."""
    pol = profile.policy
    birth = pd.to_datetime(staff["birth_date"], errors="coerce", format="%Y-%m-%d")
    start = pd.to_datetime(staff["service_start"], errors="coerce", format="%Y-%m-%d")
    age = ((as_of - birth).dt.days / 365.25).to_numpy()
    service = ((as_of - start).dt.days / 365.25).fillna(0.0).to_numpy()
    retire = staff["sex"].map(pol.retirement_age).fillna(60.0).to_numpy(dtype=float)
    left = retire - age
    window = pol.retirement_window_years
    text_left = np.char.mod("%.1f", np.clip(np.nan_to_num(left), 0, None))
    text_service = np.char.mod("%.0f", service)
    return np.where(
        np.isnan(age),
        "chưa rõ tuổi: bổ sung ngày sinh",
        np.where(
            left <= 0,
            "đã đến tuổi nghỉ hưu: giải quyết chế độ hưu trí",
            np.where(
                left <= window,
                np.char.add(
                    np.char.add(f"nghỉ hưu trong {window} năm tới (còn ", text_left), " năm)"
                ),
                np.where(
                    service >= pol.early_retirement_min_service_years,
                    np.char.add(
                        np.char.add(
                            "nghỉ hưu trước tuổi theo Nghị định 178/2024/NĐ-CP (", text_service
                        ),
                        " năm công tác)",
                    ),
                    "điều động, biệt phái hoặc tinh giản theo quy định",
                ),
            ),
        ),
    ).astype(object)

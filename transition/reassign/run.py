"""Reassign every item of every register through the plan, and prove that nothing was lost."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..geo import PlanGeometry
from ..model import Plan
from ..profiles import as_profile, load_profile
from ..profiles.rules import RecordDestinations, Staffing, Timeline
from ..registers import CLASSES
from .assets import rank_headquarters
from .chain import apply_chain
from .context import PlanContext
from .dossiers import competence_table, triage
from .ledger import assert_balanced, by_holder, ledger
from .staffing import place_staff, policies

SURPLUS_COLUMNS = [
    "new_code",
    "new_name",
    "id",
    "full_name",
    "position",
    "category",
    "policy",
    "beyond_quota",
    "order",
    "within_overflow",
]
OVERRIDE_COLUMNS = ["class", "id", "new_code", "reference"]


@dataclass(frozen=True)
class Reassignment:
    """The result of :func:`reassign`; every frame is new (the registers are not changed)."""

    items: dict[
        str, pd.DataFrame
    ]  # each register with new_code, new_name, new_level, rule, reason, candidates
    ledger: dict
    by_holder: pd.DataFrame
    review: pd.DataFrame
    quota: pd.DataFrame = field(default_factory=pd.DataFrame)
    surplus: pd.DataFrame = field(default_factory=pd.DataFrame)
    headquarters: pd.DataFrame = field(default_factory=pd.DataFrame)
    surplus_assets: pd.DataFrame = field(default_factory=pd.DataFrame)


def reassign(
    plan: Plan,
    geometry: PlanGeometry | None,
    registers: dict[str, pd.DataFrame],
    *,
    overrides: pd.DataFrame | None = None,
    cutover: str | None = None,
    as_of: str | None = None,
    staffing_profile: Staffing | dict | str | None = None,
    competence: dict | None = None,
    destinations: RecordDestinations | dict | str | None = None,
    workspace: str | Path | None = None,
) -> Reassignment:
    """Run the rule chain on each register given (any of staff, assets, dossiers, records).

    ``cutover`` (YYYY-MM-DD) defaults to ``mappings/timeline.toml``; the staffing profile to
    ``mappings/staffing_2025.toml`` and the record destinations to
    ``mappings/record_destinations.toml`` (a workspace's own copies win). Raises
    :class:`LedgerError` when an item would be lost or counted twice (it cannot, by construction;
    the ledger proves it on every run).
    """
    if cutover is None:
        cutover = load_profile(Timeline, "timeline.toml", workspace).cutover.isoformat()
    ctx = PlanContext(plan, geometry)
    overrides = overrides if overrides is not None else pd.DataFrame(columns=OVERRIDE_COLUMNS)
    staffing = as_profile(Staffing, staffing_profile, "staffing_2025.toml", workspace)
    dest = as_profile(
        RecordDestinations, destinations, "record_destinations.toml", workspace
    ).district
    comp = competence or competence_table()
    items: dict[str, pd.DataFrame] = {}
    quota = surplus = hq = spare = pd.DataFrame()
    for kind in CLASSES:
        if kind not in registers:
            continue
        result = apply_chain(
            registers[kind], kind, ctx, overrides, competence=comp, destinations=dest
        )
        if kind == "staff":
            result, quota = place_staff(result, ctx, staffing)
            surplus = _surplus(result, quota, staffing, cutover)
        if kind == "dossiers":
            result = triage(result, cutover, as_of)
        items[kind] = result
    if "assets" in items:
        staff = items.get("staff", pd.DataFrame(columns=["new_code", "new_level"]))
        hq, spare = rank_headquarters(items["assets"], staff, ctx)
    book = ledger({k: registers[k] for k in items}, items)
    assert_balanced(book)
    review = (
        pd.concat(
            [
                r.loc[
                    r["rule"] == "review", ["id", "holder", "body", "reason", "candidates"]
                ].assign(**{"class": k})
                for k, r in items.items()
            ],
            ignore_index=True,
        )
        if items
        else pd.DataFrame()
    )
    if len(review):
        review = review[["class", "id", "holder", "body", "reason", "candidates"]]
    return Reassignment(
        items,
        book,
        by_holder({k: registers[k] for k in items}, items),
        review,
        quota,
        surplus,
        hq,
        spare,
    )


def _surplus(
    staff: pd.DataFrame, quota: pd.DataFrame, profile: Staffing, cutover: str
) -> pd.DataFrame:
    """Staff of units over their quota, each with the policy that fits (for a person to decide).

    Within a unit, people are listed retirement-window first, then early retirement, then transfer;
    ``within_overflow`` marks the first ``over_quota`` of them, as many as the unit is over.
    """
    over = quota[quota["over_quota"] > 0].set_index("new_code")["over_quota"]
    counted = staff["category"].isin(profile.counted_categories)
    rows = staff[counted & staff["new_code"].isin(over.index)].copy()
    if rows.empty:
        return pd.DataFrame(columns=SURPLUS_COLUMNS)
    rows["policy"] = policies(rows, pd.Timestamp(cutover), profile)
    rank = rows["policy"].map(
        lambda p: (
            0
            if p.startswith(("đã đến tuổi", "nghỉ hưu trong"))
            else 1
            if p.startswith("nghỉ hưu trước")
            else 2
        )
    )
    rows = rows.assign(_rank=rank).sort_values(["new_code", "_rank", "id"])
    rows["order"] = rows.groupby("new_code").cumcount() + 1
    rows["within_overflow"] = rows["order"] <= rows["new_code"].map(over)
    return rows[SURPLUS_COLUMNS].reset_index(drop=True)

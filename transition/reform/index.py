"""The index of each unit: 100 × points obtained / maximum of the applicable items, then bonus and
penalty within their caps; tiers and ranks from the rubric; where the points went.

Missing is not zero, and not-applicable is not missing: an item that does not apply leaves the
denominator (or earns full points, as the rubric says); an item with no value or score is reported
as missing, stays out of the index, and withholds the unit's tier and rank, so that a unit never
gains a place by what it did not report.
"""

from __future__ import annotations

import pandas as pd

from ..profiles.rubric import Rubric
from .scoring import next_value, points

#: One row per unit and item after :func:`score_items`.
ITEM_COLUMNS = [
    "unit_code", "field", "criterion", "item", "method", "max", "status", "value", "points",
    "counted_max", "lost", "stage",
]  # fmt: skip
#: One row per unit after :func:`index_units`.
UNIT_COLUMNS = [
    "code", "name", "unit_type", "group", "obtained", "counted_max", "index", "bonus", "penalty",
    "score", "complete", "missing", "provisional", "tier", "rank", "tied",
]  # fmt: skip


def score_items(rubric: Rubric, values: pd.DataFrame, *, no_survey: bool = False) -> pd.DataFrame:
    """Points of every unit's every item (:data:`ITEM_COLUMNS`) from
    :func:`~transition.reform.inputs.resolve_inputs` rows. ``status`` is ``scored``,
    ``not_applicable`` or ``missing``; ``counted_max`` is what the item adds to the denominator.
    With ``no_survey`` and a rubric that rescales without a survey, survey items leave the
    denominator instead of being missing."""
    where = {i.id: (f.id, c.id, i) for f, c, i in rubric.item_index()}
    rows = []
    for r in values.itertuples(index=False):
        field, criterion, item = where[r.item]
        status, got, counted = "missing", None, 0.0
        if r.not_applicable:
            status = "not_applicable"
            got, counted = (item.max, item.max) if item.not_applicable == "full" else (None, 0.0)
        elif r.points is not None and not pd.isna(r.points):
            status, got, counted = "scored", float(r.points), item.max
        elif r.value is not None and not pd.isna(r.value):
            status, got, counted = "scored", points(item, r.value), item.max
        elif item.method == "survey" and no_survey and rubric.rescale_without_survey:
            status = "not_applicable"
        lost = round(counted - got, 2) if status == "scored" and got is not None else 0.0
        rows.append(
            [r.unit_code, field, criterion, item.id, item.method, item.max, status,
             r.value, got, counted, lost, r.stage]
        )  # fmt: skip
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


def index_units(
    rubric: Rubric,
    items: pd.DataFrame,
    units: pd.DataFrame,
    adjustments: pd.DataFrame | None = None,
    *,
    period_open: bool = False,
) -> pd.DataFrame:
    """One row per unit (:data:`UNIT_COLUMNS`). ``units`` has ``code, name, unit_type``;
    ``adjustments`` has ``unit_code, kind`` (``bonus`` / ``penalty``) and ``points``.

    ``index`` = 100 × obtained / counted max (index points, 0–100); ``score`` = index + bonus −
    penalty, each within the rubric's cap, kept within 0–100. ``provisional`` when the period is
    open or a score is still only the unit's own. Tier and rank (within the unit's ranking group,
    ties sharing a rank and marked ``tied``) only for complete units.
    """
    by_unit = items.groupby("unit_code", sort=False)
    obtained = by_unit["points"].sum(min_count=1).fillna(0.0)
    counted = by_unit["counted_max"].sum()
    missing: dict[str, list[str]] = {}
    gaps = items[items["status"] == "missing"]
    for unit, item_id in zip(gaps["unit_code"].tolist(), gaps["item"].tolist(), strict=True):
        missing.setdefault(unit, []).append(item_id)
    own = items[(items["stage"] == "self_score")].groupby("unit_code").size()
    adj = _adjustments(adjustments, rubric)
    out = units[["code", "name", "unit_type"]].copy().reset_index(drop=True)
    out["group"] = out["unit_type"].map(_group_of(rubric)).fillna("")
    out["obtained"] = out["code"].map(obtained).fillna(0.0).round(2)
    out["counted_max"] = out["code"].map(counted).fillna(0.0)
    ratio = out["obtained"] / out["counted_max"].where(out["counted_max"] > 0)
    out["index"] = (100 * ratio).round(2)
    out["bonus"] = out["code"].map(adj["bonus"]).fillna(0.0)
    out["penalty"] = out["code"].map(adj["penalty"]).fillna(0.0)
    out["score"] = (out["index"] + out["bonus"] - out["penalty"]).clip(0, 100).round(2)
    out["missing"] = pd.Series(
        [missing.get(c, []) for c in out["code"]], index=out.index, dtype=object
    )
    out["complete"] = (out["missing"].str.len() == 0) & out["index"].notna()
    out["provisional"] = period_open | out["code"].map(own).fillna(0).gt(0)
    tiers = [
        _tier(rubric, s) if ok else None
        for s, ok in zip(out["score"], out["complete"], strict=True)
    ]
    out["tier"] = pd.Series(tiers, index=out.index, dtype=object)  # None stays None
    out["rank"], out["tied"] = _ranks(out)
    return out[UNIT_COLUMNS]


def _group_of(rubric: Rubric) -> dict[str, str]:
    return {t: " / ".join(g) for g in rubric.ranking_groups for t in g}


def _adjustments(frame: pd.DataFrame | None, rubric: Rubric) -> dict[str, pd.Series]:
    """Bonus and penalty per unit, each summed then cut to its cap."""
    empty = pd.Series(dtype=float)
    if frame is None or frame.empty:
        return {"bonus": empty, "penalty": empty}
    pts = pd.to_numeric(frame["points"], errors="raise").abs()
    sums = pts.groupby([frame["unit_code"], frame["kind"]]).sum()
    bonus = sums.xs("bonus", level=1) if "bonus" in set(frame["kind"]) else empty
    penalty = sums.xs("penalty", level=1) if "penalty" in set(frame["kind"]) else empty
    return {
        "bonus": bonus.clip(upper=rubric.bonus_cap),
        "penalty": penalty.clip(upper=rubric.penalty_cap),
    }


def _tier(rubric: Rubric, score: float) -> str | None:
    for t in rubric.tiers:
        if score >= t.min:
            return t.vi
    return None


def _ranks(out: pd.DataFrame) -> tuple[list, list]:
    """Competition ranking (1, 1, 3) of complete units within each group; ties marked."""
    rank = pd.Series([None] * len(out), index=out.index, dtype=object)
    tied = pd.Series(False, index=out.index)
    ok = out[out["complete"]]
    if len(ok):
        by_group = ok.groupby("group", sort=True)["score"]
        rank.loc[ok.index] = by_group.rank(method="min", ascending=False).astype(int).tolist()
        tied.loc[ok.index] = ok.duplicated(["group", "score"], keep=False)
    return rank.tolist(), tied.tolist()


def points_lost(items: pd.DataFrame, rubric: Rubric) -> pd.DataFrame:
    """Per unit and criterion, the points lost (counted max − points of scored items), ranked from
    the largest within each unit; columns ``unit_code, field, criterion, label, lost``."""
    labels = {c.id: c.vi for f in rubric.fields for c in f.criteria}
    lost = (
        items.groupby(["unit_code", "field", "criterion"], sort=False)["lost"].sum().reset_index()
    )
    lost = lost[lost["lost"] > 0]
    lost["label"] = lost["criterion"].map(labels)
    lost = lost.sort_values(["unit_code", "lost", "criterion"], ascending=[True, False, True])
    return lost[["unit_code", "field", "criterion", "label", "lost"]].reset_index(drop=True)


def improvements(items: pd.DataFrame, units: pd.DataFrame, rubric: Rubric, n: int = 3) -> dict:
    """For each unit, the ``n`` changes that would raise its index most: a data item raised to the
    value that earns full points (or the next step), an attested item fully met. Gains are in index
    points (100 × gained points / the unit's counted max)."""
    defs = {i.id: i for i in rubric.items()}
    counted = dict(zip(units["code"], units["counted_max"], strict=True))
    out: dict[str, list[dict]] = {}
    scored = items[(items["status"] == "scored") & (items["lost"] > 0)]
    for r in scored.itertuples(index=False):
        item = defs[r.item]
        denominator = counted.get(r.unit_code) or 0
        if not denominator:
            continue
        change: dict = {"item": item.id, "label": item.vi}
        if item.method in ("data", "survey") and r.value is not None and not pd.isna(r.value):
            target = next_value(item, float(r.value))
            if target is None:
                continue
            gain = points(item, target) - float(r.points)
            change |= {"from": float(r.value), "to": float(target)}
        else:
            gain = float(r.lost)
        change["gain"] = round(100 * gain / denominator, 2)
        out.setdefault(r.unit_code, []).append(change)
    return {u: sorted(c, key=lambda x: (-x["gain"], x["item"]))[:n] for u, c in sorted(out.items())}

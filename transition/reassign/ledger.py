"""The ledger: what each class held before, what was assigned, what is in review. Nothing is lost."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..errors import TransitionError

VALUE = {"assets": "value_vnd", "records": "balance_vnd"}


class LedgerError(TransitionError):
    """Items were lost or counted twice in a reassignment."""


def ledger(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> dict:
    """``{"balanced": bool, "classes": {class: {"before", "assigned", "review", "balanced", ...}}}``.

    A class balances when every id of the register appears exactly once after, either with a new
    holder or in review, and counts (and values) before equal assigned plus review.
    """
    classes = {}
    for kind, reg in before.items():
        res = after[kind]
        assigned = (res["new_code"] != "").to_numpy()
        review = (res["rule"] == "review").to_numpy()
        a, b = reg["id"].to_numpy(dtype=object), res["id"].to_numpy(dtype=object)
        same = len(a) == len(b) and (a == b).all()
        lost, extra, twice = [], [], []
        if not same:  # only then the slower set comparison, to name the items
            lost = sorted(set(a) - set(b))
            extra = sorted(set(b) - set(a))
        if not res["id"].is_unique:
            counts = res["id"].value_counts()
            twice = sorted(counts[counts > 1].index)
        both = sorted(b[assigned & review])
        neither = sorted(b[~assigned & ~review])
        entry: dict[str, Any] = {
            "before": int(len(reg)),
            "assigned": int(assigned.sum()),
            "review": int(review.sum()),
        }
        if kind in VALUE:
            col = VALUE[kind]
            entry |= {
                "value_before": float(reg[col].sum()),
                "value_assigned": float(res.loc[assigned, col].sum()),
                "value_review": float(res.loc[review, col].sum()),
            }
        ok = (
            not (lost or extra or twice or both or neither)
            and entry["before"] == entry["assigned"] + entry["review"]
        )
        if kind in VALUE:
            ok = ok and abs(
                entry["value_before"] - entry["value_assigned"] - entry["value_review"]
            ) < 1e-6 * max(1.0, entry["value_before"])
        entry["balanced"] = bool(ok)
        if not ok:
            entry["problems"] = {
                "lost": lost[:20],
                "added": extra[:20],
                "twice": twice[:20],
                "assigned_and_review": both[:20],
                "neither": neither[:20],
            }
        classes[kind] = entry
    return {"balanced": all(c["balanced"] for c in classes.values()), "classes": classes}


def by_holder(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Counts (and values) per class per old holder before and per new holder after, in one table."""
    parts = []
    for kind, reg in before.items():
        col = VALUE.get(kind)
        res = after[kind]
        to = res["new_code"].where(res["new_code"] != "", "review")
        for side, keys, frame in (("before", reg["holder"], reg), ("after", to, res)):
            g = frame.groupby(keys.to_numpy(), sort=True)
            table = g.size().rename("count").to_frame()
            table["value"] = g[col].sum() if col else None
            table = table.rename_axis("holder").reset_index()
            table.insert(0, "side", side)
            table.insert(0, "class", kind)
            parts.append(table)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def assert_balanced(result: dict) -> None:
    """Raise :class:`LedgerError` naming the items when any class does not balance."""
    bad = {k: v.get("problems") for k, v in result["classes"].items() if not v["balanced"]}
    if bad:
        raise LedgerError(f"the reassignment does not balance: {bad}; nothing was written")

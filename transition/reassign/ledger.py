"""The ledger: what each class held before, what was assigned, what is in review. Nothing is lost."""

from __future__ import annotations

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
        assigned = res["new_code"] != ""
        review = res["rule"] == "review"
        ids_before = reg["id"].value_counts()
        ids_after = res["id"].value_counts()
        lost = sorted(set(ids_before.index) - set(ids_after.index))
        extra = sorted(set(ids_after.index) - set(ids_before.index))
        twice = sorted(ids_after[ids_after > 1].index)
        both = sorted(res.loc[assigned & review, "id"])
        neither = sorted(res.loc[~assigned & ~review, "id"])
        entry = {"before": int(len(reg)), "assigned": int(assigned.sum()), "review": int(review.sum())}
        if kind in VALUE:
            col = VALUE[kind]
            entry |= {"value_before": float(reg[col].sum()), "value_assigned": float(res.loc[assigned, col].sum()),
                      "value_review": float(res.loc[review, col].sum())}
        ok = not (lost or extra or twice or both or neither) and entry["before"] == entry["assigned"] + entry["review"]
        if kind in VALUE:
            ok = ok and abs(entry["value_before"] - entry["value_assigned"] - entry["value_review"]) < 1e-6 * max(
                1.0, entry["value_before"])
        entry["balanced"] = bool(ok)
        if not ok:
            entry["problems"] = {"lost": lost[:20], "added": extra[:20], "twice": twice[:20],
                                 "assigned_and_review": both[:20], "neither": neither[:20]}
        classes[kind] = entry
    return {"balanced": all(c["balanced"] for c in classes.values()), "classes": classes}


def by_holder(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Counts (and values) per class per old holder before and per new holder after, in one table."""
    rows = []
    for kind, reg in before.items():
        col = VALUE.get(kind)
        for holder, group in reg.groupby("holder", sort=True):
            rows.append(dict(class_=kind, side="before", holder=holder, count=len(group),
                             value=float(group[col].sum()) if col else None))
        res = after[kind]
        res = res.assign(_to=res["new_code"].where(res["new_code"] != "", "review"))
        for holder, group in res.groupby("_to", sort=True):
            rows.append(dict(class_=kind, side="after", holder=holder, count=len(group),
                             value=float(group[col].sum()) if col else None))
    return pd.DataFrame(rows).rename(columns={"class_": "class"})


def assert_balanced(result: dict) -> None:
    """Raise :class:`LedgerError` naming the items when any class does not balance."""
    bad = {k: v.get("problems") for k, v in result["classes"].items() if not v["balanced"]}
    if bad:
        raise LedgerError(f"the reassignment does not balance: {bad}; nothing was written")

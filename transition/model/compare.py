"""Comparing two crosswalks edge by edge."""

from __future__ import annotations

import math

import pandas as pd

KEY = ["level", "old_code", "new_code"]
PARTS = ("whole", "part", "remainder")


def _not_understood(frame: pd.DataFrame) -> list[dict]:
    """Part values that are none of whole / part / remainder, with how many edges carry each."""
    bad = frame.loc[~frame["part"].isin(PARTS), "part"]
    return [{"value": v, "edges": int(n)} for v, n in sorted(bad.value_counts().items())]


def _share_differs(a, b, tol: float) -> bool:
    if pd.isna(a) and pd.isna(b):
        return False
    if pd.isna(a) or pd.isna(b):
        return False  # a share known on one side only is not a disagreement about the edge
    return not math.isclose(float(a), float(b), abs_tol=tol)


def _edge(row: dict) -> dict:
    out = {k: row[k] for k in ("level", "old_code", "old_name", "new_code", "new_name", "part")}
    for col in ("area_share", "pop_share"):
        out[col] = None if pd.isna(row[col]) else float(row[col])
    out["basis"] = " ".join(x for x in (row["basis_document"], row["basis_clause"]) if x)
    return out


def compare_crosswalks(a: pd.DataFrame, b: pd.DataFrame, tol: float = 0.005) -> dict:
    """Edges only in ``a``, only in ``b``, and in both but with another part or share.

    Returns ``{"same": n, "only_in_a": [...], "only_in_b": [...], "different": [...]}``; each edge
    carries its old and new codes and names, its part and shares; a difference lists the fields
    that differ with both values. Shares known on one side only do not count as a difference, nor does
    ``part`` against ``remainder`` when one plan has no remainder at all (it cannot tell them apart),
    nor shares estimated on either side (from approximate geometry, say): an estimate is no statement.
    Part values that are none of whole / part / remainder (a vocabulary ``mappings/part_vocabulary.toml``
    does not know) are not compared: ``part_not_understood`` lists them per side (``{"a": [{"value",
    "edges"}], "b": [...]}``).

    >>> x = pd.DataFrame({"level": ["commune"], "old_code": ["1"], "new_code": ["2"], "part": ["whole"]})
    >>> from transition.model.crosswalk import normalise_crosswalk as n
    >>> compare_crosswalks(n(x), n(x.assign(part="part")))["different"][0]["fields"]
    {'part': ['whole', 'part']}
    """
    left = {tuple(r[k] for k in KEY): r for r in a.to_dict("records")}
    right = {tuple(r[k] for k in KEY): r for r in b.to_dict("records")}
    # A plan with no remainder at all (vietnamadminunits) cannot tell a part from the remainder:
    # against it, both are just "a side of a divided unit".
    blind = not (a["part"] == "remainder").any() or not (b["part"] == "remainder").any()
    same, different = 0, []
    unknown = {"a": _not_understood(a), "b": _not_understood(b)}
    for key in sorted(set(left) & set(right)):
        ra, rb = left[key], right[key]
        fields = {}
        understood = ra["part"] in PARTS and rb["part"] in PARTS
        if (
            understood
            and ra["part"] != rb["part"]
            and not (blind and {ra["part"], rb["part"]} == {"part", "remainder"})
        ):
            fields["part"] = [ra["part"], rb["part"]]
        for col in ("area_share", "pop_share"):
            if ra[f"{col}_estimated"] or rb[f"{col}_estimated"]:
                continue  # an estimate is no statement of the plan
            if _share_differs(ra[col], rb[col], tol):
                fields[col] = [float(ra[col]), float(rb[col])]
        if fields:
            edge = _edge(ra)
            edge["new_name_b"] = rb["new_name"]
            edge["fields"] = fields
            different.append(edge)
        else:
            same += 1
    return {
        "same": same,
        "only_in_a": [_edge(left[k]) for k in sorted(set(left) - set(right))],
        "only_in_b": [_edge(right[k]) for k in sorted(set(right) - set(left))],
        "part_not_understood": unknown,
        "different": different,
    }

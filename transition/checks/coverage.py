"""Coverage: every old unit maps, each old unit's edges are one whole or parts that sum to 1, no code
is unknown, every new unit has a component, no new unit takes an old unit of another province."""

from __future__ import annotations

import math
import re

import pandas as pd

from ..model import PARTS, Plan
from ..problems import ERROR, INFO, WARNING, Problem


def check_coverage(plan: Plan, files: dict, tolerance: float = 0.01) -> list[Problem]:
    """Coverage problems of the commune-level crosswalk. ``files`` names the files of the workspace
    (``crosswalk``, ``old_units``, ``new_units``) so that problems point at them.

    In order: each edge's codes, part and shares; duplicate edges; old units without an edge and
    new units without a component; each divided old unit's parts, remainder and shares
    (``tolerance`` on the sum of shares); old communes taken across a province's border.
    """
    cw_file = files.get("crosswalk", "")
    return [
        *_edge_problems(plan, cw_file),
        *_duplicate_edges(plan.crosswalk, cw_file),
        *_units_without_edges(plan, files),
        *_divided_unit_problems(plan, cw_file, tolerance),
        *_province_problems(plan, files),
    ]


def row_of(idx) -> int:
    """The line of the crosswalk file holding the row ``idx`` (the header is line 1)."""
    return int(idx) + 2


def _edge_problems(plan: Plan, cw_file: str) -> list[Problem]:
    """Each edge: codes known to the registers, a known part, shares between 0 and 1."""
    edges = plan.crosswalk
    old_codes, new_codes = plan.old_codes, plan.new_codes
    out: list[Problem] = []
    for idx, e in edges.iterrows():
        if e["old_code"] not in old_codes:
            out.append(
                Problem(
                    code="unknown-old-code",
                    severity=ERROR,
                    message=f"old unit '{e['old_code']}' ({e['old_name'] or 'no name'}) is not in the "
                    "old-unit register; correct the code or add the unit to the register",
                    unit_code=e["old_code"],
                    unit_name=e["old_name"],
                    file=cw_file,
                    row=row_of(idx),
                    column="old_code",
                )
            )
        if e["new_code"] not in new_codes:
            out.append(
                Problem(
                    code="unknown-new-code",
                    severity=ERROR,
                    message=f"new unit '{e['new_code']}' ({e['new_name'] or 'no name'}) is not in the "
                    "new-unit register; correct the code or add the unit to the register",
                    unit_code=e["new_code"],
                    unit_name=e["new_name"],
                    file=cw_file,
                    row=row_of(idx),
                    column="new_code",
                )
            )
        if e["part"] not in PARTS:
            out.append(
                Problem(
                    code="bad-part",
                    severity=ERROR,
                    message=f"part is '{e['part']}'; write whole, part or remainder",
                    unit_code=e["old_code"],
                    unit_name=e["old_name"],
                    file=cw_file,
                    row=row_of(idx),
                    column="part",
                )
            )
        for col in ("area_share", "pop_share"):
            v = e[col]
            if not pd.isna(v) and not 0 <= v <= 1:
                out.append(
                    Problem(
                        code="share-out-of-range",
                        severity=ERROR,
                        message=f"{col} is {v}; a share is a fraction between 0 and 1",
                        unit_code=e["old_code"],
                        unit_name=e["old_name"],
                        file=cw_file,
                        row=row_of(idx),
                        column=col,
                        value=float(v),
                    )
                )
    return out


def _duplicate_edges(edges: pd.DataFrame, cw_file: str) -> list[Problem]:
    """The second and later rows of an edge (same level, old and new code)."""
    out: list[Problem] = []
    dup = edges.duplicated(["level", "old_code", "new_code"], keep="first")
    for idx, e in edges[dup].iterrows():
        out.append(
            Problem(
                code="duplicate-edge",
                severity=ERROR,
                message=f"edge {e['old_code']} -> {e['new_code']} appears more than once; delete this row",
                unit_code=e["old_code"],
                unit_name=e["old_name"],
                file=cw_file,
                row=row_of(idx),
            )
        )
    return out


def _units_without_edges(plan: Plan, files: dict) -> list[Problem]:
    """Old communes with no edge, new communes with no component."""
    cw_file = files.get("crosswalk", "")
    old_codes, new_codes = plan.old_codes, plan.new_codes
    out: list[Problem] = []
    ce = plan.commune_edges
    mapped = {old_codes.get(c, c) for c in ce["old_code"]}
    for u in plan.old_communes.itertuples(index=False):
        if u.code not in mapped:
            out.append(
                Problem(
                    code="old-unit-missing",
                    severity=ERROR,
                    message=f"{u.name} ({u.district_name}) has no edge: add a row old_code={u.code} "
                    "with the new unit it went to",
                    unit_code=u.code,
                    unit_name=u.name,
                    file=cw_file,
                    lon=_f(u.lon),
                    lat=_f(u.lat),
                )
            )
    filled = {new_codes.get(c, c) for c in ce["new_code"]}
    for u in plan.new_communes.itertuples(index=False):
        if u.code not in filled:
            out.append(
                Problem(
                    code="new-unit-empty",
                    severity=ERROR,
                    message=f"{u.name} has no old unit going to it: add the rows of its components",
                    unit_code=u.code,
                    unit_name=u.name,
                    file=files.get("new_units", ""),
                    lon=_f(u.lon),
                    lat=_f(u.lat),
                )
            )
    return out


def _divided_unit_problems(plan: Plan, cw_file: str, tolerance: float) -> list[Problem]:
    """Per old unit with several edges: no 'whole' among parts, one remainder, shares that add up."""
    edges = plan.crosswalk
    ce = edges[edges["level"] == "commune"]
    old_names = plan.old_names
    out: list[Problem] = []
    for old_code, group in ce.groupby("old_code", sort=True):
        name = old_names.get(old_code, group["old_name"].iloc[0])
        first = row_of(group.index[0])
        parts = list(group["part"])
        if len(group) > 1 and "whole" in parts:
            out.append(
                Problem(
                    code="whole-not-alone",
                    severity=ERROR,
                    message=f"{name} goes whole to one unit and also to {len(group) - 1} other(s); "
                    "mark each side 'part' (or 'remainder'), or delete the extra rows",
                    unit_code=old_code,
                    unit_name=name,
                    file=cw_file,
                    row=first,
                    column="part",
                )
            )
            continue
        if len(group) == 1:
            if parts[0] != "whole":
                out.append(
                    Problem(
                        code="single-part",
                        severity=ERROR,
                        message=f"{name} has only one edge, marked '{parts[0]}': mark it 'whole', "
                        "or add the rows of its other parts",
                        unit_code=old_code,
                        unit_name=name,
                        file=cw_file,
                        row=first,
                        column="part",
                    )
                )
            continue
        if parts.count("remainder") > 1:
            out.append(
                Problem(
                    code="remainder-count",
                    severity=ERROR,
                    message=f"{name} has {parts.count('remainder')} remainders; a divided unit has one",
                    unit_code=old_code,
                    unit_name=name,
                    file=cw_file,
                    row=first,
                    column="part",
                )
            )
        out += _remainder_problems(group, old_code, name, cw_file, row_of)
        out += _share_problems(group, old_code, name, cw_file, first, tolerance)
    return out


def _clause_number(text: str) -> int | None:
    m = re.search(r"khoản\s+(\d+)", str(text))
    return int(m.group(1)) if m else None


def _remainder_problems(group, old_code, name, cw_file, row_of) -> list[Problem]:
    """A remainder follows the clause(s) it names, each of which gives the unit a part; a unit divided
    by a resolution has its parts and one remainder, and nothing else."""
    out = []
    parts_in = {
        _clause_number(r["basis_clause"]) for _, r in group.iterrows() if r["part"] == "part"
    }
    for idx, r in group[group["part"] == "remainder"].iterrows():
        own = _clause_number(r["basis_clause"])
        for ref in [int(x) for x in str(r["after_clause"]).split(";") if x.strip().isdigit()]:
            if own is not None and ref >= own:
                out.append(
                    Problem(
                        code="remainder-order",
                        severity=ERROR,
                        message=f"the remainder of {name} (clause {own}) refers to clause {ref}, which is not "
                        "before it; a remainder comes after the clauses that take the parts",
                        unit_code=old_code,
                        unit_name=name,
                        file=cw_file,
                        row=row_of(idx),
                        column="after_clause",
                    )
                )
            elif ref not in parts_in:
                out.append(
                    Problem(
                        code="remainder-order",
                        severity=ERROR,
                        message=f"the remainder of {name} (clause {own}) follows clause {ref}, but clause {ref} "
                        f"gives no part of {name}",
                        unit_code=old_code,
                        unit_name=name,
                        file=cw_file,
                        row=row_of(idx),
                        column="after_clause",
                    )
                )
    if (group["source"] == "resolution").any() and "remainder" not in set(group["part"]):
        out.append(
            Problem(
                code="remainder-missing",
                severity=ERROR,
                message=f"{name} is divided by the resolution into {len(group)} parts but no clause takes "
                "'phần còn lại' (the remainder); check the clauses that name it",
                unit_code=old_code,
                unit_name=name,
                file=cw_file,
                row=row_of(group.index[0]),
                column="part",
            )
        )
    return out


def _share_problems(group, old_code, name, cw_file, first, tolerance) -> list[Problem]:
    out = []
    unknown_both = True
    for col in ("area_share", "pop_share"):
        values = group[col]
        known = values.notna()
        if known.all():
            unknown_both = False
            total = float(values.sum())
            if not math.isclose(total, 1.0, abs_tol=tolerance):
                estimated = bool(group[f"{col}_estimated"].any())
                out.append(
                    Problem(
                        code="shares-not-one",
                        severity=WARNING if estimated else ERROR,
                        message=f"the {col.replace('_', ' ')}s of {name} sum to {total:.3f}, not 1"
                        f"{' (estimated)' if estimated else ''}; correct the shares of its parts",
                        unit_code=old_code,
                        unit_name=name,
                        file=cw_file,
                        row=first,
                        column=col,
                        value=total,
                    )
                )
        elif known.any() and _words_fixed(group, col):
            unknown_both = False
            out += _fixed_over_one(group, col, old_code, name, cw_file, first, tolerance)
        elif known.any():
            unknown_both = False
            out.append(
                Problem(
                    code="shares-incomplete",
                    severity=WARNING,
                    message=f"{int(known.sum())} of {len(group)} parts of {name} have a "
                    f"{col.replace('_', ' ')}; give it for every part, or for none",
                    unit_code=old_code,
                    unit_name=name,
                    file=cw_file,
                    row=first,
                    column=col,
                )
            )
    if unknown_both:
        out.append(
            Problem(
                code="shares-unknown",
                severity=INFO,
                message=f"{name} is divided among {len(group)} units with no area or population "
                "share; give them from the resolution or the plan's dossier if known",
                unit_code=old_code,
                unit_name=name,
                file=cw_file,
                row=first,
            )
        )
    return out


def _words_fixed(group: pd.DataFrame, col: str) -> bool:
    """The known shares are all 0 or 1 and stated (not estimated): what a resolution's words fix
    (a land-only part carries no people), the rest left open by the text. Not incomplete."""
    known = group[col].dropna()
    stated = ~group.loc[known.index, f"{col}_estimated"].astype(bool)
    return bool(stated.all() and known.isin([0.0, 1.0]).all())


def _fixed_over_one(group, col, old_code, name, cw_file, first, tolerance) -> list[Problem]:
    """The shares a resolution's words fix for a divided commune may not exceed 1 together (two
    parts each given "toàn bộ quy mô dân số"), nor leave nothing for the open parts but 0."""
    total = float(group[col].dropna().sum())
    if total <= 1.0 + tolerance:
        return []
    return [
        Problem(
            code="shares-not-one",
            severity=ERROR,
            message=f"the {col.replace('_', ' ')}s the resolution fixes for {name} already sum to "
            f"{total:.3f}, more than 1; check the clauses that name its parts",
            unit_code=old_code,
            unit_name=name,
            file=cw_file,
            row=first,
            column=col,
            value=total,
        )
    ]


def _province_problems(plan: Plan, files: dict) -> list[Problem]:
    """A new unit takes only old communes whose old province went to the new unit's province."""
    pe = plan.province_edges
    if pe.empty:
        return []
    to_new_province = pe.groupby("old_code")["new_code"].apply(set).to_dict()
    old_prov, new_prov = plan.old_provinces, plan.new_provinces
    out = []
    ce = plan.commune_edges
    for e in ce.itertuples(index=False):
        op, np_ = old_prov.get(e.old_code), new_prov.get(e.new_code)
        if op is None or np_ is None or op not in to_new_province:
            continue
        if np_ not in to_new_province[op]:
            out.append(
                Problem(
                    code="crosses-province",
                    severity=ERROR,
                    message=f"{e.new_name} (province {np_}) takes {e.old_name} of old province {op}, "
                    f"which went to province {', '.join(sorted(to_new_province[op]))}",
                    unit_code=e.new_code,
                    unit_name=e.new_name,
                    file=files.get("crosswalk", ""),
                )
            )
    return out


def _f(v):
    return None if v is None or pd.isna(v) else float(v)

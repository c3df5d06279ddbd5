"""Criteria of a new unit (a rule profile in ``mappings/``), checked wherever area and population are
known. A missing value makes the result *unknown*, never *pass*."""

from __future__ import annotations

import pandas as pd

from ..model import Plan
from ..model.shares import people_of_new_units
from ..problems import INFO, WARNING, Problem

PASS, FAIL, UNKNOWN, EXEMPT, NONE = "pass", "fail", "unknown", "exempt", "no criteria"


def evaluate_criteria(plan: Plan, profile: dict) -> pd.DataFrame:
    """One row per new commune-level unit: its figures, the thresholds that apply, and a status.

    ``region`` of a xã (``mountain`` / ``other``) comes from the register's ``region`` column when it
    has one; when unknown, both thresholds are tried and the status is known only if they agree.
    """
    rules = profile.get("rules", {})
    standards = profile.get("standard", {})
    classes = profile.get("province_class", {})
    exempt_min = int(profile.get("exempt_min_components", 3))
    components = plan.commune_edges.groupby("new_code")["old_code"].nunique()
    region = (
        plan.new_units.set_index("code")["region"]
        if "region" in plan.new_units
        else pd.Series(dtype=str)
    )
    # where the register lacks a new unit's population: the old units' people by their shares
    counted = people_of_new_units(
        plan.commune_edges,
        dict(zip(plan.old_units["code"], plan.old_units["population"], strict=True)),
    )
    rows = []
    for u in plan.new_communes.itertuples(index=False):
        n = int(components.get(u.code, 0))
        area, pop = u.area_km2, u.population
        if pd.isna(pop):
            pop = counted.get(u.code, pop)
        rule = rules.get(u.unit_type)
        need_area = need_pop = None
        requirement = ""
        if rule is None:
            status = NONE
        else:
            options = _thresholds(u, rule, standards, classes, region.get(u.code, ""))
            outcomes = [_judge(area, pop, a, p) for _, a, p in options]
            status = outcomes[0] if len(set(outcomes)) == 1 else UNKNOWN
            requirement = " or ".join(
                f"{label + ': ' if label else ''}≥ {_fmt(a)} km² and ≥ {_fmt(p)} people"
                for label, a, p in options
            )
            _, need_area, need_pop = options[-1]
            if status == FAIL and n >= exempt_min:
                status = EXEMPT
        rows.append(
            {
                "code": u.code,
                "name": u.name,
                "unit_type": u.unit_type,
                "components": n,
                "area_km2": area,
                "population": pop,
                "min_area_km2": need_area,
                "min_population": need_pop,
                "requirement": requirement,
                "status": status,
            }
        )
    return pd.DataFrame(rows)


def _thresholds(unit, rule, standards, classes, region):
    if unit.unit_type == "Phường":
        kind = classes.get(unit.province_code, classes.get("default", "other"))
        return [("", rule.get("area_km2"), rule.get("population", {}).get(kind))]
    regions = [region] if region in rule else [r for r in ("mountain", "other") if r in rule]
    out = []
    for r in regions:
        spec = rule[r]
        std = standards.get(spec["standard"], {})
        label = "" if len(regions) == 1 else ("mountain" if r == "mountain" else "elsewhere")
        out.append(
            (
                label,
                std.get("area_km2", 0) * spec["area_factor"],
                std.get("population", 0) * spec["population_factor"],
            )
        )
    return out


def _judge(area, pop, need_area, need_pop) -> str:
    checks: list[bool | None] = []
    for value, need in ((area, need_area), (pop, need_pop)):
        if need is None:
            continue
        if value is None or pd.isna(value):
            checks.append(None)
        else:
            checks.append(value >= need)
    if False in checks:
        return FAIL
    if None in checks:
        return UNKNOWN
    return PASS


def check_criteria(
    plan: Plan, profile: dict, files: dict
) -> tuple[list[Problem], dict, pd.DataFrame]:
    """Problems (fail: warning; unknown: note), the count of units by status, and the table of
    :func:`evaluate_criteria` they came from."""
    table = evaluate_criteria(plan, profile)
    out = []
    for r in table.itertuples(index=False):
        if r.status == FAIL:
            out.append(
                Problem(
                    code="criteria-fail",
                    severity=WARNING,
                    message=f"{r.name} ({r.components} old unit(s)) has {_fmt(r.area_km2)} km² and "
                    f"{_fmt(r.population)} people; a {r.unit_type} needs {r.requirement} "
                    f"({profile.get('name', 'criteria')}). "
                    "Record the exemption that applies, or revise the plan",
                    unit_code=r.code,
                    unit_name=r.name,
                    file=files.get("new_units", ""),
                )
            )
        elif r.status == UNKNOWN:
            missing = [
                w
                for w, v in (("area", r.area_km2), ("population", r.population))
                if v is None or pd.isna(v)
            ]
            what = " and ".join(missing) if missing else "region (mountain or not)"
            out.append(
                Problem(
                    code="criteria-unknown",
                    severity=INFO,
                    message=f"{r.name}: {what} unknown, so the criteria cannot be judged; add it to "
                    "the new-unit register (columns area_km2, population, region)",
                    unit_code=r.code,
                    unit_name=r.name,
                    file=files.get("new_units", ""),
                    column="population" if "population" in missing else "area_km2",
                )
            )
    counts = table["status"].value_counts().to_dict() if len(table) else {}
    return out, {k: int(v) for k, v in sorted(counts.items())}, table


def _fmt(v) -> str:
    if v is None or pd.isna(v):
        return "?"
    return f"{v:,.0f}" if float(v) >= 100 else f"{v:g}"

"""The criteria engine: a unit's population and natural area against the minimum of a standards
profile (``mappings/``). The 2025 targets (Resolution 76/2025/UBTVQH15, ``criteria_76_2025.toml``) and
the standards from 2026 (Resolution 112/2025/UBTVQH15, ``standards_nq112.toml``) are two profiles of
this one engine: ``transition check`` judges a plan's new units with the first, ``transition
standards`` and ``transition draft`` judge the current units with the second.

A missing value makes the result *unknown*, never *pass*; a unit whose region class is unknown is
judged under each class of ``unknown_regions`` and its verdict is known only when they agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..model import Plan
from ..model.shares import people_of_new_units
from ..problems import INFO, WARNING, Problem
from ..profiles import as_profile
from ..profiles.standards import ANY, Standards

PASS, FAIL, UNKNOWN, EXEMPT, NONE = "pass", "fail", "unknown", "exempt", "no criteria"


@dataclass(frozen=True)
class Requirement:
    """The minimum that applies to a unit under one region class.

    ``label`` names the class when several are tried (``""`` otherwise); ``area_km2`` and
    ``population`` are the minima after reductions (``None``: not computed); ``reductions`` are the
    labels of the reductions applied; ``basis`` is the clause of the profile.
    """

    region: str
    label: str
    area_km2: float | None
    population: float | None
    reductions: tuple[str, ...] = ()
    basis: str = ""


def standards_profile(
    given: Standards | dict | str | Path | None, default: str, workspace=None
) -> Standards:
    """A :class:`Standards` from a profile object, a dict (a rule file's content), a path or a file
    name under ``mappings/`` (``None``: ``default``). Raises :class:`~transition.errors.ProfileError`."""
    return as_profile(Standards, given, default, workspace)


def province_kind(std: Standards, province_code: str) -> str:
    """The kind of a province for the profile (``central_city``, ...; ``*`` when it does not matter)."""
    return std.province_kind.get(province_code, std.province_kind.get("default", ANY))


def requirements(
    std: Standards,
    unit_type: str,
    region: str = "",
    province_code: str = "",
    flags: frozenset[str] | tuple[str, ...] = (),
) -> list[Requirement]:
    """The requirements of a unit: one when its region class is known (or does not matter), one per
    class of ``unknown_regions`` otherwise, ``[]`` when its type has no numeric standard.

    ``flags`` are the unit's reduction flags (``red_river_delta``, ``coastal_sandbank``); at most one
    reduction applies per criterion (the largest). Legal source: the profile's ``basis`` per minimum.
    """
    region = region or ""
    if unit_type in std.no_numeric_test:
        return []
    kind = province_kind(std, province_code)
    minima = [m for m in std.minimum if m.unit_type == unit_type and m.province_kind in (ANY, kind)]
    if not minima:
        return []
    by_region = {m.region: m for m in minima}
    if set(by_region) == {ANY}:
        chosen = [by_region[ANY]]
    elif region in by_region:
        chosen = [by_region[region]]
    else:
        chosen = [by_region[r] for r in std.unknown_regions if r in by_region]
    several = len(chosen) > 1
    out = []
    for m in chosen:
        area, pop, applied = m.area_km2, m.population, []
        for criterion in ("area_km2", "population"):
            found = [
                r
                for r in std.reduction
                if r.flag in flags
                and r.criterion == criterion
                and r.unit_type == unit_type
                and (ANY in r.regions or m.region in r.regions)
            ]
            if found:
                best = min(found, key=lambda r: r.factor)
                applied.append(best.label_en)
                if criterion == "area_km2" and area is not None:
                    area = area * best.factor
                elif criterion == "population" and pop is not None:
                    pop = pop * best.factor
        label = m.label_en if several else ""
        out.append(Requirement(m.region, label, area, pop, tuple(applied), m.basis))
    return out


def judge(area, pop, need_area, need_pop) -> str:
    """``pass`` when every minimum given is met, ``fail`` when one is not, ``unknown`` when a figure
    that a minimum needs is missing (never taken as zero)."""
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


def verdict(area, pop, reqs: list[Requirement]) -> str:
    """The status under every requirement: that status when they agree, ``unknown`` otherwise;
    ``no criteria`` when there is none."""
    if not reqs:
        return NONE
    outcomes = {judge(area, pop, r.area_km2, r.population) for r in reqs}
    return outcomes.pop() if len(outcomes) == 1 else UNKNOWN


def describe(reqs: list[Requirement]) -> str:
    """``≥ 30 km² and ≥ 16,000 people``, or one such phrase per class joined with ``or``."""
    return " or ".join(
        f"{r.label + ': ' if r.label else ''}≥ {_fmt(r.area_km2)} km² and ≥ {_fmt(r.population)} people"
        for r in reqs
    )


def evaluate_criteria(plan: Plan, profile: Standards | dict | str | None) -> pd.DataFrame:
    """One row per new commune-level unit of ``plan``: its figures, the thresholds that apply, and a
    status (``pass``, ``fail``, ``unknown``, ``exempt``, ``no criteria``).

    Columns: ``code, name, unit_type, components`` (old units), ``area_km2`` (km²), ``population``,
    ``min_area_km2, min_population`` (of the last class tried), ``requirement`` (text), ``status``.
    ``region`` of a xã comes from the register's ``region`` column; when unknown, every class of the
    profile's ``unknown_regions`` is tried. A failing unit formed from ``exempt_min_components`` or
    more old units is ``exempt`` (Resolution 76/2025/UBTVQH15).
    """
    std = standards_profile(profile, "criteria_76_2025.toml")
    components = plan.commune_edges.groupby("new_code")["old_code"].nunique()
    # where the register lacks a new unit's population: the old units' people by their shares
    counted = people_of_new_units(
        plan.commune_edges,
        dict(zip(plan.old_units["code"], plan.old_units["population"], strict=True)),
    )
    rows = []
    for u in plan.new_communes.itertuples(index=False):
        n = int(components.get(u.code, 0))
        region = u.region if isinstance(u.region, str) else ""
        reqs = requirements(std, u.unit_type, region, u.province_code)
        population = counted.get(u.code, u.population) if pd.isna(u.population) else u.population
        status = verdict(u.area_km2, population, reqs)
        if status == FAIL and std.exempt_min_components and n >= std.exempt_min_components:
            status = EXEMPT
        last = reqs[-1] if reqs else None
        rows.append(
            {
                "code": u.code,
                "name": u.name,
                "unit_type": u.unit_type,
                "components": n,
                "area_km2": u.area_km2,
                "population": population,
                "min_area_km2": last.area_km2 if last else None,
                "min_population": last.population if last else None,
                "requirement": describe(reqs),
                "status": status,
            }
        )
    return pd.DataFrame(rows)


def check_criteria(
    plan: Plan, profile: Standards | dict | str | None, files: dict
) -> tuple[list[Problem], dict, pd.DataFrame]:
    """Problems (fail: warning; unknown: note), the count of units by status, and the table of
    :func:`evaluate_criteria` they came from."""
    std = standards_profile(profile, "criteria_76_2025.toml")
    table = evaluate_criteria(plan, std)
    out = []
    for r in table.itertuples(index=False):
        if r.status == FAIL:
            out.append(
                Problem(
                    code="criteria-fail",
                    severity=WARNING,
                    message=f"{r.name} ({r.components} old unit(s)) has {_fmt(r.area_km2)} km² and "
                    f"{_fmt(r.population)} people; a {r.unit_type} needs {r.requirement} "
                    f"({std.name}). Record the exemption that applies, or revise the plan",
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

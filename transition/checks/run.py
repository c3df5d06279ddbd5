"""Run every check family and build the report's summary."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..geo import PlanGeometry
from ..model import Plan
from ..problems import ERROR, INFO, WARNING, Report, sort_problems
from ..profiles import as_profile
from ..profiles.rules import Tolerances
from ..sources.legal_types import name_prefix_problems
from .coverage import check_coverage
from .criteria import check_criteria, standards_profile
from .geometry import check_geometry
from .quality import check_quality

DEFAULT_CRITERIA = "criteria_76_2025.toml"
DEFAULT_TOLERANCES = "checks.toml"


def summarise(plan: Plan) -> dict:
    """The figures of a plan that ``check`` prints and ``--json`` carries."""
    by_type = plan.new_communes["unit_type"].value_counts()
    old_by_type = plan.old_communes["unit_type"].value_counts()
    clusters = plan.clusters
    return {
        "province_code": plan.province_code,
        "province_name": plan.province_name,
        "old_units": int(len(plan.old_communes)),
        "old_units_by_type": {k: int(v) for k, v in sorted(old_by_type.items())},
        "old_districts": int((plan.old_units["level"] == "district").sum()),
        "old_provinces": int((plan.old_units["level"] == "province").sum()),
        "new_units": int(len(plan.new_communes)),
        "new_units_by_type": {k: int(v) for k, v in sorted(by_type.items())},
        "new_provinces": int((plan.new_units["level"] == "province").sum()),
        "edges": int(len(plan.commune_edges)),
        "province_edges": int(len(plan.province_edges)),
        "divided_old_units": int(len(plan.divided_old_units)),
        "clusters": int(len(clusters)),
        "new_units_in_clusters": int(sum(len(c) for c in clusters)),
        "largest_cluster": {
            "new_units": len(clusters[0]),
            "old_units": len(plan.old_units_of_cluster(clusters[0])),
        }
        if clusters
        else {"new_units": 0, "old_units": 0},
    }


def run_checks(
    plan: Plan,
    geometry: PlanGeometry | None = None,
    *,
    files: dict | None = None,
    criteria: dict | str | None = None,
    tolerances: Tolerances | dict | str | None = None,
    extra: list | None = None,
) -> Report:
    """Run the coverage, geometry, criteria and quality checks; see :func:`run_all_checks`.

    Examples
    --------
    >>> from transition.sources.vn2025 import province_plan
    >>> report = run_checks(province_plan(["Quảng Ninh"]))
    >>> report.valid, report.summary["new_units"]
    (True, 54)
    """
    report, _ = run_all_checks(
        plan, geometry, files=files, criteria=criteria, tolerances=tolerances, extra=extra
    )
    return report


def run_all_checks(
    plan: Plan,
    geometry: PlanGeometry | None = None,
    *,
    files: dict | None = None,
    criteria: dict | str | None = None,
    tolerances: Tolerances | dict | str | None = None,
    extra: list | None = None,
    workspace: str | Path | None = None,
) -> tuple[Report, pd.DataFrame]:
    """Run the coverage, geometry, criteria and quality checks.

    Parameters
    ----------
    plan : Plan
    geometry : PlanGeometry, optional
        Polygons of the units; geometry checks are skipped without it.
    files : dict, optional
        Paths of the workspace files (``crosswalk``, ``old_units``, ``new_units``, ``new_geometry``,
        ``old_geometry``) that problems should name.
    criteria, tolerances : dict or str, optional
        Rule profiles (a dict, or a TOML path or name under ``mappings/``; ``tolerances`` may also
        be a :class:`Tolerances`).
    extra : list of Problem, optional
        Problems found before the checks (while importing a resolution, say), reported with them.
    workspace : path, optional
        A workspace whose own copies of the rule files (``WORKSPACE/mappings/``) win.

    Returns
    -------
    (Report, DataFrame)
        The report, and the criteria table (one row per new commune-level unit; see
        :func:`transition.checks.criteria.evaluate_criteria`), evaluated once for both.
    """
    files = files or {}
    crit = standards_profile(criteria, DEFAULT_CRITERIA, workspace)
    tol = as_profile(Tolerances, tolerances, DEFAULT_TOLERANCES, workspace)
    problems = list(extra or []) + check_coverage(plan, files, tol.share_tolerance)
    summary = summarise(plan)
    problems += name_prefix_problems(plan.new_units, files.get("new_units", ""))
    if geometry is not None:
        found, stats = check_geometry(plan, geometry, tol, files)
        problems += found
        summary["geometry"] = stats
    found, counts, table = check_criteria(plan, crit, files)
    problems += found
    summary["criteria"] = counts
    problems += check_quality(plan, geometry, tol, files)
    ordered = sort_problems(problems)
    summary["problems"] = {
        sev: sum(1 for p in ordered if p.severity == sev) for sev in (ERROR, WARNING, INFO)
    }
    return Report(ordered, summary), table

"""`transition check`: every check on a workspace, with its results written under ``results/``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..checks.run import run_all_checks
from ..io.workspace import Workspace
from ..problems import Report
from ..registers.loading import register_problems
from ..render import render
from .common import Progress, say


@dataclass(frozen=True)
class CheckResult:
    """The report of ``check`` and the workspace it was run on."""

    workspace: Path
    report: Report

    @property
    def valid(self) -> bool:
        return self.report.valid

    def to_dict(self) -> dict[str, Any]:
        """``{"valid", "summary", "problems"}`` (see :meth:`Report.to_dict`)."""
        return self.report.to_dict()


def check_workspace(
    path: str | Path,
    *,
    criteria: str | None = None,
    tolerances: str | None = None,
    write: bool = True,
    progress: Progress | None = None,
    lang: str = "vi",
) -> CheckResult:
    """Run every check on a workspace; with ``write``, write its results (GeoPackage, CSV, JSON, XLSX,
    Markdown) under ``results/``. ``criteria`` and ``tolerances`` are rule files (a path, or a name
    under ``mappings/``; the workspace's own copy wins). ``lang`` (``vi`` or ``en``) is the language
    of check.xlsx's headers and words."""
    ws = Workspace.at(path)
    say(progress, "reading the plan")
    plan = ws.load_plan()
    geometry = ws.load_geometry()
    say(progress, "running the checks")
    report, table = run_all_checks(
        plan,
        geometry,
        files=ws.files(),
        criteria=criteria,
        tolerances=tolerances,
        extra=ws.load_import_problems() + register_problems(ws, plan),
    )
    if write:
        say(progress, "writing the results")
        markdown = render(
            "check_report.md.j2",
            {
                "s": report.summary,
                "valid": report.valid,
                "problems": [p.to_dict() for p in report.problems],
            },
        )
        ws.write_results(plan, geometry, report, table, markdown, lang)
    return CheckResult(ws.root, report)

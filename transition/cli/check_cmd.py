"""`transition check`: run every check on a workspace and report problems as data."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from .. import actions
from .common import JsonOption, LangOption, check_lang, err, fail, out, print_json, progress

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def check(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    json_: bool = JsonOption,
    criteria: Path = typer.Option(
        None,
        "--criteria",
        help="Criteria profile (tiêu chuẩn đơn vị hành chính), TOML; default "
        "mappings/criteria_76_2025.toml.",
    ),
    tolerances: Path = typer.Option(
        None, "--tolerances", help="Tolerances, TOML; default mappings/checks.toml."
    ),
    show: str = typer.Option(
        "warning",
        "--show",
        help="Least severity to list in the table: error, warning or info "
        "(every problem is in results/report.md and check.xlsx).",
    ),
    no_write: bool = typer.Option(False, "--no-write", help="Do not write results/ (kết quả)."),
    lang: str = LangOption,
):
    """Check the plan (kiểm tra phương án): coverage, geometry, criteria, data quality. Exit code 1
    when any problem is an error (lỗi), 0 otherwise. Results go to WORKSPACE/results/."""
    levels = {"error": 0, "warning": 1, "info": 2}
    if show not in levels:
        fail(f"--show takes error, warning or info, not '{show}'")
    with progress("Checking", json_) as say:
        result = actions.check_workspace(
            workspace,
            criteria=str(criteria) if criteria else None,
            tolerances=str(tolerances) if tolerances else None,
            write=not no_write,
            progress=say,
            lang=check_lang(lang),
        )
    report = result.report
    if json_:
        print_json(report.to_dict())
        raise typer.Exit(int(not report.valid))
    shown = [x for x in report.problems if levels[x.severity] <= levels[show]]
    if shown:
        out.print(_problem_table(shown))
    out.print(_summary_table(report.summary))
    hidden = len(report.problems) - len(shown)
    if hidden:
        out.print(
            f"{hidden} more problem(s) of lower severity: see results/report.md, or --show info"
        )
    verdict = "[bold green]valid (đạt)[/]" if report.valid else "[bold red]not valid (chưa đạt)[/]"
    out.print(
        f"Plan {verdict}. Full results: {workspace / 'results'} (report.md, check.xlsx, transition.gpkg)"
    )
    if not no_write:
        err.print(
            f"Open {workspace / 'results' / 'transition.gpkg'} in QGIS to see the units and problems."
        )
    raise typer.Exit(int(not report.valid))


def _problem_table(shown) -> Table:
    """The problems to list on screen, one row each, with the file and row they point at."""
    table = Table(title="Problems (vấn đề cần xử lý)", expand=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("code", no_wrap=True)
    table.add_column("unit", ratio=1)
    table.add_column("message (file:row)", ratio=3)
    for x in shown:
        where = f" [dim]({x.file}{':' + str(x.row) if x.row else ''})[/]" if x.file else ""
        table.add_row(
            f"[{STYLE[x.severity]}]{x.severity}[/]",
            x.code,
            f"{x.unit_code} {x.unit_name}".strip(),
            escape(x.message) + where,
        )
    return table


def _summary_table(s: dict) -> Table:
    """The summary of a check: units, edges, divided units, clusters, geometry, criteria, problems."""
    types = ", ".join(f"{n} {t}" for t, n in s["new_units_by_type"].items())
    summary = Table(title=f"{s['province_name']} — summary (tóm tắt)", show_header=False)
    summary.add_row("Old units (đơn vị cũ)", str(s["old_units"]))
    summary.add_row("New units (đơn vị mới)", f"{s['new_units']} ({types})")
    summary.add_row("Edges (quan hệ)", str(s["edges"]))
    summary.add_row("Divided old units (đơn vị bị chia)", str(s["divided_old_units"]))
    summary.add_row(
        "Coordination clusters (cụm phối hợp)",
        f"{s['clusters']} ({s['new_units_in_clusters']} new units)",
    )
    if "geometry" in s:
        g = s["geometry"]
        summary.add_row(
            "Geometry old / new (hình học)", f"{g['old_geometry']} / {g['new_geometry']}"
        )
        summary.add_row("Islands (đảo)", str(len(g["islands"])))
    summary.add_row(
        "Criteria (tiêu chuẩn)", ", ".join(f"{n} {k}" for k, n in s["criteria"].items())
    )
    p = s["problems"]
    summary.add_row(
        "Problems (vấn đề)", f"{p['error']} errors, {p['warning']} warnings, {p['info']} notes"
    )
    return summary

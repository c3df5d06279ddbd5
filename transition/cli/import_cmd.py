"""`transition import`: build a workspace (plan, registers, geometry) from a source."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import jobs
from ..checks import summarise
from .common import JsonOption, err, fail, out, print_json, progress

app = typer.Typer(help="Import a plan (nhập phương án) into a workspace.", no_args_is_help=True)

# Options every import takes.
OutOption = typer.Option(..., "--out", "-o", help="Workspace folder to create (thư mục làm việc).")
NewUnitsOption = typer.Option(
    None,
    "--new-units",
    help="Polygons of the new units (đơn vị hành chính mới): GeoPackage, "
    "GeoJSON or Shapefile, joined by code or name.",
)
OldUnitsOption = typer.Option(
    None,
    "--old-units",
    help="Polygons of the old units (đơn vị cũ). Without them they are "
    "approximated from the new polygons and labelled approximate.",
)
AttributesOption = typer.Option(
    None,
    "--attributes",
    help="CSV/XLSX of official figures of new units: area (diện tích), "
    "population (dân số), seat (trụ sở), region (vùng).",
)
QuietOption = typer.Option(False, "--quiet", "-q", help="No progress or summary.")


def _inputs(new_units: Path | None, old_units: Path | None, attributes: Path | None) -> dict:
    return {
        k: str(v) if v else None
        for k, v in (("new_units", new_units), ("old_units", old_units), ("attributes", attributes))
    }


def _print_plan(title: str, s: dict) -> None:
    types = ", ".join(f"{n} {t}" for t, n in s["new_units_by_type"].items())
    out.print(
        f"{title}: {s['old_units']} old units → {s['new_units']} new units "
        f"({types}); {s['edges']} edges, {s['divided_old_units']} divided old units."
    )


def _next_step(root: Path) -> None:
    err.print(f"Workspace written to [bold]{root}[/]. Next: transition check {root}")


@app.command("vn2025")
def vn2025(
    out_dir: Path = OutOption,
    province: list[str] = typer.Option(
        None,
        "--province",
        "-p",
        help="New province (tỉnh / thành phố), by name or code; diacritics "
        "optional ('Quang Ninh' works). Repeat for several.",
    ),
    all_provinces: bool = typer.Option(
        False, "--all", help="The whole country (toàn quốc): 34 provinces."
    ),
    new_units: Path = NewUnitsOption,
    old_units: Path = OldUnitsOption,
    attributes: Path = AttributesOption,
    quiet: bool = QuietOption,
    json_: bool = JsonOption,
):
    """Build a workspace from the real 2025 arrangement (sắp xếp đơn vị hành chính 2025) shipped in
    the vietnamadminunits package: registers of old and new units and the crosswalk (bảng chuyển đổi)."""
    if not province and not all_provinces:
        fail("say which province: --province 'Quảng Ninh' (name or code), or --all for the country")
    if province and all_provinces:
        fail("give --province or --all, not both")
    with progress("Importing", quiet or json_) as say:
        ws, plan, _ = jobs.import_vn2025(
            out_dir,
            None if all_provinces else list(province),
            **_inputs(new_units, old_units, attributes),
            progress=say,
        )
    s = summarise(plan)
    if json_:
        print_json(s | {"workspace": str(ws.root)})
    elif not quiet:
        _print_plan(f"[bold]{s['province_name']}[/]", s)
        _next_step(ws.root)


@app.command("resolution")
def resolution(
    file: Path = typer.Argument(
        ..., help="The resolution (nghị quyết) of the Standing Committee: .md, .txt or .docx."
    ),
    out_dir: Path = OutOption,
    register: Path = typer.Option(
        None,
        "--register",
        help="A workspace whose registers (danh mục đơn vị) to resolve names against; "
        "default: vietnamadminunits for the province the text names.",
    ),
    new_units: Path = NewUnitsOption,
    old_units: Path = OldUnitsOption,
    attributes: Path = AttributesOption,
    quiet: bool = QuietOption,
    json_: bool = JsonOption,
):
    """Build a workspace from the text of a resolution on the arrangement (nghị quyết sắp xếp): every
    edge cites its clause (khoản); names the text does not resolve are listed as problems."""
    with progress("Importing", quiet or json_) as say:
        ws, result = jobs.import_resolution(
            file,
            out_dir,
            register=register,
            **_inputs(new_units, old_units, attributes),
            progress=say,
        )
    s = summarise(result.plan) | {
        "workspace": str(ws.root),
        "resolution": result.resolution.number,
        "date": result.resolution.date,
        "totals_stated": result.stated_totals,
        "totals_parsed": result.parsed_totals,
        "totals_confirmed": result.stated_totals == result.parsed_totals,
        "problems": [p.to_dict() for p in result.problems if p.severity != "info"],
    }
    if json_:
        print_json(s)
        return
    if quiet:
        return
    _print_plan(f"[bold]{result.resolution.number}[/] ({s['province_name']})", s)
    verdict = "confirmed" if s["totals_confirmed"] else "[bold red]NOT confirmed[/]"
    out.print(f"Totals clause {verdict}: text {s['totals_stated']}, clauses {s['totals_parsed']}.")
    for p in s["problems"]:
        out.print(f"[yellow]{p['severity']}[/] {p['code']}: {p['message']}", highlight=False)
    _next_step(ws.root)

"""`transition import`: build a workspace (plan, registers, geometry) from a source."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import actions
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
RepairOption = typer.Option(
    False,
    "--repair",
    help="Repair invalid polygons with shapely's make_valid (sửa hình học), reporting the area change; "
    "without it an invalid polygon is refused, named with its unit and place.",
)
QuietOption = typer.Option(False, "--quiet", "-q", help="No progress or summary.")


def _inputs(
    new_units: Path | None, old_units: Path | None, attributes: Path | None, repair: bool = False
) -> dict:
    return {
        k: str(v) if v else None
        for k, v in (("new_units", new_units), ("old_units", old_units), ("attributes", attributes))
    } | {"repair": repair}


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
    repair: bool = RepairOption,
    old_units: Path = OldUnitsOption,
    attributes: Path = AttributesOption,
    resolutions: Path = typer.Option(
        None,
        "--resolutions",
        help="Folder of the resolution texts (nghị quyết, .md/.txt/.docx): read the shares their "
        "words fix from the texts instead of the packaged table.",
    ),
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
        result = actions.import_vn2025(
            out_dir,
            None if all_provinces else list(province),
            **_inputs(new_units, old_units, attributes, repair),
            resolutions=resolutions,
            progress=say,
        )
    s = result.to_dict()
    if json_:
        print_json(s)
    elif not quiet:
        _print_plan(f"[bold]{s['province_name']}[/]", s)
        _geometry_note(s)
        _next_step(result.workspace)


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
    repair: bool = RepairOption,
    old_units: Path = OldUnitsOption,
    attributes: Path = AttributesOption,
    quiet: bool = QuietOption,
    json_: bool = JsonOption,
):
    """Build a workspace from the text of a resolution on the arrangement (nghị quyết sắp xếp): every
    edge cites its clause (khoản); names the text does not resolve are listed as problems."""
    with progress("Importing", quiet or json_) as say:
        result = actions.import_resolution(
            file,
            out_dir,
            register=register,
            **_inputs(new_units, old_units, attributes, repair),
            progress=say,
        )
    s = result.to_dict()
    if json_:
        print_json(s)
        return
    if quiet:
        return
    _print_plan(f"[bold]{s['resolution']}[/] ({s['province_name']})", s)
    out.print(_totals_sentence(s["totals_stated"], s["totals_parsed"]), highlight=False)
    for p in s["problems"]:
        out.print(f"[yellow]{p['severity']}[/] {p['code']}: {p['message']}", highlight=False)
    _geometry_note(s)
    _next_step(result.workspace)


def _counts(totals: dict) -> str:
    parts = [f"{n} {kind}" for kind, n in totals.items() if kind != "total" and n]
    total = totals.get("total", sum(n for k, n in totals.items() if k != "total"))
    return f"{total} units ({', '.join(parts)})" if parts else f"{total} units"


def _totals_sentence(stated: dict | None, parsed: dict) -> str:
    """The totals clause in words: confirmed, or where text and clauses differ."""
    if not stated:
        return f"The text has no totals clause; its clauses give {_counts(parsed)}."
    if stated == parsed:
        return f"Totals clause confirmed (khớp): {_counts(stated)}, as the clauses give."
    return (
        f"[bold red]Totals clause NOT confirmed[/] (không khớp): the text says {_counts(stated)}, "
        f"the clauses give {_counts(parsed)}."
    )


def _geometry_note(s: dict) -> None:
    """Say on screen when polygons are approximate, and which option gives real ones."""
    g = s.get("geometry", {})
    if g.get("new_units") == "approximate":
        err.print(
            "[yellow]Note:[/] the polygons of the new units are approximate (gần đúng), drawn from "
            "points; give real ones with --new-units FILE (GeoPackage, GeoJSON or Shapefile)."
        )
    if g.get("old_units") == "approximate":
        err.print(
            "Old units' polygons are approximated from the new ones (labelled 'approximate' in "
            "every output); give real ones with --old-units FILE if you have them."
        )

"""The jobs the CLI runs, as library functions: each composes the stages (sources -> model -> geo ->
checks -> workspace) and returns values; none prints."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .checks import Report, run_checks
from .checks.criteria import evaluate_criteria
from .errors import InputFileError, WorkspaceError
from .geo import PlanGeometry, build_geometry, read_layer
from .mappings import read_profile
from .model import Plan
from .model.compare import compare_crosswalks
from .model.matching import CODE_COLUMNS, NAME_COLUMNS, match_rows, pick_column, unmatched_report
from .model.units import NEW_UNIT_COLUMNS
from .render import render
from .sources import vn2025
from .tables import read_table
from .workspace import Workspace, column_aliases, read_crosswalk

Progress = Callable[[str], None]


def _say(progress: Progress | None, text: str) -> None:
    if progress is not None:
        progress(text)


def apply_attributes(plan: Plan, path: str | Path) -> tuple[Plan, list[dict]]:
    """Official figures of new units (area, population, seat, region) from a CSV/XLSX, matched by code
    or name. Values in the file replace those of the register; empty cells change nothing."""
    table = read_table(
        path,
        column_aliases("units")
        | {"area_km2_bando": "area_km2", "population_bando": "population", "fullname": "name"},
    )
    wanted = [c for c in ("area_km2", "population", "seat", "region") if c in table.columns]
    if not wanted:
        raise InputFileError(
            path,
            "has none of the columns area_km2, population, seat, region "
            "(or their Vietnamese names: diện tích, dân số, trụ sở, vùng)",
        )
    units = plan.new_units.copy()
    communes = units.index[units["level"] == "commune"]
    sub = units.loc[communes].reset_index(drop=True)
    matches = match_rows(
        sub,
        table,
        pick_column(table.columns, CODE_COLUMNS),
        pick_column(table.columns, NAME_COLUMNS),
    )
    for m in matches:
        if m.unit is None:
            continue
        target = communes[m.unit]
        for col in wanted:
            value = table[col].iloc[m.row]
            if str(value).strip() == "":
                continue
            if col in ("area_km2", "population"):
                number = pd.to_numeric(str(value).replace(",", "."), errors="coerce")
                if pd.isna(number):
                    raise InputFileError(
                        path, f"'{value}' is not a number", row=m.row + 2, column=col
                    )
                units.at[target, col] = float(number)
            else:
                units.at[target, col] = str(value)
    return plan.replace(new_units=units[NEW_UNIT_COLUMNS]), unmatched_report(matches)


def _complete_import(plan: Plan, meta: dict, out, new_units, old_units, attributes, progress):
    """The steps every import shares: official figures, polygons (given or approximate), the workspace."""
    if attributes:
        _say(progress, f"joining official figures from {attributes}")
        plan, unmatched = apply_attributes(plan, attributes)
        meta["inputs"]["attributes"] = {"path": str(attributes), "unmatched": unmatched}
    _say(
        progress,
        "attaching polygons" + ("" if new_units or old_units else " (approximating from points)"),
    )
    new_layer = read_layer(new_units) if new_units else None
    old_layer = read_layer(old_units) if old_units else None
    geometry, plan = build_geometry(plan, new_layer, old_layer)
    meta["geometry"] = {
        "new_units": "given" if new_layer else "approximate",
        "old_units": "given" if old_layer else "approximate",
    }
    ws = Workspace.at(out)
    _say(progress, f"writing the workspace {ws.root}")
    ws.save_plan(plan, geometry, meta)
    return ws, plan, geometry


def import_vn2025(
    out: str | Path,
    provinces: list[str] | None = None,
    *,
    new_units: str | None = None,
    old_units: str | None = None,
    attributes: str | None = None,
    progress: Progress | None = None,
) -> tuple[Workspace, Plan, PlanGeometry]:
    """Build a workspace from the national 2025 crosswalk of ``vietnamadminunits``.

    ``provinces`` are names or codes of new provinces (diacritics optional); ``None`` means the whole
    country. ``new_units`` / ``old_units`` are the user's polygon layers; what is missing is
    approximated and labelled so. ``attributes`` is a CSV/XLSX of official figures of new units.
    """
    _say(progress, "reading the national crosswalk (vietnamadminunits)")
    plan = vn2025.province_plan(provinces)
    meta = {
        "source": {
            "name": "vietnamadminunits",
            "version": vn2025.package_version(),
            "licence": "MIT",
            "provinces": provinces or ["all"],
        },
        "inputs": {},
    }
    ws, plan, geometry = _complete_import(
        plan, meta, out, new_units, old_units, attributes, progress
    )
    return ws, plan, geometry


def import_resolution(
    path: str | Path,
    out: str | Path,
    *,
    register: str | Path | None = None,
    new_units: str | None = None,
    old_units: str | None = None,
    attributes: str | None = None,
    progress: Progress | None = None,
):
    """Build a workspace from the text of a resolution (.md, .txt, .docx): the crosswalk with each edge
    cited by its clause, the registers (from ``register``, a workspace, or from vietnamadminunits), and
    the problems met reading it (kept in ``plan/import_problems.json``; ``check`` reports them)."""
    from .sources.resolution import import_resolution as read_resolution

    _say(progress, f"reading {path}")
    base = Workspace.at(register).load_plan() if register else None
    result = read_resolution(path, base)
    plan = result.plan
    meta = {
        "source": {
            "name": "resolution",
            "file": str(path),
            "resolution": result.resolution.number,
            "date": result.resolution.date,
            "province": result.resolution.province,
            "register": str(register)
            if register
            else f"vietnamadminunits {vn2025.package_version()}",
            "totals_stated": result.stated_totals,
            "totals_parsed": result.parsed_totals,
        },
        "inputs": {},
    }
    ws, _, _ = _complete_import(plan, meta, out, new_units, old_units, attributes, progress)
    ws.save_import_problems(result.problems)
    return ws, result


def register_problems(ws: Workspace, plan: Plan) -> list:
    """Problems of the registers in ``inputs/`` (if any), for ``check`` to report with the plan's."""
    from .registers import CLASSES, read_register, validate_register

    out = []
    for kind in CLASSES:
        path = ws.register_path(kind)
        if path is not None:
            out += validate_register(
                read_register(path, kind), kind, plan, str(path.relative_to(ws.root))
            )
    return out


def check_workspace(
    path: str | Path,
    *,
    criteria: str | None = None,
    tolerances: str | None = None,
    write: bool = True,
    progress: Progress | None = None,
) -> Report:
    """Run every check on a workspace; with ``write``, write its results (GeoPackage, CSV, JSON, XLSX,
    Markdown) under ``results/``."""
    ws = Workspace.at(path)
    _say(progress, "reading the plan")
    plan = ws.load_plan()
    geometry = ws.load_geometry()
    _say(progress, "running the checks")
    report = run_checks(
        plan,
        geometry,
        files=ws.files(),
        criteria=criteria,
        tolerances=tolerances,
        extra=ws.load_import_problems() + register_problems(ws, plan),
    )
    if write:
        _say(progress, "writing the results")
        table = evaluate_criteria(plan, read_profile(criteria or "criteria_76_2025.toml"))
        markdown = render(
            "check_report.md.j2",
            {
                "s": report.summary,
                "valid": report.valid,
                "problems": [p.to_dict() for p in report.problems],
            },
        )
        ws.write_results(plan, geometry, report, table, markdown)
    return report


def lineage(path: str | Path, query: str) -> dict:
    """Where an old unit went, or what made a new unit, with the basis of each edge.

    Returns ``{"query": str, "units": [{"era", "code", "name", "unit_type", "level", "edges": [...],
    "cluster": [...]}]}``; an old unit lists its successors, a new unit its predecessors.
    """
    plan = Workspace.at(path).load_plan()
    units = []
    for era, code in plan.find(query):
        unit = plan.unit(era, code)
        edges = plan.successors(code) if era == "old" else plan.predecessors(code)
        rows = []
        for e in edges.to_dict("records"):
            rows.append(
                {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in e.items()}
            )
        if era == "new":
            cluster = plan.cluster_of(code) if unit["level"] == "commune" else [code]
        else:
            targets = sorted(set(edges.loc[edges["level"] == "commune", "new_code"]))
            cluster = plan.cluster_of(targets[0]) if len(targets) > 1 else targets
        units.append(
            {
                "era": era,
                "code": code,
                "name": unit["name"],
                "unit_type": unit["unit_type"],
                "level": unit["level"],
                "edges": rows,
                "cluster": cluster,
            }
        )
    return {"query": query, "units": units}


def load_crosswalk(path: str | Path) -> pd.DataFrame:
    """A crosswalk from a workspace folder or a CSV/XLSX file."""
    p = Path(path)
    if p.is_dir():
        return Workspace.at(p).load_plan().crosswalk
    if p.suffix.lower() in (".csv", ".xlsx", ".xlsm"):
        from .model.crosswalk import normalise_crosswalk

        return normalise_crosswalk(read_crosswalk(p))
    raise WorkspaceError(f"{p} is neither a workspace folder nor a crosswalk CSV/XLSX file")


def compare(a: str | Path, b: str | Path) -> dict:
    """Compare two plans (workspaces or crosswalk files); see :func:`compare_crosswalks`."""
    return compare_crosswalks(load_crosswalk(a), load_crosswalk(b))


GENERATED_NOTE = """# Generated registers

The registers in this folder (staff, assets, dossiers, records) were made by
`transition generate registers --seed {seed}` for demonstration and benchmarks. They describe no real
person, asset or dossier; every row says `generated (seed {seed})` in its `source` column.
"""


def generate_workspace_registers(
    path: str | Path, seed: int = 2025, progress: Progress | None = None
) -> dict:
    """Fill ``inputs/`` of a workspace with generated registers (see :mod:`registers.generate`)."""
    from .registers.generate import generate_registers

    ws = Workspace.at(path)
    plan = ws.load_plan()
    geometry = ws.load_geometry()
    if geometry is None:
        raise WorkspaceError(f"{ws.root} has no plan/geometry.gpkg; import the plan again")
    _say(progress, "generating registers")
    registers = generate_registers(plan, geometry, seed)
    _say(progress, "writing inputs/")
    ws.save_registers(registers, GENERATED_NOTE.format(seed=seed))
    return {k: len(v) for k, v in registers.items()}


class RegisterProblems(WorkspaceError):
    """The registers of a workspace have errors; the message lists them."""


def load_registers(ws: Workspace, only: str | None = None) -> dict[str, pd.DataFrame]:
    """Read and validate the registers in ``inputs/``; raise :class:`RegisterProblems` listing the
    errors (file, row, column, what to fix)."""
    from .registers import CLASSES, read_register, validate_register

    plan = ws.load_plan()
    out, errors = {}, []
    for kind in CLASSES if only is None else (only,):  # read once here: assign needs the frames too
        path = ws.register_path(kind)
        if path is None:
            if only is not None:
                raise WorkspaceError(
                    f"{ws.root / 'inputs'} has no {kind}.csv or {kind}.xlsx; add it, or make "
                    f"generated ones with 'transition generate registers {ws.root}'"
                )
            continue
        frame = read_register(path, kind)
        rel = str(path.relative_to(ws.root))
        errors += [p for p in validate_register(frame, kind, plan, rel) if p.severity == "error"]
        out[kind] = frame
    if not out:
        raise WorkspaceError(
            f"{ws.root / 'inputs'} has no registers (staff, assets, dossiers, records as CSV or "
            f"XLSX); make generated ones with 'transition generate registers {ws.root}'"
        )
    if errors:
        lines = "\n".join(
            f"  {p.file}, row {p.row}, column '{p.column}': {p.message}" for p in errors[:20]
        )
        more = f"\n  ... and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise RegisterProblems(
            f"the registers have {len(errors)} error(s); nothing was assigned:\n{lines}{more}"
        )
    return out


def load_overrides(ws: Workspace) -> pd.DataFrame:
    from .reassign import OVERRIDE_COLUMNS

    path = ws.path("overrides")
    if not path.exists():
        return pd.DataFrame(columns=OVERRIDE_COLUMNS)
    frame = read_table(
        path, {"lớp": "class", "mã": "id", "đơn vị mới": "new_code", "căn cứ": "reference"}
    )
    missing = [c for c in OVERRIDE_COLUMNS if c not in frame.columns]
    if missing:
        raise InputFileError(
            path,
            f"has no column {', '.join(missing)}; an override row is: class (staff, assets, "
            "dossiers, records), id, new_code, reference (the department's decision)",
        )
    known = set(ws.load_plan().new_units["code"])
    for k, row in frame.iterrows():
        if row["new_code"] not in known:
            raise InputFileError(
                path,
                f"new unit '{row['new_code']}' is not in the plan",
                row=k + 2,
                column="new_code",
            )
    return frame[OVERRIDE_COLUMNS]


def assign_workspace(
    path: str | Path,
    *,
    only: str | None = None,
    cutover: str = "2025-07-01",
    as_of: str | None = None,
    show_personal: bool = False,
    unit_files: bool = True,
    progress: Progress | None = None,
):
    """Reassign the registers of a workspace and write every output (see :mod:`assign_outputs`)."""
    from .assign_outputs import write_assignment
    from .reassign import reassign

    ws = Workspace.at(path)
    plan = ws.load_plan()
    geometry = ws.load_geometry()
    _say(progress, "reading the registers")
    registers = load_registers(ws, only)
    overrides = load_overrides(ws)
    _say(progress, "reassigning")
    result = reassign(plan, geometry, registers, overrides=overrides, cutover=cutover, as_of=as_of)
    _say(progress, "writing the results")
    write_assignment(ws, result, show_personal=show_personal, unit_files=unit_files)
    return result


def read_ledger(path: str | Path) -> dict:
    ws = Workspace.at(path)
    ledger_path = ws.path("ledger")
    if not ledger_path.exists():
        raise WorkspaceError(
            f"{ws.root} has no ledger yet; run 'transition assign {ws.root}' first"
        )
    return json.loads(ledger_path.read_text(encoding="utf-8"))

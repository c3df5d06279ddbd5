"""`transition generate registers`, `transition assign` and `transition ledger`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from .. import actions
from .common import JsonOption, LangOption, check_lang, err, fail, out, print_json, progress

generate_app = typer.Typer(
    help="Generate example data (dữ liệu mẫu) for a workspace.", no_args_is_help=True
)
CLASSES = ("staff", "assets", "dossiers", "records")


@generate_app.command("registers")
def registers(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    seed: int = typer.Option(
        2025, "--seed", help="Seed of the generator: the same seed gives the same registers."
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help="Replace registers that were not generated (a department's own), after moving them "
        "to a dated backup folder inputs/backup-.../ (sao lưu).",
    ),
    json_: bool = JsonOption,
):
    """Fill WORKSPACE/inputs with realistic, clearly labelled generated registers (danh sách mẫu) of staff
    (cán bộ), assets (tài sản), pending dossiers (hồ sơ) and records (lưu trữ, tài khoản, con dấu)."""
    with progress("Generating", json_) as say:
        result = actions.generate_workspace_registers(workspace, seed, progress=say, force=force)
    if json_:
        print_json(result.to_dict())
        return
    counts = result.counts
    if result.backup:
        err.print(f"Your own registers were moved to {workspace / result.backup}")
    out.print(f"Generated (seed {seed}): " + ", ".join(f"{n:,} {k}" for k, n in counts.items()))
    err.print(f"Written to {workspace / 'inputs'}. Next: transition assign {workspace}")


@generate_app.command("templates")
def templates(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    json_: bool = JsonOption,
):
    """Write empty registers to fill in Excel (mẫu danh sách) into WORKSPACE/inputs/templates: one
    XLSX per register with Vietnamese headers, drop-down lists, date and number formats, codes as
    text and an instructions sheet (Hướng dẫn); a filled copy saved in inputs/ is read back as is."""
    result = actions.generate_templates(workspace)
    if json_:
        print_json(result.to_dict())
        return
    for path in result.written:
        out.print(f"Written: {workspace / path}")


def _print_ledger(book: dict) -> None:
    table = Table(title="Ledger (sổ đối chiếu): before = assigned + review")
    for col in ("class", "before", "assigned", "review", "value before (VND)", "balanced"):
        table.add_column(col, justify="right" if col not in ("class", "balanced") else "left")
    for kind, c in book["classes"].items():
        value = f"{c['value_before']:,.0f}" if "value_before" in c else ""
        ok = "[green]yes (khớp)[/]" if c["balanced"] else "[bold red]NO[/]"
        table.add_row(kind, f"{c['before']:,}", f"{c['assigned']:,}", f"{c['review']:,}", value, ok)
    out.print(table)
    # what was read (đã đọc): the file against the ledger
    for r in book.get("read", {}).values():
        sums = "; ".join(
            f"{col} as written {s['written']:,.0f} = as read {s['parsed']:,.0f}"
            for col, s in r["sums"].items()
        )
        skipped = ", ".join(f"{n} {why}" for why, n in r["skipped"].items())
        out.print(
            f"Read {r['file']}: {r['rows_in_file']:,} rows in the file, {r['rows_read']:,} read"
            + (f" (skipped: {skipped})" if skipped else "")
            + (f"; {sums}" if sums else "")
            + ("" if r["agrees"] else " [bold red]DIFFERS[/]")
        )
    _print_inputs(book)


def _print_inputs(book: dict) -> None:
    """Every file of inputs/ not read and why, and the readers' notes (swaps, totals rows, CCCDs)."""
    for f in book.get("files", []):
        if not f["read"]:
            out.print(f"Not read (không đọc): {f['file']}: {f['reason']}")
    for n in book.get("notes", []):
        where = ", ".join(
            str(x)
            for x in (n.get("file"), n.get("row") and f"row {n['row']}", n.get("column"))
            if x
        )
        out.print(f"[yellow]{n['severity']}[/] {where}: {n['message']}")


def assign(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    only: str = typer.Option(
        None, "--only", help="One class only: staff, assets, dossiers or records."
    ),
    cutover: str = typer.Option(
        None,
        "--cutover",
        help="Cutover date (ngày chuyển giao), dd/mm/yyyy or yyyy-mm-dd (day first); default from "
        "mappings/timeline.toml.",
    ),
    as_of: str = typer.Option(
        None,
        "--as-of",
        help="Date for overdue dossiers (quá hạn), dd/mm/yyyy or yyyy-mm-dd; default the day before "
        "the cutover.",
    ),
    show_personal: bool = typer.Option(
        False,
        "--show-personal",
        help="Write national ID numbers and birth dates unmasked (thông tin cá nhân).",
    ),
    no_unit_files: bool = typer.Option(
        False, "--no-unit-files", help="Skip the XLSX per new unit."
    ),
    crs: str = typer.Option(
        None,
        "--crs",
        help="System of the registers' coordinates when they are metres (hệ tọa độ VN-2000), "
        "an EPSG code such as EPSG:9211 (VN-2000 / TM-3 zone 107-45); default degrees (WGS 84).",
    ),
    lang: str = LangOption,
    json_: bool = JsonOption,
):
    """Reassign staff, assets, pending dossiers and records (phân bổ, bàn giao) from the old units to the
    new ones: each item gets one new holder or goes to the review list with a reason. Writes
    WORKSPACE/results/assign, layers of results/transition.gpkg and one XLSX per new unit."""
    if only is not None and only not in CLASSES:
        fail(f"--only takes one of {', '.join(CLASSES)}, not '{only}'")
    with progress("Assigning", json_) as say:
        done = actions.assign_workspace(
            workspace,
            only=only,
            cutover=cutover,
            as_of=as_of,
            show_personal=show_personal,
            unit_files=not no_unit_files,
            progress=say,
            crs=crs,
            lang=check_lang(lang),
        )
    result = done.reassignment
    if json_:
        print_json(done.to_dict())
        return
    _print_ledger(result.ledger)
    rules = Table(title="Decisions by rule (quy tắc)")
    for col in ("class", "rule", "items"):
        rules.add_column(col)
    for kind, frame in result.items.items():
        for rule, n in frame["rule"].value_counts().sort_index().items():
            rules.add_row(kind, rule, f"{n:,}")
    out.print(rules)
    if len(result.quota):
        over = result.quota[result.quota["over_quota"] > 0]
        out.print(
            f"Staffing: {len(over)} of {len(result.quota)} new units are over their quota by "
            f"{int(over['over_quota'].sum()):,} in all (listed with policies in results/assign/surplus.csv, "
            "for a person to decide)."
        )
    out.print(
        f"Review list (cần xem xét): {len(result.review):,} items, in results/assign/review.csv."
    )
    err.print(
        f"Results in {workspace / 'results'}: assign/, units/ (one XLSX per new unit), transition.gpkg"
    )


def ledger(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    json_: bool = JsonOption,
):
    """Print the ledger of the last assignment (sổ đối chiếu): counts and values before, assigned and in
    review, per class. Exit code 1 when it does not balance."""
    book = actions.read_ledger(workspace).to_dict()
    if json_:
        print_json(book)
    else:
        _print_ledger(book)
    raise typer.Exit(int(not book["balanced"]))

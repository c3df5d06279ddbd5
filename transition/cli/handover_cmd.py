"""`transition handover`: minutes (biên bản bàn giao), annexes and summaries; `handover mark`,
`handover status` and `handover check-templates`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table
from typer.core import TyperGroup

from ..actions import handover as actions
from .common import JsonOption, err, out, print_json, progress


class _DefaultMake(TyperGroup):
    """`transition handover WORKSPACE ...` means `transition handover make WORKSPACE ...`."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["make", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_DefaultMake,
    help=(
        "Handover documents (biên bản bàn giao): 'transition handover WORKSPACE' writes the minutes, "
        "annexes and summaries; then 'mark', 'status', 'check-templates'."
    ),
    no_args_is_help=True,
)
WorkspaceArg = typer.Argument(..., help="Workspace folder (thư mục làm việc).")
KIND_NAMES = {
    "minute": "minutes (biên bản)",
    "joint_minute": "joint minutes (biên bản chung)",
    "receiving_summary": "receiving summaries (tổng hợp tiếp nhận)",
    "district_summary": "district summaries (tổng hợp cấp huyện)",
}


@app.command("make")
def make(
    workspace: Path = WorkspaceArg,
    lang: str = typer.Option("vi", "--lang", help="Language of the documents: vi (default) or en."),
    pdf: bool = typer.Option(False, "--pdf", help="Also make PDFs with LibreOffice (soffice)."),
    show_personal_data: bool = typer.Option(
        False,
        "--show-personal-data",
        help="Write national IDs and birth dates in full (masked by default: dữ liệu cá nhân).",
    ),
    cutover: str = typer.Option(
        None,
        "--cutover",
        help="Cutover date (ngày chuyển giao), YYYY-MM-DD; default: timeline.toml.",
    ),
    no_write: bool = typer.Option(
        False,
        "--no-write",
        help="Build the documents and print what would be written; write nothing.",
    ),
    json_: bool = JsonOption,
):
    """Write the handover documents of WORKSPACE under documents/ (the same as 'transition handover
    WORKSPACE'): a minute per old unit and new unit, a joint minute per divided commune, a receiving
    summary per new unit, a summary per old district, the annexes as XLSX, and the register."""
    if lang not in ("vi", "en"):
        raise typer.BadParameter("--lang is vi or en")
    with progress("Handover", json_) as say:
        result = actions.handover_workspace(
            workspace,
            lang=lang,
            pdf=pdf,
            show_personal=show_personal_data,
            cutover=cutover,
            write=not no_write,
            progress=say,
        )
    data = result.to_dict()
    if json_:
        print_json(data)
        return
    totals = data["totals"]
    where = workspace / "documents"
    out.print(f"Handover documents in {where}{' (not written: --no-write)' if no_write else ''}:")
    for kind, label in KIND_NAMES.items():
        out.print(f"  {totals[kind]:>5} {label}")
    out.print(
        f"  items handed over: {totals['staff']:,} staff, {totals['assets']:,} assets, "
        f"{totals['dossiers']:,} dossiers, {totals['records']:,} records"
    )
    out.print(f"  register (sổ theo dõi ký): {where / 'handover_register.xlsx'}")
    if data["pdf"]:
        out.print(f"  {len(data['pdf'])} PDF in {where / 'pdf'}")
    if data["changed_since_signed"]:
        err.print(
            f"[bold yellow]Changed since signed:[/] minutes {', '.join(data['changed_since_signed'])}"
            " (nội dung đổi sau khi ký: review and sign again)"
        )


@app.command("mark")
def mark(
    workspace: Path = WorkspaceArg,
    minute_no: str = typer.Argument(..., help="Number of the minute (số biên bản), e.g. 7 or 07."),
    signed: str = typer.Option(
        ..., "--signed", help="Date signed (ngày ký): 30/06/2025 or 2025-06-30."
    ),
    by: str = typer.Option(..., "--by", help="Who signed (người ký), e.g. the two heads."),
    json_: bool = JsonOption,
):
    """Record in documents/handover_register.xlsx that minute MINUTE_NO was signed."""
    result = actions.mark_minute(workspace, minute_no, signed, by)
    if json_:
        print_json(result.to_dict())
        return
    row = result.row
    out.print(
        f"Minute {row['number']} ({row['path']}) signed on {row['signed_date']} by {row['signed_by']}."
    )


@app.command("status")
def status(workspace: Path = WorkspaceArg, json_: bool = JsonOption):
    """Minutes generated, signed and outstanding, per new unit and per old district."""
    result = actions.handover_status_of(workspace)
    data = result.to_dict()
    if json_:
        print_json(data)
        return
    for key, code, title in (
        ("new_units", "new_code", "Per new unit (đơn vị mới)"),
        ("districts", "old_code", "Per old district (huyện cũ)"),
    ):
        table = Table(title=title)
        for col in ("code", "name", "generated", "signed", "outstanding", "changed"):
            table.add_column(col, justify="right" if col not in ("code", "name") else "left")
        for r in data[key]:
            table.add_row(
                r[code], r["name"], str(r["generated"]), str(r["signed"]),
                str(r["outstanding"]), str(r["changed_since_signed"]),
            )  # fmt: skip
        out.print(table)
    t = data["totals"]
    out.print(f"{t['units_all_signed']}/{t['units']} units have every minute signed.")


@app.command("check-templates")
def check_templates(
    workspace: Path = typer.Argument(
        None,
        help="Workspace whose own templates (templates/docx/) to check; default: the packaged ones.",
    ),
    json_: bool = JsonOption,
):
    """Check the .docx templates: every variable known, no tag split across Word runs."""
    result = actions.check_handover_templates(workspace)
    if json_:
        print_json(result.to_dict())
    else:
        for name, problems in result.problems.items():
            out.print(f"{name}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
            for p in problems:
                out.print(f"  - {p.message}. Fix: {p.fix}")
    if not result.ok:
        raise typer.Exit(1)

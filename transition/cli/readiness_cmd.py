"""`transition readiness`, `transition monitor`, `transition generate status` and
`transition generate readiness-forms`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from .. import actions
from ..readiness.document import why
from .common import JsonOption, err, out, print_json, progress

STYLE = {"green": "green", "amber": "yellow", "not_reported": "bright_black", "red": "bold red"}
LangOption = typer.Option("vi", "--lang", help="Language of labels: vi (tiếng Việt) or en.")


def _problems(problems) -> None:
    if problems:
        err.print(f"[yellow]{len(problems)} report rows not used (dòng lỗi)[/]; the first ones:")
        for p in problems[:10]:
            err.print(
                f"  {p.file}, row {p.row}, column {p.column}: {p.message}. Fix: {p.fix}",
                highlight=False,
            )


def readiness(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    date: str = typer.Option(
        None,
        "--date",
        help="Trial day to assess (ngày), 2025-06-25 or 25/06/2025; default the last day reported.",
    ),
    lang: str = LangOption,
    json_: bool = JsonOption,
):
    """Readiness (sẵn sàng vận hành) of every new unit on a trial day: status (xanh / vàng / đỏ / chưa
    báo cáo), score, blockers and overdue items with their owner; the province's roll-up (units done
    out of expected per item, report completeness and timeliness) and the go / no-go for the cutover.
    Writes WORKSPACE/results/readiness (readiness.json, readiness.xlsx, trend.png, bao_cao.docx).
    Exit code 1 on no-go."""
    with progress("Readiness", json_) as say:
        done = actions.readiness_workspace(workspace, date=date, lang=lang, progress=say)
    data = done.to_dict()
    if json_:
        print_json(data)
        raise typer.Exit(int(not data["go"]))
    r = data["rollup"]
    n = r["completeness"]["expected"]
    table = Table(title=f"Roll-up (tổng hợp) {data['date']}: units done / expected per item")
    for col in ("item", "critical", "due", "done", "blocked", "overdue"):
        table.add_column(col)
    for it in r["items"]:
        table.add_row(
            it["label"],
            "có" if it["critical"] else "không",
            it["due"],
            it["text"],
            str(it["blocked"]),
            str(it["overdue"]),
        )
    out.print(table)
    c, t = r["completeness"], r["on_time"]
    out.print(f"Reports (báo cáo): {c['count']}/{n} units reported, {t['count']}/{n} on time")
    out.print(
        "Units by status: "
        + ", ".join(f"[{STYLE[k]}]{k}[/] {v}/{n}" for k, v in r["by_status"].items())
    )
    verdict = (
        "[bold green]GO (đủ điều kiện)[/]"
        if data["go"]
        else "[bold red]NO-GO (chưa đủ điều kiện)[/]"
    )
    out.print(f"Go-live on the cutover: {verdict}")
    for reason in data["reasons"]:
        out.print(f"  - {reason}", highlight=False)
    not_ready = [u for u in data["units"] if u["status"] in ("red", "not_reported")]
    if not_ready:
        out.print(f"Units not ready (chưa sẵn sàng): {len(not_ready)}")
        for u in not_ready:
            out.print(
                f"  [{STYLE[u['status']]}]{u['status_label']}[/] {u['name']} ({u['code']}), score {u['score']:.0f}: {why(u)}",
                highlight=False,
            )
    _problems(done.assessment.problems)
    err.print(f"Written: {', '.join(done.written)}")
    raise typer.Exit(int(not data["go"]))


def monitor(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    log: Path = typer.Option(
        ..., "--log", help="Dossier-processing log (nhật ký giải quyết hồ sơ), CSV or XLSX."
    ),
    json_: bool = JsonOption,
):
    """After go-live (sau vận hành): online submission, on-time, and digitisation rates per unit and
    for the province, per day and month, against the targets of mappings/readiness.toml; the monthly
    list of units and officials causing delays (Decision 766/QĐ-TTg). Writes WORKSPACE/results/monitor."""
    with progress("Monitor", json_) as say:
        done = actions.monitor_workspace(workspace, log, progress=say)
    data = done.to_dict()
    if json_:
        print_json(data)
        return
    table = Table(
        title=f"Province (toàn tỉnh) by month, {data['period']['first']} – {data['period']['last']}"
    )
    for col in ("month", "received", "online", "on time", "digitised", "results digitised"):
        table.add_column(col)

    def cell(row, rate):
        v, met = row[rate], row.get(f"{rate}_met")
        text = "–" if v is None else f"{100 * v:.1f}%"
        return f"[green]{text}[/]" if met is True else f"[red]{text}[/]" if met is False else text

    for row in data["province"]["months"]:
        table.add_row(
            row["period"],
            f"{row['received']:,}",
            cell(row, "online_rate"),
            cell(row, "on_time_rate"),
            cell(row, "digitised_rate"),
            cell(row, "result_digitised_rate"),
        )
    out.print(table)
    last = data["province"]["months"][-1]["period"] if data["province"]["months"] else ""
    top = [d for d in data["delays"] if d["month"] == last][:5]
    if top:
        out.print(f"Most delays in {last} (chậm muộn):")
        for d in top:
            out.print(
                f"  {d['unit_name']} ({d['unit_code']}), {d['official']}: {d['late']} late, {d['open_overdue']} open past due",
                highlight=False,
            )
    if done.problems:
        err.print(
            f"[yellow]{len(done.problems)} problems reading the log[/]; see results/monitor/monitor.xlsx"
        )
    err.print(f"Written: {', '.join(done.written)}")


def generate_status(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    seed: int = typer.Option(2025, "--seed", help="Seed: the same seed gives the same files."),
    json_: bool = JsonOption,
):
    """Write generated daily readiness reports (báo cáo mẫu) for every trial day into
    WORKSPACE/inputs/readiness, and a generated processing log into WORKSPACE/inputs/processing_log.csv;
    labelled as generated (most units converge, a few lag, one is blocked, one stops reporting)."""
    with progress("Generating", json_) as say:
        done = actions.generate_status(workspace, seed, progress=say)
    if json_:
        print_json(done.to_dict())
        return
    c, roles = done.counts, done.roles
    out.print(
        f"Generated (seed {seed}): {c['report_rows']:,} report rows in {c['report_files']} daily files, {c['log_rows']:,} log rows"
    )
    out.print(
        "Lagging: " + ", ".join(f"{v['name']} ({v['item']})" for v in roles["lagging"].values())
    )
    out.print(
        f"Blocked: {roles['blocked']['name']}; stops reporting from {roles['silent']['from']}: {roles['silent']['name']}"
    )
    err.print(f"Next: transition readiness {workspace} --date 2025-06-25")


def generate_forms(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    json_: bool = JsonOption,
):
    """Write one daily report form (mẫu báo cáo) per new unit: an XLSX with the unit fixed, drop-down
    lists for item and status, and instructions in Vietnamese, into WORKSPACE/results/readiness/forms.
    Filled forms go back into WORKSPACE/inputs/readiness."""
    done = actions.generate_forms(workspace)
    if json_:
        print_json(done.to_dict())
        return
    out.print(f"{len(done.written)} forms written to {workspace / 'results/readiness/forms'}")

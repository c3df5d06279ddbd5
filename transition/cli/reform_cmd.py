"""`transition par`, `transition service-index` and `transition generate par-scores`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from .. import actions
from .common import JsonOption, err, out, print_json, progress

OldLogOption = typer.Option(
    None,
    "--old-log",
    help="The split year 2025 (a province's choice): the old units' first-half processing log, "
    "each dossier carried to its new unit (whole unit; else the applicant's place; else the plan's "
    "shares).",
)
PeriodOption = typer.Option(
    ..., "--period", help="Period (kỳ đánh giá): a year 2025, a quarter 2025-Q3 or a month 2025-09."
)


def _problems(problems) -> None:
    if problems:
        err.print(f"[yellow]{len(problems)} problem(s) in the inputs (vấn đề)[/]; the first ones:")
        for p in problems[:10]:
            place = [p.file or p.unit_code]
            place += [f"row {p.row}"] if p.row else []
            place += [f"column {p.column}"] if p.column else []
            where = ", ".join(x for x in place if x)
            fix = f" Fix: {p.fix}" if p.fix else ""
            err.print(f"  {where}: {p.message}.{fix}", highlight=False)


def par(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    rubric: str = typer.Option(
        "rubrics/par_example.toml",
        "--rubric",
        help="Rubric (bộ chỉ số CCHC), a TOML file or a name under mappings/ (the workspace's "
        "copy wins); default the EXAMPLE rubric.",
    ),
    period: str = PeriodOption,
    log: Path = typer.Option(
        None,
        "--log",
        help="Processing log (nhật ký giải quyết hồ sơ); default inputs/processing_log.csv.",
    ),
    as_of: str = typer.Option(
        None,
        "--as-of",
        help="Day of scoring (YYYY-MM-DD); before the period's end the result is provisional.",
    ),
    old_log: Path = OldLogOption,
    json_: bool = JsonOption,
):
    """Score the new units on an administrative-reform rubric (Chỉ số CCHC): index, tier and rank of
    each unit, where it lost points, and the three changes that would raise its score most. Reads
    inputs/par_scores.csv|xlsx (self-scores, appraisal rounds) and inputs/par_adjustments.csv|xlsx;
    writes WORKSPACE/results/reform/ (JSON, XLSX, charts, báo cáo DOCX)."""
    with progress("Scoring", json_) as say:
        done = actions.par_workspace(
            workspace, rubric, period, log_file=log, as_of=as_of, old_log=old_log, progress=say
        )
    data = done.to_dict()
    if json_:
        print_json(data)
        return
    _problems(done.problems)
    r = data["rubric"]
    if r["example"]:
        err.print(
            "[yellow]Scored on the EXAMPLE rubric (bộ chỉ số ví dụ): give yours with --rubric.[/]"
        )
    table = Table(title=f"{r['name']} — {data['period']}")
    for col in ("group", "rank", "unit", "score", "tier", "loses most on"):
        table.add_column(col)
    ranked = sorted(
        data["units"], key=lambda u: (u["group"], u["rank"] is None, u["rank"] or 0, u["code"])
    )
    for u in ranked:
        lost = "; ".join(f"{x['label']} -{x['points']:g}" for x in u["lost"][:2])
        rank = "–" if u["rank"] is None else f"{u['rank']}{'=' if u['tied'] else ''}"
        score = "–" if u["score"] is None else f"{u['score']:.2f}"
        tier = u["tier"] or "chưa xếp loại"
        table.add_row(u["group"], rank, f"{u['name']} ({u['code']})", score, tier, lost)
    out.print(table)
    worst = sorted(
        [u for u in data["units"] if u["score"] is not None], key=lambda u: (u["score"], u["code"])
    )[:3]
    out.print("The three units that lose most (đơn vị mất nhiều điểm nhất):")
    for u in worst:
        out.print(f"  {u['name']} ({u['code']}): {u['score']:.2f}", highlight=False)
        for c in u["improve"]:
            change = f" from {c['from']:.0%} to {c['to']:.0%}" if "from" in c else ""
            out.print(f"    - {c['label']}{change}: +{c['gain']:.2f} points", highlight=False)
    out.print(f"Written: {', '.join(data['written'])}")


def service_index(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    log: Path = typer.Option(
        ..., "--log", help="Processing log (nhật ký giải quyết hồ sơ), CSV or XLSX."
    ),
    period: str = PeriodOption,
    official: Path = typer.Option(
        None,
        "--official",
        help="The portal's published points (điểm công bố trên Cổng DVC quốc gia), CSV or XLSX: "
        "one row per unit, a column per group and/or the total; each shown beside ours.",
    ),
    tolerance: float = typer.Option(
        0.5,
        "--tolerance",
        help="Difference from --official, in points, above which a unit is named.",
    ),
    old_log: Path = OldLogOption,
    json_: bool = JsonOption,
):
    """The service index of Decision 766/QĐ-TTg (chỉ số phục vụ người dân, doanh nghiệp) per new
    unit from the processing log, as public tools reconstructed the portal's formulas (not official):
    transparency, progress, online services and payment, satisfaction, digitisation. A group whose
    input is missing is shown as missing, not zero. Writes WORKSPACE/results/reform/."""
    with progress("Service index", json_) as say:
        done = actions.service_index_workspace(
            workspace,
            log,
            period,
            official=official,
            tolerance=tolerance,
            old_log=old_log,
            progress=say,
        )
    data = done.to_dict()
    if json_:
        print_json(data)
        return
    _problems(done.problems)
    table = Table(
        title=f"Service index (Chỉ số 766) — {data['period']} ({data['formula_version']})"
    )
    table.add_column("unit")
    for g in ("transparency", "progress", "online", "satisfaction", "digitisation"):
        table.add_column(g)
    table.add_column("total / max")
    for u in data["units"]:
        cells = ["–" if g["points"] is None else f"{g['points']:.2f}" for g in u["groups"]]
        total = "–" if u["total"] is None else f"{u['total']:.2f} / {u['max']:.0f}"
        table.add_row(f"{u['name']} ({u['code']})", *cells, total)
    out.print(table)
    out.print("– : missing input (thiếu số liệu), not zero. Written: " + ", ".join(data["written"]))
    if data["comparison"]:
        beyond = [c for c in data["comparison"] if not c["within"]]
        out.print(
            f"Beside the portal's figures (đối chiếu): {len(data['comparison'])} compared, "
            f"{len(beyond)} beyond {tolerance:g} points (listed above as warnings)."
        )


def par_scores(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    rubric: str = typer.Option("rubrics/par_example.toml", "--rubric", help="Rubric (bộ chỉ số)."),
    seed: int = typer.Option(2025, "--seed", help="Seed of the generator (same seed, same rows)."),
    json_: bool = JsonOption,
):
    """Write realistic generated self-scores, appraisal rounds and bonus/penalty entries (điểm tự
    chấm, thẩm định) for the demo, labelled as generated, in inputs/par_scores.csv and
    inputs/par_adjustments.csv."""
    done = actions.generate_par_scores(workspace, rubric, seed)
    if json_:
        print_json(done.to_dict())
        return
    out.print(f"{done.rows} generated score rows (seed {seed}) in {', '.join(done.written)}")


def par_forms(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    rubric: str = typer.Option("rubrics/par_example.toml", "--rubric", help="Rubric (bộ chỉ số)."),
    json_: bool = JsonOption,
):
    """Write a self-assessment form (phiếu tự đánh giá) per new unit in inputs/par_forms/: the
    rubric's attested items with their maximum, the self-score to fill (0 to the maximum), its
    evidence and the explanation; `transition par` reads the filled forms back."""
    done = actions.generate_par_forms(workspace, rubric)
    if json_:
        print_json(done.to_dict())
        return
    out.print(
        f"{len(done.written)} forms of {done.items} items ({done.rubric}) in "
        f"{workspace / 'inputs' / 'par_forms'}; send each to its unit, put the filled ones back there."
    )

"""`transition standards`, `transition draft` and `transition generate unit-facts`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from .. import actions
from .common import JsonOption, err, out, print_json, progress

AsOf = typer.Option(
    None,
    "--as-of",
    help="Date (ngày áp dụng) whose amendments apply, e.g. 2026-10-01; default: the standards' "
    "entry into force.",
)
AssumeClass = typer.Option(
    "none",
    "--assume-class",
    help="none, or proxy: class (vùng) of each unclassed xã assumed from its pre-2025 province "
    "(mappings/unit_facts.toml); an ASSUMPTION to confirm, said in every output.",
)
Attributes = typer.Option(
    None,
    "--attributes",
    help="Figures of the current units (số liệu), CSV/XLSX with code, population, area_km2 "
    "(e.g. the public atlas attributes); inputs/unit_facts.csv wins over it.",
)
Amendments = typer.Option(
    None,
    "--amendments",
    help="Amendments after 1 July 2025 (điều chỉnh), CSV; default inputs/amendments.csv.",
)
Profile = typer.Option(
    None, "--standards", help="Standards profile, TOML; default mappings/standards_nq112.toml."
)


def _say_assumptions(result) -> None:
    for text in result.facts.assumptions:
        err.print(f"[bold yellow]Assumption (giả định):[/] {escape(text)}", highlight=False)


def standards(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    as_of: str = AsOf,
    assume_class: str = AssumeClass,
    attributes: Path = Attributes,
    amendments: Path = Amendments,
    profile: Path = Profile,
    json_: bool = JsonOption,
    no_write: bool = typer.Option(False, "--no-write", help="Do not write results/standards/."),
):
    """Every current unit against the standards (bảng tổng hợp tiêu chuẩn, Resolution
    112/2025/UBTVQH15): population, area, the minimum and why, pass / fail / unknown, and whether it
    must be arranged. Writes results/standards/standards.xlsx (Vietnamese headers)."""
    with progress("Standards", json_) as say:
        result = actions.standards(
            workspace,
            as_of=as_of,
            assume_class=assume_class,
            attributes=attributes,
            amendments=amendments,
            profile=profile,
            write=not no_write,
            progress=say,
        )
    if json_:
        print_json(result.to_dict())
        return
    _say_assumptions(result)
    print_summary(result)
    for path in result.written:
        err.print(f"Written {workspace / path}")


def print_summary(result) -> None:
    """The province table of a standards result."""
    f = result.facts
    table = Table(
        title=f"Standards (tiêu chuẩn): {f.std.name}, as of {f.as_of:%d/%m/%Y}; "
        f"must arrange: {f.std.must_arrange_rule}"
    )
    for col in (
        "province",
        "units",
        "pass (đạt)",
        "fail (không đạt)",
        "unknown (chưa rõ)",
        "must arrange (phải sắp xếp)",
        "exempt (miễn)",
    ):
        table.add_column(col)
    for r in result.summary.to_dict("records"):
        table.add_row(
            r["province_name"],
            str(r["units"]),
            str(r["pass"]),
            str(r["fail"]),
            str(r["unknown"]),
            f"{r['must_arrange']} (+{r['must_arrange_unsure']} chưa rõ)",
            str(r["exempt"]),
        )
    out.print(table)
    gated = [p for p in f.problems if p.code == "facts-unknown"]
    if gated:
        out.print(
            f"{len(gated)} unit(s) with missing or implausible figures (số liệu cần xác nhận):"
        )
        for p in gated[:10]:
            out.print(f"  {p.unit_code} {escape(p.message)}")
        if len(gated) > 10:
            out.print(f"  … and {len(gated) - 10} more in results/standards/standards.xlsx")


def unit_facts(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    attributes: Path = Attributes,
    json_: bool = JsonOption,
):
    """Write inputs/unit_facts.csv, the register of unit facts a department fills (dân số, diện
    tích, vùng: miền núi / hải đảo / khác, giảm trừ, miễn sắp xếp, giữ nguyên)."""
    result = actions.generate_unit_facts(workspace, attributes=attributes)
    if json_:
        print_json(result.to_dict())
        return
    out.print(
        f"Written {result.path} ({result.units} units): fill the columns region, exemption, locked"
    )


def draft(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    province: str = typer.Option(None, "--province", help="One province (tỉnh): code or name."),
    options: int = typer.Option(5, "--options", min=1, help="How many options (phương án)."),
    as_of: str = AsOf,
    assume_class: str = AssumeClass,
    attributes: Path = Attributes,
    amendments: Path = Amendments,
    exclude_unknown: bool = typer.Option(
        False,
        "--exclude-unknown",
        help="Leave units with unknown or implausible figures as they are (named among the units "
        "still short) instead of refusing.",
    ),
    json_: bool = JsonOption,
    no_write: bool = typer.Option(False, "--no-write", help="Do not write drafts/."),
):
    """Draft merge options (dự thảo phương án sắp xếp) that bring every unit to its standard:
    contiguous, within one province, whole units; ranked in a comparison table; each written as
    WORKSPACE/drafts/option_N/, a workspace that `transition check` accepts."""
    with progress("Drafting", json_) as say:
        result = actions.draft(
            workspace,
            province=province,
            options=options,
            as_of=as_of,
            assume_class=assume_class,
            attributes=attributes,
            amendments=amendments,
            exclude_unknown=exclude_unknown,
            write=not no_write,
            progress=say,
        )
    if json_:
        print_json(result.to_dict())
        return
    _say_assumptions(result)
    table = Table(title="Options (phương án), best first")
    for col in (
        "rank",
        "units before → after",
        "touched",
        "still short",
        "Polsby–Popper",
        "mean / worst km to seat",
        "strategy",
    ):
        table.add_column(col)
    for o in result.options:
        table.add_row(
            str(o.rank),
            f"{o.units_before} → {o.units_after}",
            str(o.touched),
            str(len(o.short)),
            f"{o.compactness:.3f}",
            f"{o.mean_km:.1f} / {o.worst_km:.1f}",
            escape(o.strategy),
        )
    out.print(table)
    best, units = result.options[0], result.units[0]
    out.print(
        f"Units below the standard before (chưa đạt trước): {result.short_before}; after the best "
        f"option (sau phương án 1): {len(best.short)}"
    )
    for r in units[units["short_reason"] != ""].itertuples(index=False):
        out.print(f"  still short: {r.code} {r.name}: {escape(r.short_reason)}")
    for r in units[units["merged"]].itertuples(index=False):
        out.print(
            f"  {r.name} (proposed name, seat {r.seat_code}): {', '.join(r.members)}; "
            f"{r.population:,.0f} people, {r.area_km2:g} km²"
        )
    if result.written:
        err.print(f"Written {workspace / 'drafts'} (option_N/, comparison.xlsx)")

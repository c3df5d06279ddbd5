"""`transition compare`: a plan against another plan or a published crosswalk, edge by edge."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from .. import actions
from .common import JsonOption, out, print_json

VERDICT_STYLE = {
    "text supports plan": "green",
    "text supports source": "red",
    "text silent": "yellow",
}


def _plan_tables(result: dict) -> None:
    for key, title in (
        ("only_in_a", "Only in A (chỉ có ở A)"),
        ("only_in_b", "Only in B (chỉ có ở B)"),
    ):
        if result[key]:
            table = Table(title=title)
            for col in ("level", "old", "new", "part"):
                table.add_column(col)
            for e in result[key]:
                table.add_row(
                    e["level"],
                    f"{e['old_code']} {e['old_name']}",
                    f"{e['new_code']} {e['new_name']}",
                    e["part"],
                )
            out.print(table)
    if result["different"]:
        table = Table(title="Different (khác nhau)")
        for col in ("old", "new", "field", "A", "B"):
            table.add_column(col)
        for e in result["different"]:
            for field, (a, b) in e["fields"].items():
                table.add_row(
                    f"{e['old_code']} {e['old_name']}",
                    f"{e['new_code']} {e['new_name']}",
                    field,
                    str(a),
                    str(b),
                )
        out.print(table)


def _not_understood(result: dict) -> None:
    """Part values of a plan that mappings/part_vocabulary.toml does not know: not compared."""
    for side, values in result.get("part_not_understood", {}).items():
        for v in values:
            out.print(
                f"[yellow]Plan {side.upper()}: part '{v['value']}' not understood[/] "
                f"(không hiểu giá trị cột phần) on {v['edges']} edge(s), not compared; add the "
                "word to mappings/part_vocabulary.toml"
            )


def _verdict_table(result: dict) -> None:
    rows = result["disagreements"]
    counts = ", ".join(f"{v}: {n}" for v, n in result["verdicts"].items())
    out.print(
        f"Disagreements (khác biệt) with {result['source']} ({result['format']}): {len(rows)}"
    )
    if not rows:
        return
    out.print(f"Verdicts (kết luận): {counts}")
    table = Table(title="Disagreements judged by the clause (khác biệt, căn cứ nghị quyết)")
    for col in ("old", "new", "plan", "source", "clause (khoản)", "verdict (kết luận)", "reason"):
        table.add_column(col)
    for d in rows:
        style = VERDICT_STYLE.get(d["verdict"], "")
        table.add_row(
            f"{d['old_code']} {d['old_name']}",
            f"{d['new_code']} {d['new_name']}",
            d["plan_part"] or "—",
            d["source_part"] or "—",
            d["clause"],
            f"[{style}]{d['verdict']}[/]",
            d["reason"],
        )
    out.print(table)


def compare(
    plan_a: Path = typer.Argument(
        ..., help="The plan (phương án): a workspace folder or a crosswalk CSV/XLSX."
    ),
    source: Path = typer.Argument(
        ...,
        help="What to compare with (nguồn): another plan (workspace, CSV/XLSX), or a published "
        "crosswalk: the statistics office's conversion table or dvhcvn's merges.json (.json).",
    ),
    fmt: str = typer.Option(
        "",
        "--format",
        help="Format of a .json source: gso (bảng chuyển đổi of the statistics office) or dvhcvn; "
        "detected when not given.",
    ),
    out_file: Path = typer.Option(
        None, "--out", help="Write the disagreements as XLSX (Vietnamese headers) to this file."
    ),
    json_: bool = JsonOption,
):
    """Compare a plan with another plan or a published crosswalk (so sánh phương án): edges only in
    one, a different part or share, each judged by the resolution's clause the plan cites: "text
    supports plan", "text supports source" or "text silent". Exit code 1 when they differ."""
    result = actions.compare(plan_a, source, out=out_file, fmt=fmt)
    data = result.to_dict()
    if json_:
        print_json(data)
    else:
        if data["same"] is not None:
            out.print(
                f"Same edges (giống nhau): {data['same']}; only in A: {len(data['only_in_a'])}; "
                f"only in B: {len(data['only_in_b'])}; different: {len(data['different'])}"
            )
            _plan_tables(data)
            _not_understood(data)
        _verdict_table(data)
        if out_file is not None:
            out.print(f"Written: {out_file}")
    raise typer.Exit(int(result.differs))

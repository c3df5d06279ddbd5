"""`transition compare`: two plans, edge by edge."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from .. import actions
from .common import JsonOption, out, print_json


def compare(
    plan_a: Path = typer.Argument(..., help="Plan A: a workspace folder or a crosswalk CSV/XLSX."),
    plan_b: Path = typer.Argument(..., help="Plan B: a workspace folder or a crosswalk CSV/XLSX."),
    json_: bool = JsonOption,
):
    """Compare two plans (so sánh phương án): edges only in A, only in B, and edges whose part or
    share differs. Exit code 1 when they differ."""
    result = actions.compare(plan_a, plan_b).to_dict()
    if json_:
        print_json(result)
    else:
        out.print(
            f"Same edges (giống nhau): {result['same']}; only in A: {len(result['only_in_a'])}; "
            f"only in B: {len(result['only_in_b'])}; different: {len(result['different'])}"
        )
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
        for side, values in result.get("part_not_understood", {}).items():
            for v in values:
                out.print(
                    f"[yellow]Plan {side.upper()}: part '{v['value']}' not understood[/] "
                    f"(không hiểu giá trị cột phần) on {v['edges']} edge(s), not compared; add the "
                    "word to mappings/part_vocabulary.toml"
                )
    unclear = any(result.get("part_not_understood", {}).values())
    differs = result["only_in_a"] or result["only_in_b"] or result["different"] or unclear
    raise typer.Exit(int(bool(differs)))

"""`transition lineage`: where an old unit went, or what made a new unit."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from .. import actions
from .common import JsonOption, out, print_json


def _share(v) -> str:
    return "" if v is None else f"{v:.0%}"


def _print_former(result: dict) -> None:
    """The chains former name → unit of early 2025 → new unit, each step with its source."""
    for f in result.get("former_names", []):
        only = (
            " (found only by this former name)" if result.get("found_by") == "former name" else ""
        )
        out.print(f"[bold]{f['former_name']}[/]: a former name (tên cũ){only}")
        for step in f["steps"]:
            out.print(f"  {step['from']} → {step['to']}  [dim]({step['source']})[/]")


def lineage(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    unit: str = typer.Argument(
        ...,
        help="Code or name of an old or new unit (mã hoặc tên đơn vị), "
        "e.g. 06652 or 'Phường Hà Tu'.",
    ),
    former_names: Path = typer.Option(
        None,
        "--former-names",
        help="Former names (tên cũ trước sáp nhập 2023–2025): a CSV/XLSX with former_name, code, … "
        "or vn-address-kit's legacy-wards.json; default the packaged table.",
    ),
    json_: bool = JsonOption,
):
    """Trace a unit through the plan (nguồn gốc / kế thừa): an old unit's successors, a new unit's
    predecessors, with the part, the people's share and the legal basis (căn cứ) of each edge; a
    commune's name from before the mergers of 2023–2025 is followed through the unit that absorbed it."""
    result = actions.lineage(workspace, unit, former_names).to_dict()
    if json_:
        print_json(result)
        return
    _print_former(result)
    if len(result["units"]) > 1:
        out.print(
            f"{len(result['units'])} units fit '{result['query']}' (candidates — các đơn vị trùng tên); "
            "narrow it with the district and province, e.g. 'Phường 1, Quận 3, TP Hồ Chí Minh':"
        )
    for u in result["units"]:
        old = u["era"] == "old"
        if "district" in u:
            d = u["district"]
            out.print(f"[bold]{u['name']}[/] ({u['code']}, old district — huyện cũ)")
            out.print(
                "The district tier was abolished on 1 July 2025 (cấp huyện kết thúc hoạt động); "
                f"its {d['communes']} communes went to {len(d['new_units'])} new units:"
            )
            table = Table()
            for col in ("new unit (đơn vị mới)", "old communes (số xã cũ)"):
                table.add_column(col)
            for n in d["new_units"]:
                table.add_row(f"{n['code']} {n['name']}", str(n["old_communes"]))
            out.print(table)
            continue
        place = ", ".join(x for x in (u.get("district_name"), u.get("province_name")) if x)
        title = (
            f"{u['name']}{f' ({place})' if place else ''} "
            f"({u['code']}, {'old unit — đơn vị cũ' if old else 'new unit — đơn vị mới'})"
        )
        table = Table(
            title=title + (": went to (chuyển thành)" if old else ": made from (hình thành từ)")
        )
        for col in ("code", "name", "part", "area share", "people share", "basis (căn cứ)"):
            table.add_column(col)
        for e in u["edges"]:
            code, name = (e["new_code"], e["new_name"]) if old else (e["old_code"], e["old_name"])
            basis = (
                " ".join(x for x in (e["basis_document"], e["basis_clause"]) if x) or e["source"]
            )
            table.add_row(
                code,
                name,
                e["part"],
                _share(e["area_share"]) + (" (est.)" if e["area_share_estimated"] else ""),
                _share(e["pop_share"]) + (" (est.)" if e["pop_share_estimated"] else ""),
                basis,
            )
        out.print(table)
        if len(u["cluster"]) > 1:
            out.print(
                f"Coordination cluster (cụm phối hợp): {len(u['cluster'])} new units — {', '.join(u['cluster'])}"
            )

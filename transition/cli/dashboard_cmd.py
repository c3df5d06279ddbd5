"""`transition dashboard`: write the offline dashboard of a workspace."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import actions
from .common import JsonOption, err, out, print_json, progress


def dashboard(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    out_dir: Path = typer.Option(
        None, "--out", help="Folder to write (thư mục xuất); default WORKSPACE/dashboard."
    ),
    json_: bool = JsonOption,
):
    """Write the offline dashboard (bảng điều khiển ngoại tuyến): a folder whose index.html opens by
    double-click, with no server and no network: the map, the search "where did my commune go"
    (xã cũ của tôi nay thuộc đâu), a page per new unit, and the province view."""
    with progress("Dashboard", quiet=json_) as step:
        result = actions.build_workspace_dashboard(workspace, out_dir, progress=step)
    data = result.to_dict()
    if json_:
        print_json(data)
        return
    shapes = data["shapes"]
    out.print(
        f"Dashboard written (đã tạo): {data['new_units']} new units, {data['old_units']} old units; "
        f"{shapes.get('new', 0)} new, {shapes.get('old', 0)} old shapes and "
        f"{shapes.get('parts', 0)} parts of divided units; {data['size_bytes'] / 1e6:.1f} MB."
    )
    if data["absent"]:
        err.print(
            "Not in it yet (chưa có): "
            + ", ".join(data["absent"])
            + " (the page says so; run the commands that make them, then this one again)."
        )
    out.print(f"Open (mở): {Path(data['index']).resolve().as_uri()}")

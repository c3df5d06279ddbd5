"""`transition db`: the shared store (cơ sở dữ liệu dùng chung, PostgreSQL + PostGIS).

No ``--json`` here on purpose: the registry test runs every ``--json`` command without a database.
"""

from __future__ import annotations

from pathlib import Path

import typer

from .. import actions
from .common import out

app = typer.Typer(
    help="The shared store (cơ sở dữ liệu dùng chung): PostgreSQL + PostGIS for many officials at once.",
    no_args_is_help=True,
)

DatabaseOption = typer.Option(
    None,
    "--database",
    help="PostgreSQL URL, e.g. postgresql://user@127.0.0.1:5432/transition "
    "(default: $DATABASE_URL).",
)


@app.command("init")
def init(database: str = DatabaseOption):
    """Create or upgrade the store's tables (khởi tạo cơ sở dữ liệu); safe to run again."""
    r = actions.db_init(database)
    applied = ", ".join(r.applied) if r.applied else "nothing: already up to date (đã cập nhật)"
    out.print(f"{r.database}: schema version {r.version}; applied {applied}")
    out.print(
        "PostGIS: có (geometry in PostGIS)"
        if r.postgis
        else "PostGIS: không (geometry kept as WKB; install postgresql-15-postgis-3 and rerun)"
    )


@app.command("push")
def push(
    workspace: Path = typer.Argument(..., help="Workspace folder (thư mục làm việc)."),
    database: str = DatabaseOption,
):
    """Load a workspace into the store (đưa lên): plan, units with geometry, crosswalk, the
    readiness reports as events (exactly once: rows already stored add nothing), the handover
    register as minutes and signing marks."""
    r = actions.db_push(workspace, database)
    rep = r.reports
    out.print(
        f"{r.files} files, {r.units} units, {r.crosswalk} crosswalk rows; reports: "
        f"{rep.get('accepted', 0)} stored (đã lưu), {rep.get('duplicate', 0)} already in the store "
        f"(trùng, không lưu lại), {r.refused} refused (bị từ chối)"
    )
    out.print(f"handover: {r.minutes} minutes, {r.marks.get('accepted', 0)} new signing marks")
    for p in r.problems:
        if p.severity == "error":
            out.print(f"  refused {p.file} row {p.row}, column {p.column}: {p.message} — {p.fix}")


@app.command("pull")
def pull(
    workspace: Path = typer.Argument(..., help="Workspace folder to write (thư mục làm việc)."),
    database: str = DatabaseOption,
):
    """Write the store back into a workspace (tải về): its files, the reports as
    inputs/readiness/store_reports.csv and the handover register from the signing marks."""
    r = actions.db_pull(workspace, database)
    out.print(
        f"{len(r.written)} files written, {r.reports} report rows, {r.minutes} minutes; "
        f"{len(r.removed)} pushed report files replaced by store_reports.csv"
    )
    for rel in r.kept_unpushed:
        out.print(f"  {rel} changed since it was pushed: its rows are not in the store (push it)")


def serve(
    database: str = DatabaseOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", envvar="PORT", help="Port (PORT)."),
):
    """Serve the web intake (tiếp nhận báo cáo qua mạng): the unit's daily-report page at
    /bao-cao (works offline, sends when back online), and the JSON API: POST /api/login,
    POST /api/reports, GET /api/rollup. Needs TRANSITION_SECRET or TRANSITION_SECRET_FILE (kept
    outside the repository)."""
    import uvicorn

    from ..store.connect import database_url
    from ..web.app import create_app

    uvicorn.run(create_app(database_url(database)), host=host, port=port, workers=1)

"""``db push`` (a workspace into the store) and ``db pull`` (the store back into a workspace).

What is stored how:

- the workspace's own files (``workspace.json``, ``plan/``, ``inputs/`` except the readiness
  reports, ``mappings/``, ``templates/``) verbatim in ``workspace_files`` (path, SHA-256, bytes), so
  a pull gives back the exact bytes the plan was computed from; the plan is ALSO loaded into
  ``units`` (with geometry: PostGIS ``geom`` when installed, always the exact ``geom_wkb``) and
  ``crosswalk`` for queries. ``results/``, ``dashboard/`` and generated ``documents/`` are not
  stored (they are regenerated from the above), except the results the readiness derived items
  read (:data:`DERIVED_INPUTS`: the check's problems and the assignment's lists), so that a
  roll-up computed on the store (the web intake's) knows which plans are checked, posts filled and
  dossiers placed, instead of counting every derived item open.
- the readiness reports (``inputs/readiness/*.csv|xlsx``) as report EVENTS, one per accepted row,
  each with its submission id (the row's ``submission_id`` column, else from the file's hash, sheet
  and row: :func:`~transition.store.events.row_id`); refused rows become refused audit rows.
- the handover register (``documents/handover_register.xlsx``) as ``minutes`` (the register's
  structure, replaced on each push) and MARK events for its signed rows.

Pull writes the files back, the reports as ``inputs/readiness/store_reports.csv`` (every event in
the order taken, with its submission id so a re-push adds nothing) in place of the report files
that were pushed unchanged, and the register from the minutes and their latest marks.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..io.atomic import write_bytes
from ..io.handover import REGISTER, read_register, write_register
from ..io.readiness import FORM_SHEET, REPORTS_DIR, read_report_files
from ..io.tables import write_csv
from ..io.workspace import Workspace
from ..problems import Problem
from ..readiness.reports import STATUS_VI
from . import events
from .schema import has_postgis

DERIVED_INPUTS = (
    "results/check.json",
    "results/assign/quota.csv",
    "results/assign/headquarters.csv",
    "results/assign/dossiers.csv",
    "results/assign/review.csv",
)  # what transition.io.readiness.read_sources reads
STORED_ROOTS = ("workspace.json", "plan", "inputs", "mappings", "templates", *DERIVED_INPUTS)
PULLED_REPORTS = f"{REPORTS_DIR}/store_reports.csv"
ID_HEADERS = ("submission_id", "ma gui", "mã gửi")


@dataclass
class PushResult:
    """What one push did: files stored, units and crosswalk rows, report rows accepted, duplicate
    (already in the store) and refused (with the problems), handover minutes and marks."""

    files: int = 0
    units: int = 0
    crosswalk: int = 0
    reports: dict[str, int] = field(default_factory=dict)
    refused: int = 0
    minutes: int = 0
    marks: dict[str, int] = field(default_factory=dict)
    postgis: bool = False
    problems: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "units": self.units,
            "crosswalk": self.crosswalk,
            "reports": self.reports | {"refused": self.refused},
            "minutes": self.minutes,
            "marks": self.marks,
            "postgis": self.postgis,
            "problems": [p.to_dict() for p in self.problems],
        }


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def workspace_files(root: Path) -> dict[str, bytes]:
    """The stored files of a workspace: workspace-relative POSIX path -> bytes (sorted)."""
    found: dict[str, bytes] = {}
    for top in STORED_ROOTS:
        base = root / top
        paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for p in paths:
            rel = p.relative_to(root).as_posix()
            if rel.startswith(REPORTS_DIR + "/") or p.name.startswith((".", "~$")):
                continue
            found[rel] = p.read_bytes()
    return found


def _push_files(conn, root: Path) -> int:
    files = workspace_files(root)
    conn.execute("DELETE FROM workspace_files WHERE NOT (path = ANY(%s))", (list(files),))
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO workspace_files (path, sha256, content) VALUES (%s, %s, %s) "
            "ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, content = excluded.content,"
            " pushed_at = now() WHERE workspace_files.sha256 <> excluded.sha256",
            [(k, _sha(v), v) for k, v in files.items()],
        )
    return len(files)


def _geometry_wkb(ws: Workspace) -> dict[tuple[str, str], bytes]:
    path = ws.path("geometry")
    if not path.exists():
        return {}
    import geopandas as gpd

    out = {}
    for era in ("old", "new"):
        frame = gpd.read_file(path, layer=f"{era}_units")
        if frame.crs is not None:
            frame = frame.to_crs(4326)
        for code, geom in zip(frame["code"].astype(str), frame.geometry, strict=True):
            if geom is not None and not geom.is_empty:
                out[(era, code)] = geom.wkb
    return out


def _push_plan(conn, ws: Workspace) -> tuple[int, int]:
    plan = ws.load_plan()
    geoms = _geometry_wkb(ws)
    rows = []
    for era, frame in (("old", plan.old_units), ("new", plan.new_units)):
        for r in frame.to_dict("records"):
            code = str(r["code"])
            rows.append(
                (
                    era,
                    code,
                    str(r.get("name", "")),
                    str(r.get("level", "")),
                    str(r.get("district_code", "") or ""),
                    str(r.get("province_code", "")),
                    geoms.get((era, code)),
                )
            )
    conn.execute("DELETE FROM units")
    conn.execute("DELETE FROM crosswalk")
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO units (era, code, name, level, parent_code, province, geom_wkb)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
        cw = plan.crosswalk
        cur.executemany(
            "INSERT INTO crosswalk (old_code, new_code, part) VALUES (%s, %s, %s)"
            " ON CONFLICT DO NOTHING",
            [
                (str(o), str(n), str(p))
                for o, n, p in zip(cw["old_code"], cw["new_code"], cw["part"], strict=True)
            ],
        )
    if has_postgis(conn):
        conn.execute(
            "UPDATE units SET geom = ST_SetSRID(ST_GeomFromWKB(geom_wkb), 4326)"
            " WHERE geom_wkb IS NOT NULL"
        )
    return len(rows), len(plan.crosswalk)


def _id_column(frame: pd.DataFrame) -> str | None:
    from ..text import fold

    for c in frame.columns:
        if fold(str(c)).replace(" ", "_") in ("submission_id", "ma_gui"):
            return str(c)
    return None


def report_rows(ws: Workspace) -> tuple[pd.DataFrame, list[Problem], dict[str, str]]:
    """The workspace's report files as rows for :func:`events.store_reports` (in the order
    ``transition readiness`` reads them), the problems of the refused rows, and file -> SHA-256."""
    from ..profiles import load_profile
    from ..profiles.readiness import Readiness
    from ..profiles.rules import Timeline
    from ..readiness.reports import parse_reports

    files = read_report_files(ws)
    shas = {rf.file: _sha((ws.root / rf.file).read_bytes()) for rf in files}
    if not files:
        return pd.DataFrame(columns=events.REPORT_FIELDS), [], shas
    plan = ws.load_plan()
    profile = load_profile(Readiness, "readiness.toml", ws.root)
    timeline = load_profile(Timeline, "timeline.toml", ws.root)
    names = dict(zip(plan.new_communes["code"], plan.new_communes["name"], strict=True))
    parsed, problems = parse_reports(
        files, profile, names, (timeline.trial_start, timeline.trial_end)
    )
    by_file = {rf.file: rf for rf in files}
    rows = []
    for e in parsed.to_dict("records"):
        rf = by_file[e["file"]]
        idcol = _id_column(rf.frame)
        given = ""
        if idcol is not None:
            given = str(rf.frame[idcol].iloc[int(e["row"]) - rf.first_row]).strip()
        sheet = FORM_SHEET if rf.unit else ""
        sub = e["submitted"]
        rows.append(
            {
                "submission_id": given or events.row_id(shas[rf.file], sheet, int(e["row"])),
                "unit_code": e["unit_code"],
                "item": e["item"],
                "report_date": e["date"].date(),
                "status": e["status"],
                "note": e["note"],
                "evidence": e["evidence"],
                "reporter": e["reporter"],
                "submitted_at": None if pd.isna(sub) else sub.to_pydatetime(),
                "source": e["file"],
                "source_row": int(e["row"]),
            }
        )
    return pd.DataFrame(rows, columns=events.REPORT_FIELDS), problems, shas


def register_marks(register: pd.DataFrame) -> pd.DataFrame:
    """The signed rows of the register as mark events (:data:`events.MARK_FIELDS`)."""
    signed = register[register["signed_date"].astype(str).str.strip() != ""]
    rows = [
        {
            "submission_id": events.mark_id(
                r["number"], r["signed_date"], r["signed_by"], r["content_hash"]
            ),
            "number": r["number"],
            "signed_date": r["signed_date"],
            "signed_by": r["signed_by"],
            "content_hash": r["content_hash"],
        }
        for r in signed.to_dict("records")
    ]
    return pd.DataFrame(rows, columns=events.MARK_FIELDS)


def _push_register(conn, ws: Workspace, account: str) -> tuple[int, dict[str, int]]:
    register = read_register(ws.root)
    if not (ws.root / REGISTER).exists():
        return 0, events._outcomes([])
    conn.execute("DELETE FROM minutes")
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO minutes (number, position, kind, old_codes, new_codes, path,"
            " content_hash, note) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    r["number"],
                    k,
                    r["kind"],
                    r["old_codes"],
                    r["new_codes"],
                    r["path"],
                    r["content_hash"],
                    r["note"],
                )
                for k, r in enumerate(register.to_dict("records"))
            ],
        )
    marks = events.store_marks(conn, register_marks(register), account, "push handover mark")
    return len(register), marks


def push(conn, path: str | Path, account: str = "push") -> PushResult:
    """Load the workspace at ``path`` into the store in ONE transaction (nothing is written when
    anything fails). Report rows and marks already in the store are counted as duplicates and add
    nothing; refused rows are audited and listed in ``problems``."""
    ws = Workspace.at(path)
    result = PushResult()
    with conn.transaction():
        result.files = _push_files(conn, ws.root)
        result.units, result.crosswalk = _push_plan(conn, ws)
        rows, problems, shas = report_rows(ws)
        result.reports = events.store_reports(conn, rows, account, "push report")
        result.refused = events.refuse(conn, problems, account, "push report")
        result.problems = problems
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO report_files (path, sha256) VALUES (%s, %s) ON CONFLICT (path)"
                " DO UPDATE SET sha256 = excluded.sha256",
                list(shas.items()),
            )
        result.minutes, result.marks = _push_register(conn, ws, account)
        result.postgis = has_postgis(conn)
    return result


@dataclass
class PullResult:
    """What one pull wrote (workspace-relative paths), and report files kept because they changed
    since they were pushed (their rows are not in the store: push them)."""

    written: list[str]
    removed: list[str]
    kept_unpushed: list[str]
    reports: int
    minutes: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "written": self.written,
            "removed": self.removed,
            "kept_unpushed": self.kept_unpushed,
            "reports": self.reports,
            "minutes": self.minutes,
        }


def reports_frame(found: pd.DataFrame) -> pd.DataFrame:
    """Report events as the rows of ``store_reports.csv`` (read back by ``transition readiness``)."""
    return pd.DataFrame(
        {
            "submission_id": found["submission_id"],
            "ngày": [d.strftime("%d/%m/%Y") for d in found["report_date"]],
            "mã đơn vị": found["unit_code"],
            "mục": found["item"],
            "trạng thái": [STATUS_VI[s] for s in found["status"]],
            "ghi chú": found["note"],
            "minh chứng": found["evidence"],
            "người báo cáo": found["reporter"],
            "thời điểm gửi": [
                "" if t is None or pd.isna(t) else t.strftime("%Y-%m-%d %H:%M")
                for t in found["submitted_at"]
            ],
            "nhận lúc": [t.isoformat(timespec="seconds") for t in found["received_at"]],
        }
    )


def pull(conn, path: str | Path) -> PullResult:
    """Write the store back into the workspace at ``path`` (created when absent): the stored files
    (only those whose bytes differ), the reports and the handover register (see the module doc)."""
    root = Path(path)
    written, removed, kept = [], [], []
    with conn.transaction():
        for rel, content in conn.execute(
            "SELECT path, content FROM workspace_files ORDER BY path"
        ).fetchall():
            target = root / rel
            if not target.exists() or target.read_bytes() != bytes(content):
                write_bytes(target, bytes(content))
                written.append(rel)
        pushed = dict(conn.execute("SELECT path, sha256 FROM report_files").fetchall())
        found = events.report_events(conn)
        register = events.register_rows(conn)
    folder = root / REPORTS_DIR
    for p in sorted(folder.glob("*")) if folder.is_dir() else []:
        rel = f"{REPORTS_DIR}/{p.name}"
        if rel == PULLED_REPORTS or not p.is_file():
            continue
        if pushed.get(rel) == _sha(p.read_bytes()):
            p.unlink()
            removed.append(rel)
        elif p.suffix.lower() in (".csv", ".xlsx"):
            kept.append(rel)
    if len(found):
        write_csv(root / PULLED_REPORTS, reports_frame(found))
        written.append(PULLED_REPORTS)
    if register:
        from ..io.handover import REGISTER_COLUMNS

        write_register(root, pd.DataFrame(register, columns=REGISTER_COLUMNS))
        written.append(REGISTER)
    return PullResult(written, removed, kept, len(found), len(register))

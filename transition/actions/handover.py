"""`transition handover`: the handover documents of a workspace, the register of signatures, its
status, marking a minute signed, and checking the templates.

Writes under ``WORKSPACE/documents/``: ``bien-ban/`` (minutes and joint minutes, DOCX, annexes
inside), ``phu-luc/`` (the annexes of each minute as XLSX), ``tiep-nhan/`` (a receiving summary per
new unit), ``tong-hop-huyen/`` (a dissolution summary per old district), ``pdf/`` (with ``--pdf``),
``handover_register.xlsx`` and ``documents.json`` (the index printed by ``--json``).
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..documents import KINDS, build_documents
from ..documents.annexes import ORDER
from ..documents.tracker import (
    CHANGED,
    district_status,
    mark_signed,
    merge_register,
    read_handover_register,
)
from ..io.handover import (
    REGISTER,
    REGISTER_COLUMNS,
    clear_folders,
    content_hash,
    read_document,
    write_document,
    write_register,
)
from ..io.workspace import Workspace
from ..profiles import load_profile
from ..profiles.documents import document_layout
from ..profiles.handover import handover_profile
from ..profiles.rules import Timeline
from ..reassign import reassign
from ..registers.loading import load_registers
from ..registers.overrides import read_overrides
from ..render.docx import render_docx
from ..render.docx_check import check_templates
from ..render.xlsx import annex_workbook
from .common import Progress, say

FOLDERS = ["bien-ban", "phu-luc", "tiep-nhan", "tong-hop-huyen", "pdf"]
SHEET_KIND = {
    "staff": "staff",
    "assets": "assets",
    "dossiers": "dossiers",
    "archives": "archive_fonds",
    "finance": "finance_account",
    "seals": "seal",
    "accounts": "it_account",
}


@dataclass(frozen=True)
class HandoverResult:
    """The documents written (workspace-relative paths) with their counts."""

    workspace: Path
    documents: list[dict[str, Any]]
    changed_since_signed: list[str]
    pdf: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """``{"documents": [{"kind", "number", "path", "xlsx", "old_codes", "new_codes", "counts",
        "review"}], "totals": {kind: n, ..., "staff": n, ...}, "register", "changed_since_signed",
        "pdf"}``; ``counts`` are the items handed over in the document, ``review`` how many items in
        review it lists."""
        totals: dict[str, int] = dict.fromkeys(KINDS, 0)
        for d in self.documents:
            totals[d["kind"]] += 1
        for k in ("staff", "assets", "dossiers", "records"):
            totals[k] = sum(d["counts"][k] for d in self.documents if d["kind"].endswith("minute"))
        return {
            "workspace": str(self.workspace),
            "documents": self.documents,
            "totals": totals,
            "register": REGISTER,
            "changed_since_signed": self.changed_since_signed,
            "pdf": self.pdf,
        }


def _reassigned(ws: Workspace, cutover: str | None):
    plan = ws.load_plan()
    registers = load_registers(ws, plan, None)
    overrides = read_overrides(ws.path("overrides"), plan)
    result = reassign(
        plan, ws.load_geometry(), registers, overrides=overrides, cutover=cutover, workspace=ws.root
    )
    return plan, result


def _sheets(annexes: list[dict[str, Any]], labels: Any) -> list[dict[str, Any]]:
    out = []
    for i, a in enumerate(annexes, start=1):
        kind = getattr(labels.kinds, SHEET_KIND.get(a["key"], a["key"]), a["key"])
        out.append(a | {"sheet": f"{labels.annex_label.format(numeral=_roman(i))} {kind}"})
    return out


def _roman(i: int) -> str:
    from ..documents.words import roman

    return roman(i)


_JOB: dict[str, Any] = {}


def _write_one(k: int) -> tuple[int, str]:
    """Render and write document ``k`` of the current job; its content hash."""
    job = _JOB
    d = job["docs"][k]
    data = render_docx(d["template"], d["context"], workspace=job["root"], layout=job["layout"])
    if not job["write"]:  # rendered for its content hash only
        return k, content_hash(data)
    write_document(job["root"], d["path"], data)
    if d["xlsx"] and d["annexes"]:
        write_document(job["root"], d["xlsx"], annex_workbook(_sheets(d["annexes"], job["labels"])))
    return k, content_hash(data)


def write_documents(
    ws: Workspace,
    docs: list[dict[str, Any]],
    labels: Any,
    progress: Progress | None = None,
    workers: int | None = None,
    write: bool = True,
) -> list[dict[str, Any]]:
    """Render and write every document (``workers`` processes, default one per core, when there
    are many); the register rows of the minutes, with the content hash of each DOCX. With
    ``write=False`` the documents are rendered (for their hashes) and nothing is written."""
    _JOB.update(
        docs=docs, root=ws.root, layout=document_layout(ws.root), labels=labels, write=write
    )
    if write:
        clear_folders(ws.root, FOLDERS)
    workers = workers or min(4, os.cpu_count() or 1)
    hashes: dict[int, str] = {}
    try:
        if workers > 1 and len(docs) > 20 and "fork" in mp.get_all_start_methods():
            # fork: the workers inherit the documents; only their numbers travel
            with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
                for k, h in pool.map(_write_one, range(len(docs)), chunksize=8):
                    hashes[k] = h
                    if (k + 1) % 50 == 0:
                        say(progress, f"{k + 1}/{len(docs)} documents")
        else:
            for k in range(len(docs)):
                hashes[k] = _write_one(k)[1]
    finally:
        _JOB.clear()
    return [
        {
            "number": str(d["number"]),
            "kind": d["kind"],
            "old_codes": ";".join(d["old_codes"]),
            "new_codes": ";".join(d["new_codes"]),
            "path": f"documents/{d['path']}",
            "content_hash": hashes[k],
            "signed_date": "",
            "signed_by": "",
            "note": "",
        }
        for k, d in enumerate(docs)
        if d["kind"] in ("minute", "joint_minute")
    ]


def handover_workspace(
    path: str | Path,
    *,
    lang: str = "vi",
    show_personal: bool = False,
    cutover: str | None = None,
    pdf: bool = False,
    pdf_timeout: float = 900,
    write: bool = True,
    progress: Progress | None = None,
) -> HandoverResult:
    """Reassign the workspace's registers and write every handover document (see the module doc).

    Raises what :func:`transition.actions.assign_workspace` raises, :class:`TemplateError` when a
    department's template lacks a key, and :class:`PdfError` with ``pdf`` when LibreOffice is
    missing (saying how to install it) or fails. With ``write=False`` nothing is written (the
    result lists what would be)."""
    ws = Workspace.at(path)
    if cutover is None:
        cutover = load_profile(Timeline, "timeline.toml", ws.root).cutover.isoformat()
    say(progress, "reassigning")
    plan, result = _reassigned(ws, cutover)
    profile = handover_profile(ws.root)
    say(progress, "building the documents")
    docs = build_documents(
        plan, result.items, profile, cutover=cutover, lang=lang, show_personal=show_personal
    )
    say(progress, "writing the documents")
    rows = write_documents(ws, docs, profile.labels(lang), progress, write=write)
    old = read_handover_register(ws.root)
    register = merge_register(old, pd.DataFrame(rows, columns=REGISTER_COLUMNS))
    if write:
        write_register(ws.root, register)
    changed = register.loc[register["note"].str.contains(CHANGED, regex=False), "number"].tolist()
    index = [
        {k: d[k] for k in ("kind", "number", "old_codes", "new_codes", "counts")}
        | {
            "path": f"documents/{d['path']}",
            "xlsx": f"documents/{d['xlsx']}" if d["xlsx"] and d["annexes"] else None,
            "review": len(d["review"]),
        }
        for d in docs
    ]
    if write:
        text = json.dumps(index, ensure_ascii=False, indent=1) + "\n"
        write_document(ws.root, "documents.json", text.encode())
    pdfs: list[str] = []
    if pdf and write:
        from ..render.pdf import convert_to_pdf

        say(progress, "converting to PDF (LibreOffice)")
        files = [ws.root / "documents" / d["path"] for d in docs]
        made = convert_to_pdf(files, ws.root / "documents" / "pdf", timeout=pdf_timeout, workers=2)
        pdfs = [str(p.relative_to(ws.root.resolve())) for p in made]
    return HandoverResult(ws.root, index, changed, pdfs)


@dataclass(frozen=True)
class StatusResult:
    """Minutes generated, signed and outstanding per new unit and per old district."""

    new_units: pd.DataFrame
    districts: pd.DataFrame
    names: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        """``{"new_units": [{"new_code", "name", "generated", "signed", "outstanding",
        "changed_since_signed"}], "districts": [{"old_code", "name", ...}], "totals": {...}}``."""

        def rows(frame: pd.DataFrame, key: str) -> list[dict[str, Any]]:
            return [r | {"name": self.names.get(r[key], r[key])} for r in frame.to_dict("records")]

        nu = self.new_units
        return {
            "new_units": rows(nu, "new_code"),
            "districts": rows(self.districts, "old_code"),
            "totals": {
                "units": int(len(nu)),
                "units_all_signed": int((nu["outstanding"] == 0).sum()) if len(nu) else 0,
                "changed_since_signed": int(nu["changed_since_signed"].sum()) if len(nu) else 0,
            },
        }


def handover_status_of(path: str | Path) -> StatusResult:
    """Status of the handover register of the workspace (empty when none was generated)."""
    from ..documents.tracker import _status

    ws = Workspace.at(path)
    plan = ws.load_plan()
    register = read_handover_register(ws.root)
    units = plan.old_units
    district_of = dict(zip(units["code"], units["district_code"], strict=True))
    names = {**plan.old_names, **plan.new_names}
    return StatusResult(
        _status(register, "new_codes", "new_code"), district_status(register, district_of), names
    )


@dataclass(frozen=True)
class MarkResult:
    """The register row of the minute marked signed."""

    row: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        """The row: ``number, kind, old_codes, new_codes, path, content_hash, signed_date, ...``."""
        return dict(self.row)


def mark_minute(path: str | Path, number: str, signed: str, by: str) -> MarkResult:
    """Mark minute ``number`` signed on ``signed`` (30/06/2025 or 2025-06-30) by ``by``. Raises
    :class:`~transition.documents.tracker.UnknownMinute` for a number not in the register."""
    from ..documents.tracker import find_minute

    ws = Workspace.at(path)
    register = read_handover_register(ws.root)
    i = find_minute(register, number)
    data = read_document(ws.root, register.loc[i, "path"]) or b""
    register = mark_signed(register, number, signed, by, content_hash(data) if data else "")
    write_register(ws.root, register)
    return MarkResult({k: str(v) for k, v in register.loc[i].to_dict().items()})


@dataclass(frozen=True)
class TemplateCheckResult:
    """Problems of each template (none: the templates are fine)."""

    problems: dict[str, list]

    @property
    def ok(self) -> bool:
        return not any(self.problems.values())

    def to_dict(self) -> dict[str, Any]:
        """``{"ok": bool, "templates": {file: [problem dicts]}}``."""
        return {
            "ok": self.ok,
            "templates": {k: [p.to_dict() for p in v] for k, v in self.problems.items()},
        }


def check_handover_templates(workspace: str | Path | None = None) -> TemplateCheckResult:
    """Check the templates the handover renders (the workspace's own copies when it has them)."""
    return TemplateCheckResult(check_templates(workspace))


__all__ = [
    "ORDER",
    "HandoverResult",
    "MarkResult",
    "StatusResult",
    "TemplateCheckResult",
    "check_handover_templates",
    "handover_status_of",
    "handover_workspace",
    "mark_minute",
]

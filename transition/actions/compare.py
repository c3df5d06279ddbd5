"""`transition compare`: a plan against another plan or a published crosswalk, edge by edge, each
disagreement judged by the resolution's clause."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputFileError, WorkspaceError
from ..io.tables import write_xlsx
from ..io.workspace import Workspace, read_crosswalk
from ..model import Plan
from ..model.compare import (
    SILENT,
    SUPPORTS_PLAN,
    SUPPORTS_SOURCE,
    VERDICTS,
    ClauseWords,
    NewUnitClause,
    compare_crosswalks,
    judge_against_text,
    name_key,
)
from ..model.crosswalk import normalise_crosswalk
from ..sources.crosswalks import EDGE_COLUMNS, source_edges
from ..sources.resolution_text import parse_clause

HEADERS_VI = {
    "old_code": "Mã đơn vị cũ",
    "old_name": "Tên đơn vị cũ",
    "new_code": "Mã đơn vị mới",
    "new_name": "Tên đơn vị mới",
    "kind": "Loại khác biệt",
    "in_plan": "Có trong phương án",
    "in_source": "Có trong nguồn",
    "plan_part": "Phần (phương án)",
    "source_part": "Phần (nguồn)",
    "plan_pop_share": "Tỷ lệ dân số (phương án)",
    "source_pop_share": "Tỷ lệ dân số (nguồn)",
    "clause": "Căn cứ (khoản)",
    "clause_text": "Nội dung khoản",
    "verdict": "Kết luận",
    "reason": "Lý do",
    "source_note": "Ghi chú của nguồn",
    "source_row": "Dòng trong nguồn",
}
VERDICTS_VI = {
    SUPPORTS_PLAN: "văn bản ủng hộ phương án",
    SUPPORTS_SOURCE: "văn bản ủng hộ nguồn",
    SILENT: "văn bản không xác định",
}
KINDS_VI = {"edge": "quan hệ chỉ có ở một bên", "part": "khác phần", "share": "khác tỷ lệ dân số"}


@dataclass(frozen=True)
class CompareResult:
    """``{"source", "format", "same", "only_in_a", "only_in_b", "different", "disagreements",
    "verdicts"}``; see :func:`compare_crosswalks` and :func:`judge_against_text`."""

    data: dict[str, Any]

    @property
    def differs(self) -> bool:
        d = self.data
        unclear = any(d.get("part_not_understood", {}).values())
        return bool(
            d["only_in_a"] or d["only_in_b"] or d["different"] or d["disagreements"] or unclear
        )

    def to_dict(self) -> dict[str, Any]:
        return self.data


def load_crosswalk(path: str | Path) -> pd.DataFrame:
    """A crosswalk from a workspace folder or a CSV/XLSX file."""
    p = Path(path)
    if p.is_dir():
        return Workspace.at(p).load_plan().crosswalk
    if p.suffix.lower() in (".csv", ".xlsx", ".xlsm"):
        return normalise_crosswalk(read_crosswalk(p))
    raise WorkspaceError(
        f"{p} is neither a workspace folder, a crosswalk CSV/XLSX file, nor a published crosswalk "
        "(.json: the statistics office's conversion table or dvhcvn's merges.json)"
    )


def _clauses(edges: pd.DataFrame) -> dict[str, NewUnitClause]:
    """New code -> the clause the plan cites for it, with the old units its words name."""
    out = {}
    cited = edges[edges["basis_text"] != ""].sort_values(["new_code", "old_code"])
    for new, group in cited.groupby("new_code", sort=True):
        first = group.iloc[0]
        m = re.search(r"(\d+)\s*$", str(first["basis_clause"]))
        clause = parse_clause(int(m.group(1)) if m else 0, str(first["basis_text"]))
        names = [
            ClauseWords(name_key(c.name.name), c.part, c.pop_share, c.area_share)
            for c in clause.components
        ]
        names += [ClauseWords(name_key(n.name), "whole") for n in clause.unchanged]
        citation = ", ".join(x for x in (first["basis_document"], first["basis_clause"]) if x)
        out[str(new)] = NewUnitClause(citation, str(first["basis_text"]), tuple(names))
    return out


def _edges_of_plan_file(cw: pd.DataFrame) -> pd.DataFrame:
    c = cw[cw["level"] == "commune"]
    out = c.assign(note="", row=range(1, len(c) + 1))
    out["pop_share"] = out["pop_share"].where(~out["pop_share_estimated"].astype(bool))
    out["area_share"] = out["area_share"].where(~out["area_share_estimated"].astype(bool))
    return out[EDGE_COLUMNS]


def _read_source(path: Path, fmt: str) -> tuple[pd.DataFrame, str, pd.DataFrame | None]:
    """(edges, format, crosswalk) of a source file: a published JSON, or a plan."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputFileError(path, f"cannot be read as JSON ({exc})") from exc
        try:
            edges, found = source_edges(data, fmt)
        except ValueError as exc:
            raise InputFileError(path, str(exc)) from exc
        return edges, found, None
    cw = load_crosswalk(path)
    return _edges_of_plan_file(cw), "crosswalk", cw


def _safe(v):
    """Text that a spreadsheet would take for a formula is written as text."""
    return "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v


def compare(
    a: str | Path, b: str | Path, *, out: str | Path | None = None, fmt: str = ""
) -> CompareResult:
    """Compare the plan of ``a`` (a workspace, or a crosswalk file) with ``b``: another plan, or a
    published crosswalk (``fmt`` ``gso`` / ``dvhcvn``, detected when empty) restricted to the plan's
    provinces. Every disagreement gets the clause the plan cites for the new unit and a verdict (see
    :func:`judge_against_text`). ``out`` writes the disagreements as XLSX with Vietnamese headers.
    Raises :class:`InputFileError` for a source that cannot be read, :class:`WorkspaceError` for a
    plan that is neither a workspace nor a crosswalk file."""
    pa = Path(a)
    plan = Workspace.at(pa).load_plan() if pa.is_dir() else None
    cw_a = plan.crosswalk if plan is not None else load_crosswalk(pa)
    edges_b, found, cw_b = _read_source(Path(b), fmt)
    judged = judge_plan(cw_a, edges_b, plan)
    data: dict[str, Any] = {"source": str(b), "format": found}
    if cw_b is not None:
        data |= compare_crosswalks(cw_a, cw_b)
    else:
        data |= {"same": None, "only_in_a": [], "only_in_b": [], "different": []}
    data["verdicts"] = {v: int((judged["verdict"] == v).sum()) for v in VERDICTS}
    data["disagreements"] = [
        {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in r.items()}
        for r in judged.to_dict("records")
    ]
    if out is not None:
        write_xlsx(out, {"So sánh": _sheet(judged)})
        data["out"] = str(out)
    return CompareResult(data)


def judge_plan(
    crosswalk: pd.DataFrame, source: pd.DataFrame, plan: Plan | None = None
) -> pd.DataFrame:
    """The disagreements of a plan's crosswalk with a source's edges (columns of
    :data:`~transition.sources.crosswalks.EDGE_COLUMNS`), the source restricted to the plan's units,
    each judged by the clause the plan cites (see :func:`judge_against_text`). ``plan`` gives the
    registers' names and new units, when there is one."""
    plan_edges = crosswalk[crosswalk["level"] == "commune"]
    old_names = (
        dict(zip(plan.old_units["code"], plan.old_units["name"], strict=True))
        if plan is not None
        else dict(zip(plan_edges["old_code"], plan_edges["old_name"], strict=True))
    )
    new_codes = set(plan.new_communes["code"]) if plan is not None else set(plan_edges["new_code"])
    mine = source["new_code"].isin(new_codes) | source["old_code"].isin(set(plan_edges["old_code"]))
    return judge_against_text(plan_edges, source[mine], _clauses(plan_edges), old_names)


def _sheet(judged: pd.DataFrame) -> pd.DataFrame:
    t = judged.copy()
    for col in ("in_plan", "in_source"):
        t[col] = t[col].map({True: "có", False: "không"})
    t["verdict"] = t["verdict"].map(VERDICTS_VI)
    t["kind"] = t["kind"].map(KINDS_VI)
    t = t.map(_safe)
    return t.rename(columns=HEADERS_VI)

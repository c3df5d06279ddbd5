"""The rule chain, one deterministic decision per item, each recorded with the rule that made it:

1. ``override``: the department's decision in the overrides file, with its reference;
2. ``whole-successor``: the holder is an old commune that went whole to one new unit;
3. ``location``: the item has a location, inside one of the new units that succeed its holder
   (assets and dossiers of divided communes follow where they are; dossiers follow the applicant);
   ``competence`` / ``destination``: a district body's dossiers and records go where the competence
   table and the records table say;
4. ``staffing``: staff of a divided commune or a district body (see :mod:`staffing`);
5. ``review``: everything else, with the reason and the candidate units.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .context import PlanContext
from .people import RULE as PEOPLE_RULE
from .people import by_people

ASSIGNMENT_COLUMNS = ["new_code", "new_name", "new_level", "rule", "reason", "candidates"]
REVIEW = "review"


def _empty(n: int) -> dict[str, np.ndarray]:
    return {c: np.full(n, "", dtype=object) for c in ASSIGNMENT_COLUMNS}


def apply_chain(
    items: pd.DataFrame,
    kind: str,
    ctx: PlanContext,
    overrides: pd.DataFrame,
    competence: dict | None = None,
    destinations: dict | None = None,
) -> pd.DataFrame:
    """A copy of ``items`` with the assignment columns filled by rules 1-3 and 5; staff that rule 4
    must place are left with ``rule == "staffing"`` and no new unit yet.

    Returns the items in their own order; the input is not changed. Work is done per distinct holder
    and mapped onto the items, so a million dossiers take seconds.
    """
    n = len(items)
    out = _empty(n)
    holder_s = items["holder"].astype(str).reset_index(drop=True)
    holders = holder_s.to_numpy(dtype=object)
    ids = items["id"].to_numpy(dtype=object)
    uniq = holder_s.unique()
    cands = holder_s.map({h: ";".join(ctx.candidates(h)) for h in uniq}).to_numpy(dtype=object)
    out["candidates"] = cands
    province = (
        holder_s.map({h: ctx.province_of_holder(h) for h in uniq}).fillna("").to_numpy(dtype=object)
    )
    is_district = holder_s.isin(ctx.district_holders).to_numpy()
    done = np.zeros(n, dtype=bool)

    def put(mask, code, level, rule, reason):
        mask = mask & ~done
        out["new_code"][mask] = code[mask] if isinstance(code, np.ndarray) else code
        out["new_level"][mask] = level
        out["rule"][mask] = rule
        out["reason"][mask] = reason[mask] if isinstance(reason, np.ndarray) else reason
        done[mask] = True

    # 1. overrides
    mine = overrides[overrides["class"] == kind] if len(overrides) else overrides
    if len(mine):
        table = dict(
            zip(mine["id"], zip(mine["new_code"], mine["reference"], strict=True), strict=True)
        )
        hit = np.array([i in table for i in ids], dtype=bool)
        code = np.array([table[i][0] if i in table else "" for i in ids], dtype=object)
        ref = np.array(
            [f"Quyết định của Sở: {table[i][1]}" if i in table else "" for i in ids], dtype=object
        )
        level = np.where([ctx.new_province.get(c) == c for c in code], "province", "commune")
        for lv in ("province", "commune"):
            put(hit & (level == lv), code, lv, "override", ref)

    # 2. the holder went whole to one new unit
    whole = holder_s.map({h: ctx.whole.get(h, "") for h in uniq}).to_numpy(dtype=object)
    put(
        whole != "", whole, "commune", "whole-successor", "Đơn vị cũ sắp xếp toàn bộ vào đơn vị mới"
    )

    # 3a. district bodies' dossiers and records: the competence and destination tables
    if kind == "dossiers" and competence is not None:
        pairs = items["procedure_code"].astype(str) + "|" + items["field"].astype(str)
        levels = {p: competence_level(competence, *p.split("|", 1)) for p in pairs.unique()}
        level = pairs.map(levels).to_numpy(dtype=object)
        put(
            is_district & (level == "province"),
            province,
            "province",
            "competence",
            "Thủ tục cấp huyện nay thuộc thẩm quyền cấp tỉnh (bảng thẩm quyền)",
        )
    if kind == "records" and destinations is not None:
        kinds = items["kind"].astype(str)
        dest = kinds.map({k: destinations.get(k, "") for k in kinds.unique()}).to_numpy(
            dtype=object
        )
        put(
            is_district & (dest == "province"),
            province,
            "province",
            "destination",
            "Hồ sơ, tài khoản của cơ quan cấp huyện chuyển về cấp tỉnh",
        )

    # 3b. by location, for items that have one
    if "lon" in items.columns:
        lon = items["lon"].to_numpy(dtype=float)
        lat = items["lat"].to_numpy(dtype=float)
        todo = ~done & ~(np.isnan(lon) | np.isnan(lat))
        found = np.full(n, "", dtype=object)
        if todo.any():
            found[todo] = ctx.locate(lon[todo], lat[todo])
        allowed = pd.MultiIndex.from_tuples(
            [(h, u) for h in uniq for u in ctx.candidates(h)] or [("", "")]
        )
        inside = pd.MultiIndex.from_arrays([holders, found]).isin(allowed) & (found != "")
        put(todo & inside, found, "commune", "location", "Theo vị trí: nằm trên địa bàn đơn vị mới")
        if kind == "dossiers":
            # after the reform a dossier may be handled anywhere in the province: follow the applicant
            found_province = np.array([ctx.new_province.get(f, "") for f in found], dtype=object)
            same_province = (found != "") & (found_province == province)
            put(
                todo & same_province,
                found,
                "commune",
                "location",
                "Theo nơi cư trú của người nộp hồ sơ (ngoài địa bàn đơn vị kế thừa)",
            )
        outside = todo & ~done & (found != "")
        out["reason"][outside] = np.array(
            [
                f"Vị trí nằm ở {ctx.new_names.get(f, f)}, không thuộc các đơn vị kế thừa"
                for f in found[outside]
            ],
            dtype=object,
        )

    # 3c. dossiers and records of a divided commune without a location follow its people
    code, why = by_people(holders, ids, ~done, kind, ctx)
    put(~done & (code != ""), code, "commune", PEOPLE_RULE, why)

    # 4. staff of divided communes and district bodies: the staffing flow decides
    if kind == "staff":
        flow = ~done & (cands != "")
        out["rule"][flow] = "staffing"
        done[flow] = True

    # 5. the rest: review, with the reason
    rest = ~done
    unknown = rest & (cands == "")
    out["reason"][unknown] = "Đơn vị giữ không có trong phương án, hoặc không có đơn vị kế thừa"
    divided = rest & ~unknown & (out["reason"] == "")
    out["reason"][divided] = np.where(
        is_district[divided],
        "Cơ quan cấp huyện: chưa có vị trí hay quy định để xác định đơn vị nhận",
        "Đơn vị cũ bị chia tách và không có vị trí để xác định phần nào",
    )
    out["rule"][rest] = REVIEW
    result = items.copy()
    for col in ASSIGNMENT_COLUMNS:
        result[col] = out[col]
    result["new_name"] = result["new_code"].map(ctx.new_names).fillna("").to_numpy(dtype=object)
    return result


def competence_level(table: dict, procedure_code: str, field: str) -> str:
    """``commune`` or ``province`` for a district-level procedure: by its code, else by its field,
    else ``commune`` (most district procedures went down to the new communes)."""
    return table["by_code"].get(procedure_code) or table["by_field"].get(field) or "commune"

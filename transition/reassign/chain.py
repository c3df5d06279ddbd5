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

ASSIGNMENT_COLUMNS = ["new_code", "new_name", "new_level", "rule", "reason", "candidates"]
REVIEW = "review"


def _empty(n: int) -> dict[str, np.ndarray]:
    return {c: np.full(n, "", dtype=object) for c in ASSIGNMENT_COLUMNS}


def apply_chain(items: pd.DataFrame, kind: str, ctx: PlanContext, overrides: pd.DataFrame,
                competence: dict | None = None, destinations: dict | None = None) -> pd.DataFrame:
    """A copy of ``items`` with the assignment columns filled by rules 1-3 and 5; staff that rule 4
    must place are left with ``rule == "staffing"`` and no new unit yet.

    Returns the items in their own order; the input is not changed.
    """
    n = len(items)
    out = _empty(n)
    holders = items["holder"].to_numpy(dtype=object)
    ids = items["id"].to_numpy(dtype=object)
    cands = np.array([";".join(ctx.candidates(h)) for h in holders], dtype=object)
    out["candidates"] = cands
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
        table = dict(zip(mine["id"], zip(mine["new_code"], mine["reference"], strict=True), strict=True))
        hit = np.array([i in table for i in ids])
        code = np.array([table[i][0] if i in table else "" for i in ids], dtype=object)
        ref = np.array([f"Quyết định của Sở: {table[i][1]}" if i in table else "" for i in ids], dtype=object)
        level = np.where([ctx.new_province.get(c) == c for c in code], "province", "commune")
        for lv in ("province", "commune"):
            put(hit & (level == lv), code, lv, "override", ref)

    # 2. the holder went whole to one new unit
    whole = np.array([ctx.whole.get(h, "") for h in holders], dtype=object)
    put(whole != "", whole, "commune", "whole-successor", "Đơn vị cũ sắp xếp toàn bộ vào đơn vị mới")

    is_district = np.array([h in ctx.district_holders for h in holders])
    # 3a. district bodies' dossiers and records: the competence and destination tables
    if kind == "dossiers" and competence is not None:
        level = np.array([competence_level(competence, c, f) for c, f in
                          zip(items["procedure_code"], items["field"], strict=True)], dtype=object)
        province = np.array([ctx.province_of_holder(h) if d else "" for h, d in zip(holders, is_district, strict=True)],
                            dtype=object)
        put(is_district & (level == "province"), province, "province", "competence",
            "Thủ tục cấp huyện nay thuộc thẩm quyền cấp tỉnh (bảng thẩm quyền)")
    if kind == "records" and destinations is not None:
        dest = np.array([destinations.get(k, "") for k in items["kind"]], dtype=object)
        province = np.array([ctx.province_of_holder(h) if d else "" for h, d in zip(holders, is_district, strict=True)],
                            dtype=object)
        put(is_district & (dest == "province"), province, "province", "destination",
            "Hồ sơ, tài khoản của cơ quan cấp huyện chuyển về cấp tỉnh")

    # 3b. by location, for items that have one
    if "lon" in items.columns:
        lon = items["lon"].to_numpy(dtype=float)
        lat = items["lat"].to_numpy(dtype=float)
        todo = ~done & ~(np.isnan(lon) | np.isnan(lat))
        found = np.full(n, "", dtype=object)
        if todo.any():
            found[todo] = ctx.locate(lon[todo], lat[todo])
        inside = np.array([f != "" and f in c.split(";") for f, c in zip(found, cands, strict=True)])
        put(todo & inside, found, "commune", "location", "Theo vị trí: nằm trên địa bàn đơn vị mới")
        if kind == "dossiers":
            # after the reform a dossier may be handled anywhere in the province: follow the applicant
            same_province = np.array([f != "" and ctx.new_province.get(f) == ctx.province_of_holder(h)
                                      for f, h in zip(found, holders, strict=True)])
            put(todo & same_province, found, "commune", "location",
                "Theo nơi cư trú của người nộp hồ sơ (ngoài địa bàn đơn vị kế thừa)")
        outside = todo & ~done & (found != "")
        out["reason"][outside] = np.array([f"Vị trí nằm ở {ctx.new_names.get(f, f)}, không thuộc các đơn vị kế thừa"
                                           for f in found[outside]], dtype=object)

    # 4. staff of divided communes and district bodies: the staffing flow decides
    if kind == "staff":
        flow = ~done & (cands != "")
        out["rule"][flow] = "staffing"
        done[flow] = True

    # 5. the rest: review, with the reason
    rest = ~done
    unknown = rest & (cands == "")
    out["reason"][unknown] = "Đơn vị giữ không có trong phương án (mã không đúng)"
    divided = rest & ~unknown & (out["reason"] == "")
    out["reason"][divided] = np.where(
        np.array([h in ctx.district_holders for h in holders[divided]]),
        "Cơ quan cấp huyện: chưa có vị trí hay quy định để xác định đơn vị nhận",
        "Đơn vị cũ bị chia tách và không có vị trí để xác định phần nào")
    out["rule"][rest] = REVIEW
    result = items.copy()
    for col in ASSIGNMENT_COLUMNS:
        result[col] = out[col]
    result["new_name"] = [ctx.new_names.get(c, "") for c in result["new_code"]]
    return result


def competence_level(table: dict, procedure_code: str, field: str) -> str:
    """``commune`` or ``province`` for a district-level procedure: by its code, else by its field,
    else ``commune`` (most district procedures went down to the new communes)."""
    return table["by_code"].get(procedure_code) or table["by_field"].get(field) or "commune"

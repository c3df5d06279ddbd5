"""The standards table (bảng tổng hợp tiêu chuẩn): every current unit against its standard.

Stages are pure: a facts frame (:mod:`transition.drafting.facts`) and a :class:`Standards` profile
in, a frame out. The criteria engine is :mod:`transition.checks.criteria`, shared with ``check``.
"""

from __future__ import annotations

import pandas as pd

from ..checks.criteria import FAIL, NONE, PASS, UNKNOWN, Requirement, describe, judge, requirements
from ..profiles.standards import Standards

YES, NO, UNSURE = "có", "không", "chưa rõ"

TABLE_COLUMNS = [
    "code",
    "name",
    "unit_type",
    "province_code",
    "province_name",
    "population",
    "area_km2",
    "region",
    "region_source",
    "min_population",
    "min_area_km2",
    "population_ratio",
    "area_ratio",
    "requirement",
    "why",
    "status",
    "verdicts",
    "must_arrange",
    "exemption",
    "facts_problem",
]

# Vietnamese headers of the XLSX annex.
HEADERS_VI = {
    "code": "Mã",
    "name": "Tên đơn vị",
    "unit_type": "Loại",
    "province_code": "Mã tỉnh",
    "province_name": "Tỉnh, thành phố",
    "population": "Quy mô dân số (người)",
    "area_km2": "Diện tích tự nhiên (km²)",
    "region": "Vùng",
    "region_source": "Nguồn xác định vùng",
    "min_population": "Tiêu chuẩn dân số (người)",
    "min_area_km2": "Tiêu chuẩn diện tích (km²)",
    "population_ratio": "Tỷ lệ dân số so với tiêu chuẩn",
    "area_ratio": "Tỷ lệ diện tích so với tiêu chuẩn",
    "requirement": "Tiêu chuẩn áp dụng",
    "why": "Căn cứ",
    "status": "Kết quả",
    "verdicts": "Kết quả theo từng vùng",
    "must_arrange": "Thuộc diện sắp xếp",
    "exemption": "Lý do không sắp xếp",
    "facts_problem": "Số liệu cần xác nhận",
}
STATUS_VI = {PASS: "đạt", FAIL: "không đạt", UNKNOWN: "chưa xác định", NONE: "không áp dụng"}


def _ratio(value, need):
    if need is None or value is None or pd.isna(value) or not need:
        return None
    return round(float(value) / float(need), 3)


def must_arrange(std: Standards, unit_type: str, pop_ratio, area_ratio) -> bool | None:
    """Whether the unit falls under the chosen must-arrange rule (``None``: a ratio is unknown)."""
    rule = std.must_arrange.get(std.must_arrange_rule)
    if rule is None:
        return None
    unknown = False
    for cond in rule.when:
        if cond.unit_types and unit_type not in cond.unit_types:
            continue
        holds = True
        for ratio, bound in ((pop_ratio, cond.population_below), (area_ratio, cond.area_below)):
            if bound is None:
                continue
            if ratio is None:
                unknown, holds = True, False
            elif ratio >= bound:
                holds = False
        if holds:
            return True
    return None if unknown else False


def _row(std: Standards, r, reqs: list[Requirement]) -> dict:
    status = NONE
    verdicts, arranged = [], set()
    for q in reqs:
        v = judge(r.area_km2, r.population, q.area_km2, q.population)
        verdicts.append(f"{q.label or r.region or 'all'}: {v}")
        arranged.add(
            must_arrange(
                std, r.unit_type, _ratio(r.population, q.population), _ratio(r.area_km2, q.area_km2)
            )
        )
    if reqs:
        outcomes = {v.split(": ")[1] for v in verdicts}
        status = outcomes.pop() if len(outcomes) == 1 else UNKNOWN
    last = reqs[-1] if reqs else None
    arrange = (
        NO if not reqs else (YES if arranged == {True} else NO if arranged == {False} else UNSURE)
    )
    return {
        "min_population": last.population if last else None,
        "min_area_km2": last.area_km2 if last else None,
        "population_ratio": _ratio(r.population, last.population) if last else None,
        "area_ratio": _ratio(r.area_km2, last.area_km2) if last else None,
        "requirement": describe(reqs) if reqs else "no numeric standard",
        "why": "; ".join(
            q.basis + (f" ({', '.join(q.reductions)})" if q.reductions else "") for q in reqs
        ),
        "status": status,
        "verdicts": "; ".join(verdicts) if len(verdicts) > 1 else "",
        "must_arrange": arrange,
    }


def standards_table(facts: pd.DataFrame, std: Standards) -> pd.DataFrame:
    """One row per unit of ``facts`` with the columns of :data:`TABLE_COLUMNS`: the minimum that
    applies and why (the profile's basis, reductions), the ratios (1.0 = 100 % of the standard), the
    status (``pass``/``fail``/``unknown``/``no criteria``), each class's verdict when the class is
    unknown, and whether the unit must be arranged under the profile's chosen rule (``có``/
    ``không``/``chưa rõ``). Legal source: the profile (Resolution 112/2025/UBTVQH15)."""
    rows = []
    for r in facts.itertuples(index=False):
        flags = tuple(f for f in ("red_river_delta", "coastal_sandbank") if getattr(r, f))
        reqs = requirements(std, r.unit_type, r.region, r.province_code, flags)
        row = {c: getattr(r, c) for c in TABLE_COLUMNS if hasattr(r, c)}
        row.update(_row(std, r, reqs))
        if r.facts_problem and reqs:  # figures to confirm: no verdict on them
            row["status"], row["must_arrange"] = UNKNOWN, UNSURE
        if r.exemption and row["must_arrange"] != NO:
            row["must_arrange"] = NO
        rows.append(row)
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def province_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per province (and a national row when there are several): units, pass, fail, unknown, no
    criteria, must be arranged (có / chưa rõ), exempt."""

    def counts(frame: pd.DataFrame) -> dict:
        return {
            "units": len(frame),
            "pass": int((frame["status"] == PASS).sum()),
            "fail": int((frame["status"] == FAIL).sum()),
            "unknown": int((frame["status"] == UNKNOWN).sum()),
            "no_criteria": int((frame["status"] == NONE).sum()),
            "must_arrange": int((frame["must_arrange"] == YES).sum()),
            "must_arrange_unsure": int((frame["must_arrange"] == UNSURE).sum()),
            "exempt": int((frame["exemption"] != "").sum()),
        }

    rows = [
        {"province_code": code, "province_name": g["province_name"].iloc[0]} | counts(g)
        for code, g in table.groupby("province_code", sort=True)
    ]
    if len(rows) > 1:
        rows.append({"province_code": "", "province_name": "Cả nước"} | counts(table))
    return pd.DataFrame(rows)


SUMMARY_VI = {
    "province_code": "Mã tỉnh",
    "province_name": "Tỉnh, thành phố",
    "units": "Số đơn vị",
    "pass": "Đạt",
    "fail": "Không đạt",
    "unknown": "Chưa xác định",
    "no_criteria": "Không áp dụng",
    "must_arrange": "Thuộc diện sắp xếp",
    "must_arrange_unsure": "Chưa rõ có thuộc diện",
    "exempt": "Có lý do không sắp xếp",
}
SOURCE_VI = {
    "department": "Sở xác nhận",
    "plan": "theo phương án",
    "proxy": "GIẢ ĐỊNH (suy từ tỉnh cũ)",
}


def annex_frame(table: pd.DataFrame, std: Standards | None = None) -> pd.DataFrame:
    """The table with Vietnamese headers and words (đạt / không đạt, vùng), for the XLSX annex; a
    phường's urban criteria are listed as attested by the department, not computed."""
    out = table.copy()
    out["status"] = out["status"].map(STATUS_VI).fillna(out["status"])
    if std is not None:
        out["region"] = out["region"].map(lambda r: std.region_labels.get(r, r))
    out["region_source"] = out["region_source"].map(lambda r: SOURCE_VI.get(r, r))
    out["urban_criteria"] = [
        "Sở xác nhận (không tính tự động)" if t == "Phường" else "" for t in out["unit_type"]
    ]
    return out.rename(columns=HEADERS_VI | {"urban_criteria": "Tiêu chuẩn đô thị của phường"})

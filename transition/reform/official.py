"""The portal's published service-index figures beside the computed ones.

A department may export, from the national public-service portal (Cổng Dịch vụ công quốc gia), the
points each of its communes was given for a period, and pass them with ``service-index
--official FILE``. The file has one row per unit: the unit's code, then one column per group of
Decision 766/QĐ-TTg and/or the total, headed as the portal or the department writes them (``Công
khai, minh bạch``, ``Tiến độ giải quyết``, ``Dịch vụ trực tuyến``, ``Mức độ hài lòng``, ``Số hóa hồ
sơ``, ``Tổng điểm``; or the group ids ``transparency`` … ``total``). Points are read with the
Vietnamese decimal comma (``14,92``). Each computed group is then shown with the official value and
the difference; a difference beyond the tolerance (points) is a ``service-official-differs``
warning naming the unit, the group and the period: the log, or the reconstruction of the formula,
is not what the portal used.
"""

from __future__ import annotations

import pandas as pd

from ..io.numbers import MEASURE, NumberError, parse_number
from ..problems import ERROR, WARNING, Problem
from ..text import fold

GROUPS = ("transparency", "progress", "online", "satisfaction", "digitisation", "total")
HEADERS = {
    "ma don vi": "unit_code",
    "ma": "unit_code",
    "unit code": "unit_code",
    "unit_code": "unit_code",
    "code": "unit_code",
    "cong khai minh bach": "transparency",
    "cong khai": "transparency",
    "tien do giai quyet": "progress",
    "tien do": "progress",
    "dich vu truc tuyen": "online",
    "truc tuyen": "online",
    "muc do hai long": "satisfaction",
    "hai long": "satisfaction",
    "so hoa ho so": "digitisation",
    "so hoa": "digitisation",
    "tong diem": "total",
    "tong": "total",
    **{g: g for g in GROUPS},
}
COMPARISON_COLUMNS = [
    "unit_code", "unit_name", "group", "computed", "official", "difference", "within",
]  # fmt: skip


def _key(header: str) -> str:
    return " ".join(fold(header).replace(",", " ").split())


def read_official(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """``frame`` (text cells, headers as written) -> ``unit_code, group, official`` (points, float)
    in long form, and the problems: a missing unit-code column or no group column is an error
    naming the file; a cell that is not a number is an error naming the row and column (never
    read as zero); an empty cell is no figure."""
    names = {c: HEADERS.get(_key(str(c))) for c in frame.columns}
    found = {n for n in names.values() if n}
    if "unit_code" not in found or not found & set(GROUPS):
        problem = Problem(
            code="service-official-unreadable",
            severity=ERROR,
            message="the official figures need a unit-code column and at least one group column "
            f"(found: {', '.join(map(str, frame.columns))})",
            file=file,
            fix="head the columns Mã đơn vị, Tiến độ giải quyết, … Tổng điểm (or the group ids)",
        )
        return pd.DataFrame(columns=["unit_code", "group", "official"]), [problem]
    frame = frame.rename(columns={c: n for c, n in names.items() if n})
    rows, problems = [], []
    for k, record in enumerate(frame.to_dict("records")):
        code = str(record["unit_code"]).strip()
        for group in (g for g in GROUPS if g in frame.columns):
            text = str(record[group]).strip()
            if not code or not text:
                continue
            try:
                value = float(parse_number(text, kind=MEASURE, decimal=","))
            except NumberError as exc:
                problems.append(
                    Problem(
                        code="service-official-unreadable",
                        severity=ERROR,
                        message=f"{code}: the official {group} points '{text}' {exc}",
                        file=file,
                        row=k + 2,
                        column=group,
                        unit_code=code,
                        fix="write the points as on the portal, e.g. 14,92",
                    )
                )
                continue
            rows.append((code, group, value))
    return pd.DataFrame(rows, columns=["unit_code", "group", "official"]), problems


def compare_official(
    computed: pd.DataFrame,
    official: pd.DataFrame,
    period: str,
    tolerance: float,
    names: dict[str, str],
) -> tuple[pd.DataFrame, list[Problem]]:
    """``computed`` (``unit_code, group, computed``: our points, NaN when missing) beside
    ``official`` (:func:`read_official`): :data:`COMPARISON_COLUMNS` for every official figure, and
    a ``service-official-differs`` warning per difference above ``tolerance`` points (a computed
    value that is missing is no difference: the department supplies it). A unit of the file not in
    the plan is a warning too."""
    both = official.merge(computed, on=["unit_code", "group"], how="left")
    both["difference"] = (both["computed"] - both["official"]).round(2)
    both["within"] = both["difference"].abs().le(tolerance) | both["computed"].isna()
    problems = []
    for r in both[~both["within"]].itertuples(index=False):
        name = names.get(r.unit_code, r.unit_code)
        problems.append(
            Problem(
                code="service-official-differs",
                severity=WARNING,
                message=f"{name} ({r.unit_code}), {period}, {r.group}: computed {r.computed:.2f} "
                f"points, the portal published {r.official:.2f} ({r.difference:+.2f}, beyond "
                f"{tolerance:g})",
                unit_code=r.unit_code,
                unit_name=name,
                column=r.group,
                fix="check the unit's rows of the log for the period, or report the difference",
            )
        )
    unknown = sorted(set(official["unit_code"]) - set(names))
    if unknown:
        problems.append(
            Problem(
                code="service-official-differs",
                severity=WARNING,
                message=f"{len(unknown)} unit(s) of the official figures are not new units of the "
                f"plan: {', '.join(unknown[:10])}",
                fix="check the codes (the portal uses the new units' codes)",
            )
        )
    both["unit_name"] = both["unit_code"].map(names).fillna("")
    both = both.sort_values(["unit_code", "group"], kind="stable").reset_index(drop=True)
    return both[COMPARISON_COLUMNS], problems

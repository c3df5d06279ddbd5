"""Crosswalks published by others, read as they are published, into edges to compare with a plan.

Two public formats (see ``../shared/data/SOURCES.md``):

* ``gso``: the statistics office's conversion table "Bảng chuyển đổi ĐVHC mới/cũ" as a JSON list
  (github.com/zindont/vn-address-kit ``src/data/official/mappings.json``, MIT): rows with
  ``oldWardCode``, ``newWardCode``, ``oldProvinceCode``, ``newProvinceCode`` and the office's ``note``
  ("Nhập toàn bộ", "Nhập một phần", "Nhập một phần diện tích" = land only, "Nhập một phần diện tích,
  toàn bộ dân số" = part of the land with all the people, "Giữ nguyên", "Đổi tên", …);
* ``dvhcvn``: github.com/dvhcvn/20250701 ``mapping/merges.json`` (MIT): ``{"data": [province with
  "level2s": [new unit with "merges": [{"old_id", "name", "type": full|partial}]]]}``.

The readers are pure: they take the parsed JSON and return edges with the columns ``old_code``,
``old_name``, ``new_code``, ``new_name``, ``part`` (whole / part / remainder), ``pop_share``,
``area_share`` (0 or 1 where the source's words fix them, else NaN), ``note`` (the source's words) and
``row`` (the row or position in the source, for a person to find it).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..text import fold

EDGE_COLUMNS = [
    "old_code",
    "old_name",
    "new_code",
    "new_name",
    "part",
    "pop_share",
    "area_share",
    "note",
    "row",
]
GSO, DVHCVN = "gso", "dvhcvn"


def detect_format(data: Any) -> str:
    """``gso`` or ``dvhcvn`` for parsed JSON of one of the public formats, else ``""``."""
    if (
        isinstance(data, list)
        and data
        and isinstance(data[0], dict)
        and {"oldWardCode", "newWardCode"} & set(data[0])
    ):
        return GSO
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        first = data["data"][0] if data["data"] else {}
        if isinstance(first, dict) and "level2s" in first:
            return DVHCVN
    return ""


def _gso_note(note: str) -> tuple[str, float, float]:
    """(part, population share, area share) that an office's note says.

    >>> _gso_note("Nhập một phần diện tích, toàn bộ dân số")
    ('part', 1.0, nan)
    >>> _gso_note("Nhâp một phần diện tích")  # misspelt in the source
    ('part', 0.0, nan)
    """
    f = fold(note)
    nan = float("nan")
    if "toan bo dien tich" in f and "dan so" not in f:  # all the land, no people (Kỳ Lợi)
        return "part", 0.0, 1.0
    if f.startswith("phan con lai"):
        return "remainder", nan, nan
    if "mot phan" in f:
        if "dien tich" in f and "toan bo dan so" in f:
            return "part", 1.0, nan
        if "dien tich" in f and "dan so" not in f:
            return "part", 0.0, nan
        if "dan so" in f and "dien tich" not in f:
            return "part", nan, 0.0
        return "part", nan, nan
    return "whole", nan, nan


def gso_edges(rows: list[dict]) -> pd.DataFrame:
    """Edges of the statistics office's conversion table (see the module); rows without an old ward
    code (the island districts) keep the district code as the old unit's."""
    out = []
    for i, r in enumerate(rows):
        note = str(r.get("note") or "")
        part, pop, area = _gso_note(note)
        old = str(r.get("oldWardCode") or r.get("oldDistrictCode") or "")
        out.append([old, "", str(r.get("newWardCode") or ""), "", part, pop, area, note, i + 1])
    return pd.DataFrame(out, columns=EDGE_COLUMNS)


def dvhcvn_edges(data: dict) -> pd.DataFrame:
    """Edges of dvhcvn's merges.json (see the module): ``full`` is whole, ``partial`` a part; the
    source says nothing of shares."""
    out = []
    k = 0
    for province in data.get("data", []):
        for unit in province.get("level2s", []):
            for m in unit.get("merges", []):
                k += 1
                part = "whole" if m.get("type") == "full" else "part"
                out.append(
                    [
                        str(m.get("old_id", "")),
                        str(m.get("name", "")),
                        str(unit.get("level2_id", "")),
                        str(unit.get("name", "")),
                        part,
                        np.nan,
                        np.nan,
                        str(m.get("type", "")),
                        k,
                    ]
                )
    return pd.DataFrame(out, columns=EDGE_COLUMNS)


def source_edges(data: Any, fmt: str = "") -> tuple[pd.DataFrame, str]:
    """Edges of a published crosswalk in either format (``fmt`` names it, else it is detected).
    Raises ``ValueError`` naming the formats when it is neither."""
    fmt = fmt or detect_format(data)
    if fmt == GSO:
        return gso_edges(data), GSO
    if fmt == DVHCVN:
        return dvhcvn_edges(data), DVHCVN
    raise ValueError(
        "not a known crosswalk format: expected the statistics office's conversion table (a JSON "
        "list of rows with oldWardCode, newWardCode, note) or dvhcvn's merges.json"
    )

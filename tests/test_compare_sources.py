"""`transition compare` against the published crosswalks, each disagreement judged by the clause
(issue 15; the errors are listed in ../shared/data/SOURCES.md)."""

from __future__ import annotations

import json
from functools import cache

import pandas as pd
import pytest
from conftest import SHARED, need

from transition.actions.compare import judge_plan
from transition.sources.crosswalks import _gso_note, detect_format, dvhcvn_edges, source_edges

CROSSWALKS = SHARED / "crosswalks"


@cache
def _plan(number: str):
    from transition.sources.resolution import import_resolution

    return import_resolution(need(SHARED / "resolutions" / f"{number}_NQ-UBTVQH15.md")).plan


@cache
def _source(name: str) -> pd.DataFrame:
    return source_edges(json.loads(need(CROSSWALKS / name).read_text(encoding="utf-8")))[0]


def _judged(number: str, source: str) -> pd.DataFrame:
    plan = _plan(number)
    return judge_plan(plan.crosswalk, _source(source), plan)


def _row(frame, old, new):
    hit = frame[(frame["old_code"] == old) & (frame["new_code"] == new)]
    assert len(hit) == 1, frame[["old_code", "new_code", "verdict"]]
    return hit.iloc[0]


def test_notes_of_the_statistics_office():
    assert _gso_note("Nhập toàn bộ")[0] == "whole"
    part, pop, _ = _gso_note("Nhập một phần diện tích")
    assert (part, pop) == ("part", 0.0)
    assert _gso_note("Nhập toàn bộ diện tích")[1:] == (0.0, 1.0)  # Kỳ Lợi: land, no people
    assert detect_format([{"oldWardCode": "1", "newWardCode": "2"}]) == "gso"
    edges = dvhcvn_edges(
        {
            "data": [
                {
                    "level2s": [
                        {
                            "level2_id": "9",
                            "name": "Xã N",
                            "merges": [{"old_id": "1", "name": "Xã A", "type": "partial"}],
                        }
                    ]
                }
            ]
        }
    )
    assert edges[["old_code", "new_code", "part"]].values.tolist() == [["1", "9", "part"]]


@pytest.mark.parametrize(
    "number, wrong, right, new",
    [
        ("1657", "01615", "01651", "01648"),  # Mỹ Hưng 01651 written 01615
        ("1684", "02485", "02482", "02494"),  # Phú Thịnh 02482 written 02485
        ("1656", "00553", "00556", "00562"),  # Đặng Xá 00556 written 00553
    ],
)
def test_official_table_transposed_codes(number, wrong, right, new):
    judged = _judged(number, "gso_conversion_2025.json")
    only_table = _row(judged, wrong, new)
    only_plan = _row(judged, right, new)
    assert (only_table["in_plan"], only_table["in_source"]) == (False, True)
    assert (only_plan["in_plan"], only_plan["in_source"]) == (True, False)
    assert only_table["verdict"] == only_plan["verdict"] == "text supports plan"
    assert only_plan["clause"].startswith(f"{number}/NQ-UBTVQH15, Điều 1, khoản")
    assert only_plan["clause_text"].startswith("Sắp xếp")


def test_official_table_omits_part_of_hoa_thang():
    """1671/NQ-UBTVQH15 clause 46: "… và một phần diện tích tự nhiên của xã Hòa Thắng thành xã mới có
    tên gọi là xã Hồng Thái"; the table has no row for it."""
    judged = _judged("1671", "gso_conversion_2025.json")
    row = _row(judged, "23053", "23041")
    assert (row["in_plan"], row["in_source"], row["verdict"]) == (True, False, "text supports plan")
    assert row["clause"] == "1671/NQ-UBTVQH15, Điều 1, khoản 46"
    assert "một phần diện tích tự nhiên của xã Hòa Thắng" in row["clause_text"]
    # its twin: the table calls the remainder whole, clause 51 says "phần còn lại"
    twin = _row(judged, "23053", "23053")
    assert (twin["kind"], twin["verdict"]) == ("part", "text supports plan")


def test_official_table_elsewhere_agrees_with_the_text():
    judged = _judged("1679", "gso_conversion_2025.json")  # Quảng Ninh: no disagreement
    assert judged.empty


def test_dvhcvn_namesakes_spurious_parts_and_unknown_codes():
    judged = _judged("1664", "dvhcvn_20250701_merges.json")  # Gia Lai
    # wrong namesake: Xã A Dơk (23710) goes whole to Xã Ia Băng by clause 88, not to Xã Ia Dơk
    wrong = _row(judged, "23710", "23869")
    assert (wrong["in_plan"], wrong["in_source"], wrong["verdict"]) == (
        False,
        True,
        "text supports plan",
    )
    assert _row(judged, "23710", "23710")["clause"] == "1664/NQ-UBTVQH15, Điều 1, khoản 88"
    # spurious partial edges: Xã Ân Nghĩa went whole to Xã Kim Sơn (clause 27)
    part = _row(judged, "21727", "21727")
    assert (part["plan_part"], part["source_part"], part["verdict"]) == (
        "whole",
        "part",
        "text supports plan",
    )
    assert part["clause"] == "1664/NQ-UBTVQH15, Điều 1, khoản 27"
    assert set(judged["verdict"]) == {"text supports plan"}
    unknown = _judged("1658", "dvhcvn_20250701_merges.json")  # Bắc Ninh: codes not in the register
    strays = unknown[unknown["reason"].str.contains("không có trong danh mục đơn vị cũ")]
    assert sorted(strays["old_code"]) == ["07693", "07732", "07744"]
    assert set(strays["verdict"]) == {"text supports plan"}


def test_a_plan_without_citations_is_silent(qn_workspace):
    from transition.actions.compare import compare

    result = compare(qn_workspace, need(CROSSWALKS / "dvhcvn_20250701_merges.json")).to_dict()
    assert result["format"] == "dvhcvn"
    assert all(
        d["verdict"] in {"text silent", "text supports plan"} for d in result["disagreements"]
    )


def test_compare_writes_xlsx_with_vietnamese_headers(qn_workspace, tmp_path):
    from openpyxl import load_workbook

    from transition.actions.compare import compare

    out = tmp_path / "so_sanh.xlsx"
    compare(qn_workspace, need(CROSSWALKS / "gso_conversion_2025.json"), out=out)
    ws = load_workbook(out).active
    headers = [c.value for c in ws[1]]
    assert headers[:4] == ["Mã đơn vị cũ", "Tên đơn vị cũ", "Mã đơn vị mới", "Tên đơn vị mới"]
    assert "Kết luận" in headers and "Nội dung khoản" in headers
    first = out.read_bytes()
    compare(qn_workspace, need(CROSSWALKS / "gso_conversion_2025.json"), out=out)
    assert out.read_bytes() == first

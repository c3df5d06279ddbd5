"""Lineage by a commune's name from before the mergers effective from 1 September 2024 (issue 15)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import SHARED, need

from transition.actions.lineage import read_former_names
from transition.model.lineage import former_names_table, trace_former
from transition.sources.vn2025 import province_plan


@pytest.mark.parametrize(
    "province, query, via, new",
    [
        ("Hà Nội", "Nguyễn Trung Trực", "00004", ["00004"]),  # → Phường Trúc Bạch → Phường Ba Đình
        ("Quảng Ninh", "Phường Yết Kiêu", "06685", ["06685"]),  # → Trần Hưng Đạo → Hồng Gai
        ("Đà Nẵng", "Hoà Khê", "20207", ["20209"]),  # tone mark placed the other way
    ],
)
def test_former_name_reaches_the_2025_unit(province, query, via, new):
    chains = trace_former(province_plan([province]), query, read_former_names())
    assert len(chains) == 1
    chain = chains[0]
    assert chain["via"]["code"] == via
    assert [n["code"] for n in chain["new_units"]] == new
    first, second = chain["steps"][0], chain["steps"][1]
    assert "vn-address-kit" in first["source"] and "01/9/2024" in first["source"]
    assert "/NQ-UBTVQH15" in second["source"]  # the resolution of the province (and its clause)


def test_marked_when_found_only_by_a_former_name(qn_workspace):
    from transition.actions.lineage import lineage

    data = lineage(qn_workspace, "Yết Kiêu").to_dict()
    assert data["found_by"] == "former name" and data["units"] == []
    assert data["former_names"][0]["via"]["name"] == "Phường Trần Hưng Đạo"
    assert lineage(qn_workspace, "Xã Hải Hòa").to_dict()["found_by"] == "name or code"


def test_a_department_file_in_the_published_shape(tmp_path, qn_workspace):
    from transition.actions.lineage import lineage

    f = tmp_path / "ten_cu.json"
    f.write_text(
        json.dumps(
            [
                {
                    "code": "06799",
                    "nameWithType": "Xã Hải Hòa",
                    "provinceCode": "22",
                    "formerNames": [{"name": "Hải Cũ", "code": "06800"}],
                }
            ]
        ),
        encoding="utf-8",
    )
    data = lineage(qn_workspace, "Hải Cũ", f).to_dict()
    assert [n["code"] for n in data["former_names"][0]["new_units"]] == ["06799", "06886"]


def test_packaged_table_matches_the_source():
    source = need(SHARED / "crosswalks" / "legacy_wards_former_names.json")
    derived = former_names_table(
        json.loads(source.read_text(encoding="utf-8")),
        source="vn-address-kit legacy-wards.json (MIT)",
    )
    shipped = read_former_names()
    assert len(shipped) == 727 and shipped["code"].nunique() == 495
    pd.testing.assert_frame_equal(derived, shipped)

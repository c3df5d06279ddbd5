import pytest

from transition.errors import UnknownProvince
from transition.sources.vn2025 import find_provinces, national_plan, province_plan


@pytest.fixture(scope="module")
def qn():
    return province_plan(["Quang Ninh"])


def test_quang_ninh_figures(qn):
    assert len(qn.old_communes) == 171
    assert len(qn.new_communes) == 54
    assert qn.new_communes["unit_type"].value_counts().to_dict() == {
        "Phường": 30,
        "Xã": 22,
        "Đặc khu": 2,
    }
    assert len(qn.divided_old_units) == 12
    assert len(qn.commune_edges) == 184
    assert qn.province_edges[["old_code", "new_code"]].values.tolist() == [["22", "22"]]
    assert set(qn.crosswalk["basis_document"]) == {"1679/NQ-UBTVQH15"}


def test_quang_ninh_divided_commune_and_unchanged_unit(qn):
    vo_ngai = qn.successors("06853")  # Xã Vô Ngại, split between Bình Liêu and Tiên Yên
    assert sorted(vo_ngai["new_name"]) == ["Xã Bình Liêu", "Xã Tiên Yên"]
    assert set(vo_ngai["part"]) == {"part"}
    cai_chien = qn.find("Xã Cái Chiên")
    assert ("new", "06967") in cai_chien
    assert qn.predecessors("06967")["old_code"].tolist() == ["06967"]


def test_national_figures():
    plan = national_plan()
    assert len(plan.old_communes) == 10_040
    assert len(plan.new_communes) == 3_321
    assert len(plan.commune_edges) == 10_602
    assert plan.new_communes["unit_type"].value_counts().to_dict() == {
        "Xã": 2621,
        "Phường": 687,
        "Đặc khu": 13,
    }
    assert (plan.old_units["level"] == "province").sum() == 63
    assert (plan.new_units["level"] == "province").sum() == 34
    assert len(plan.province_edges) == 63
    assert len(plan.divided_old_units) == 471
    # 132 clusters of 441 new units. Keying the five island districts by their empty commune key
    # (as the converter does) would tie five đặc khu of five provinces into a false 133rd cluster.
    assert len(plan.clusters) == 132
    assert sum(len(c) for c in plan.clusters) == 441
    hanoi = plan.clusters[0]
    assert len(hanoi) == 75 and len(plan.old_units_of_cluster(hanoi)) == 283
    assert set(plan.new_units.loc[plan.new_units["code"].isin(hanoi), "province_code"]) == {"01"}


def test_island_districts_go_whole_to_their_dac_khu():
    plan = national_plan()
    edges = plan.commune_edges.set_index("old_code")
    for district, dac_khu in {
        "318": "11948",
        "471": "19742",
        "498": "20333",
        "536": "21548",
        "755": "26732",
    }.items():
        assert edges.loc[district, "new_code"] == dac_khu
        assert edges.loc[district, "part"] == "whole"
    assert set(plan.old_communes["code"]) >= {"318", "471", "498", "536", "755"}


def test_provinces_by_name_or_code_with_or_without_diacritics():
    assert (
        find_provinces(["Quảng Ninh", "quang ninh", "22", "Tỉnh Quảng Ninh"])
        == [("22", "Tỉnh Quảng Ninh")] * 4
    )
    assert find_provinces(["Ho Chi Minh"]) == [("79", "Thành phố Hồ Chí Minh")]
    with pytest.raises(
        UnknownProvince, match="no province of the 34 of 2025 is called or coded 'Atlantis'"
    ):
        find_provinces(["Atlantis"])


def test_merged_province_brings_every_old_province():
    plan = province_plan(["Ninh Bình"])  # Hà Nam + Nam Định + Ninh Bình
    assert sorted(plan.province_edges["old_code"]) == ["35", "36", "37"]
    assert set(plan.old_communes["province_code"]) == {"35", "36", "37"}


def test_several_provinces_in_one_plan():
    plan = province_plan(["22", "Hải Phòng"])
    assert plan.province_code == "22;31"
    assert set(plan.new_communes["province_code"]) == {"22", "31"}
    assert len(plan.new_communes) == 54 + 114
    assert sorted(plan.province_edges["old_code"]) == [
        "22",
        "30",
        "31",
    ]  # Hải Dương went into Hải Phòng

"""The rule chain, the staffing flow and the ledger on tiny hand-drawn fixtures (see tiny.py).

A3 is divided: a part goes to N1 (its own cell) and the remainder to N2. All communes belong to the
district 990 (Huyện Thử), whose bodies hold staff, dossiers and records too.
"""

import pandas as pd
import pytest
from tiny import NEW_CODES, OLD_CODES, TARGET, cell, tiny_geometry, tiny_plan

from transition.profiles import load_profile
from transition.profiles.rules import Staffing
from transition.reassign import LedgerError, reassign
from transition.reassign.ledger import assert_balanced, ledger
from transition.registers import normalise_register

A1, A3, B2 = OLD_CODES["A1"], OLD_CODES["A3"], OLD_CODES["B2"]
N1, N2, N3 = NEW_CODES["N1"], NEW_CODES["N2"], NEW_CODES["N3"]


def divided_plan():
    edges = [
        {"old_code": OLD_CODES[k], "new_code": NEW_CODES[t], "part": "whole"}
        for k, t in TARGET.items()
        if k != "A3"
    ]
    edges += [
        {"old_code": A3, "new_code": N1, "part": "part", "area_share": 0.5},
        {"old_code": A3, "new_code": N2, "part": "remainder", "area_share": 0.5},
    ]
    return tiny_plan(edges, island_n3=True)


def inside(name, dx=0.5, dy=0.5):
    from tiny import CELLS, X0, Y0, D

    x, y = CELLS[name]
    return X0 + (x + dx) * D, Y0 + (y + dy) * D


def person(
    i, holder, position="Chuyên viên", category="công chức", body="", sex="Nam", born="1980-01-01"
):
    return {
        "id": f"NV{i:03d}",
        "full_name": f"Người {i}",
        "national_id": f"0990800{i:05d}",
        "birth_date": born,
        "sex": sex,
        "holder": holder,
        "body": body,
        "category": category,
        "position": position,
        "service_start": "2005-01-01",
    }


@pytest.fixture
def registers():
    staff = [person(1, A1, "Chủ tịch UBND", "cán bộ"), person(2, A1, "Tư pháp – Hộ tịch")]
    staff += [person(10 + k, A3, "Văn hóa – Xã hội") for k in range(10)]
    staff += [person(30 + k, "990", "Chuyên viên", body="Phòng Nội vụ") for k in range(4)]
    lon1, lat1 = inside("A3", 0.3, 0.3)  # A3's own cell, in N1
    lon2, lat2 = inside("B2")  # over the border, in N2 (A3's remainder)
    assets = [
        {
            "id": "TS1",
            "kind": "headquarters",
            "holder": A3,
            "lon": lon1,
            "lat": lat1,
            "value_vnd": 5e9,
            "capacity": 30,
        },
        {"id": "TS2", "kind": "building", "holder": A3, "lon": lon2, "lat": lat2, "value_vnd": 1e9},
        {"id": "TS3", "kind": "vehicle", "holder": A3, "value_vnd": 7e8},  # no location: review
        {
            "id": "TS4",
            "kind": "headquarters",
            "holder": A1,
            "lon": inside("A1")[0],
            "lat": inside("A1")[1],
            "value_vnd": 4e9,
            "capacity": 40,
        },
    ]
    lon3, lat3 = inside("C1")
    dossiers = [
        {
            "id": "HS1",
            "field": "Hộ tịch",
            "procedure_code": "1.001193",
            "holder": "990",
            "body": "Một cửa",
            "received": "2025-06-01",
            "due": "2025-06-20",
            "lon": lon3,
            "lat": lat3,
        },
        {
            "id": "HS2",
            "field": "Y tế",
            "procedure_code": "1.004546",
            "holder": "990",
            "received": "2025-06-10",
            "due": "2025-07-15",
            "lon": lon3,
            "lat": lat3,
        },
        {
            "id": "HS3",
            "field": "Đất đai",
            "procedure_code": "1.004227",
            "holder": A3,
            "received": "2025-06-25",
            "due": "2025-07-20",
            "lon": lon2,
            "lat": lat2,
        },
    ]
    records = [
        {"id": "R1", "kind": "archive_fonds", "holder": A1},
        {"id": "R2", "kind": "seal", "holder": A3},
        {"id": "R3", "kind": "finance_account", "holder": "990", "balance_vnd": 2e9},
    ]
    frames = {"staff": staff, "assets": assets, "dossiers": dossiers, "records": records}
    return {k: normalise_register(pd.DataFrame(v), k) for k, v in frames.items()}


def decided(result, kind):
    return {r.id: (r.new_code, r.rule) for r in result.items[kind].itertuples(index=False)}


def test_each_rule_decides_what_it_should(registers):
    plan = divided_plan()
    result = reassign(plan, tiny_geometry(plan), registers)
    staff = decided(result, "staff")
    assert staff["NV001"] == (N1, "whole-successor")
    assert {staff[f"NV{10 + k:03d}"][1] for k in range(10)} == {"staffing"}
    assert {staff[f"NV{30 + k:03d}"][0] for k in range(4)} <= {N1, N2, N3}
    assets = decided(result, "assets")
    assert assets["TS1"] == (N1, "location") and assets["TS2"] == (
        N2,
        "location",
    )  # both sides of A3
    assert assets["TS3"] == ("", "review") and assets["TS4"] == (N1, "whole-successor")
    dossiers = decided(result, "dossiers")
    assert dossiers["HS1"] == (N3, "location")  # a district procedure that went to the commune
    assert dossiers["HS2"] == ("99", "competence")  # one that went up to the province
    assert dossiers["HS3"] == (N2, "location")  # follows the applicant, in A3's remainder
    records = decided(result, "records")
    assert records == {
        "R1": (N1, "whole-successor"),
        "R2": ("", "review"),
        "R3": ("99", "destination"),
    }
    review = result.review.set_index("id")
    assert review.loc["TS3", "candidates"] == f"{N1};{N2}"
    assert (
        review.loc["TS3", "reason"]
        == "Đơn vị cũ bị chia tách và không có vị trí để xác định phần nào"
    )
    assert result.items["dossiers"].set_index("id").loc["HS2", "new_level"] == "province"


def test_override_wins_and_carries_its_reference(registers):
    plan = divided_plan()
    overrides = pd.DataFrame(
        [dict(**{"class": "assets"}, id="TS3", new_code=N2, reference="QĐ 12/QĐ-SNV")]
    )
    result = reassign(plan, tiny_geometry(plan), registers, overrides=overrides)
    row = result.items["assets"].set_index("id").loc["TS3"]
    assert (row["new_code"], row["rule"]) == (N2, "override")
    assert row["reason"] == "Quyết định của Sở: QĐ 12/QĐ-SNV"


def test_divided_communes_staff_split_by_shares(registers):
    plan = divided_plan()
    result = reassign(plan, tiny_geometry(plan), {"staff": registers["staff"]})
    staff = result.items["staff"]
    a3 = staff[staff["holder"] == A3]
    assert a3["new_code"].value_counts().to_dict() == {N1: 5, N2: 5}  # 50/50 by area share
    assert (a3["rule"] == "staffing").all()
    assert result.ledger["classes"]["staff"] == {
        "before": 16,
        "assigned": 16,
        "review": 0,
        "balanced": True,
    }


def test_titles_are_filled_and_quota_excess_is_kept_as_surplus(registers):
    plan = divided_plan()
    profile = load_profile(Staffing, "staffing_2025.toml")
    profile = profile.model_copy(
        update={"quota": profile.quota.model_copy(update={"base": 4, "cap": {"Xã": 4}})}
    )
    result = reassign(
        plan, tiny_geometry(plan), {"staff": registers["staff"]}, staffing_profile=profile
    )
    staff = result.items["staff"].set_index("id")
    # nobody is dropped: units over the quota keep their people, flagged beyond the quota
    assert (staff["new_code"] != "").all()
    assert staff["beyond_quota"].sum() > 0
    q = result.quota.set_index("new_code")
    assert (q["quota"] == 4).all()
    assert q.loc[N2, "over_quota"] == q.loc[N2, "counted_staff"] - 4
    # "Văn hóa – Xã hội" slots (2 per unit) are filled first from A3's people
    assert staff.loc[staff["slot"] == "Văn hóa – Xã hội", "new_code"].value_counts().to_dict() == {
        N1: 2,
        N2: 2,
    }
    surplus = result.surplus
    assert set(surplus["new_code"]) == set(q.index[q["over_quota"] > 0])
    assert (
        surplus.groupby("new_code")["within_overflow"].sum().to_dict()
        == q.loc[q["over_quota"] > 0, "over_quota"].to_dict()
    )
    assert surplus["policy"].str.len().gt(0).all()


def test_policies_follow_age_and_service():
    from transition.reassign.staffing import policies

    profile = load_profile(Staffing, "staffing_2025.toml")
    staff = pd.DataFrame(
        [
            person(1, A1, born="1966-01-01"),
            person(2, A1, born="1980-01-01"),
            person(3, A1, born="1990-01-01", sex="Nữ"),
        ]
    )
    staff.loc[2, "service_start"] = "2015-01-01"
    got = policies(staff, pd.Timestamp("2025-07-01"), profile)
    assert got[0].startswith("nghỉ hưu trong 5 năm tới (còn 1.8 năm)")
    assert got[1].startswith("nghỉ hưu trước tuổi theo Nghị định 178/2024/NĐ-CP (20 năm công tác)")
    assert got[2] == "điều động, biệt phái hoặc tinh giản theo quy định"


def test_dossier_triage_against_the_cutover(registers):
    plan = divided_plan()
    result = reassign(
        plan, tiny_geometry(plan), {"dossiers": registers["dossiers"]}, as_of="2025-06-25"
    )
    d = result.items["dossiers"].set_index("id")
    assert d.loc[
        "HS1", "triage"
    ] == "quá hạn 5 ngày: giải quyết ngay, trước ngày chuyển giao" and bool(d.loc["HS1", "overdue"])
    assert d.loc["HS2", "triage"] == "chuyển giao, còn 14 ngày" and not bool(
        d.loc["HS2", "overdue"]
    )
    assert d.loc["HS3", "days_left"] == 19


def test_headquarters_ranked_and_surplus_buildings_listed(registers):
    plan = divided_plan()
    result = reassign(plan, tiny_geometry(plan), registers)
    hq = result.headquarters
    n1 = hq[hq["new_code"] == N1].sort_values("rank")
    assert n1["id"].tolist() == ["TS4", "TS1"]  # both seat everyone; TS4 stands at the unit's seat
    assert n1["proposal"].tolist()[0] == "trụ sở chính (main seat)"
    assert "TS1" in set(result.surplus_assets["id"])


def test_ledger_names_lost_items():
    before = {
        "assets": pd.DataFrame({"id": ["a", "b"], "holder": ["x", "x"], "value_vnd": [1.0, 2.0]})
    }
    after = {
        "assets": pd.DataFrame(
            {
                "id": ["a"],
                "holder": ["x"],
                "value_vnd": [1.0],
                "new_code": ["n"],
                "rule": ["whole-successor"],
            }
        )
    }
    book = ledger(before, after)
    assert book["balanced"] is False and book["classes"]["assets"]["problems"]["lost"] == ["b"]
    with pytest.raises(LedgerError, match="does not balance.*'lost': \\['b'\\]"):
        assert_balanced(book)


def test_same_inputs_same_result(registers):
    plan = divided_plan()
    a = reassign(plan, tiny_geometry(plan), registers)
    b = reassign(plan, tiny_geometry(plan), registers)
    for kind in a.items:
        pd.testing.assert_frame_equal(a.items[kind], b.items[kind])
    assert cell("A1").area > 0


def test_past_retirement_age_is_said_so():
    from transition.reassign.staffing import policies

    staff = pd.DataFrame(
        [person(1, A1, born="1960-01-01"), person(2, A1, born="1970-01-01", sex="Nữ")]
    )
    got = policies(staff, pd.Timestamp("2025-07-01"), load_profile(Staffing, "staffing_2025.toml"))
    assert got[0] == "đã đến tuổi nghỉ hưu: giải quyết chế độ hưu trí"
    assert got[1] == "nghỉ hưu trong 5 năm tới (còn 1.2 năm)"  # 55.5 years old, retiring at 56.67

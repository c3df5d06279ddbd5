"""Staff, records and applicants of a divided commune follow its people as the resolution fixes them
(issue 15), not its land."""

from __future__ import annotations

import pandas as pd
from test_reassign import person
from tiny import NEW_CODES, OLD_CODES, TARGET, tiny_geometry, tiny_plan

from transition.model.shares import people_shares
from transition.reassign import reassign
from transition.registers import normalise_register

A3 = OLD_CODES["A3"]
N1, N2 = NEW_CODES["N1"], NEW_CODES["N2"]


def land_here_people_there():
    """A3: most of its land to N1 without people ("một phần diện tích tự nhiên của"), the rest with
    all its people to N2 ("phần còn lại")."""
    edges = [
        {"old_code": OLD_CODES[k], "new_code": NEW_CODES[t], "part": "whole"}
        for k, t in TARGET.items()
        if k != "A3"
    ]
    edges += [
        {"old_code": A3, "new_code": N1, "part": "part", "area_share": 0.9, "pop_share": 0.0},
        {"old_code": A3, "new_code": N2, "part": "remainder", "area_share": 0.1, "pop_share": 1.0},
    ]
    return tiny_plan(edges, island_n3=True)


def test_people_shares_keep_the_fixed_and_spread_the_rest_by_area():
    cw = pd.DataFrame(
        {
            "old_code": ["1", "1", "1"],
            "new_code": ["a", "b", "c"],
            "pop_share": [0.0, None, None],
            "area_share": [0.5, 0.3, 0.2],
        }
    )
    shares = people_shares(cw)["1"]
    assert shares["a"] == 0.0
    assert round(shares["b"], 6) == 0.6 and round(shares["c"], 6) == 0.4


def test_all_staff_records_and_unlocated_dossiers_follow_the_people():
    plan = land_here_people_there()
    staff = [person(10 + k, A3, "Văn hóa – Xã hội") for k in range(10)]
    staff += [person(40, A3, "Chủ tịch UBND", "cán bộ")]
    registers = {
        "staff": normalise_register(pd.DataFrame(staff), "staff"),
        "records": normalise_register(
            pd.DataFrame([{"id": "R2", "kind": "seal", "holder": A3}]), "records"
        ),
        "dossiers": normalise_register(
            pd.DataFrame(
                [
                    {
                        "id": "HS9",
                        "field": "Hộ tịch",
                        "procedure_code": "1.001193",
                        "holder": A3,
                        "received": "2025-06-01",
                        "due": "2025-07-20",
                    }
                ]
            ),
            "dossiers",
        ),
    }
    result = reassign(plan, tiny_geometry(plan), registers)
    staff_out = result.items["staff"]
    # by area (0.9 / 0.1) 10 of 11 would go to N1; the text gives N1 no people
    assert staff_out["new_code"].value_counts().to_dict() == {N2: 11}
    rec = result.items["records"].iloc[0]
    assert (rec["new_code"], rec["rule"]) == (N2, "people-share")
    dossier = result.items["dossiers"].iloc[0]
    assert (dossier["new_code"], dossier["rule"]) == (N2, "people-share")


def test_generated_applicants_live_where_the_people_went():
    """Quảng Ninh (approximate geometry): old Xã Hải Hòa 06799 gave the new Xã Hải Hòa land and no
    people (1679/NQ-UBTVQH15 clause 3): every applicant of its dossiers lives in Xã Hải Lạng (06886)."""
    import shapely

    from transition.geo import build_geometry
    from transition.registers.generate import generate_registers
    from transition.sources.vn2025 import province_plan

    geometry, plan = build_geometry(province_plan(["Quảng Ninh"]))
    dossiers = generate_registers(plan, geometry, seed=3)["dossiers"]
    mine = dossiers[(dossiers["holder"] == "06799")]
    assert len(mine) > 50
    new = dict(zip(geometry.new["code"], geometry.new.geometry, strict=True))
    inside = shapely.contains_xy(new["06886"], mine["lon"].to_numpy(), mine["lat"].to_numpy())
    assert inside.all()


def test_new_units_people_count_the_divided_commune_by_its_people():
    """Criteria population where the register lacks it: old Xã Hải Hòa (all its people to Xã Hải
    Lạng) adds nobody to the new Xã Hải Hòa; an unknown population leaves the sum unknown."""
    from transition.model.shares import people_of_new_units

    edges = pd.DataFrame(
        {
            "old_code": ["06799", "06799", "06886", "06886", "07000"],
            "new_code": ["06799", "06886", "06799", "06886", "07001"],
            "pop_share": [0.0, 1.0, None, None, None],
            "area_share": [0.9, 0.1, 0.3, 0.7, None],
        }
    )
    people = people_of_new_units(edges, {"06799": 5000, "06886": 10000})
    assert people == {"06799": 3000, "06886": 12000}  # 07001: its old unit's people unknown

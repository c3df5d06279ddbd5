"""Property tests over random plans and registers: every item appears exactly once after the
reassignment, totals are conserved, and running twice gives identical results."""

import geopandas as gpd
import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely import box, union_all

from transition.geo import PlanGeometry
from transition.model import Plan
from transition.reassign import reassign
from transition.registers import normalise_register

X0, Y0, D = 107.0, 21.0, 0.01


@st.composite
def plans_and_registers(draw):
    n_old = draw(st.integers(2, 10))
    n_new = draw(st.integers(1, n_old))
    target = [i % n_new for i in range(n_new)] + [
        draw(st.integers(0, n_new - 1)) for _ in range(n_old - n_new)
    ]
    divided = (
        draw(st.lists(st.integers(0, n_old - 1), max_size=3, unique=True)) if n_new > 1 else []
    )
    olds = [f"{90001 + i}" for i in range(n_old)]
    news = [f"{80001 + j}" for j in range(n_new)]
    edges = []
    for i, o in enumerate(olds):
        if i in divided:
            other = (target[i] + 1) % n_new
            edges += [
                {"old_code": o, "new_code": news[target[i]], "part": "part"},
                {"old_code": o, "new_code": news[other], "part": "remainder"},
            ]
        else:
            edges.append({"old_code": o, "new_code": news[target[i]], "part": "whole"})
    edges.append({"level": "province", "old_code": "99", "new_code": "99", "part": "whole"})
    cells = {o: box(X0 + i * D, Y0, X0 + (i + 1) * D, Y0 + D) for i, o in enumerate(olds)}
    old_units = pd.DataFrame(
        [
            {"code": "99", "name": "Tỉnh Thử", "level": "province", "province_code": "99"},
            {
                "code": "990",
                "name": "Huyện Thử",
                "level": "district",
                "province_code": "99",
                "district_code": "990",
            },
        ]
        + [
            {
                "code": o,
                "name": f"Xã {o}",
                "unit_type": "Xã",
                "level": "commune",
                "province_code": "99",
                "district_code": "990",
                "lon": cells[o].centroid.x,
                "lat": cells[o].centroid.y,
            }
            for o in olds
        ]
    )
    new_units = pd.DataFrame(
        [{"code": "99", "name": "Tỉnh Thử", "level": "province", "province_code": "99"}]
        + [
            {
                "code": n,
                "name": f"Xã {n}",
                "unit_type": "Xã",
                "level": "commune",
                "province_code": "99",
            }
            for n in news
        ]
    )
    plan = Plan.build(old_units, new_units, pd.DataFrame(edges), "99", "Tỉnh Thử")
    polys = {
        n: union_all([cells[o] for i, o in enumerate(olds) if news[target[i]] == n]) for n in news
    }
    geometry = PlanGeometry(
        gpd.GeoDataFrame(
            {
                "code": olds,
                "geometry_quality": "given",
                "matched_by": "",
                "layer_code": "",
                "layer_name": "",
            },
            geometry=[cells[o] for o in olds],
            crs="EPSG:4326",
        ),
        gpd.GeoDataFrame(
            {
                "code": news,
                "geometry_quality": "given",
                "matched_by": "",
                "layer_code": "",
                "layer_name": "",
            },
            geometry=[polys[n] for n in news],
            crs="EPSG:4326",
        ),
    )
    holders = olds + ["990", "00000"]  # a district body, and a holder that is not in the plan
    n_items = draw(st.integers(0, 25))
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)

    def frame(kind, prefix, extra):
        rows = []
        for k in range(n_items):
            h = holders[int(rng.integers(0, len(holders)))]
            row = {
                "id": f"{prefix}{k:03d}",
                "holder": h,
                "body": "Phòng Nội vụ" if h == "990" else "",
            }
            row.update(extra(k))
            rows.append(row)
        return normalise_register(
            pd.DataFrame(rows, columns=["id", "holder", "body"] + list(extra(0))), kind
        )

    def point(_):
        if rng.random() < 0.2:
            return {"lon": np.nan, "lat": np.nan}
        return {
            "lon": X0 + rng.uniform(-0.5, n_old + 0.5) * D,
            "lat": Y0 + rng.uniform(0.05, 0.95) * D,
        }

    registers = {
        "staff": frame(
            "staff",
            "NV",
            lambda k: {
                "position": ["Chủ tịch UBND", "Chuyên viên", "Văn hóa – Xã hội"][k % 3],
                "category": ["cán bộ", "công chức", "không chuyên trách"][k % 3],
                "sex": "Nam",
                "birth_date": "1975-05-05",
                "service_start": "2000-01-01",
            },
        ),
        "assets": frame(
            "assets",
            "TS",
            lambda k: dict(kind="building", value_vnd=float(k + 1) * 1e6, **point(k)),
        ),
        "dossiers": frame(
            "dossiers",
            "HS",
            lambda k: dict(field=["Hộ tịch", "Y tế"][k % 2], due="2025-07-10", **point(k)),
        ),
        "records": frame(
            "records", "R", lambda k: {"kind": "finance_account", "balance_vnd": float(k) * 1e6}
        ),
    }
    return plan, geometry, registers


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_and_registers())
def test_every_item_once_totals_conserved_and_deterministic(case):
    plan, geometry, registers = case
    result = reassign(plan, geometry, registers)
    assert result.ledger["balanced"]
    valid = set(plan.new_units["code"])
    for kind, before in registers.items():
        after = result.items[kind]
        assert sorted(after["id"]) == sorted(before["id"])  # every item, exactly once
        assigned = after["new_code"] != ""
        assert (assigned ^ (after["rule"] == "review")).all()  # a new holder, or review: never both
        assert set(after.loc[assigned, "new_code"]) <= valid
        c = result.ledger["classes"][kind]
        assert c["before"] == c["assigned"] + c["review"] == len(before)
        if "value_vnd" in before or "balance_vnd" in before:
            col = "value_vnd" if "value_vnd" in before else "balance_vnd"
            assert np.isclose(
                before[col].sum(), after.loc[assigned, col].sum() + after.loc[~assigned, col].sum()
            )
    staff = result.items["staff"]
    assert (
        staff.loc[staff["holder"] != "00000", "rule"] != "review"
    ).all()  # staff of known holders are placed
    again = reassign(plan, geometry, registers)
    for kind in registers:
        pd.testing.assert_frame_equal(result.items[kind], again.items[kind])

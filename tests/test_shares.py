"""What the law's words fix about divided communes (issue 15): shares 0 or 1 read from the clauses."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from transition.sources.fixed_shares import (
    COLUMNS,
    derive_fixed_shares,
    fixed_shares_table,
    stated_unit_types,
)
from transition.sources.resolution_text import parse_clause
from transition.sources.shares import _complete, complete_shares


def _edges(table: pd.DataFrame, old: str) -> dict[str, tuple[str, str, str]]:
    rows = table[table["old_code"] == old]
    return {r.new_code: (r.population_share, r.area_share, r.clause) for r in rows.itertuples()}


def test_dai_kim_four_edges_stated_by_the_text():
    """1656/NQ-UBTVQH15: clause 19 gives all of Phường Đại Kim's people to Định Công (00316), clauses 20
    and 23 give Hoàng Liệt and Khương Đình land only, clause 48 gives Thanh Liệt the rest of the land."""
    edges = _edges(fixed_shares_table(), "00316")
    assert edges == {
        "00316": ("1", "", "Điều 1, khoản 19"),
        "00337": ("0", "", "Điều 1, khoản 20"),
        "00364": ("0", "", "Điều 1, khoản 23"),
        "00643": ("0", "", "Điều 1, khoản 48"),
    }


def test_quang_ninh_hai_hoa_and_lien_hoa():
    table = fixed_shares_table()
    # Xã Hải Hòa: land without people to the new Xã Hải Hòa (clause 3), the rest with all its people
    # to Xã Hải Lạng (clause 7)
    assert _edges(table, "06799") == {
        "06799": ("0", "", "Điều 1, khoản 3"),
        "06886": ("1", "", "Điều 1, khoản 7"),
    }
    # Xã Liên Hòa: land only to Phường Hà An (clause 33), the rest and its people to Phường Liên Hòa
    assert _edges(table, "07180") == {
        "07168": ("0", "", "Điều 1, khoản 33"),
        "07180": ("1", "", "Điều 1, khoản 35"),
    }


def test_ky_loi_splits_land_and_people():
    """1665/NQ-UBTVQH15 clauses 62-64: all of Kỳ Lợi's land without people to Vũng Áng; part of the
    people to Sông Trí, the rest of the people to Hoành Sơn (their split is not fixed)."""
    assert _edges(fixed_shares_table(), "18796") == {
        "18823": ("0", "1", "Điều 1, khoản 62"),
        "18754": ("", "0", "Điều 1, khoản 63"),
        "18832": ("", "0", "Điều 1, khoản 64"),
    }


def test_markers_fix_shares():
    clause = parse_clause(
        3,
        "Sắp xếp một phần diện tích tự nhiên, quy mô dân số của xã Hải Lạng và một phần diện tích "
        "tự nhiên của xã Hải Hòa thành xã mới có tên gọi là xã Hải Hòa.",
    )
    shares = {c.name.name: (c.area_share, c.pop_share) for c in clause.components}
    assert shares == {"Hải Lạng": (None, None), "Hải Hòa": (None, 0.0)}


def test_remainder_takes_all_people_and_lone_parts_lose_shares():
    cw = pd.DataFrame(
        {
            "old_code": ["1", "1", "1", "2"],
            "new_code": ["a", "b", "c", "a"],
            "area_share": [np.nan] * 4,
            "pop_share": [0.0, 0.0, np.nan, 0.0],
        }
    )
    out = complete_shares(cw)
    assert out["pop_share"].tolist()[:3] == [0.0, 0.0, 1.0]
    assert math.isnan(out["pop_share"].iloc[3])  # one edge: went whole, the "part" says nothing


@given(
    st.lists(st.sampled_from(["land-only", "all-people", "open", "rest"]), min_size=2, max_size=6)
)
def test_fixed_population_shares_sum_to_one_where_all_fixed(markers):
    """Property: whatever the words of a divided commune's parts, where completion fixes every share,
    they sum to 1; a share is never outside [0, 1]."""
    assume(set(markers) != {"land-only"})  # a text giving nobody the people: the check's error
    if markers.count("all-people") > 1:
        markers = [m if m != "all-people" else "land-only" for m in markers]
        markers[0] = "all-people"
    values = np.array(
        [{"land-only": 0.0, "all-people": 1.0}.get(m, np.nan) for m in markers], dtype=float
    )
    out = _complete(values)
    known = ~np.isnan(out)
    assert ((out[known] >= 0) & (out[known] <= 1)).all()
    if known.all():
        assert math.isclose(out.sum(), 1.0)
    if "all-people" in markers or (
        "rest" in markers and markers.count("land-only") == len(markers) - 1
    ):
        assert known.all()


def test_packaged_table_sums_to_one_where_all_fixed():
    """Across the 34 resolutions: every divided commune whose edges all carry a population share has
    shares summing to 1 (its edges counted in the national crosswalk)."""
    from transition.sources import vn2025

    table = fixed_shares_table()
    edges = table[table["old_code"] != ""]
    counts = vn2025.national_plan().commune_edges.groupby("old_code")["new_code"].count()
    pop = edges[edges["population_share"] != ""].copy()
    pop["v"] = pop["population_share"].astype(float)
    full = pop.groupby("old_code").filter(lambda g: len(g) == counts.get(g.name, 0))
    assert full["old_code"].nunique() >= 55  # 59 on vietnamadminunits 2025 edges
    sums = full.groupby("old_code")["v"].sum()
    assert np.allclose(sums.to_numpy(), 1.0), sums[~np.isclose(sums, 1.0)]


def test_figures_across_the_34():
    table = fixed_shares_table()
    edges = table[table["old_code"] != ""]
    assert list(table.columns) == COLUMNS
    assert (edges["population_share"] != "").sum() == 146
    assert (edges["area_share"] != "").sum() == 3
    types = pd.Series(stated_unit_types()).value_counts().to_dict()
    assert types == {"Xã": 2621, "Phường": 687, "Đặc khu": 13}


@pytest.mark.parametrize("number", ["1656", "1665", "1679"])
def test_table_matches_the_texts(number):
    """The shipped table is what the committed script derives from the texts (three provinces here;
    scripts/derive_fixed_shares.py regenerates all 34)."""
    from conftest import SHARED, need

    from transition.sources.resolution import import_resolution

    result = import_resolution(need(SHARED / "resolutions" / f"{number}_NQ-UBTVQH15.md"))
    derived = derive_fixed_shares([result])
    shipped = fixed_shares_table()
    shipped = shipped[shipped["resolution"] == f"{number}/NQ-UBTVQH15"].reset_index(drop=True)
    pd.testing.assert_frame_equal(derived, shipped)


def _divided(pops):
    from tiny import NEW_CODES, OLD_CODES, TARGET, tiny_plan

    a3 = OLD_CODES["A3"]
    edges = [
        {"old_code": OLD_CODES[k], "new_code": NEW_CODES[t], "part": "whole"}
        for k, t in TARGET.items()
        if k != "A3"
    ]
    edges += [
        {"old_code": a3, "new_code": new, "part": "part", "pop_share": pop}
        for new, pop in zip(NEW_CODES.values(), pops, strict=False)
    ]
    return tiny_plan(edges, island_n3=True)


def test_check_reports_fixed_shares_that_do_not_add_up():
    from transition.checks.coverage import check_coverage

    def codes(pops):
        return {(p.code, p.severity) for p in check_coverage(_divided(pops), {})}

    # a land-only part (0) and two open parts: what the words fix, not an incomplete table
    assert not {c for c, _ in codes([0.0, None, None])} & {"shares-incomplete", "shares-not-one"}
    # two parts each given all the people
    assert ("shares-not-one", "error") in codes([1.0, 1.0, None])
    # every part land only: nobody took the people
    assert ("shares-not-one", "error") in codes([0.0, 0.0, 0.0])


def test_vn2025_import_takes_the_fixed_shares():
    from transition.sources.vn2025 import province_plan

    cw = province_plan(["Quảng Ninh"]).commune_edges
    hai_hoa = cw[cw["old_code"] == "06799"].set_index("new_code")
    assert hai_hoa["pop_share"].to_dict() == {"06799": 0.0, "06886": 1.0}
    assert not hai_hoa["pop_share_estimated"].any()
    assert hai_hoa.loc["06886", "basis_clause"] == "Điều 1, khoản 7"


def test_import_vn2025_reads_the_shares_from_the_texts(tmp_path):
    """`import vn2025 --resolutions DIR`: the shares come from the province's text, not the table."""
    from conftest import SHARED, need

    from transition import actions
    from transition.errors import InputFileError

    folder = need(SHARED / "resolutions")
    result = actions.import_vn2025(tmp_path / "ws", ["Quảng Ninh"], resolutions=folder)
    cw = result.plan.commune_edges
    lien_hoa = cw[cw["old_code"] == "07180"].set_index("new_code")["pop_share"].to_dict()
    assert lien_hoa == {"07168": 0.0, "07180": 1.0}
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputFileError, match="no resolution text"):
        actions.import_vn2025(tmp_path / "ws2", ["Quảng Ninh"], resolutions=empty)


def test_vn2025_edges_cite_the_clause_forming_their_new_unit():
    from transition.sources.vn2025 import province_plan

    cw = province_plan(["Quảng Ninh"]).commune_edges
    assert (cw["basis_clause"] != "").all()
    assert set(cw["basis_document"]) == {"1679/NQ-UBTVQH15"}
    # Xã Đồng Rui goes whole to Xã Hải Lạng, formed by clause 7
    assert cw.loc[cw["old_code"] == "06892", "basis_clause"].tolist() == ["Điều 1, khoản 7"]

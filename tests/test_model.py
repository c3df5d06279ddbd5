import pandas as pd
import pytest
from tiny import NEW_CODES, OLD_CODES, tiny_plan

from transition.errors import UnknownUnit
from transition.io.tables import write_csv, write_xlsx
from transition.io.workspace import read_crosswalk
from transition.model import normalise_crosswalk


def divided_plan():
    """A3 is divided between N1 (part) and N2 (remainder); B1 too, between N2 and N3."""
    e = []
    for k, t in {"A1": "N1", "A2": "N1", "B2": "N2", "C1": "N3", "C2": "N3"}.items():
        e.append({"old_code": OLD_CODES[k], "new_code": NEW_CODES[t], "part": "whole"})
    e += [
        {
            "old_code": OLD_CODES["A3"],
            "new_code": NEW_CODES["N1"],
            "part": "part",
            "area_share": 0.4,
        },
        {
            "old_code": OLD_CODES["A3"],
            "new_code": NEW_CODES["N2"],
            "part": "remainder",
            "area_share": 0.6,
        },
        {"old_code": OLD_CODES["B1"], "new_code": NEW_CODES["N2"], "part": "part"},
        {"old_code": OLD_CODES["B1"], "new_code": NEW_CODES["N3"], "part": "remainder"},
    ]
    return tiny_plan(e)


def test_graph_lineage_both_ways():
    plan = divided_plan()
    g = plan.graph
    assert set(g.successors(("old", OLD_CODES["A3"]))) == {("new", "00100"), ("new", "00200")}
    assert sorted(n[1] for n in g.predecessors(("new", "00200"))) == sorted(
        [OLD_CODES["A3"], OLD_CODES["B1"], OLD_CODES["B2"]]
    )
    assert plan.successors(OLD_CODES["A3"])["part"].tolist() == ["part", "remainder"]
    assert g.edges[("old", OLD_CODES["A3"]), ("new", "00100")]["area_share"] == 0.4


def test_divided_units_and_clusters():
    plan = divided_plan()
    assert plan.divided_old_units == sorted([OLD_CODES["A3"], OLD_CODES["B1"]])
    # N1-N2 tied through A3, N2-N3 through B1: one cluster of three
    assert plan.clusters == [["00100", "00200", "00300"]]
    assert plan.cluster_of("00200") == ["00100", "00200", "00300"]
    assert len(plan.old_units_of_cluster(plan.clusters[0])) == 7
    assert tiny_plan().clusters == []


def test_find_by_code_name_and_without_diacritics():
    plan = tiny_plan()
    assert plan.find("00100") == [("new", "00100")]
    assert plan.find("Xã A1") == [("old", OLD_CODES["A1"])]
    assert plan.find("xa a1") == [("old", OLD_CODES["A1"])]
    with pytest.raises(UnknownUnit, match="no old or new unit has the code or name 'Xã Z9'"):
        plan.find("Xã Z9")


def test_plan_is_not_mutated_by_replace():
    plan = tiny_plan()
    cw = plan.crosswalk.copy()
    cw.loc[0, "part"] = "part"
    other = plan.replace(crosswalk=cw)
    assert plan.crosswalk.loc[0, "part"] == "whole"
    assert other.crosswalk.loc[0, "part"] == "part"


def test_crosswalk_round_trips_csv_and_xlsx_keeping_leading_zeros(tmp_path):
    plan = divided_plan()
    write_csv(tmp_path / "c.csv", plan.crosswalk)
    write_xlsx(tmp_path / "c.xlsx", {"crosswalk": plan.crosswalk})
    for name in ("c.csv", "c.xlsx"):
        back = normalise_crosswalk(read_crosswalk(tmp_path / name))
        pd.testing.assert_frame_equal(back, plan.crosswalk)
        assert back["old_code"].iloc[0].startswith("0000")


def test_vietnamese_headers_are_accepted(tmp_path):
    (tmp_path / "c.csv").write_text(
        "Mã cũ,Mã mới,Phần,Tỷ lệ diện tích\n06652,06652,whole,\n", encoding="utf-8"
    )
    cw = normalise_crosswalk(read_crosswalk(tmp_path / "c.csv"))
    assert cw[["old_code", "new_code", "part"]].values.tolist() == [["06652", "06652", "whole"]]


def test_a_flag_cell_that_is_neither_yes_nor_no_is_refused():
    from transition.errors import PlanError
    from transition.model import NEW_UNIT_COLUMNS, normalise_units

    frame = pd.DataFrame(
        {"code": ["22001", "22002", "22003"], "name": ["A", "B", "C"], "island": ["có", "", "hmm"]}
    )
    with pytest.raises(PlanError, match="column island, row 3: 'hmm' is not yes/no"):
        normalise_units(frame, NEW_UNIT_COLUMNS)
    ok = normalise_units(frame.iloc[:2], NEW_UNIT_COLUMNS)
    assert ok["island"].tolist() == [True, False]

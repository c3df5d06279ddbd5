"""Field cases (issue 16, ../shared/cases/field/CASES.md): inputs and look-ups as offices and citizens
really write them. Each case of CASES.md is a test with the right value; each kind has more instances
of our own. The catalogue test at the bottom lists the kinds and what each gets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from transition.errors import UnknownUnit
from transition.geo.coordinates import parse_coordinate, read_points
from transition.io.sheets import is_totals_label, skip_totals_rows
from transition.privacy import mask_id
from transition.registers.identity import check_identity_numbers, classify_identity_number
from transition.text import (
    expand_abbreviation,
    match_names,
    parse_name_query,
    read_vn_number,
    spelling_key,
)

ROOT = Path(__file__).resolve().parent.parent

CASES = ROOT.parent / "shared" / "cases" / "field"


def case(*parts: str) -> Path:
    path = CASES.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/cases is not beside the checkout)")
    return path


@pytest.fixture
def qn_copy(qn_workspace, tmp_path):
    """A fresh copy of the Quảng Ninh workspace with an empty inputs/ folder."""
    ws = tmp_path / "ws"
    shutil.copytree(qn_workspace, ws, ignore=shutil.ignore_patterns("results"))
    inputs = ws / "inputs"
    if inputs.exists():
        shutil.rmtree(inputs)
    inputs.mkdir()
    return ws


@pytest.fixture(scope="module")
def national_workspace(tmp_path_factory):
    """Hồ Chí Minh city and Vĩnh Long from the national crosswalk (vietnamadminunits), where
    "Phường 1" is many units and Xã Lục Sĩ Thành lies."""
    from transition import actions

    out = tmp_path_factory.mktemp("nat") / "ws"
    actions.import_vn2025(out, ["Hồ Chí Minh", "Vĩnh Long"])
    return out


# ---- 1. unit types abbreviated --------------------------------------------------------------------
@pytest.mark.parametrize(
    "written, expected",
    [
        ("P. Hà Tu", "Phường Hà Tu"),
        ("X. Vô Ngại", "Xã Vô Ngại"),
        ("P.Hà Tu", "Phường Hà Tu"),
        ("P Hà Tu", "Phường Hà Tu"),
        ("TT. Bình Liêu", "Thị trấn Bình Liêu"),
        ("TT Bình Liêu", "Thị trấn Bình Liêu"),
        ("TX.Quảng Yên", "Thị xã Quảng Yên"),
        ("TP. Hạ Long", "Thành phố Hạ Long"),
        ("Tp Hạ Long", "Thành phố Hạ Long"),
        ("H. Bình Liêu", "Huyện Bình Liêu"),
        ("Q.3", "Quận 3"),
        ("P1", "Phường 1"),
        ("F01", "Phường 1"),
        ("Hải Hà", "Hải Hà"),  # no abbreviation: a name that starts with H is left alone
        ("Xuân Sơn", "Xuân Sơn"),
    ],
)
def test_abbreviated_unit_types(written, expected):
    assert expand_abbreviation(written) == expected


@pytest.mark.parametrize(
    "query, old_code, new_codes",
    [
        ("P. Hà Tu", "06664", {"06652"}),
        ("phường Hà Tu (cũ)", "06664", {"06652"}),
        ("X. Vô Ngại", "06853", {"06838", "06862"}),
        ("x.vo ngai", "06853", {"06838", "06862"}),
        ("Xã Vô Ngại, H. Bình Liêu, T. Quảng Ninh", "06853", {"06838", "06862"}),
        ("Quảng Ninh - Bình Liêu - Vô Ngại", "06853", {"06838", "06862"}),
    ],
)
def test_case1_lineage_of_abbreviated_names(qn_workspace, query, old_code, new_codes):
    from transition import actions

    units = actions.lineage(qn_workspace, query).to_dict()["units"]
    old = [u for u in units if u["era"] == "old"]
    assert [u["code"] for u in old] == [old_code]
    assert {e["new_code"] for e in old[0]["edges"]} == new_codes
    assert old[0]["district_name"] and old[0]["province_name"] == "Tỉnh Quảng Ninh"


def test_case1_nothing_matches_gives_a_suggestion(qn_workspace):
    from transition import actions

    with pytest.raises(UnknownUnit, match="Did you mean 'Phường Hà Tu'"):
        actions.lineage(qn_workspace, "P. Hà Tuu")


# ---- 2. a repeated name narrowed by its old district and province -----------------------------------
ROWS = [  # (name, type, district, province, era)
    ("Phường 1", "Phường", "Quận 3", "Thành phố Hồ Chí Minh", "old"),
    ("Phường 1", "Phường", "Quận 5", "Thành phố Hồ Chí Minh", "old"),
    ("Phường 1", "Phường", "Thành phố Cà Mau", "Tỉnh Cà Mau", "old"),
    ("Phường Bàn Cờ", "Phường", "", "Thành phố Hồ Chí Minh", "new"),
]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Phường 1, Quận 3", [0]),
        ("Quận 3, Phường 1", [0]),
        ("P.01 - Q.3 - TP.HCM", [0]),
        ("phuong 1 quan 3".replace(" quan", ", quan"), [0]),
        ("Phường 1; Quận 5; Thành phố Hồ Chí Minh", [1]),
        ("P1, Cà Mau", [2]),
        ("Phường 1", [0, 1, 2]),
        ("Phường 1 (mới)", []),
    ],
)
def test_case2_qualified_names(query, expected):
    assert match_names(query, ROWS)[0] == expected


def test_case2_national_lineage(national_workspace):
    from transition import actions

    units = actions.lineage(national_workspace, "Phường 1, Quận 3").to_dict()["units"]
    assert [(u["code"], u["district_name"]) for u in units] == [("27160", "Quận 3")]
    edge = units[0]["edges"][0]
    assert (edge["new_code"], edge["part"]) == ("27154", "whole")
    # the clause (5) comes with the derived table of the resolutions (the shares issue)
    assert edge["basis_document"] == "1685/NQ-UBTVQH15"
    for query in ("Quận 3 - P.01", "P1, Q.3, TP.HCM", "phuong 01, quan 3, ho chi minh"):
        units = actions.lineage(national_workspace, query).to_dict()["units"]
        assert [u["code"] for u in units] == ["27160"], query
    bare = actions.lineage(national_workspace, "Phường 1").to_dict()["units"]
    assert len(bare) > 10 and all(u["district_name"] and u["province_name"] for u in bare)
    assert len({(u["district_name"], u["province_name"]) for u in bare}) == len(bare)


# ---- 3. the i/y pair --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "a, b",
    [
        ("Lục Sỹ Thành", "Lục Sĩ Thành"),
        ("Mỹ Hòa", "Mĩ Hoà"),
        ("Kỳ Thượng", "Kì Thượng"),
        ("Lý Nhân", "Lí Nhân"),
        ("Quý Sơn", "Quí Sơn"),
    ],
)
def test_case3_i_y_pair(a, b):
    assert spelling_key(a) == spelling_key(b)


@pytest.mark.parametrize("a, b", [("Hải Hà", "Hải Hả"), ("Thanh Hay", "Thanh Hai"), ("Huy", "Hui")])
def test_case3_not_the_i_y_pair(a, b):
    assert spelling_key(a) != spelling_key(b)


def test_case3_lineage_with_y(qn_workspace):
    from transition import actions

    # Quảng Ninh has the old Xã Kỳ Thượng (07033): written with i it is the same unit.
    units = actions.lineage(qn_workspace, "Xã Kì Thượng").to_dict()["units"]
    assert [u["code"] for u in units if u["era"] == "old"] == ["07033"]


def test_case3_national_lineage(national_workspace):
    from transition import actions

    units = actions.lineage(national_workspace, "Xã Lục Sỹ Thành").to_dict()["units"]
    assert [(u["era"], u["code"], u["name"]) for u in units] == [
        ("old", "29857", "Xã Lục Sĩ Thành"),
        ("new", "29857", "Xã Lục Sĩ Thành"),
    ]
    assert units[0]["edges"][0]["basis_document"] == "1687/NQ-UBTVQH15"


# ---- 5. coordinates ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "written, degrees",
    [
        ("107.34523", 107.34523),
        ("107,34523", 107.34523),
        ("21°30'15\"N", 21.504167),
        ("21° 30′ 15″ B", 21.504167),
        ("107°20'42.8\"E", 107.345222),
        ("107° 20' 42,8\" Đ", 107.345222),
        ("21 30 15", 21.504167),
        ("21°30.25'", 21.504167),
        ("-8°30'S", -8.5),
    ],
)
def test_coordinate_notations(written, degrees):
    assert parse_coordinate(written) == pytest.approx(degrees, abs=1e-6)


@pytest.mark.parametrize("written", ["abc", "21°75'", "1O7.3", "N/A"])
def test_coordinate_refused(written):
    with pytest.raises(ValueError):
        parse_coordinate(written)


def test_coordinates_swapped_with_a_note_and_never_emptied():
    frame = pd.DataFrame(
        {
            "id": ["A", "B", "C", "D", "E"],
            "lon": ["107.1520", "21.0420", "107°9'7\"E", "160.0", "bad"],
            "lat": ["21.0420", "107.1520", "21°2'31\"N", "10.0", "21.0"],
        }
    )
    out, problems = read_points(frame, "assets.csv")
    assert out["lon"].round(4).tolist()[:3] == [107.152, 107.152, 107.1519]
    assert out["lat"].round(4).tolist()[:3] == [21.042, 21.042, 21.0419]
    got = [(p.code, p.row, p.column) for p in problems]
    assert got == [
        ("coordinate-swapped", 3, "lon, lat"),
        ("coordinate-outside", 5, "lon, lat"),
        ("coordinate-unreadable", 6, "lon"),
    ]
    assert "latitude of 107.152 is impossible" in problems[0].message


def test_coordinates_projected_vn2000():
    # The seat of Phường Hà Khánh in VN-2000 / UTM zone 48N (EPSG:3405).
    from pyproj import Transformer

    x, y = Transformer.from_crs("EPSG:4326", "EPSG:3405", always_xy=True).transform(107.152, 21.042)
    frame = pd.DataFrame(
        {"id": ["A", "B"], "lon": [f"{x:.2f}", f"{x:.2f}"], "lat": [f"{y:.2f}", ""]}
    )
    out, problems = read_points(frame, crs="EPSG:3405")
    assert out.at[0, "lon"] == pytest.approx(107.152, abs=1e-4)
    assert [p.code for p in problems] == ["coordinate-unreadable"]
    _, unnamed = read_points(frame.iloc[:1])
    assert unnamed[0].code == "coordinate-outside" and "--crs" in unnamed[0].message


def _assign(ws: Path):
    from transition import actions

    return actions.assign_workspace(ws, unit_files=False)


def test_case5_latitude_first_assets(qn_copy, qn_polygons):  # noqa: ARG001 (real polygons)
    shutil.copy(case("coordinates_swapped", "assets.csv"), qn_copy / "inputs" / "assets.csv")
    done = _assign(qn_copy)
    assets = done.reassignment.items["assets"].set_index("id")
    assert assets.loc["TS-A2", "new_code"] == "06838" or assets.loc["TS-A2", "new_code"] == "06862"
    assert {assets.loc["TS-A1", "new_code"], assets.loc["TS-A3", "new_code"]} == {"06838", "06862"}
    assert assets.loc["TS-A2", "new_code"] == assets.loc["TS-A1", "new_code"]
    assert assets.loc["TS-A4", "new_code"] == assets.loc["TS-A3", "new_code"]
    hq = done.reassignment.headquarters.set_index("id")
    assert hq.loc["TS-H1", "proposal"] == "trụ sở chính (main seat)"
    assert hq.loc["TS-H1", "distance_km"] == pytest.approx(5.17, abs=0.01)
    notes = done.to_dict()["notes"]
    swapped = sorted((n["row"], n["code"]) for n in notes if n["code"] == "coordinate-swapped")
    assert swapped == [
        (3, "coordinate-swapped"),
        (5, "coordinate-swapped"),
        (6, "coordinate-swapped"),
    ]


# ---- 6. identity numbers ----------------------------------------------------------------------------
def test_case6_national_ids(qn_copy):
    shutil.copy(case("national_ids", "staff.csv"), qn_copy / "inputs" / "staff.csv")
    done = _assign(qn_copy)
    notes = {(n["code"], n["row"], n["column"]) for n in done.to_dict()["notes"]}
    assert ("id-number-short", 3, "national_id") in notes
    assert ("id-number-shared", 5, "national_id") in notes
    assert ("id-number-shared", 6, "national_id") in notes
    staff = pd.read_csv(qn_copy / "results" / "assign" / "staff.csv", dtype=str)
    shown = staff.set_index("id").loc["NV-E2", "national_id"]
    assert shown.startswith("221*****222") and "mất số 0" in shown


@pytest.mark.parametrize(
    "number, kind",
    [
        ("022085000111", "ok"),
        ("22190000222", "short"),
        ("2.2190000222E+10", "scientific"),
        ("2,21900E+10", "scientific"),
        ("0221 9000 0222", "ok"),
        ("02219000022", "short"),
        ("12345", "malformed"),
        ("0221900002222", "malformed"),
        ("CCCD022190000222", "malformed"),
    ],
)
def test_identity_number_kinds(number, kind):
    assert classify_identity_number(number) == kind


def test_identity_numbers_never_padded_and_masking_shows_damage():
    problems = check_identity_numbers(
        ["022085000111", "22190000222", "022085000111", "2.2E+10"], ["A", "B", "C", "D"]
    )
    assert [(p.code, p.row) for p in problems] == [
        ("id-number-shared", 2),
        ("id-number-short", 3),
        ("id-number-shared", 4),
        ("id-number-scientific", 5),
    ]
    assert mask_id("022085000111") == "022******111"
    assert mask_id("22190000222").endswith("(sai: 11 chữ số, mất số 0 đầu?)")
    assert "số mũ" in mask_id("2.2E+10")


# ---- 7. Vietnamese numbers in every table -----------------------------------------------------------
@pytest.mark.parametrize(
    "written, whole, comma_decimal, value",
    [
        ("29.643", True, None, 29643),
        ("32.809", True, None, 32809),
        ("37,60", False, None, 37.6),
        ("41.390", False, True, 41390),
        ("1.250.000", True, None, 1250000),
        ("1,250,000", True, None, 1250000),
        ("1.234,5", False, None, 1234.5),
        ("1,234.5", False, None, 1234.5),
        ("37.6", False, None, 37.6),
        ("29 643", True, None, 29643),
    ],
)
def test_vietnamese_numbers(written, whole, comma_decimal, value):
    assert read_vn_number(written, whole=whole, comma_decimal=comma_decimal) == value


@pytest.mark.parametrize("written", ["29.6", "hai mươi", "1.2.3"])
def test_vietnamese_numbers_refused_for_people(written):
    with pytest.raises(ValueError):
        read_vn_number(written, whole=True)


def test_case7_attributes_in_vietnamese_notation(tmp_path, qn_polygons):
    from transition import actions

    out = tmp_path / "ws"
    actions.import_vn2025(
        out,
        ["Quảng Ninh"],
        new_units=str(qn_polygons),
        attributes=str(case("attributes_vn_numbers", "attributes.csv")),
    )
    units = pd.read_csv(out / "plan" / "new_units.csv", dtype={"code": str}).set_index("code")
    assert units.loc["06652", "population"] == 29643
    assert units.loc["06658", "population"] == 32809
    assert units.loc["06652", "area_km2"] == pytest.approx(37.60)


# ---- 8. totals rows ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "label", ["Tổng cộng", "TỔNG CỘNG:", "Cộng", "Tổng số", "Tổng", "I. Tổng cộng", "Total"]
)
def test_totals_labels(label):
    assert is_totals_label(label)


@pytest.mark.parametrize("label", ["Cộng đồng", "TS-1", "Tổng kho", ""])
def test_not_totals_labels(label):
    assert not is_totals_label(label)


def test_totals_row_checked_against_the_sum():
    frame = pd.DataFrame(
        {
            "id": ["A", "B", "Cộng", "C", "Tổng cộng"],
            "value_vnd": ["1.000", "2.000", "3.000", "5", "3.006"],
        }
    )
    out, problems = skip_totals_rows(frame, ("id",), ("value_vnd",), "x.csv")
    assert out["id"].tolist() == ["A", "B", "C"]
    assert [(p.code, p.row) for p in problems] == [
        ("totals-row", 4),
        ("totals-differ", 6),
        ("totals-row", 6),
    ]


@pytest.mark.parametrize("name", ["assets.xlsx", "assets_label_in_id.xlsx"])
def test_case8_totals_row_in_a_register(qn_copy, name):
    shutil.copy(case("totals_row", name), qn_copy / "inputs" / "assets.xlsx")
    done = _assign(qn_copy)
    book = done.to_dict()
    assert book["classes"]["assets"]["before"] == 3
    assert book["classes"]["assets"]["value_before"] == 3_500_000_000
    totals = [n for n in book["notes"] if n["code"] == "totals-row"]
    assert len(totals) == 1 and "3,500,000,000 = 3,500,000,000" in totals[0]["message"]


# ---- 9. .xls registers, and no file skipped silently -----------------------------------------------
def test_case9_xls_register_read_and_every_file_listed(qn_copy):
    shutil.copy(case("legacy_xls", "staff.xls"), qn_copy / "inputs" / "staff.xls")
    shutil.copy(case("legacy_xls", "assets.csv"), qn_copy / "inputs" / "assets.csv")
    (qn_copy / "inputs" / "nhan_su_cu.xlsx").write_bytes(b"")
    book = _assign(qn_copy).to_dict()
    assert book["classes"]["staff"]["before"] == 2
    assert book["classes"]["assets"]["before"] == 1
    files = {f["file"]: f["read"] for f in book["files"]}
    assert files == {
        "inputs/assets.csv": True,
        "inputs/nhan_su_cu.xlsx": False,
        "inputs/staff.xls": True,
    }


def test_case9_xls_alone(qn_copy):
    shutil.copy(case("legacy_xls", "staff.xls"), qn_copy / "inputs" / "staff.xls")
    book = _assign(qn_copy).to_dict()
    assert list(book["classes"]) == ["staff"] and book["classes"]["staff"]["before"] == 2


def test_unread_register_file_is_a_check_warning(qn_copy):
    from transition.io.workspace import Workspace
    from transition.registers.loading import register_problems

    (qn_copy / "inputs" / "tai_san.ods").write_bytes(b"")
    ws = Workspace.at(qn_copy)
    found = [(p.code, p.file) for p in register_problems(ws, ws.load_plan())]
    assert found == [("register-file-unread", "inputs/tai_san.ods")]


# ---- catalogue --------------------------------------------------------------------------------------
CATALOGUE = [
    # (kind, an instance, what it gets)
    ("unit type abbreviated", "P. Hà Tu", "read as Phường Hà Tu"),
    ("numbered unit", "P01", "read as Phường 1"),
    ("era mark", "Phường 1 (cũ)", "old units only"),
    ("qualified name", "Phường 1, Quận 3", "narrowed to the unit of that district"),
    ("i/y pair", "Lục Sỹ Thành", "same key as Lục Sĩ Thành"),
    ("decimal comma coordinate", "107,34523", "107.34523"),
    ("DMS coordinate", "21°30'15\"N", "21.504167"),
    ("latitude-first pair", "(21.04, 107.15)", "swapped with a warning"),
    ("CCCD lost its 0", "22190000222", "warning, never padded"),
    ("CCCD scientific", "2.2E+10", "error: digits lost"),
    ("population 29.643", "29.643", "29,643 people"),
    ("totals row", "Tổng cộng", "skipped with a note, checked against the sum"),
    ("DBF text in Windows-1258", "Phường Hà Tu", "decoded with a note (cp1258)"),
    ("plan word", "phần còn lại", "remainder"),
    ("plan word", "full", "whole"),
    ("unit type from the law", "10543", "Phường"),
    ("unit type from the law", "11848", "Xã"),
    ("merged cells", "A2:A3", "filled down with a note"),
]


@pytest.mark.parametrize("kind, instance, gets", CATALOGUE)
def test_catalogue(kind, instance, gets):
    if kind in ("unit type abbreviated", "numbered unit"):
        assert expand_abbreviation(instance) == gets.removeprefix("read as ")
    elif kind == "era mark":
        assert parse_name_query(instance)["era"] == "old"
    elif kind == "qualified name":
        assert match_names(instance, ROWS)[0] == [0]
    elif kind == "i/y pair":
        assert spelling_key(instance) == spelling_key(gets.removeprefix("same key as "))
    elif kind.endswith("coordinate"):
        assert parse_coordinate(instance) == pytest.approx(float(gets), abs=1e-6)
    elif kind == "latitude-first pair":
        frame = pd.DataFrame({"id": ["x"], "lon": ["21.04"], "lat": ["107.15"]})
        out, problems = read_points(frame)
        assert (out.at[0, "lon"], problems[0].code) == (107.15, "coordinate-swapped")
    elif kind.startswith("CCCD"):
        code = check_identity_numbers([instance])[0]
        assert code.severity == gets.split(":")[0].split(",")[0]
    elif kind == "population 29.643":
        assert read_vn_number(instance, whole=True) == 29643
    elif kind == "totals row":
        assert is_totals_label(instance)
    elif kind.startswith("DBF"):
        from transition.geo.encoding import decode_cells

        assert decode_cells([cp1258(instance)], None) == ([instance], "cp1258")
    elif kind == "plan word":
        from transition.profiles.vocabulary import part_vocabulary
        from transition.text import fold

        assert part_vocabulary().lookup()[fold(instance)] == gets
    elif kind == "unit type from the law":
        from transition.sources.legal_types import stated_types_table

        table = stated_types_table().set_index("new_code")
        assert table.loc[instance, "new_unit_type"] == gets
    elif kind == "merged cells":
        from transition.io.sheets import fill_merged

        frame = pd.DataFrame({"holder": ["06664", "", ""], "id": ["a", "b", "c"]})
        out, notes = fill_merged(frame, [(2, 1, 4, 1)])
        assert out["holder"].tolist() == ["06664"] * 3 and notes[0].code == "merged-cells"


# ---- 10. GIS text in Windows-1258 / TCVN3 / VNI -----------------------------------------------------
def _make(script: str, layer: Path, out: Path) -> Path:
    import subprocess
    import sys

    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, str(script), str(layer), str(out)], check=True, capture_output=True
    )
    return out


def test_case10_shapefile_cp1258_with_and_without_cpg(tmp_path, qn_polygons):
    from transition.geo.layers import read_layer
    from transition.geo.plan_geometry import build_geometry
    from transition.sources import vn2025

    out = _make(case("shapefile_cp1258", "make_shapefiles.py"), qn_polygons, tmp_path / "shp")
    no_cpg = tmp_path / "no_cpg"
    no_cpg.mkdir()
    for ext in ("shp", "shx", "dbf", "prj"):
        shutil.copy(out / "with_cpg" / f"xa_qn.{ext}", no_cpg / f"xa_qn.{ext}")
    plan = vn2025.province_plan(["Quảng Ninh"])
    for path in (out / "with_cpg" / "xa_qn.shp", no_cpg / "xa_qn.shp"):
        layer = read_layer(path)
        assert layer.encoding == "cp1258"
        assert list(layer.frame.columns) == ["TEN_XA", "geometry"]
        assert layer.frame["TEN_XA"].iloc[0] == "Phường Hà Tu"
        geometry, _ = build_geometry(plan, layer)
        assert len(geometry.new) == 54 and geometry.layers["new_units"]["unmatched"] == []


def test_wrong_cpg_named(tmp_path, qn_polygons):
    from transition.errors import InputFileError
    from transition.geo.layers import read_layer

    out = _make(case("shapefile_cp1258", "make_shapefiles.py"), qn_polygons, tmp_path / "shp")
    (out / "with_cpg" / "xa_qn.cpg").write_text("UTF-8")
    with pytest.raises(InputFileError, match="correct the .cpg to cp1258"):
        read_layer(out / "with_cpg" / "xa_qn.shp")


def test_misdecoded_layer_refused_naming_the_code_page(tmp_path):
    import geopandas as gpd
    from shapely.geometry import box

    from transition.errors import InputFileError
    from transition.geo.layers import read_layer

    names = ["Phường Hà Tu".encode().decode("latin-1"), "Xã Vô Ngại".encode().decode("latin-1")]
    path = tmp_path / "mojibake.geojson"
    frame = gpd.GeoDataFrame({"ten_xa": names}, geometry=[box(107, 21, 107.1, 21.1)] * 2, crs=4326)
    frame.to_file(path, driver="GeoJSON")
    with pytest.raises(InputFileError, match="UTF-8 read as (Windows-1252|Latin-1)"):
        read_layer(path)


def test_legacy_font_encodings_detected():
    from transition.geo.encoding import decode_cells

    pytest.importorskip("transition.io.encodings", reason="TCVN3/VNI come with the input readers")
    texts, used = decode_cells(["B¶o Th¾ng".encode("latin-1")], None)
    assert (texts, used) == (["Bảo Thắng"], "TCVN3")


def cp1258(text: str) -> bytes:
    """Windows-1258 bytes as Vietnamese software writes them: a base letter, then its tone mark."""
    import unicodedata

    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = [c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323"]
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + "".join(tones)).encode("cp1258")
    return out


@pytest.mark.parametrize(
    "raw, codec, expected",
    [
        (cp1258("Phường Hà Tu"), None, ("Phường Hà Tu", "cp1258")),
        ("Phường Hà Tu".encode(), None, ("Phường Hà Tu", "utf-8")),
        (cp1258("Xã Vô Ngại"), "cp1258", ("Xã Vô Ngại", "cp1258")),
        (b"Xa Vo Ngai", None, ("Xa Vo Ngai", "ASCII")),
    ],
)
def test_dbf_cells_decoded(raw, codec, expected):
    from transition.geo.encoding import decode_cells

    texts, used = decode_cells([raw], codec)
    assert (texts[0], used) == expected


# ---- 11. one unit twice in a polygon layer -----------------------------------------------------------
@pytest.mark.parametrize("layer", ["dup_diff.geojson", "dup_same.geojson"])
def test_case11_duplicate_features(tmp_path, qn_polygons, layer):
    from transition.checks.geometry import check_geometry
    from transition.geo.layers import read_layer
    from transition.geo.plan_geometry import build_geometry
    from transition.profiles import load_profile
    from transition.profiles.rules import Tolerances
    from transition.sources import vn2025

    out = _make(case("duplicate_features", "make_layers.py"), qn_polygons, tmp_path / "dup")
    plan = vn2025.province_plan(["Quảng Ninh"])
    geometry, plan = build_geometry(plan, read_layer(out / layer))
    tol = load_profile(Tolerances, "checks.toml")
    problems = check_geometry(plan, geometry, tol, {})[0]
    found = [p for p in problems if p.code == "duplicate-feature"]
    assert [(p.unit_code, p.row) for p in found] == [("06970", 36)]
    assert "06970 Xã Ba Chẽ matches 2 features (codes 06970 and 06978)" in found[0].message
    original = gpd_read(qn_polygons).set_index("code").loc["06978"].geometry
    kept = geometry.new.set_index("code").loc["06970"].geometry
    assert kept.equals(original) == (layer == "dup_same.geojson")


def gpd_read(path):
    import geopandas as gpd

    return gpd.read_file(path)


# ---- 12. plan vocabularies --------------------------------------------------------------------------
@pytest.mark.parametrize("plan", ["plan_vi.csv", "plan_dvhcvn.csv"])
def test_case12_plan_vocabularies(qn_workspace, tmp_path, plan):
    from transition import actions

    out = _make(case("plan_vocabularies", "make_plans.py"), qn_workspace, tmp_path / "plans")
    result = actions.compare(qn_workspace, out / plan).to_dict()
    assert result["same"] == 184 and result["different"] == []
    assert [e["level"] for e in result["only_in_a"]] == ["province"]  # the plans hold communes only
    assert result["part_not_understood"] == {"a": [], "b": []}


def test_plan_words_not_understood_are_listed(qn_workspace, tmp_path):
    from transition import actions

    out = _make(case("plan_vocabularies", "make_plans.py"), qn_workspace, tmp_path / "plans")
    text = (out / "plan_vi.csv").read_text(encoding="utf-8")
    (out / "odd.csv").write_text(text.replace(",một phần", ",chia cắt"), encoding="utf-8")
    result = actions.compare(qn_workspace, out / "odd.csv")
    assert result.to_dict()["part_not_understood"]["b"] == [{"value": "chia cắt", "edges": 25}]
    assert result.to_dict()["different"] == [] and result.differs


@pytest.mark.parametrize(
    "word, part",
    [
        ("Toàn bộ", "whole"),
        ("toan bo", "whole"),
        ("FULL", "whole"),
        ("Một phần", "part"),
        ("partial", "part"),
        ("Phần còn lại", "remainder"),
        ("phan con lai", "remainder"),
    ],
)
def test_part_vocabulary(word, part):
    from transition.profiles.vocabulary import part_vocabulary
    from transition.text import fold

    assert part_vocabulary().lookup()[fold(word)] == part


# ---- 4. the unit type is a legal status -------------------------------------------------------------
@pytest.fixture(scope="module")
def hai_phong():
    from transition.sources import vn2025

    return vn2025.province_plan(["Hải Phòng"])


def test_case4_type_from_the_law(hai_phong):
    from transition.sources.legal_types import name_prefix_problems, with_stated_types

    units = hai_phong.new_units.set_index("code")
    assert (units.loc["10543", "unit_type"], units.loc["11848", "unit_type"]) == ("Xã", "Phường")
    assert {p.unit_code for p in name_prefix_problems(hai_phong.new_units)} == {"10543", "11848"}
    plan, problems = with_stated_types(hai_phong)
    units = plan.new_units.set_index("code")
    assert (units.loc["10543", "unit_type"], units.loc["11848", "unit_type"]) == ("Phường", "Xã")
    assert [(p.code, p.unit_code, p.clause) for p in problems] == [
        ("unit-type-differs", "10543", "Điều 1, khoản 27"),
        ("unit-type-differs", "11848", "Điều 1, khoản 66"),
    ]
    assert (
        "the register says Xã, 1669/NQ-UBTVQH15 Điều 1, khoản 27 says Phường" in problems[0].message
    )
    assert name_prefix_problems(plan.new_units) == []


def test_case4_import_and_check_use_the_law(tmp_path):
    from transition import actions

    out = tmp_path / "hp"
    actions.import_vn2025(out, ["Hải Phòng"])
    units = pd.read_csv(out / "plan" / "new_units.csv", dtype=str).set_index("code")
    assert (units.loc["10543", "unit_type"], units.loc["11848", "unit_type"]) == ("Phường", "Xã")
    report = actions.check_workspace(out).to_dict()
    codes = {(p["code"], p["unit_code"]) for p in report["problems"]}
    assert ("unit-type-differs", "10543") in codes and ("name-prefix-type", "10543") not in codes


def test_case4_resolution_text_states_the_type(tmp_path):
    from transition import actions

    text = ROOT.parent / "shared" / "data" / "resolutions" / "1669_NQ-UBTVQH15.md"
    if not text.exists():
        pytest.skip(f"{text} is absent")
    out = tmp_path / "r"
    actions.import_resolution(text, out)
    units = pd.read_csv(out / "plan" / "new_units.csv", dtype=str).set_index("code")
    assert (units.loc["10543", "unit_type"], units.loc["11848", "unit_type"]) == ("Phường", "Xã")


def test_amendment_is_not_a_contradiction():
    from transition.sources import vn2025
    from transition.sources.legal_types import read_amendments, with_stated_types

    path = ROOT.parent / "shared" / "data" / "national" / "amendments_after_2025.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    plan = vn2025.province_plan(["Đồng Nai"])
    units = plan.new_units.copy()
    later = units["code"].isin(["25270", "25357"])  # xã that became phường on 30/04/2026
    units.loc[later, "unit_type"] = "Phường"
    units.loc[later, "name"] = units.loc[later, "name"].str.replace("Xã ", "Phường ")
    plan = plan.replace(new_units=units)
    typed, problems = with_stated_types(plan, amendments=read_amendments(path))
    assert {(p.unit_code, p.severity) for p in problems} == {("25270", "info"), ("25357", "info")}
    assert "237/NQ-UBTVQH16" in problems[0].message
    assert set(typed.new_units.loc[later, "unit_type"]) == {"Phường"}
    _, without = with_stated_types(plan)
    assert {p.severity for p in without} == {"warning"}


def test_case3_resolution_spelling_noted(tmp_path):
    import unicodedata

    from transition.sources.resolution import import_resolution

    text = ROOT.parent / "shared" / "data" / "resolutions" / "1687_NQ-UBTVQH15.md"
    if not text.exists():
        pytest.skip(f"{text} is absent")
    copy = tmp_path / "1687_NQ-UBTVQH15.md"
    body = unicodedata.normalize("NFC", text.read_text(encoding="utf-8"))
    assert "Lục Sĩ Thành" in body
    copy.write_text(body.replace("Lục Sĩ", "Lục Sỹ"), encoding="utf-8")
    result = import_resolution(copy)
    edges = result.plan.crosswalk
    assert "29857" in set(edges.loc[edges["new_code"] == "29857", "old_code"])
    noted = [p for p in result.problems if p.code == "resolution-spelling"]
    assert [(p.unit_code, p.clause) for p in noted] == [("29857", "15")]
    assert "'Lục Sỹ Thành' is spelt 'Lục Sĩ Thành'" in noted[0].message


# ---- holders written as names in a register ---------------------------------------------------------
def test_holders_written_as_names(qn_copy):
    text = (
        "Mã tài sản,Loại,Tên,Đơn vị,Nguyên giá\n"
        "TS-N1,equipment,Máy tính,P. Hà Tu,10000000\n"
        'TS-N2,equipment,Máy in,"X.Vô Ngại, H. Bình Liêu",5000000\n'
        "TS-N3,equipment,Bàn ghế,06664,1000000\n"
    )
    (qn_copy / "inputs" / "assets.csv").write_text(text, encoding="utf-8")
    done = _assign(qn_copy)
    assets = done.reassignment.items["assets"].set_index("id")
    assert assets.loc["TS-N1", "holder"] == "06664" and assets.loc["TS-N2", "holder"] == "06853"
    notes = [
        (n["code"], n["row"]) for n in done.to_dict()["notes"] if n["code"] == "holder-by-name"
    ]
    assert notes == [("holder-by-name", 2), ("holder-by-name", 3)]


def test_distinct_numbers_are_not_shared():
    numbers = [f"0221990{i:05d}" for i in range(50)]
    assert check_identity_numbers(numbers) == []


def test_case9_merged_cells_in_an_xls_are_filled_down_with_a_note():
    """tests/data/staff_merged.xls (made with xlwt): the unit's code 06649 merged down over the
    three staff of that unit, as offices lay out Excel 97-2003 lists."""
    from transition.registers.reading import read_register_file

    read = read_register_file(ROOT / "tests" / "data" / "staff_merged.xls", "staff", "staff.xls")
    assert read.frame.sort_values("id")["holder"].tolist() == ["06649", "06649", "06649", "06652"]
    notes = [p for p in read.problems if p.code == "merged-cells"]
    assert len(notes) == 1 and "F2:F4" in notes[0].message
    assert not [p for p in read.problems if p.severity == "error"]


def test_points_of_truong_sa_are_in_the_country():
    """The national job found it: the DK1 platforms of Đặc khu Trường Sa lie at about 7.3 °N, south
    of the old 7.9 °N bound, and every asset there was refused."""
    from transition.geo.coordinates import read_points

    frame = pd.DataFrame(
        {"id": ["TS-1", "TS-2"], "lon": ["109.528101", "6.9"], "lat": ["7.383651", "109.5"]}
    )
    out, problems = read_points(frame, "assets.csv")
    assert out.loc[0, ["lon", "lat"]].tolist() == [109.528101, 7.383651]
    assert [p.code for p in problems] == ["coordinate-outside"]  # 6.9 °N is beyond the islands

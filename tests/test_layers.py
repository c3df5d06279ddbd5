"""Reading users' layers: CRS, joins by code (aliases), by name (tone marks, no diacritics), failures."""

import geopandas as gpd
import pytest
from shapely import box
from tiny import tiny_plan

from transition.errors import InputFileError
from transition.geo import join_units, read_layer


def write(tmp_path, rows, crs="EPSG:4326", name="layer.geojson"):
    frame = gpd.GeoDataFrame(
        rows,
        geometry=[box(107 + i * 0.01, 21, 107.01 + i * 0.01, 21.01) for i in range(len(rows))],
        crs=crs,
    )
    path = tmp_path / name
    frame.to_file(path)
    return path


def test_join_by_code_alias_and_name(tmp_path):
    plan = tiny_plan()
    units = plan.new_communes.copy()
    units.loc[units["code"] == "00300", "aliases"] = "00301"
    units.loc[units["code"] == "00200", "name"] = "Xã Hòa Bình"
    path = write(
        tmp_path,
        [
            {"ma": "100", "ten": "whatever"},  # code without its leading zeros
            {"ma": "", "ten": "xa hoa binh"},  # name without diacritics
            {"ma": "00301", "ten": ""},  # an alias
            {"ma": "55555", "ten": "Xã Không Có"},
        ],
    )  # nothing
    joined = join_units(units, read_layer(path))
    assert joined.units[["code", "matched_by"]].values.tolist() == [
        ["00100", "code"],
        ["00200", "name"],
        ["00300", "alias"],
    ]
    assert joined.unmatched == [
        {
            "row": 4,
            "code": "55555",
            "name": "Xã Không Có",
            "reason": "no unit has this code or name",
            "candidates": "",
        }
    ]


def test_tone_mark_placement_and_type_aware_names(tmp_path):
    plan = tiny_plan()
    units = plan.new_communes.copy()
    units.loc[units["code"] == "00100", ["name", "unit_type"]] = ["Phường Hòa Bình", "Phường"]
    units.loc[units["code"] == "00200", "name"] = "Xã Hòa Bình"
    path = write(
        tmp_path, [{"name": "Phường Hoà Bình"}, {"name": "Xã Hoà Bình"}, {"name": "Hòa Bình"}]
    )
    joined = join_units(units, read_layer(path))
    assert joined.units[["code", "layer_name"]].values.tolist() == [
        ["00100", "Phường Hoà Bình"],
        ["00200", "Xã Hoà Bình"],
    ]
    (ambiguous,) = joined.unmatched
    assert (
        ambiguous["reason"] == "the name fits several units"
        and ambiguous["candidates"] == "00100;00200"
    )


def test_layer_without_crs_in_degrees_is_read_as_wgs84(tmp_path):
    path = write(tmp_path, [{"code": "00100"}], crs=None, name="nocrs.geojson")
    # GeoJSON always means WGS 84; a Shapefile without .prj has no CRS
    shp = tmp_path / "nocrs.shp"
    gpd.read_file(path).set_crs(None, allow_override=True).to_file(shp)
    layer = read_layer(shp)
    assert layer.crs_declared is False and layer.frame.crs.to_epsg() == 4326


def test_unreadable_or_empty_layers_say_what_to_do(tmp_path):
    with pytest.raises(InputFileError, match="nowhere.gpkg: file not found"):
        read_layer(tmp_path / "nowhere.gpkg")
    bad = tmp_path / "bad.geojson"
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(InputFileError, match="cannot be read as a GIS layer"):
        read_layer(bad)


def test_old_polygons_given_by_name_replace_the_approximation(tmp_path, qn_polygons):
    from transition import actions
    from transition.io.workspace import Workspace

    geometry = actions.import_vn2025(tmp_path / "a", ["22"], new_units=str(qn_polygons)).geometry
    names = geometry.old.merge(
        Workspace.at(tmp_path / "a").load_plan().old_units[["code", "name"]], on="code"
    )
    old_layer = tmp_path / "old.gpkg"
    gpd.GeoDataFrame(
        {"ten": names["name"]}, geometry=names.geometry.to_numpy(), crs="EPSG:4326"
    ).to_file(old_layer)
    given = actions.import_vn2025(
        tmp_path / "b", ["22"], new_units=str(qn_polygons), old_units=str(old_layer)
    ).geometry
    assert not given.old_is_approximate and len(given.old) == 171
    assert set(given.old["matched_by"]) == {"name"}
    report = actions.check_workspace(tmp_path / "b", write=False).report
    assert report.summary["geometry"]["old_geometry"] == "given"
    assert report.by_code("discontiguous") == []


def test_a_projected_layer_is_reprojected_and_metres_without_a_crs_are_refused(tmp_path):
    degrees = gpd.read_file(write(tmp_path, [{"code": "00100"}], name="deg.geojson"))
    metres = degrees.to_crs("EPSG:3405")  # VN-2000 / UTM zone 48N, as departments keep layers
    projected = tmp_path / "vn2000.gpkg"
    metres.to_file(projected)
    layer = read_layer(projected)
    assert layer.crs_declared is True
    back = layer.frame.to_crs("EPSG:4326").geometry.iloc[0].bounds
    assert back == pytest.approx((107.0, 21.0, 107.01, 21.01), abs=1e-6)  # the same place
    no_prj = tmp_path / "noprj.shp"
    metres.set_crs(None, allow_override=True).to_file(no_prj)
    with pytest.raises(InputFileError, match="no coordinate reference system and its coordinates"):
        read_layer(no_prj)  # a shapefile without its .prj, in metres: never guessed

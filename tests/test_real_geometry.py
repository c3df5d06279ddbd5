"""Quảng Ninh's 54 real polygons (../shared/data): they tile the province, and every new unit is
contiguous or a declared island."""

import geopandas as gpd
import shapely

from transition.checks import run_checks
from transition.geo import build_geometry, read_layer, rook_pairs
from transition.sources.vn2025 import province_plan


def test_54_polygons_tile_without_overlap(qn_polygons):
    frame = gpd.read_file(qn_polygons).to_crs("EPSG:3405")
    geoms = frame.geometry.to_numpy()
    assert len(geoms) == 54 and shapely.is_valid(geoms).all()
    tree = shapely.STRtree(geoms)
    a, b = tree.query(geoms, predicate="intersects")
    keep = a < b
    overlap = shapely.area(shapely.intersection(geoms[a[keep]], geoms[b[keep]]))
    assert overlap.max() < 1.0  # square metres: shared edges only
    total = shapely.area(shapely.union_all(geoms)) / 1e6
    assert abs(total - shapely.area(geoms).sum() / 1e6) < 0.01
    assert len(rook_pairs(geoms)) == 96


def test_every_new_unit_is_contiguous_or_a_declared_island(qn_polygons):
    plan = province_plan(["Quảng Ninh"])
    geometry, plan = build_geometry(plan, read_layer(qn_polygons))
    assert geometry.layers["new_units"]["unmatched"] == []
    assert (geometry.new["matched_by"] == "alias").sum() == 1  # Xã Ba Chẽ: 06978 in the layer
    report = run_checks(plan, geometry)
    g = report.summary["geometry"]
    assert g["islands"] == [
        "06757",
        "06967",
        "06994",
        "07192",
    ]  # Vĩnh Thực, Cái Chiên, Vân Đồn, Cô Tô
    assert report.by_code("undeclared-island") == []
    assert report.by_code("discontiguous") == []
    assert report.by_code("overlap") == [] and g["overlaps"]["pairs"] == 0
    assert g["contiguous_new_units"] == 54
    assert g["units_with_islets"] > 10  # Hạ Long Bay wards carry islets and stay contiguous
    assert report.valid


def test_divided_communes_get_estimated_area_shares(qn_polygons):
    plan = province_plan(["Quảng Ninh"])
    _, plan = build_geometry(plan, read_layer(qn_polygons))
    divided = plan.commune_edges[plan.commune_edges["old_code"].isin(plan.divided_old_units)]
    assert divided["area_share"].notna().all()
    assert divided["area_share_estimated"].all()
    sums = divided.groupby("old_code")["area_share"].sum()
    assert ((sums - 1).abs() < 1e-5).all()
    whole = plan.commune_edges[~plan.commune_edges["old_code"].isin(plan.divided_old_units)]
    assert whole["area_share"].isna().all()


def test_without_any_polygons_both_are_approximated_and_labelled():
    plan = province_plan(["Quảng Ninh"])
    geometry, _ = build_geometry(plan)
    assert geometry.new_is_approximate and geometry.old_is_approximate
    assert len(geometry.new) == 54 and len(geometry.old) == 171
    report = run_checks(plan, geometry)
    assert report.summary["geometry"]["new_geometry"] == "approximate"
    assert all(p.severity != "error" for p in report.problems if p.family == "geometry")

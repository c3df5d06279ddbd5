import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import box

from transition.geo import rook_pairs


def brute_force(geoms):
    """GerryChain's definition, pair by pair: the intersection has positive length."""
    out = set()
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            if shapely.intersection(geoms[i], geoms[j]).length > 0:
                out.add((i, j))
    return out


def test_rook_not_queen_and_shared_length():
    grid = [box(x, y, x + 1, y + 1) for y in range(2) for x in range(2)]  # 0 1 / 2 3
    pairs = rook_pairs(grid)
    assert pairs[["i", "j"]].values.tolist() == [[0, 1], [0, 2], [1, 3], [2, 3]]
    assert pairs["shared"].tolist() == [1.0, 1.0, 1.0, 1.0]


def test_multipolygons_and_holes():
    ring = box(0, 0, 3, 3).difference(box(1, 1, 2, 2))
    inner = box(1, 1, 2, 2)
    multi = shapely.MultiPolygon([box(3, 0, 4, 1), box(10, 0, 11, 1)])
    pairs = rook_pairs([ring, inner, multi])
    assert pairs[["i", "j"]].values.tolist() == [[0, 1], [0, 2]]
    assert pairs["shared"].tolist() == [4.0, 1.0]


def test_unnoded_border_and_overlap_take_the_exact_path():
    a = box(0, 0, 2, 2)
    b = box(2, 0, 3, 1)  # its edge covers half of a's edge, with no vertex of a at (2, 1)
    c = box(1.5, 1.5, 2.5, 2.5)  # overlaps a
    pairs = rook_pairs([a, b, c])
    assert pairs[["i", "j"]].values.tolist() == [[0, 1], [0, 2]]
    assert pairs["shared"].tolist()[0] == 1.0  # the half of a's edge that b covers
    assert set(map(tuple, pairs[["i", "j"]].values.tolist())) == brute_force([a, b, c])


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=3, max_value=40), st.integers(min_value=0, max_value=10_000))
def test_same_edges_as_brute_force_on_random_tessellations(n, seed):
    rng = np.random.default_rng(seed)
    pts = shapely.MultiPoint(rng.uniform(0, 100, size=(n, 2)))
    frame = box(0, 0, 100, 100)
    cells = [
        shapely.intersection(c, frame)
        for c in shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=frame))
    ]
    cells = [c for c in cells if not c.is_empty]
    got = set(map(tuple, rook_pairs(cells)[["i", "j"]].values.tolist()))
    assert got == brute_force(cells)


def test_same_edges_as_gerrychain_on_quang_ninh(qn_polygons):
    gerrychain = pytest.importorskip("gerrychain")
    frame = gpd.read_file(qn_polygons).to_crs("EPSG:3405")
    ours = set(map(tuple, rook_pairs(frame.geometry.to_numpy())[["i", "j"]].values.tolist()))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        graph = gerrychain.Graph.from_geodataframe(frame, adjacency="rook")
    theirs = {tuple(sorted(e)) for e in graph.edges}
    assert ours == theirs
    assert len(ours) == 96

"""Rook adjacency of polygons, fast: shared edges of a clean coverage are matched as segments.

In a clean polygon coverage (no overlaps, vertices noded along shared borders) two units share a
border exactly when their rings hold the same segment. So instead of intersecting every pair of
candidate polygons, we cut every ring into segments, sort them once by a hash, and read the neighbours
off runs of equal segments. Segments that match nothing lie on the outer boundary (coast, border) or
where the coverage is not clean (overlaps, borders not noded); only the polygons they touch go through
the slow, exact test that GerryChain makes for every pair (``intersection.length > 0``). So the edge
set equals ``gerrychain.Graph.from_geodataframe(..., adjacency="rook")``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

_MIX = [
    np.uint64(m)
    for m in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5)
]


def segments(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every segment of every ring as an ``(n, 4)`` array ``x1, y1, x2, y2`` and the position of the
    polygon it belongs to. Segments of zero length (repeated points) are left out."""
    parts, part_owner = shapely.get_parts(geoms, return_index=True)  # MultiPolygon -> Polygons
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, ring_of_coord = shapely.get_coordinates(rings, return_index=True)
    same_ring = ring_of_coord[:-1] == ring_of_coord[1:]
    seg = np.empty((int(same_ring.sum()), 4))
    seg[:, :2] = coords[:-1][same_ring]
    seg[:, 2:] = coords[1:][same_ring]
    owner = part_owner[ring_part][ring_of_coord[:-1][same_ring]]
    keep = (seg[:, 0] != seg[:, 2]) | (seg[:, 1] != seg[:, 3])
    return seg[keep], owner[keep]


def _runs(seg: np.ndarray, owner: np.ndarray):
    """Sort segments so that equal ones (in either direction) stand together; return them with the
    starts and ends of their runs."""
    bits = seg.view(np.uint64)
    # The hash adds the two endpoints' hashes, so it does not depend on the segment's direction.
    h = (bits[:, 0] * _MIX[0] ^ bits[:, 1] * _MIX[1]) + (
        bits[:, 2] * _MIX[0] ^ bits[:, 3] * _MIX[1]
    )
    order = np.argsort(h)
    seg, owner = seg[order], owner[order]
    a, b = seg[:-1], seg[1:]
    forward = np.all(a == b, axis=1)
    backward = (
        (a[:, 0] == b[:, 2]) & (a[:, 1] == b[:, 3]) & (a[:, 2] == b[:, 0]) & (a[:, 3] == b[:, 1])
    )
    same = forward | backward  # hashes collide rarely; the real values decide
    starts = np.flatnonzero(np.concatenate([[True], ~same]))
    ends = np.concatenate([starts[1:], [len(seg)]])
    return seg, owner, starts, ends


def _matched_pairs(seg, owner, starts, ends) -> pd.DataFrame:
    sizes = ends - starts
    length = np.hypot(seg[:, 2] - seg[:, 0], seg[:, 3] - seg[:, 1])
    two = starts[sizes == 2]
    i, j, lens = owner[two], owner[two + 1], length[two]
    extra = []  # a segment held by three or more polygons: only where polygons overlap
    for s, e in zip(starts[sizes > 2], ends[sizes > 2], strict=True):
        members = np.unique(owner[s:e])
        extra += [(a, b, length[s]) for k, a in enumerate(members) for b in members[k + 1 :]]
    if extra:
        ei, ej, el = (np.asarray(v) for v in zip(*extra, strict=True))
        i, j, lens = np.concatenate([i, ei]), np.concatenate([j, ej]), np.concatenate([lens, el])
    distinct = i != j
    frame = pd.DataFrame(
        {"i": np.minimum(i, j)[distinct], "j": np.maximum(i, j)[distinct], "shared": lens[distinct]}
    )
    return frame.groupby(["i", "j"], as_index=False, sort=False)["shared"].sum()


def _unmatched_pairs(geoms, seg, owner, starts, ends, matched: pd.DataFrame) -> pd.DataFrame:
    """Pairs found through segments that match nothing, tested exactly (GerryChain's test)."""
    lone = starts[(ends - starts) == 1]
    lines = shapely.linestrings(seg[lone].reshape(-1, 2, 2))
    tree = shapely.STRtree(geoms)
    seg_idx, poly = tree.query(lines)
    a, b = owner[lone][seg_idx], poly
    keep = a != b
    pairs = pd.DataFrame(
        {"i": np.minimum(a, b)[keep], "j": np.maximum(a, b)[keep]}
    ).drop_duplicates()
    known = pd.MultiIndex.from_frame(matched[["i", "j"]])
    pairs = pairs[~pd.MultiIndex.from_frame(pairs).isin(known)].reset_index(drop=True)
    if pairs.empty:
        return pd.DataFrame({"i": [], "j": [], "shared": []})
    inter = shapely.intersection(geoms[pairs["i"].to_numpy()], geoms[pairs["j"].to_numpy()])
    pairs["shared"] = shapely.length(inter)
    return pairs[pairs["shared"] > 0]


def rook_pairs(geoms) -> pd.DataFrame:
    """Rook neighbours of polygons: ``(i, j, shared)`` with positions ``i < j`` and the shared length.

    Parameters
    ----------
    geoms : array-like of shapely Polygon / MultiPolygon
        Positions in this array are the ids of the result. Work in a projected CRS if ``shared``
        is to be in metres.

    Returns
    -------
    DataFrame with columns ``i``, ``j`` (int) and ``shared`` (float), sorted by ``i, j``.

    Notes
    -----
    Two polygons are rook neighbours when their intersection has positive length,
    :math:`\\lvert A \\cap B \\rvert_1 > 0` (GerryChain's definition). For two clean polygons this
    holds iff they share a segment, and ``shared`` is the summed length of the shared segments. Any
    other positive-length contact leaves a segment of one of them unmatched and inside or on the
    other; those pairs are tested exactly and ``shared`` is the length of their intersection.
    A polygon lying wholly in another's interior with every edge matched by third polygons (an
    overlay) is not seen; the overlap check reports such a case.

    Examples
    --------
    >>> from shapely import box
    >>> rook_pairs([box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 1, 3, 2)]).values.tolist()
    [[0.0, 1.0, 1.0]]
    """
    geoms = np.asarray(geoms, dtype=object)
    seg, owner = segments(geoms)
    seg, owner, starts, ends = _runs(seg, owner)
    matched = _matched_pairs(seg, owner, starts, ends)
    other = _unmatched_pairs(geoms, seg, owner, starts, ends, matched)
    if len(other):
        matched = pd.concat([matched, other], ignore_index=True)
    matched = matched.astype({"i": int, "j": int, "shared": float})
    return matched.sort_values(["i", "j"]).reset_index(drop=True)

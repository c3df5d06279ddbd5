"""National-scale reassignment (benchmark tasks of benches/run.py).

* national_reassign: generated registers for the whole country (not timed), then the whole rule chain,
  staffing flow, headquarters, triage and ledger (timed), with peak memory of the process.
* staffing_flow_hanoi: the staffing flow for the largest coordination cluster (Hà Nội, 75 new units):
  every person of the holders whose units touch the cluster.
* point_in_polygon: rule 3's spatial join of the dossiers against the 3,321 real polygons, against
  geopandas.sjoin on the same points; the answers must agree.
"""

from __future__ import annotations

import tempfile
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT.parent / "shared" / "data" / "national" / "communes_2025.gpkg"


@lru_cache(maxsize=1)
def national():
    from transition import actions
    from transition.registers.generate import generate_registers

    tmp = tempfile.mkdtemp(prefix="transition-bench-")
    imported = actions.import_vn2025(Path(tmp) / "vn", None, new_units=str(NATIONAL))
    plan, geometry = imported.plan, imported.geometry
    t = time.perf_counter()
    registers = generate_registers(plan, geometry, seed=2025)
    return plan, geometry, registers, time.perf_counter() - t


def national_reassign() -> dict:
    from transition.reassign import reassign

    plan, geometry, registers, t_gen = national()
    t = time.perf_counter()
    result = reassign(plan, geometry, registers)
    elapsed = time.perf_counter() - t
    sizes = {k: len(v) for k, v in registers.items()}
    return {
        "name": "national_reassign",
        "ours_s": round(elapsed, 2),
        "peer": "",
        "peer_s": None,
        "ratio": None,
        "detail": {
            "items": sizes,
            "generate_s": round(t_gen, 1),
            "balanced": result.ledger["balanced"],
            "review": {k: int((v["rule"] == "review").sum()) for k, v in result.items.items()},
            "over_quota_units": int((result.quota["over_quota"] > 0).sum()),
        },
    }


def staffing_flow_hanoi() -> dict:
    import pandas as pd

    from transition.profiles import load_profile
    from transition.profiles.rules import Staffing
    from transition.reassign.chain import apply_chain
    from transition.reassign.context import PlanContext
    from transition.reassign.staffing import place_staff

    plan, geometry, registers, _ = national()
    cluster = set(plan.clusters[0])
    ctx = PlanContext(plan, geometry)
    staff = registers["staff"]
    holders = [h for h in staff["holder"].unique() if set(ctx.candidates(h)) & cluster]
    chained = apply_chain(
        staff[staff["holder"].isin(holders)],
        "staff",
        ctx,
        pd.DataFrame(columns=["class", "id", "new_code", "reference"]),
    )
    profile = load_profile(Staffing, "staffing_2025.toml")
    t = time.perf_counter()
    placed, _ = place_staff(chained, ctx, profile)
    elapsed = time.perf_counter() - t
    return {
        "name": "staffing_flow_hanoi",
        "ours_s": round(elapsed, 2),
        "peer": "",
        "peer_s": None,
        "ratio": None,
        "detail": {
            "cluster_new_units": len(cluster),
            "holders": len(holders),
            "people_placed_by_flow": int((chained["rule"] == "staffing").sum()),
            "people_in_holders": len(chained),
        },
    }


def point_in_polygon() -> dict:
    import geopandas as gpd
    import numpy as np

    from transition.reassign.context import PlanContext

    plan, geometry, registers, _ = national()
    d = registers["dossiers"]
    lon, lat = d["lon"].to_numpy(dtype=float), d["lat"].to_numpy(dtype=float)
    ctx = PlanContext(plan, geometry)
    _ = ctx.polygons  # prepared once, as in a run
    t = time.perf_counter()
    ours = ctx.locate(lon, lat)
    ours_s = time.perf_counter() - t
    polys = geometry.new[["code", "geometry"]]
    t = time.perf_counter()  # both start from the same lon/lat arrays
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    joined = gpd.sjoin(points, polys, how="left", predicate="within")
    peer_s = time.perf_counter() - t
    first = joined.sort_values("code").groupby(level=0)["code"].first().reindex(points.index)
    theirs = first.fillna("").to_numpy(dtype=object)
    agree = float(np.mean(ours == theirs))
    return {
        "name": "point_in_polygon",
        "ours_s": round(ours_s, 2),
        "peer": "geopandas.sjoin",
        "peer_s": round(peer_s, 2),
        "ratio": round(peer_s / ours_s, 1),
        "detail": {"points": len(points), "agreement": agree},
    }

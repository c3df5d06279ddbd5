"""Drafting benchmarks (issue 17), in one process, the data loaded before anything is timed.

1. spopt's own instance: area ≥ 30 km², the 34 provinces one after another, units without a
   neighbour in their province (islands) set aside. pysal/spopt ``MaxPHeuristic`` (0.7, defaults)
   against ours (construction + improvement) on the same rook graph: time, resulting units and
   units touched per province.
2. The national two-minima instance (Resolution 112/2025/UBTVQH15, classes by the documented proxy,
   units with unknown figures excluded): ours alone, the search timed, peak memory above the loaded
   state; then 5 ranked options per province, the slowest province's time.

``python benches/drafting.py [--no-peer]`` prints JSON; ``benches/run.py`` runs it as the task
``drafting``.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "national"
LAYER = DATA / "communes_2025.gpkg"
ATTRIBUTES = DATA / "units_2025_attributes.csv"


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load():
    """The national facts (plan + atlas attributes, proxy classes, gated) and polygons."""
    import geopandas as gpd

    from transition.drafting.facts import assume_class_proxy, facts_from_plan, gate, overlay
    from transition.io.facts import read_attributes
    from transition.profiles import load_profile
    from transition.profiles.standards import Standards, UnitFactsRules
    from transition.sources.vn2025 import national_plan

    std = load_profile(Standards, "standards_nq112.toml")
    rules = load_profile(UnitFactsRules, "unit_facts.toml")
    facts = facts_from_plan(national_plan())
    facts = overlay(facts, read_attributes(ATTRIBUTES), ATTRIBUTES.name)
    facts = gate(assume_class_proxy(facts, rules), std, rules)
    polygons = gpd.read_file(LAYER, engine="pyogrio")[["code", "area_km2_official", "geometry"]]
    polygons["code"] = polygons["code"].replace({"06978": "06970"})  # the Ba Chẽ alias
    return std, facts, polygons


def area_instance(facts, geometry):
    """spopt's instance: every unit needs 30 km² (polygon file's official area), none is fixed."""
    from transition.drafting.instance import build_instance
    from transition.profiles import parse_profile
    from transition.profiles.standards import Standards

    pairs, geo_area, perim, xy = geometry
    std = parse_profile(
        Standards,
        {
            "name": "area ≥ 30 km²",
            "unknown_regions": [],
            "minimum": [{"unit_type": t, "area_km2": 30.0} for t in ("Xã", "Phường", "Đặc khu")],
        },
    )
    f = facts.assign(population=0.0, facts_problem="", exemption="", locked=False)
    return build_instance(f, std, pairs, geo_area, perim, xy)


def run_spopt(inst, provinces) -> dict:
    """MaxPHeuristic per province on the same graph, islands aside; per province p and touched."""
    import geopandas as gpd
    from libpysal.weights import W
    from spopt.region import MaxPHeuristic

    out = {}
    for prov in provinces:
        idx = [i for i in range(inst.n) if inst.province[i] == prov and inst.adj[i]]
        if not idx:
            continue
        local = {i: k for k, i in enumerate(idx)}
        neighbors = {local[i]: [local[j] for j in inst.adj[i] if j in local] for i in idx}
        gdf = gpd.GeoDataFrame({"area": [inst.area[i] for i in idx]}, geometry=[None] * len(idx))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            w = W(neighbors, silence_warnings=True)
            t = time.perf_counter()
            model = MaxPHeuristic(gdf, w, ["area"], "area", 30.0, top_n=2)
            model.solve()
            secs = time.perf_counter() - t
        labels = pd.Series(model.labels_)
        sizes = labels.value_counts()
        print(
            json.dumps({"province": prov, "spopt_p": int(model.p), "s": round(secs, 2)}),
            file=sys.stderr,
            flush=True,
        )
        out[prov] = {
            "units": int(model.p),
            "labels": int(labels.nunique()),
            "touched": int(sizes[sizes > 1].sum()),
            "s": secs,
        }
    return out


def run_ours_area(inst, provinces) -> dict:
    """Ours per province: every construction strategy, then improvement; the best by units (the
    max-p objective), then fewest touched. The time is that of all strategies together."""
    from transition.drafting.construct import STRATEGIES
    from transition.drafting.options import solve

    out = {}
    for prov in provinces:
        idx = [i for i in range(inst.n) if inst.province[i] == prov and inst.adj[i]]
        if not idx:
            continue
        sub = _subset(inst, idx)
        t = time.perf_counter()
        found = []
        for strategy in STRATEGIES:
            part = solve(sub, strategy)
            ok = [m for m in part.groups.values() if sub.meets(m)]
            touched = sum(len(m) for m in part.groups.values() if len(m) > 1)
            found.append((-len(ok), touched, strategy, len(part.groups) - len(ok)))
        secs = time.perf_counter() - t
        best = min(found)
        out[prov] = {
            "units": -best[0],
            "touched": best[1],
            "strategy": best[2],
            "short": best[3],
            "s": secs,
        }
    return out


def _subset(inst, idx):
    from transition.drafting.instance import Instance

    local = {i: k for k, i in enumerate(idx)}
    return Instance(
        codes=[inst.codes[i] for i in idx],
        names=[inst.names[i] for i in idx],
        province=[inst.province[i] for i in idx],
        pop=[inst.pop[i] for i in idx],
        area=[inst.area[i] for i in idx],
        need=[inst.need[i] for i in idx],
        fixed=[inst.fixed[i] for i in idx],
        island=[inst.island[i] for i in idx],
        adj=[{local[j]: w for j, w in inst.adj[i].items() if j in local} for i in idx],
        geo_area=[inst.geo_area[i] for i in idx],
        perim=[inst.perim[i] for i in idx],
        xy=[inst.xy[i] for i in idx],
        never={},
        must=[],
        cut=[inst.cut[i] for i in idx],
    )


def national_two_minima(std, facts, geometry) -> dict:
    from transition.drafting.instance import build_instance
    from transition.drafting.options import draft_options, measure, solve

    pairs, geo_area, perim, xy = geometry
    blocked = set(facts.loc[facts["facts_problem"] != "", "code"])
    inst = build_instance(facts, std, pairs, geo_area, perim, xy, excluded=blocked)
    short_before = sum(1 for i in range(inst.n) if not inst.fixed[i] and not inst.meets([i])) + len(
        blocked
    )
    gc.freeze()  # the loaded data is old: the collector need not walk it during the search
    base_rss = rss_mb()
    times, cpu = [], []
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        part = solve(inst)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    search_s = min(times)
    # ru_maxrss may date from loading; the resident size after the search, less before, is its own
    rss_above = max(0.0, rss_mb() - base_rss)
    tracemalloc.start()  # a separate run: tracing slows Python several times over
    solve(inst)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    opt = measure(inst, part, "fewest")
    reasons = pd.Series([why.split(":")[0] for _, why in opt.short]).value_counts().to_dict()
    slowest, slowest_s = "", 0.0
    for prov in sorted(set(inst.province)):
        idx = [i for i in range(inst.n) if inst.province[i] == prov]
        sub = _subset(inst, idx)
        t = time.perf_counter()
        draft_options(sub, 5)
        secs = time.perf_counter() - t
        if secs > slowest_s:
            slowest, slowest_s = prov, secs
    return {
        "units": inst.n,
        "edges_in_province": sum(len(a) for a in inst.adj) // 2,
        "excluded_unknown": len(blocked),
        "short_before": short_before,
        "units_after": opt.units_after,
        "touched": opt.touched,
        "still_short": len(opt.short),
        "still_short_by_reason": reasons,
        "search_s": round(search_s, 3),
        "search_traced_peak_mb": round(traced_peak / 2**20, 1),
        "search_s_runs": [round(x, 3) for x in times],
        "search_cpu_s": round(min(cpu), 3),
        "rss_above_loaded_mb": round(rss_above, 1),
        "five_options_slowest_province": slowest,
        "five_options_slowest_s": round(slowest_s, 2),
    }


def main(peer: bool = True) -> list[dict]:
    from transition.drafting.export import unit_geometry

    std, facts, polygons = load()
    official = polygons.set_index("code")["area_km2_official"].astype(float)
    geometry = unit_geometry(facts, polygons)
    loaded_peak = peak_mb()
    area_facts = facts.assign(area_km2=facts["code"].map(official).to_numpy())
    area_inst = area_instance(area_facts, geometry)
    provinces = sorted(set(area_inst.province))
    ours = run_ours_area(area_inst, provinces)
    results = []
    per_province = {
        p: {"ours_units": ours[p]["units"], "ours_touched": ours[p]["touched"]} for p in ours
    }
    ours_s = sum(v["s"] for v in ours.values())
    entry = {
        "name": "drafting_area30",
        "ours_s": round(ours_s, 3),
        "peer": "spopt.MaxPHeuristic 0.7" if peer else "",
        "peer_s": None,
        "ratio": None,
        "peak_mb": round(loaded_peak),
        "detail": {},
    }
    if peer:
        theirs = run_spopt(area_inst, provinces)
        peer_s = sum(v["s"] for v in theirs.values())
        for p in per_province:
            per_province[p] |= {
                "spopt_units": theirs[p]["units"],
                "spopt_touched": theirs[p]["touched"],
            }
        entry |= {"peer_s": round(peer_s, 1), "ratio": round(peer_s / ours_s, 1)}
        entry["detail"] = {
            "provinces_where_ours_has_fewer_units": [
                p for p, v in per_province.items() if v["ours_units"] < v["spopt_units"]
            ],
            "units_total": {
                "ours": sum(v["ours_units"] for v in per_province.values()),
                "spopt": sum(v["spopt_units"] for v in per_province.values()),
            },
            "touched_total": {
                "ours": sum(v["ours_touched"] for v in per_province.values()),
                "spopt": sum(v["spopt_touched"] for v in per_province.values()),
            },
        }
    entry["detail"]["per_province"] = per_province
    results.append(entry)
    two = national_two_minima(std, facts, geometry)
    results.append(
        {
            "name": "drafting_national_two_minima",
            "ours_s": two["search_s"],
            "peer": "",
            "peer_s": None,
            "ratio": None,
            "peak_mb": round(peak_mb()),
            "detail": two,
        }
    )
    return results


if __name__ == "__main__":
    print(json.dumps(main(peer="--no-peer" not in sys.argv), ensure_ascii=False, default=float))

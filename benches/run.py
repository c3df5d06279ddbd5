"""Benchmarks (`make bench`): each task runs in its own process so that its peak memory is its own.

* national_import_check: `import vn2025 --all` with the 3,321 real polygons, then `check`.
* rook_adjacency: this project's rook graph against gerrychain.Graph.from_geodataframe on the same
  layer in the same run; the edge sets must be identical.
* resolutions_34: the 34 resolutions of 2025 parsed and resolved, against the vietnamadminunits
  crosswalk; writes bench-resolutions.md (every disagreement by province and clause).
* reassign: national_reassign, staffing_flow_hanoi and point_in_polygon (see benches/reassign.py).
* drafting: spopt's MaxPHeuristic against ours on area ≥ 30 km² per province, then the national
  two-minima draft with peak memory (see benches/drafting.py).
* readiness: readiness_national (3,321 units x 16 trial days of reports) and monitor_1m (1,000,000
  log rows), each against pandas reading the same files (see benches/readiness.py).
* handover: annex_5000, handover_quang_ninh, handover_thanh_hoa, pdf_quang_ninh (benches/handover.py).
* reform: the Decision 766 service index of 3,321 units over 12 months from a 5,000,000-row log
  (against a pandas groupby floor) and the PAR index of 3,321 units (see benches/reform.py).
* dashboard_national: the national dashboard built, its size, time to ready and search time in
  headless Chromium (see benches/dashboard.py).

Prints a table and writes bench-results.json: a list of {name, ours_s, peer, peer_s, ratio, peak_mb}.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT.parent / "shared" / "data" / "national" / "communes_2025.gpkg"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_of(n, fn):
    times, result = [], None
    for _ in range(n):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def task_national_import_check() -> dict:
    from transition import actions

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        actions.import_vn2025(Path(tmp) / "vn", None, new_units=str(NATIONAL))
        t_import = time.perf_counter() - t
        t = time.perf_counter()
        report = actions.check_workspace(Path(tmp) / "vn").report
        t_check = time.perf_counter() - t
    s = report.summary
    return {
        "name": "national_import_check",
        "ours_s": round(t_import + t_check, 2),
        "peer": "",
        "peer_s": None,
        "ratio": None,
        "peak_mb": round(peak_mb()),
        "detail": {
            "import_s": round(t_import, 2),
            "check_s": round(t_check, 2),
            "old_units": s["old_units"],
            "new_units": s["new_units"],
            "edges": s["edges"],
            "problems": s["problems"],
            "overlaps": s["geometry"]["overlaps"],
        },
    }


def task_rook_adjacency() -> dict:
    import geopandas as gpd

    from transition.geo import rook_pairs

    frame = gpd.read_file(NATIONAL).to_crs("EPSG:3405")
    geoms = frame.geometry.to_numpy()
    ours_s, pairs = best_of(3, lambda: rook_pairs(geoms))
    ours = set(zip(pairs["i"].tolist(), pairs["j"].tolist(), strict=True))
    peak_ours = peak_mb()
    from gerrychain import Graph

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        peer_s, graph = best_of(1, lambda: Graph.from_geodataframe(frame, adjacency="rook"))
    theirs = {tuple(sorted(e)) for e in graph.edges}
    if ours != theirs:
        raise SystemExit(
            f"edge sets differ: {len(ours - theirs)} only ours, {len(theirs - ours)} only gerrychain"
        )
    return {
        "name": "rook_adjacency",
        "ours_s": round(ours_s, 3),
        "peer": "gerrychain.Graph.from_geodataframe",
        "peer_s": round(peer_s, 3),
        "ratio": round(peer_s / ours_s, 1),
        "peak_mb": round(peak_ours),
        "detail": {
            "units": len(geoms),
            "edges": len(ours),
            "identical_edges": True,
            "peak_mb_after_peer": round(peak_mb()),
        },
    }


def task_resolutions_34() -> dict:
    sys.path.insert(0, str(Path(__file__).parent))
    from resolutions import run

    result = run()
    result["peak_mb"] = round(peak_mb())
    return result


def task_reassign() -> dict:
    """Three tasks on one generated national register, in one process (generation is not timed)."""
    sys.path.insert(0, str(Path(__file__).parent))
    import reassign

    results = [
        reassign.national_reassign(),
        reassign.staffing_flow_hanoi(),
        reassign.point_in_polygon(),
    ]
    for r in results:
        r["peak_mb"] = round(peak_mb())
    return results


def task_drafting() -> list[dict]:
    """spopt's MaxPHeuristic against ours on its own instance, then the national two-minima draft
    (see benches/drafting.py); spopt comes with the ``bench`` extra."""
    sys.path.insert(0, str(Path(__file__).parent))
    import drafting

    return drafting.main(peer=True)


def task_readiness() -> list[dict]:
    """readiness_national and monitor_1m (see benches/readiness.py), each with its own peak."""
    sys.path.insert(0, str(Path(__file__).parent))
    import readiness

    results = []
    for fn in (readiness.readiness_national, readiness.monitor_1m):
        r = fn()
        r["peak_mb"] = round(peak_mb())
        results.append(r)
    return results


def task_handover() -> list[dict]:
    sys.path.insert(0, str(Path(__file__).parent))
    import handover

    results = handover.task()
    for r in results:
        r["peak_mb"] = round(peak_mb())
    return results


def task_reform() -> list[dict]:
    sys.path.insert(0, str(Path(__file__).parent))
    import reform

    results = reform.task()
    for r in results:
        r["peak_mb"] = round(peak_mb())
    return results


def task_dashboard_national() -> dict:
    sys.path.insert(0, str(Path(__file__).parent))
    from dashboard import national_dashboard

    result = national_dashboard()
    result["peak_mb"] = round(peak_mb())
    return result


TASKS = {
    "national_import_check": task_national_import_check,
    "rook_adjacency": task_rook_adjacency,
    "resolutions_34": task_resolutions_34,
    "reassign": task_reassign,
    "drafting": task_drafting,
    "readiness": task_readiness,
    "handover": task_handover,
    "reform": task_reform,
    "dashboard_national": task_dashboard_national,
}


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(TASKS[sys.argv[2]]()))
        return 0
    only = sys.argv[2:] if len(sys.argv) > 2 and sys.argv[1] == "--only" else list(TASKS)
    if not NATIONAL.exists():
        print(f"skipped: {NATIONAL} is absent (../shared/data is not beside the checkout)")
        return 0
    results = []
    for name in only:
        print(f"running {name} ...", flush=True)
        proc = subprocess.run(
            [sys.executable, __file__, "--one", name], capture_output=True, text=True
        )
        if proc.returncode != 0:
            print(proc.stderr[-3000:])
            return 1
        found = json.loads(proc.stdout.strip().splitlines()[-1])
        results += found if isinstance(found, list) else [found]
    from rich.console import Console
    from rich.table import Table

    table = Table(title="transition benchmarks")
    for col in ("name", "ours_s", "peer", "peer_s", "ratio", "peak_mb"):
        table.add_column(col)
    for r in results:
        table.add_row(
            *(
                str(r[c]) if r[c] is not None else ""
                for c in ("name", "ours_s", "peer", "peer_s", "ratio", "peak_mb")
            )
        )
    Console().print(table)
    for r in results:
        print(r["name"], json.dumps(r["detail"], ensure_ascii=False))
    (ROOT / "bench-results.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    )
    print(f"written {ROOT / 'bench-results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

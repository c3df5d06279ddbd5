"""The national dashboard (benchmark task of benches/run.py).

The whole country imported (3,321 new units with their real polygons, 10,040 old communes; not timed),
then ``transition dashboard`` (timed), its size on disk, and in headless Chromium (Debian's, through
Playwright, from file:// with every other request blocked) the time until the page is ready and the
time a search takes. Targets: under 15 MB, ready in under 3 s, a search in under 50 ms. "Ready" is the map of the new
units drawn and the search answering (by a plain scan until the index is built); "complete" adds the
search index and the old units' shapes, which the page reads just after.

Peers in the same run: for size, the new units as plain GeoJSON (unsimplified, as a page without the
topology would carry them); for search, a linear scan over the same folded names in the same page.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT.parent / "shared" / "data" / "national" / "communes_2025.gpkg"
CHROMIUM = "/usr/bin/chromium"
QUERIES = [
    "ha khau",
    "Hoành Bồ",
    "tan an",
    "phuong 1",
    "06652",
    "Xã Đồng Tâm",
    "nguyen trai",
    "cô tô",
]

NAIVE = """q => { const f = window.dashboard.fold(q); const t = performance.now();
  const hits = window.TRANSITION_SEARCH.filter(e => e.key.includes(f) || e.code === q);
  return [performance.now() - t, hits.length]; }"""
TIMED = """q => { const t = performance.now(); const n = window.dashboard.search(q).length;
  return [performance.now() - t, n]; }"""


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def browser_figures(index: Path) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        ready, complete, errors = [], [], []
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
            )
            t = time.perf_counter()
            page.goto(index.as_uri())
            page.wait_for_function("window.dashboard && window.dashboard.ready", timeout=60000)
            ready.append(time.perf_counter() - t)
            page.wait_for_function("window.dashboard.complete()", timeout=60000)
            complete.append(time.perf_counter() - t)
            timings = page.evaluate("window.dashboard.timings")
            counts = page.evaluate("window.dashboard.counts()")
            if len(ready) < 3:
                page.close()
        ours, naive = [], []
        for q in QUERIES * 3:
            ours.append(page.evaluate(TIMED, q)[0])
            naive.append(page.evaluate(NAIVE, q)[0])
        page.screenshot(path=str(ROOT / "bench-dashboard.png"))
        browser.close()
    return {
        "ready_s": round(timings["ready_ms"] / 1000, 2),  # from navigation start, the page's clock
        "wall_ready_runs_s": [round(r, 2) for r in ready],  # with Playwright's own overhead
        "wall_complete_s": round(min(complete), 2),
        "page_timings_ms": timings,
        "load_average": os.getloadavg()[0],
        "search_ms_median": round(statistics.median(ours), 2),
        "search_ms_max": round(max(ours), 2),
        "linear_scan_ms_median": round(statistics.median(naive), 2),
        "shapes_drawn": counts,
        "page_errors": errors,
    }


def national_dashboard() -> dict:
    import geopandas as gpd

    from transition import actions

    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "vn"
        actions.import_vn2025(ws, None, new_units=str(NATIONAL))
        t = time.perf_counter()
        result = actions.build_workspace_dashboard(ws)
        build_s = time.perf_counter() - t
        size = folder_size(ws / "dashboard")
        raw = Path(tmp) / "raw.geojson"
        gpd.read_file(NATIONAL).to_file(raw, driver="GeoJSON")
        raw_size = raw.stat().st_size
        figures = browser_figures(ws / "dashboard" / "index.html")
    return {
        "name": "dashboard_national",
        "ours_s": round(build_s, 2),
        "peer": "size vs plain GeoJSON of the new units",
        "peer_s": None,
        "ratio": round(size / raw_size, 3),
        "detail": {
            "build_s": round(build_s, 2),
            "new_units": result.new_units,
            "old_units": result.old_units,
            "shapes": result.shapes,
            "size_mb": round(size / 1e6, 2),
            "files_mb": {k: round(v / 1e6, 2) for k, v in result.files.items() if v > 100_000},
            "plain_geojson_mb": round(raw_size / 1e6, 2),
            **figures,
            "targets": {"size_mb": 15, "ready_s": 3, "search_ms": 50},
        },
    }

"""The dashboard in a real browser: Debian's chromium driven by Playwright, from file:// with every
other request blocked, as a department opens it by double-click.

Screenshots are written to ``$DASHBOARD_SHOTS`` when set (for a person to look at).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

CHROMIUM = Path("/usr/bin/chromium")
playwright = pytest.importorskip(
    "playwright.sync_api", reason="the dev extra (playwright) is absent"
)
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is absent (apt-get install chromium)", allow_module_level=True)

SHOTS = Path(os.environ["DASHBOARD_SHOTS"]) if os.environ.get("DASHBOARD_SHOTS") else None


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        yield b
        b.close()


@contextlib.contextmanager
def loaded(browser, dash_ws):
    """The Quảng Ninh dashboard, loaded; ``page.problems`` collects console errors and blocked
    requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    problems: list[str] = []
    pg.on(
        "console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type == "error" else None
    )
    pg.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))

    def only_files(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            problems.append(f"network: {route.request.url}")
            route.abort()

    pg.route("**/*", only_files)
    pg.goto((dash_ws / "dashboard" / "index.html").resolve().as_uri())
    pg.wait_for_function("window.dashboard && window.dashboard.ready", timeout=20000)
    pg.wait_for_function("window.dashboard.complete()", timeout=20000)  # index and old shapes
    pg.problems = problems  # type: ignore[attr-defined]
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture
def page(browser, dash_ws):
    """A fresh page per test."""
    with loaded(browser, dash_ws) as pg:
        yield pg


@pytest.fixture(scope="module")
def search_page(browser, dash_ws):
    """One page for the searches: each search replaces the last one's text and results."""
    with loaded(browser, dash_ws) as pg:
        yield pg


def offline_page(browser, ws: Path, fragment: str):
    """The dashboard of ``ws`` opened at ``#fragment`` with every request but files refused."""
    pg = browser.new_page(viewport={"width": 1280, "height": 800})
    pg.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    pg.goto((ws / "dashboard" / "index.html").resolve().as_uri() + "#" + fragment)
    return pg


def shot(pg, name: str) -> bytes:
    data = pg.screenshot()
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / f"{name}.png").write_bytes(data)
    return data


def search(pg, query: str) -> str:
    pg.fill("#q", query)
    pg.dispatch_event("#q", "search")
    pg.wait_for_selector("#results .hit, #results .absent")
    return pg.inner_text("#results")


def test_loads_offline_without_errors_and_draws_every_unit(page):
    counts = page.evaluate("window.dashboard.counts()")
    assert counts["new"] == 54  # every new unit of Quảng Ninh is a shape
    assert counts["old"] == 171
    assert counts["parts"] >= 24  # the divided communes' parts
    assert page.get_attribute("#q", "type") == "search"
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert "Tỉnh Quảng Ninh" in page.inner_text("#view")
    assert page.problems == []


def test_screenshot_is_not_blank(page):
    data = shot(page, "province")
    assert len(data) > 30_000
    painted = page.evaluate(
        """() => { const c = document.querySelector('.leaflet-overlay-pane canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n / (c.width * c.height); }"""
    )
    assert painted > 0.05  # the canvas (larger than the view) is painted with units, not empty


# query -> texts the results must show (old -> new, shares, basis, cluster)
SEARCHES = [
    (
        "Hà Khẩu",
        [
            "Phường Hà Khẩu",
            "Phường Việt Hưng",
            "Phường Tuần Châu",
            "65,5%",
            "1679/NQ-UBTVQH15",
            "Cụm phối hợp",
        ],
    ),
    ("ha khau", ["Phường Hà Khẩu", "bị chia về 2 đơn vị mới"]),
    ("HA TU", ["Phường Hà Tu", "mới"]),
    ("06652", ["Phường Hà Tu", "Phường Hà Phong"]),
    ("hoanh bo", ["Hoành Bồ"]),
    ("06978", ["Xã Ba Chẽ"]),
    (
        "huyen co to",
        ["Huyện Cô Tô", "huyện cũ", "Đặc khu Cô Tô"],
    ),  # an old district: where its communes went  # the other code of Xã Ba Chẽ (06970)
    ("Phường 1", ["Phường Móng Cái 1"]),  # the type word filters, "1" matches a whole word
    ("Xã 1", ["Không tìm thấy"]),  # no xã has "1" in its name: the page says nothing was found
    ("Hoành Bồ", ["Hoành Bồ"]),
]


@pytest.mark.parametrize(("query", "shown"), SEARCHES)
def test_search_table(search_page, query, shown):
    text = search(search_page, query)
    for expected in shown:
        assert expected in text, (query, expected, text[:500])
    assert search_page.problems == []


def test_the_page_reads_a_query_as_the_command_line_reads_a_name(search_page):
    from transition.text import expand_abbreviation, loose_key

    queries = ["P. Hà Tu", "TT Bình Liêu", "X.Vô Ngại", "F1", "Q3", "Phường 01", "Thị xã Quảng Yên",
               "Xã Sĩ Bình", "Xã Sỹ Bình", "Hoành Bồ", "tp hạ long", "x", "06652"]  # fmt: skip
    page_reads = search_page.evaluate("qs => qs.map(window.dashboard.readQuery)", queries)
    assert page_reads == [loose_key(expand_abbreviation(q)) for q in queries]
    assert "Phường Hà Tu" in search(search_page, "P. Hà Tu")
    assert "Thị xã Quảng Yên" not in search(search_page, "P. Hà Tu")
    assert search_page.problems == []


def test_search_of_a_divided_commune_draws_its_parts_and_zooms(page):
    zoom_before = page.evaluate("window.dashboard.counts().highlighted")
    search(page, "ha khau")
    assert page.evaluate("window.dashboard.counts().highlighted") > zoom_before
    shot(page, "search-divided")


def test_search_is_folded_like_the_cli(search_page):
    page = search_page
    from transition.text import fold

    names = ["Phường Hà Khẩu", "Xã Đồng Đàm", "Đặc khu Cô Tô", "Xã Quảng Đức", "Thị trấn Trới"]
    assert page.evaluate("ns => ns.map(window.dashboard.fold)", names) == [fold(n) for n in names]
    assert page.evaluate("window.dashboard.search('zzzz qqq')") == []
    assert "Không tìm thấy" in search(page, "zzzz qqq")


def test_unit_page_figures_are_the_ledger(page, dash_ws):
    book = pd.read_csv(dash_ws / "results/assign/ledger_by_holder.csv", dtype={"holder": str})
    after = book[(book["side"] == "after") & (book["holder"] == "06658")].set_index("class")
    page.evaluate("location.hash = '#06658'")
    page.wait_for_selector("#received")
    view = page.inner_text("#view")
    assert "Phường Cao Xanh" in view
    for kind in ("staff", "assets", "dossiers", "records"):
        cells = page.inner_text(f"#received tr[data-class={kind}]").split("\t")
        assert int(cells[1].replace(".", "")) == int(after.loc[kind, "count"]), kind
        if kind in ("assets", "records"):
            assert int(cells[2].replace(".", "")) == int(after.loc[kind, "value"]), kind
    for old_name in ("Phường Hà Khánh", "Phường Cao Xanh"):
        assert old_name in page.inner_text("#predecessors")
    assert "1679/NQ-UBTVQH15" in page.inner_text("#predecessors")
    assert "38,89" in page.inner_text("#figures")  # official area, Vietnamese number format
    assert page.is_visible("#readiness-absent") and page.is_visible("#handover-absent")
    shot(page, "unit-06658")
    assert page.problems == []


def test_language_switch(page):
    page.evaluate("location.hash = '#06658'")
    page.wait_for_selector("#received")
    assert "Tiếp nhận" in page.inner_text("#view")
    page.click("#lang")
    assert page.evaluate("document.documentElement.lang") == "en"
    view = page.inner_text("#view")
    assert "Received (from the ledger)" in view and "Tiếp nhận" not in view
    assert "Ward" in view
    shot(page, "unit-06658-en")
    page.click("#lang")
    assert "Tiếp nhận" in page.inner_text("#view")


def test_readiness_and_handover_when_present(browser, dash_ws, tmp_path):
    """With a readiness.json and a handover register the map fills by status and the unit page
    shows the blockers and the minutes."""
    ws = tmp_path / "ws"
    shutil.copytree(dash_ws, ws)
    (ws / "results" / "readiness").mkdir(parents=True)
    ready = {
        "date": "2025-06-25",
        "go": False,
        "reasons": ["1 đơn vị đỏ"],
        "units": [
            {
                "code": "06658",
                "name": "Phường Cao Xanh",
                "status": "red",
                "score": 0.5,
                "blockers": ["Đường truyền mạng chưa ổn định"],
                "overdue": [],
            },
            {
                "code": "06652",
                "name": "Phường Hà Tu",
                "status": "green",
                "score": 1.0,
                "blockers": [],
                "overdue": [],
            },
        ],
        "rollup": {
            "items": [],
            "completeness": 0.04,
            "on_time": 0.04,
            "by_status": {"red": 1, "green": 1},
        },
    }
    (ws / "results/readiness/readiness.json").write_text(json.dumps(ready), encoding="utf-8")
    (ws / "documents").mkdir(exist_ok=True)
    (ws / "documents" / "bb-06658.docx").write_bytes(b"x")
    pd.DataFrame(
        [
            {
                "number": "12/BB-BG",
                "kind": "commune",
                "old_codes": "06649;06658",
                "new_codes": "06658",
                "path": "documents/bb-06658.docx",
                "content_hash": "h",
                "signed_date": "",
                "signed_by": "",
                "note": "",
            }
        ]
    ).to_excel(ws / "documents" / "handover_register.xlsx", index=False)
    from transition import actions

    result = actions.build_workspace_dashboard(ws)
    assert "readiness" not in result.absent and "handover" not in result.absent
    pg = offline_page(browser, ws, "06658")
    pg.wait_for_selector("#minutes")
    view = pg.inner_text("#view")
    assert "Đường truyền mạng chưa ổn định" in view and "12/BB-BG" in view and "chưa ký" in view
    assert pg.get_attribute("#minutes a", "href") == "../documents/bb-06658.docx"
    pg.evaluate("location.hash = '#province'")
    pg.wait_for_selector("#go")
    assert "CHƯA đủ điều kiện" in pg.inner_text("#go")
    assert "0/1" in pg.inner_text("#handover-progress")
    shot(pg, "province-with-readiness")
    pg.close()


def test_reform_results_on_the_unit_page(browser, dash_ws, tmp_path):
    """With results of `transition par` and `transition service-index` (the latest period of each),
    a unit's page shows its PAR score, tier, rank, the three criteria that cost it most, and its
    service-index groups, a missing input as missing (not zero)."""
    ws = tmp_path / "ws"
    shutil.copytree(dash_ws, ws)
    folder = ws / "results" / "reform"
    folder.mkdir(parents=True)
    lost = [
        {"criterion": "structure", "label": "Tổ chức bộ máy", "points": 6.0},
        {"criterion": "survey", "label": "Điều tra xã hội học", "points": 5.4},
        {"criterion": "online", "label": "Dịch vụ công trực tuyến", "points": 3.25},
        {"criterion": "other", "label": "Thứ tư", "points": 1.0},
    ]
    par = {
        "period": "2025-Q3",
        "rubric": {"id": "par_example", "name": "Bộ chỉ số mẫu"},
        "units": [
            {"code": "06652", "name": "Phường Hà Tu", "score": 69.74, "tier": "Trung bình",
             "group": "Phường / Đặc khu", "rank": 26, "lost": lost}
        ],
    }  # fmt: skip
    old = dict(par, period="2025-Q2", units=[dict(par["units"][0], score=1.0)])
    groups = [
        {"group": "transparency", "points": None, "max": 18.0},
        {"group": "progress", "points": 14.92, "max": 20.0},
    ]
    service = {
        "period": "2025-08",
        "formula_version": "qd766-reconstructed-2025.1",
        "units": [{"code": "06652", "groups": groups, "total": 14.92, "max": 20.0, "index": 74.6}],
    }
    for name, data in (
        ("par_2025-Q3", par),
        ("par_2025-Q2", old),
        ("service_index_2025-08", service),
    ):
        (folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    from transition import actions

    assert "reform" not in actions.build_workspace_dashboard(ws).absent
    pg = offline_page(browser, ws, "06652")
    pg.wait_for_selector("#par")
    par_text = pg.inner_text("#par")
    assert "2025-Q3" in par_text and "69,74" in par_text and "Trung bình" in par_text
    assert "26" in par_text
    assert pg.inner_text("#par-lost").splitlines() == [
        "Tổ chức bộ máy: −6",
        "Điều tra xã hội học: −5,4",
        "Dịch vụ công trực tuyến: −3,25",
    ]
    service_text = pg.inner_text("#service-index")
    assert "Công khai, minh bạch\tthiếu số liệu" in service_text
    assert "14,92 / 20" in service_text
    pg.locator("#service-index").scroll_into_view_if_needed()
    shot(pg, "unit-reform")
    pg.close()

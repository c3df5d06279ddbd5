"""The unit's report page in a real browser (Debian's chromium driven by Playwright) against a real
server and PostgreSQL: sign in, fill the form, submit while offline (queued on the device, nothing
stored), come back online (stored once), replay the queue (still once).

A phone-size screenshot (390×844) goes to ``$STORE_SHOTS`` when set (for a person to look at)."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest
from store_fixture import count, needs_postgres, pg

from transition import actions
from transition.store import connect

CHROMIUM = Path("/usr/bin/chromium")
playwright = pytest.importorskip(
    "playwright.sync_api", reason="the dev extra (playwright) is absent"
)
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is absent (apt-get install chromium)", allow_module_level=True)

pytestmark = needs_postgres
__all__ = ["pg"]  # fixture
SHOTS = Path(os.environ["STORE_SHOTS"]) if os.environ.get("STORE_SHOTS") else None
UNIT = "06658"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(pg):
    """``transition serve``'s app on 127.0.0.1 (a thread), over a store with one unit account."""
    import uvicorn

    from transition.store.accounts import create_account
    from transition.web.app import create_app

    with connect(pg.url()) as conn:
        conn.autocommit = True
        conn.execute("CREATE DATABASE browser")
    url = pg.url("browser")
    actions.db_init(url)
    with connect(url) as conn:
        conn.execute(
            "INSERT INTO units (era, code, name, level) VALUES ('new', %s, 'Phường Cao Xanh',"
            " 'commune')",
            (UNIT,),
        )
        create_account(conn, "caoxanh", "mật khẩu thử", "unit", unit_code=UNIT, province="22")
        conn.commit()
    port = free_port()
    config = uvicorn.Config(
        create_app(url, secret=b"browser test"), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{port}", "url": url}
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        yield b
        b.close()


def test_a_report_sent_offline_is_queued_then_stored_once(server, browser):
    base, url = server["base"], server["url"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    outside: list[str] = []

    def same_origin(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", same_origin)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "/dang-nhap")
    page.fill("input[name=username]", "caoxanh")
    page.fill("input[name=password]", "mật khẩu thử")
    page.click("button[type=submit]")
    page.wait_for_url(base + "/bao-cao")  # / sends a unit account to its form
    assert "Phường Cao Xanh (06658)" in page.inner_text("header")
    page.fill("input[name=date]", "2025-06-17")
    page.check("input[name=s_party_committee][value=done]")
    page.check("input[name=s_staff_training][value=blocked]")
    page.fill("input[name=n_staff_training]", "<b>thiếu</b> phòng học")

    context.set_offline(True)
    page.click("text=Gửi báo cáo")
    page.wait_for_function("() => document.getElementById('q').dataset.count === '1'")
    assert "Không có mạng" in page.inner_text("#m")
    assert count(url, "SELECT count(*) FROM report_events") == 0  # nothing stored while offline
    queued = page.evaluate("() => localStorage.getItem('hang-doi-06658')")
    (report,) = json.loads(queued)
    assert len(report["submission_id"]) == 36 and len(report["items"]) == 2
    page.evaluate("() => scrollTo(0, 0)")
    if SHOTS:
        page.screenshot(path=str(SHOTS / "store-phone.png"))

    context.set_offline(False)
    page.wait_for_function(
        "() => document.getElementById('q').dataset.count === '0'", timeout=40_000
    )
    assert "Đã gửi: 2 mục" in page.inner_text("#m")
    rows = [
        tuple(r)
        for r in connect(url)
        .execute("SELECT submission_id, unit_code, status, note FROM report_events ORDER BY item")
        .fetchall()
    ]
    sid = report["submission_id"]
    assert rows == [
        (f"{sid}:party_committee", UNIT, "done", ""),
        (f"{sid}:staff_training", UNIT, "blocked", "<b>thiếu</b> phòng học"),
    ]

    # the queue replayed (the same report put back, the page reloaded): still stored once
    page.evaluate("(q) => localStorage.setItem('hang-doi-06658', q)", queued)
    page.reload()
    page.wait_for_function("() => document.getElementById('q').dataset.count === '0'")
    assert "đã được nhận trước đó" in page.inner_text("#m")
    assert count(url, "SELECT count(*) FROM report_events") == 2
    assert count(url, "SELECT count(*) FROM audit_log WHERE outcome = 'duplicate'") == 2
    assert outside == [] and errors == []
    context.close()

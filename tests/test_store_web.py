"""The web intake against a real PostgreSQL: every role against every endpoint, with the status
expected and what is visible (a table), and the roll-up computed on the store's events."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import re
import shutil
import time
import uuid
from pathlib import Path

import pytest
from store_fixture import communes, count, needs_postgres, pg, profile, write_reports

from transition import actions
from transition.store import connect

pytestmark = needs_postgres
SHOTS = Path(os.environ["STORE_SHOTS"]) if os.environ.get("STORE_SHOTS") else None
__all__ = ["pg", "profile"]  # fixtures

QN = "22"  # Quảng Ninh's province code
SECRET = b"test secret"
ACCOUNTS = {  # username -> (role, unit index into the first three communes or None, province)
    "xa": ("unit", 0, QN),
    "xa2": ("unit", 1, QN),
    "tinh": ("province", None, QN),
    "tinh-khac": ("province", None, "01"),
    "bo": ("ministry", None, ""),
    "qtv": ("admin", None, ""),
    "xa-cu": ("unit", 2, QN),  # disabled after sign-in
}


@pytest.fixture(scope="module")
def site(pg, qn_workspace, tmp_path_factory, profile):
    """A store holding Quảng Ninh with three days of reports, one account per role, and a signed-in
    token per account (argon2 checks happen once, here)."""
    from fastapi.testclient import TestClient

    from transition.store.accounts import create_account
    from transition.web.app import create_app

    ws = tmp_path_factory.mktemp("web") / "ws"
    shutil.copytree(qn_workspace, ws)
    write_reports(ws, profile)
    with connect(pg.url()) as conn:
        conn.autocommit = True
        conn.execute("CREATE DATABASE web")
    url = pg.url("web")
    actions.db_init(url)
    actions.db_push(ws, url)
    units = communes(ws)
    with connect(url) as conn:
        for name, (role, k, prov) in ACCOUNTS.items():
            code = units[k] if k is not None else ""
            create_account(conn, name, f"pw-{name}", role, unit_code=code, province=prov)
        conn.commit()
    app = create_app(url, secret=SECRET)
    api = TestClient(app)
    tokens = {
        n: api.post("/api/login", json={"username": n, "password": f"pw-{n}"}).json()["token"]
        for n in ACCOUNTS
    }
    with connect(url) as conn:
        conn.execute("UPDATE accounts SET disabled = true WHERE username = 'xa-cu'")
        conn.commit()
    from transition.io.workspace import Workspace

    every = set(Workspace.at(ws).load_plan().new_communes["code"])
    return {"api": api, "app": app, "url": url, "tokens": tokens, "units": units, "all": every}


def headers(site, who: str) -> dict:
    """Authorization for ``who``: an account, or none / forged / expired."""
    from transition.web.app import make_token

    token = {
        "none": None,
        "forged": site["tokens"]["xa"][:-4] + "0000",
        "other-secret": make_token(b"another server", "tinh"),
        "expired": make_token(SECRET, "tinh", now=time.time() - 13 * 3600),
    }.get(who, site["tokens"].get(who))
    return {"Authorization": f"Bearer {token}"} if token else {}


_sid = itertools.count()
ENDPOINTS = {
    "report": ("POST", "/api/reports", {}),
    "report-for-other-unit": ("POST", "/api/reports", {"unit_code": "OTHER"}),
    "rollup": ("GET", "/api/rollup?date=2025-06-17", None),
    "rollup-own-province": ("GET", f"/api/rollup?date=2025-06-17&province={QN}", None),
    "rollup-other-province": ("GET", "/api/rollup?date=2025-06-17&province=01", None),
}
# who -> status per endpoint (in ENDPOINTS order) and the units visible in a 200 roll-up
ALL = "all"
TABLE = {
    "xa": ((200, 422, 200, 200, 403), "unit0"),
    "xa2": ((200, 422, 200, 200, 403), "unit1"),
    "tinh": ((403, 422, 200, 200, 403), ALL),
    "tinh-khac": ((403, 422, 404, 403, 404), None),
    "bo": ((403, 422, 200, 200, 404), ALL),
    "qtv": ((403, 422, 200, 200, 404), ALL),
    "xa-cu": ((401, 422, 401, 401, 401), None),  # disabled
    "none": ((401, 422, 401, 401, 401), None),
    "forged": ((401, 422, 401, 401, 401), None),
    "other-secret": ((401, 422, 401, 401, 401), None),
    "expired": ((401, 422, 401, 401, 401), None),
}
CASES = [
    pytest.param(who, ep, codes[k], seen, id=f"{who}-{ep}")
    for who, (codes, seen) in TABLE.items()
    for k, ep in enumerate(ENDPOINTS)
]


@pytest.mark.parametrize(("who", "endpoint", "status", "seen"), CASES)
def test_every_role_against_every_endpoint(site, who, endpoint, status, seen):
    method, path, extra = ENDPOINTS[endpoint]
    before = count(site["url"], "SELECT count(*) FROM report_events")
    audits = count(site["url"], "SELECT count(*) FROM audit_log WHERE action = 'api report'")
    if method == "POST":
        body = {
            "submission_id": str(uuid.uuid4()),
            "date": "2025-06-17",
            "items": [{"item": "staff_training", "status": "vướng mắc", "note": f"n{next(_sid)}"}],
        } | (extra or {})
        r = site["api"].post(path, json=body, headers=headers(site, who))
    else:
        r = site["api"].get(path, headers=headers(site, who))
    assert r.status_code == status, r.text
    written = count(site["url"], "SELECT count(*) FROM report_events") - before
    audited = count(site["url"], "SELECT count(*) FROM audit_log WHERE action = 'api report'")
    assert written == (1 if (method, status) == ("POST", 200) else 0)
    assert audited - audits == written  # refused requests never reach the store
    if status != 200:
        assert set(r.json()) == {"message", "message_en"} and r.json()["message"]
        return
    if method == "POST":
        assert r.json() == {"stored": 1, "duplicate": False}
        return
    data = r.json()
    codes = {u["code"] for u in data["units"]}
    units = site["units"]
    expected = {"unit0": {units[0]}, "unit1": {units[1]}, ALL: site["all"]}[seen]
    assert codes == expected
    assert data["date"] == "2025-06-17"
    assert {p["unit_code"] for p in data["problems"]} <= codes | {""}
    assert sum(data["rollup"]["by_status"].values()) == len(expected)


def test_the_rollup_follows_the_store_and_matches_the_workspace_computation(site, tmp_path):
    """A unit's report sent through the API shows in its roll-up; the province roll-up is the
    same computation as ``transition readiness`` on the pulled workspace."""
    from transition.store.sync import pull

    api, units = site["api"], site["units"]
    auth = headers(site, "xa")
    body = {
        "submission_id": "roll-1",
        "date": "2025-06-17",
        "submitted_at": "2025-06-17T09:30:00+07:00",
        "items": [{"item": "staff_training", "status": "xong", "note": "<i>đã tập huấn</i>"}],
    }
    assert api.post("/api/reports", json=body, headers=auth).status_code == 200
    mine = api.get("/api/rollup?date=2025-06-17", headers=auth).json()
    (unit,) = mine["units"]
    assert unit["code"] == units[0] and unit["reported"] is True
    province = api.get("/api/rollup?date=2025-06-17", headers=headers(site, "tinh")).json()
    back = tmp_path / "pulled"
    with connect(site["url"]) as conn:
        pull(conn, back)
    expected = actions.readiness_workspace(back, date="2025-06-17", write=False).to_dict()
    assert province == json.loads(json.dumps(expected))
    assert count(
        site["url"], "SELECT note FROM report_events WHERE submission_id = 'roll-1:staff_training'"
    ) == ("<i>đã tập huấn</i>")


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)


def test_the_unit_page_signs_in_sends_once_and_refuses_forged_posts(site):
    """Sign-in and report POSTs need the CSRF token; the page is small, escaped, self-contained."""
    from fastapi.testclient import TestClient

    web = TestClient(site["app"])
    events = lambda: count(site["url"], "SELECT count(*) FROM report_events")  # noqa: E731
    start = events()
    first = web.get("/dang-nhap")
    assert first.status_code == 200 and "Đăng nhập" in first.text
    creds = {"username": "xa2", "password": "pw-xa2"}
    stale = web.post("/dang-nhap", data=creds | {"csrf": "0" * 64}, follow_redirects=False)
    assert stale.status_code == 403 and "phien" not in web.cookies
    ok = web.post("/dang-nhap", data=creds | {"csrf": csrf_of(first.text)}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/"
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    with connect(site["url"]) as conn:  # markup in a unit name is shown as text
        conn.execute(
            "UPDATE units SET name = '<script>alert(1)</script>' WHERE code = %s",
            (site["units"][1],),
        )
        conn.commit()
    form = web.get("/bao-cao")
    html = form.text
    assert form.status_code == 200 and len(html.encode()) < 15_000
    assert len(gzip.compress(html.encode())) < 5_000 and form.headers["content-encoding"] == "gzip"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert not re.search(r"(src|href|action)=\"?(https?:)?//", html)  # no external request
    assert "script-src 'nonce-" in form.headers["content-security-policy"]
    for word in ("xong", "một phần", "chưa bắt đầu", "vướng mắc", "Gửi báo cáo"):
        assert word in html
    sid = re.search(r'name="submission_id" value="([0-9a-f-]{36})"', html).group(1)
    fields = {
        "submission_id": sid,
        "date": "2025-06-17",
        "s_staff_training": "vướng mắc",
        "n_staff_training": "<b>thiếu</b> phòng",
    }
    forged = web.post("/bao-cao", data=fields, follow_redirects=False)
    assert forged.status_code == 403 and events() == start  # no CSRF token: nothing written
    wrong = web.post("/bao-cao", data=fields | {"csrf": "ab" * 32}, follow_redirects=False)
    assert wrong.status_code == 403 and events() == start
    fields["csrf"] = csrf_of(html)
    sent = web.post("/bao-cao", data=fields, follow_redirects=False)
    assert sent.headers["location"] == "/bao-cao?gui=ok" and events() == start + 1
    again = web.post("/bao-cao", data=fields, follow_redirects=False)  # back + resubmit
    assert again.headers["location"] == "/bao-cao?gui=trung" and events() == start + 1
    queued = {
        "submission_id": str(uuid.uuid4()),
        "date": "2025-06-17",
        "items": [{"item": "seal_treasury", "status": "xong"}],
    }
    no_header = web.post("/bao-cao", json=queued)
    assert no_header.status_code == 403 and events() == start + 1
    header = {"X-CSRF-Token": fields["csrf"]}
    assert web.post("/bao-cao", json=queued, headers=header).json()["stored"] == 1
    assert web.post("/bao-cao", json=queued, headers=header).json()["duplicate"] is True
    assert events() == start + 2
    with connect(site["url"]) as conn:
        row = conn.execute(
            "SELECT unit_code, note FROM report_events WHERE submission_id = %s",
            (f"{sid}:staff_training",),
        ).fetchone()
        conn.execute(
            "UPDATE units SET name = 'x' WHERE code = %s AND name LIKE '<script>%%'",
            (site["units"][1],),
        )
        conn.commit()
    assert row == (site["units"][1], "<b>thiếu</b> phòng")


def test_a_province_account_gets_no_unit_form_and_a_stranger_is_sent_to_sign_in(site):
    from fastapi.testclient import TestClient

    web = TestClient(site["app"])
    assert web.get("/bao-cao", follow_redirects=False).headers["location"] == "/dang-nhap"
    web.cookies.set("phien", site["tokens"]["tinh"])
    assert web.get("/bao-cao").status_code == 403


def test_the_rollup_page_shows_the_account_scope_and_follows_new_reports(site):
    """A province officer's page lists every unit of the province; a unit's lists its own; a report
    sent by a unit changes the province's count of units reported."""
    from fastapi.testclient import TestClient

    province, unit = TestClient(site["app"]), TestClient(site["app"])
    province.cookies.set("phien", site["tokens"]["tinh"])
    unit.cookies.set("phien", site["tokens"]["xa2"])
    assert province.get("/", follow_redirects=False).headers["location"] == "/tong-hop"
    day = "2025-06-18"  # no report yet on this day in the fixture

    def reported(client) -> tuple[int, str]:
        html = client.get(f"/tong-hop?date={day}").text
        rows = html.count('<tr class="s-')
        return rows, re.search(r"Đã báo cáo</th><td>(\d+/\d+)", html).group(1)

    assert reported(province) == (len(site["all"]), f"0/{len(site['all'])}")
    assert reported(unit) == (1, "0/1")
    body = {
        "submission_id": str(uuid.uuid4()),
        "date": day,
        "items": [{"item": "seal_treasury", "status": "xong"}],
    }
    auth = headers(site, "xa2")
    assert site["api"].post("/api/reports", json=body, headers=auth).status_code == 200
    assert reported(province) == (len(site["all"]), f"1/{len(site['all'])}")
    assert reported(unit) == (1, "1/1")
    html = province.get(f"/tong-hop?date={day}").text
    if SHOTS and Path("/usr/bin/chromium").exists():  # a province officer's screen, to look at
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            b = p.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
            )
            pg_ = b.new_page(viewport={"width": 390, "height": 844})
            pg_.set_content(html)
            pg_.screenshot(path=str(SHOTS / "store-rollup-phone.png"))
            b.close()
    bad = province.get("/tong-hop?date=2031-01-01")
    assert bad.status_code == 422 and "thời gian chạy thử" in bad.text

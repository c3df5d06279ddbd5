"""The unit's pages (Vietnamese, small, no external request): sign in, today's report form, sign
out. Plain HTML forms that work without JavaScript; a small inline script (``queue.js``) keeps
reports in ``localStorage`` while offline, each with a UUID made on the device, and sends them when
back online (a resend is a duplicate in the store, never a second row).

Sessions: the sign-in token in the ``phien`` cookie (HttpOnly, SameSite=Strict, Secure over
https). CSRF: a token signed with the server secret and bound to the session (:mod:`.auth`),
checked on every POST (form field ``csrf`` or header ``X-CSRF-Token``). Every page has a
Content-Security-Policy with a per-response nonce: only its own inline style and script run, and
it may talk to its own origin only. Templates (``templates/web/``) render with autoescape on.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from functools import lru_cache
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import ValidationError

from .auth import ApiError, csrf_ok, csrf_token
from .service import Item, Report, Service, local_time

SESSION, LOGIN_NONCE = "phien", "dang_nhap"
STATUSES = (  # value sent (a word the readiness parser reads) -> label shown
    ("done", "xong"),
    ("partly", "một phần"),
    ("not_started", "chưa bắt đầu"),
    ("blocked", "vướng mắc"),
)
SENT = {
    "ok": "Đã gửi báo cáo.",
    "trung": "Báo cáo này đã được nhận trước đó (không ghi lại).",
}


@lru_cache(maxsize=1)
def environment():
    """jinja2 over ``templates/web`` with autoescape ON and undefined names an error."""
    import jinja2

    from ..resources import TEMPLATES_DIR

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "web"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page(name: str, status: int = 200, **data) -> HTMLResponse:
    """The page ``name`` with its security headers (CSP nonce, no caching, no referrer)."""
    nonce = secrets.token_urlsafe(16)
    html = environment().get_template(name).render(nonce=nonce, **data)
    csp = (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )
    return HTMLResponse(
        html,
        status_code=status,
        headers={
            "Content-Security-Policy": csp,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
        },
    )


async def form_fields(request: Request) -> dict[str, str]:
    """The url-encoded form of ``request`` (first value of each field)."""
    raw = (await request.body()).decode("utf-8", errors="replace")
    return {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}


def report_from_form(form: dict[str, str], svc: Service) -> Report:
    """A :class:`Report` from the form's ``submission_id``, ``date``, ``s_<item>`` (status),
    ``n_<item>`` (note), ``e_<item>`` (evidence); items without a status are left out."""
    try:
        day = dt.date.fromisoformat(form.get("date", ""))
    except ValueError:
        raise ApiError(422, "Ngày báo cáo không hợp lệ", "The report date is invalid") from None
    items = [
        Item(
            item=i.id,
            status=form[f"s_{i.id}"],
            note=form.get(f"n_{i.id}", ""),
            evidence=form.get(f"e_{i.id}", ""),
        )
        for i in svc.items
        if form.get(f"s_{i.id}")
    ]
    sid = form.get("submission_id", "").strip() or str(uuid.uuid4())
    return Report(submission_id=sid, date=day, items=items)


def install_pages(app: FastAPI, svc: Service) -> None:
    """Add the pages to ``app``: ``/`` (to the page of the account's role), ``/dang-nhap``,
    ``/bao-cao`` (a unit's form), ``/tong-hop`` (the roll-up in the account's scope),
    ``/dang-xuat``."""
    pages = _Pages(svc)
    _sign_in_routes(app, pages)
    _rollup_routes(app, pages)
    _report_routes(app, pages)


class _Pages:
    """What the pages share: the service, the signing key, the sign-in page, the signed-in account
    of a request, and a unit's form."""

    def __init__(self, svc: Service) -> None:
        self.svc, self.key = svc, svc.key

    def sign_in_page(self, request: Request, message: str = "", username: str = "", status=200):
        nonce = request.cookies.get(LOGIN_NONCE) or secrets.token_urlsafe(16)
        resp = page(
            "sign_in.html.j2",
            status,
            title="Đăng nhập",
            csrf=csrf_token(self.key, "login", nonce),
            message=message,
            username=username,
        )
        secure = request.url.scheme == "https"
        resp.set_cookie(LOGIN_NONCE, nonce, httponly=True, samesite="strict", secure=secure)
        return resp

    def signed_in(self, request: Request) -> tuple[dict, str] | None:
        token = request.cookies.get(SESSION)
        try:
            return (self.svc.account(token), token) if token else None
        except ApiError:
            return None

    def unit_form(self, who: dict, token: str, message: str = "", status: int = 200):
        return page(
            "unit_form.html.j2",
            status,
            title=f"Báo cáo hằng ngày – {who['unit_code']}",
            csrf=csrf_token(self.key, "csrf", token),
            unit_code=who["unit_code"],
            unit_name=self.svc.unit_name(who["unit_code"]),
            username=who["username"],
            items=self.svc.items,
            statuses=STATUSES,
            today=local_time().date().isoformat(),
            submission_id=str(uuid.uuid4()),
            message=message,
        )


def _sign_in_routes(app: FastAPI, pages: _Pages) -> None:
    """``/``, ``/dang-nhap`` (GET, POST) and ``/dang-xuat``."""

    @app.get("/")
    def home(request: Request):
        found = pages.signed_in(request)
        if found is None:
            return RedirectResponse("/dang-nhap", status_code=303)
        target = "/bao-cao" if found[0]["role"] == "unit" else "/tong-hop"
        return RedirectResponse(target, status_code=303)

    @app.get("/dang-nhap")
    def sign_in_form(request: Request):
        return pages.sign_in_page(request)

    @app.post("/dang-nhap")
    async def sign_in(request: Request):
        form = await form_fields(request)
        if not csrf_ok(pages.key, "login", request.cookies.get(LOGIN_NONCE), form.get("csrf")):
            return pages.sign_in_page(
                request, "Phiên của trang đã hết, hãy đăng nhập lại.", status=403
            )
        username = form.get("username", "").strip()
        try:
            token = pages.svc.sign_in(username, form.get("password", ""))
        except ApiError as exc:
            return pages.sign_in_page(request, exc.vi, username, status=exc.status)
        resp = RedirectResponse("/", status_code=303)
        secure = request.url.scheme == "https"
        resp.set_cookie(SESSION, token, httponly=True, samesite="strict", secure=secure)
        return resp

    @app.post("/dang-xuat")
    async def sign_out(request: Request):
        found = pages.signed_in(request)
        form = await form_fields(request)
        if found is not None and not csrf_ok(pages.key, "csrf", found[1], form.get("csrf")):
            raise ApiError(403, "Mã chống giả mạo (CSRF) không hợp lệ", "Bad or missing CSRF token")
        resp = RedirectResponse("/dang-nhap", status_code=303)
        resp.delete_cookie(SESSION)
        return resp


def _rollup_routes(app: FastAPI, pages: _Pages) -> None:
    """``/tong-hop``: the readiness roll-up in the account's scope."""

    @app.get("/tong-hop")
    def rollup_page(request: Request, date: str = ""):
        from ..readiness.status import UNIT_STATUS_VI

        found = pages.signed_in(request)
        if found is None:
            return RedirectResponse("/dang-nhap", status_code=303)
        who, token = found
        data, message, status = None, "", 200
        try:
            day = dt.date.fromisoformat(date) if date else None
            data = pages.svc.rollup(who, day, None)
        except ValueError:
            message, status = "Ngày không hợp lệ", 422
        except ApiError as exc:
            message, status = exc.vi, exc.status
        scope = {"unit": f"đơn vị {who['unit_code']}", "province": f"tỉnh {who['province']}"}
        return page(
            "rollup.html.j2",
            status,
            title="Tổng hợp sẵn sàng vận hành",
            csrf=csrf_token(pages.key, "csrf", token),
            scope=scope.get(who["role"], "toàn quốc"),
            username=who["username"],
            day=data["date"] if data else date,
            data=data,
            labels=UNIT_STATUS_VI,
            message=message,
        )


def _report_routes(app: FastAPI, pages: _Pages) -> None:
    """``/bao-cao``: a unit's daily-report form (GET) and its sending (POST, form or JSON)."""

    @app.get("/bao-cao")
    def report_form(request: Request, gui: str = ""):
        found = pages.signed_in(request)
        if found is None:
            return RedirectResponse("/dang-nhap", status_code=303)
        who, token = found
        if who["role"] != "unit":
            return page(
                "sign_in.html.j2",
                403,
                title="Không có quyền",
                csrf="",
                message="Trang này dành cho tài khoản của đơn vị cấp xã.",
                username=who["username"],
            )
        return pages.unit_form(who, token, SENT.get(gui, ""))

    @app.post("/bao-cao")
    async def send_report(request: Request) -> Response:
        is_json = request.headers.get("content-type", "").startswith("application/json")
        found = pages.signed_in(request)
        if found is None:
            if is_json:
                raise ApiError(401, "Chưa đăng nhập hoặc phiên đã hết hạn", "Not signed in")
            return RedirectResponse("/dang-nhap", status_code=303)
        who, token = found
        form = {} if is_json else await form_fields(request)
        given = request.headers.get("x-csrf-token") or form.get("csrf")
        if not csrf_ok(pages.key, "csrf", token, given):
            raise ApiError(403, "Mã chống giả mạo (CSRF) không hợp lệ", "Bad or missing CSRF token")
        if is_json:
            try:
                body = Report.model_validate_json(await request.body())
            except ValidationError:
                raise ApiError(422, "Dữ liệu gửi không hợp lệ", "Invalid report") from None
            return JSONResponse(pages.svc.store(who, body, "web"))
        try:
            answer = pages.svc.store(who, report_from_form(form, pages.svc), "web")
        except ApiError as exc:
            return pages.unit_form(who, token, exc.vi, exc.status)
        return RedirectResponse(
            f"/bao-cao?gui={'trung' if answer['duplicate'] else 'ok'}", status_code=303
        )

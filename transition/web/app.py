"""The JSON API of the web intake (first slice): ``POST /api/login`` and ``POST /api/reports``.

The unit a report is for comes from the signed-in account, never from the request (a body naming a
unit is refused: extra fields are forbidden). Tokens are HMAC-SHA256 signed with a server secret
read from ``TRANSITION_SECRET`` or the file named by ``TRANSITION_SECRET_FILE`` (never committed),
valid 12 hours, sent back as ``Authorization: Bearer``. Login attempts are limited per ACCOUNT
(5 failures in 5 minutes -> 429), not per address: a province's officers share one. Errors are JSON
``{"message": Vietnamese, "message_en": English}``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import tempfile
import threading
import time
from collections import defaultdict, deque
from pathlib import Path

from fastapi import FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..errors import TransitionError
from ..store import connect
from ..store.accounts import verify
from ..store.events import store_reports

TOKEN_SECONDS = 12 * 3600
MAX_FAILURES, WINDOW = 5, 300.0


class ApiError(Exception):
    def __init__(self, status: int, vi: str, en: str):
        super().__init__(en)
        self.status, self.vi, self.en = status, vi, en


class Login(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str
    password: str


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid")
    item: str
    status: str
    note: str = ""
    evidence: str = ""


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid")
    submission_id: str
    date: dt.date
    items: list[Item]
    submitted_at: dt.datetime | None = None  # when it was filled in, on the device (local time)


def local_time(at: dt.datetime | None = None) -> dt.datetime:
    """``at`` (default now) as Vietnam wall time (UTC+7), naive, to the second: the time the
    readiness deadline is judged on. A naive ``at`` is taken as already local."""
    at = at or dt.datetime.now(dt.UTC)
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=7)
    return at.replace(microsecond=0)


def server_secret() -> bytes:
    """The signing secret; raises RuntimeError when neither variable gives one."""
    if os.environ.get("TRANSITION_SECRET"):
        return os.environ["TRANSITION_SECRET"].encode()
    path = os.environ.get("TRANSITION_SECRET_FILE")
    if path and Path(path).is_file():
        return Path(path).read_bytes().strip()
    raise RuntimeError("set TRANSITION_SECRET or TRANSITION_SECRET_FILE (outside the repository)")


def make_token(secret: bytes, username: str, now: float | None = None) -> str:
    expires = int((now or time.time()) + TOKEN_SECONDS)
    body = f"{username}|{expires}".encode()
    sig = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return base64.urlsafe_b64encode(body).decode() + "." + sig


def read_token(secret: bytes, token: str) -> str | None:
    """The username of a valid, unexpired token, else None."""
    try:
        raw, sig = token.split(".", 1)
        body = base64.urlsafe_b64decode(raw.encode())
    except (ValueError, TypeError):
        return None
    good = hmac.new(secret, body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(good, sig):
        return None
    username, _, expires = body.decode().rpartition("|")
    return username if expires.isdigit() and int(expires) > time.time() else None


def create_app(database: str, secret: bytes | None = None) -> FastAPI:
    """The app over the store at ``database``."""
    from ..profiles import load_profile
    from ..profiles.readiness import Readiness
    from ..readiness.reports import STATUS_BY_WORD
    from ..text import fold

    key = secret or server_secret()
    attested = {i.id for i in load_profile(Readiness, "readiness.toml").attested}
    failures: dict[str, deque] = defaultdict(deque)
    app = FastAPI(title="transition intake", docs_url=None, redoc_url=None)

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError):
        return JSONResponse({"message": exc.vi, "message_en": exc.en}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError):
        fields = ", ".join(
            sorted({".".join(str(x) for x in e.get("loc", ())[1:]) for e in exc.errors()})
        )
        return JSONResponse(
            {
                "message": f"Dữ liệu gửi không hợp lệ (trường: {fields})",
                "message_en": f"Invalid request (fields: {fields})",
            },
            status_code=422,
        )

    def account_of(authorization: str | None) -> dict:
        token = (authorization or "").removeprefix("Bearer ").strip()
        username = read_token(key, token) if token else None
        if username is None:
            raise ApiError(401, "Chưa đăng nhập hoặc phiên đã hết hạn", "Not signed in or expired")
        with connect(database) as conn:
            row = conn.execute(
                "SELECT username, role, unit_code, province FROM accounts"
                " WHERE username = %s AND NOT disabled",
                (username,),
            ).fetchone()
        if row is None:
            raise ApiError(401, "Tài khoản không còn hiệu lực", "The account is disabled")
        return dict(zip(("username", "role", "unit_code", "province"), row, strict=True))

    @app.post("/api/login")
    def login(body: Login):
        recent = failures[body.username]
        while recent and recent[0] < time.monotonic() - WINDOW:
            recent.popleft()
        if len(recent) >= MAX_FAILURES:
            raise ApiError(
                429,
                "Đăng nhập sai quá nhiều lần, thử lại sau 5 phút",
                "Too many failed sign-ins; try again in 5 minutes",
            )
        with connect(database) as conn:
            found = verify(conn, body.username, body.password)
        if found is None:
            recent.append(time.monotonic())
            raise ApiError(401, "Sai tên đăng nhập hoặc mật khẩu", "Wrong username or password")
        recent.clear()
        return {"token": make_token(key, found["username"])}

    workdir = Path(tempfile.mkdtemp(prefix="transition-serve-"))
    pulling = threading.Lock()  # one working copy of the store, pulled by one request at a time

    @app.get("/api/rollup")
    def get_rollup(
        date: dt.date | None = None,
        province: str | None = None,
        authorization: str | None = Header(default=None),
    ):
        from ..readiness import ReadinessDateError
        from ..store.rollup import EmptyScope, ScopeError, rollup, scope_for

        who = account_of(authorization)
        try:
            scope = scope_for(who, province)
            with pulling, connect(database) as conn:
                return rollup(conn, workdir, scope, date)
        except ScopeError as exc:
            raise ApiError(403, "Ngoài phạm vi của tài khoản", str(exc)) from None
        except EmptyScope as exc:
            raise ApiError(404, "Không có đơn vị nào trong phạm vi này", str(exc)) from None
        except ReadinessDateError as exc:
            raise ApiError(422, "Ngày không thuộc thời gian chạy thử", str(exc)) from None
        except TransitionError as exc:
            raise ApiError(
                409, "Cơ sở dữ liệu chưa có phương án (chạy transition db push)", str(exc)
            ) from None

    @app.post("/api/reports")
    def reports(body: Report, authorization: str | None = Header(default=None)):
        import pandas as pd

        who = account_of(authorization)
        if who["role"] != "unit":
            raise ApiError(
                403,
                "Chỉ tài khoản của đơn vị mới gửi báo cáo",
                "Only a unit's account sends reports",
            )
        rows = []
        sent = local_time(body.submitted_at)
        for k, it in enumerate(body.items):
            status = STATUS_BY_WORD.get(fold(it.status), "")
            if it.item not in attested or not status:
                raise ApiError(
                    422,
                    f"Mục {k + 1}: mục hoặc trạng thái không hợp lệ",
                    f"Item {k + 1}: unknown item or status",
                )
            rows.append(
                {
                    "submission_id": f"{body.submission_id}:{it.item}",
                    "unit_code": who["unit_code"],
                    "item": it.item,
                    "report_date": body.date,
                    "status": status,
                    "note": it.note,
                    "evidence": it.evidence,
                    "reporter": who["username"],
                    "submitted_at": sent,
                    "source": "api",
                    "source_row": None,
                }
            )
        with connect(database) as conn:
            counts = store_reports(conn, pd.DataFrame(rows), who["username"], "api report")
            conn.commit()
        return {"stored": counts["accepted"], "duplicate": counts["accepted"] == 0}

    return app

"""What the API and the pages share: accounts from tokens, sign-in with a per-ACCOUNT rate limit,
storing a unit's report exactly once, the scoped roll-up. Holds no domain rule: it calls the store
and the readiness parser's vocabulary."""

from __future__ import annotations

import datetime as dt
import tempfile
import threading
import time
from collections import defaultdict, deque
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..errors import TransitionError
from ..store import connect
from ..store.accounts import verify
from ..store.events import store_reports
from .auth import ApiError, make_token, read_token

MAX_FAILURES, WINDOW = 5, 300.0


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


class Service:
    """The store at ``database`` as the web app uses it (one per app)."""

    def __init__(self, database: str, key: bytes):
        from ..profiles import load_profile
        from ..profiles.readiness import Readiness

        self.database, self.key = database, key
        self.items = load_profile(Readiness, "readiness.toml").attested
        self.attested = {i.id for i in self.items}
        self.failures: dict[str, deque] = defaultdict(deque)
        self.workdir = Path(tempfile.mkdtemp(prefix="transition-serve-"))
        self.pulling = threading.Lock()  # one working copy of the store, one pull at a time
        # roll-ups already computed, by (store version, scope, date): the page many officers watch
        # is computed once per change of the store, not once per reader
        self.rollups: dict[tuple, dict] = {}

    def account(self, token: str | None) -> dict:
        """The enabled account of a valid token; raises :class:`ApiError` 401."""
        username = read_token(self.key, token) if token else None
        if username is None:
            raise ApiError(401, "Chưa đăng nhập hoặc phiên đã hết hạn", "Not signed in or expired")
        with connect(self.database) as conn:
            row = conn.execute(
                "SELECT username, role, unit_code, province FROM accounts"
                " WHERE username = %s AND NOT disabled",
                (username,),
            ).fetchone()
        if row is None:
            raise ApiError(401, "Tài khoản không còn hiệu lực", "The account is disabled")
        return dict(zip(("username", "role", "unit_code", "province"), row, strict=True))

    def sign_in(self, username: str, password: str) -> str:
        """A token for the right password; raises :class:`ApiError` 401, or 429 after 5 failures
        of this ACCOUNT in 5 minutes (a province's officers share one address)."""
        recent = self.failures[username]
        while recent and recent[0] < time.monotonic() - WINDOW:
            recent.popleft()
        if len(recent) >= MAX_FAILURES:
            raise ApiError(
                429,
                "Đăng nhập sai quá nhiều lần, thử lại sau 5 phút",
                "Too many failed sign-ins; try again in 5 minutes",
            )
        with connect(self.database) as conn:
            found = verify(conn, username, password)
        if found is None:
            recent.append(time.monotonic())
            raise ApiError(401, "Sai tên đăng nhập hoặc mật khẩu", "Wrong username or password")
        recent.clear()
        return make_token(self.key, found["username"])

    def unit_name(self, code: str) -> str:
        with connect(self.database) as conn:
            row = conn.execute(
                "SELECT name FROM units WHERE era = 'new' AND code = %s", (code,)
            ).fetchone()
        return row[0] if row else ""

    def store(self, who: dict, body: Report, source: str) -> dict:
        """Store ``body`` for the account's unit (never a unit named by the request): one event per
        item, id ``submission_id:item``. Returns ``{"stored", "duplicate"}``; raises
        :class:`ApiError` 403 (not a unit account) or 422 (unknown item or status)."""
        import pandas as pd

        from ..readiness.reports import STATUS_BY_WORD
        from ..text import fold

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
            if it.item not in self.attested or not status:
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
                    "source": source,
                    "source_row": None,
                }
            )
        if not rows:
            raise ApiError(422, "Chưa chọn trạng thái cho mục nào", "No item has a status")
        with connect(self.database) as conn:
            counts = store_reports(conn, pd.DataFrame(rows), who["username"], "api report")
            conn.commit()
        return {"stored": counts["accepted"], "duplicate": counts["accepted"] == 0}

    def rollup(self, who: dict, date: dt.date | None, province: str | None) -> dict:
        """The roll-up in the account's scope; raises :class:`ApiError` 403 (outside the scope),
        404 (nothing in scope), 422 (a day outside the trial), 409 (no plan in the store)."""
        from ..readiness import ReadinessDateError
        from ..store.rollup import EmptyScope, ScopeError, rollup, scope_for, store_version

        try:
            scope = scope_for(who, province)
            with self.pulling, connect(self.database) as conn:
                key = (store_version(conn), scope, date)
                if key not in self.rollups:
                    if len(self.rollups) >= 64:
                        self.rollups.pop(next(iter(self.rollups)))
                    self.rollups[key] = rollup(conn, self.workdir, scope, date)
                return self.rollups[key]
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

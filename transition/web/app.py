"""The web intake: the JSON API and the unit's pages over the store.

JSON API: ``POST /api/login`` (``{"username", "password"}`` -> ``{"token"}``), ``POST /api/reports``
(for the signed-in unit; the unit comes from the account, never from the request: a body naming a
unit is refused, extra fields are forbidden), ``GET /api/rollup?date=D[&province=P]`` (the
``transition readiness --json`` dict in the account's scope). Tokens go back as
``Authorization: Bearer`` (see :mod:`.auth`). Errors are JSON
``{"message": Vietnamese, "message_en": English}``. Pages: :mod:`.pages`.
"""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.middleware.gzip import GZipMiddleware

from .auth import ApiError, make_token, server_secret
from .service import Report, Service, local_time

__all__ = ["create_app", "local_time", "make_token"]


class Login(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str
    password: str


def _bearer(authorization: str | None) -> str:
    return (authorization or "").removeprefix("Bearer ").strip()


def create_app(database: str, secret: bytes | None = None) -> FastAPI:
    """The app over the store at ``database``; ``secret`` defaults to :func:`server_secret`."""
    from .pages import install_pages

    svc = Service(database, secret or server_secret())
    app = FastAPI(title="transition intake", docs_url=None, redoc_url=None, openapi_url=None)

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

    @app.post("/api/login")
    def login(body: Login):
        return {"token": svc.sign_in(body.username, body.password)}

    @app.get("/api/rollup")
    def get_rollup(
        date: dt.date | None = None,
        province: str | None = None,
        authorization: str | None = Header(default=None),
    ):
        return svc.rollup(svc.account(_bearer(authorization)), date, province)

    @app.post("/api/reports")
    def reports(body: Report, authorization: str | None = Header(default=None)):
        return svc.store(svc.account(_bearer(authorization)), body, "api")

    app.add_middleware(GZipMiddleware, minimum_size=1000)  # the form page: 14 kB -> 3.6 kB
    install_pages(app, svc)
    return app

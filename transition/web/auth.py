"""Sign-in tokens, the server secret and CSRF tokens of the web intake.

Tokens: ``base64(username|expiry).HMAC-SHA256`` with the server secret (``TRANSITION_SECRET`` or
the file named by ``TRANSITION_SECRET_FILE``, never committed), valid 12 hours; the API sends them
as ``Authorization: Bearer``, the pages keep them in an HttpOnly ``SameSite=Strict`` cookie.

CSRF (pages only; the API takes no cookie, so a forged cross-site request has no credential):
a SIGNED token tied to the session, ``HMAC(secret, "csrf|" + session token)``, put in the page
(hidden field and a meta tag read by the script) and checked on every POST. Why this and not a plain
double-submit cookie: the server keeps no session table (the token is recomputed), and a cookie
planted by a sibling site or an http:// man-in-the-middle cannot be paired with a token without the
secret. ``SameSite=Strict`` on the session cookie is a second wall, not the only one (older phone
browsers ignore it). The sign-in form, before any session, uses ``HMAC(secret, "login|" + nonce)``
with the nonce in a ``SameSite=Strict`` cookie.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time
from pathlib import Path

TOKEN_SECONDS = 12 * 3600


class ApiError(Exception):
    def __init__(self, status: int, vi: str, en: str):
        super().__init__(en)
        self.status, self.vi, self.en = status, vi, en


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


def csrf_token(secret: bytes, purpose: str, bound_to: str) -> str:
    """The CSRF token of ``purpose`` ("csrf" for a session, "login" for the sign-in form) bound to
    ``bound_to`` (the session token, or the sign-in nonce)."""
    return hmac.new(secret, f"{purpose}|{bound_to}".encode(), hashlib.sha256).hexdigest()


def csrf_ok(secret: bytes, purpose: str, bound_to: str | None, given: str | None) -> bool:
    """Whether ``given`` is the CSRF token of ``purpose`` for ``bound_to`` (constant time)."""
    if not bound_to or not given:
        return False
    return hmac.compare_digest(csrf_token(secret, purpose, bound_to), given)

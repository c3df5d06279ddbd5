"""Accounts of the store: roles ``unit`` (reports for one new unit), ``province`` (reads and edits
one province), ``ministry`` (reads all), ``admin``. Passwords are hashed with argon2id
(``argon2-cffi`` defaults; about 0.1 s of a core per check on this machine, never weakened).
Every account change leaves an audit row in the same transaction."""

from __future__ import annotations

from ..errors import TransitionError

ROLES = ("unit", "province", "ministry", "admin")


class AccountError(TransitionError):
    """A bad account: unknown role, a unit account without its unit, a name already taken."""


def hash_password(password: str) -> str:
    """The argon2id hash (with its salt and parameters) of ``password``."""
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)


def create_account(
    conn,
    username: str,
    password: str,
    role: str,
    unit_code: str = "",
    province: str = "",
    by: str = "admin",
) -> None:
    """Add an account (the caller commits). Raises :class:`AccountError` for an unknown role, a
    ``unit`` account without ``unit_code``, or a username already taken (audited as refused)."""
    from psycopg.types.json import Jsonb

    detail = Jsonb({"role": role, "unit": unit_code, "province": province})
    if role not in ROLES or (role == "unit" and not unit_code.strip()):
        raise AccountError(
            f"account {username}: role must be one of {', '.join(ROLES)}; a unit account needs "
            "its unit code"
        )
    with conn.transaction():
        row = conn.execute(
            "INSERT INTO accounts (username, password_hash, role, unit_code, province)"
            " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (username) DO NOTHING RETURNING username",
            (username, hash_password(password), role, unit_code.strip(), province.strip()),
        ).fetchone()
        outcome = "accepted" if row else "refused"
        conn.execute(
            "INSERT INTO audit_log (account, action, outcome, subject, detail)"
            " VALUES (%s, 'create account', %s, %s, %s)",
            (by, outcome, username, detail),
        )
    if row is None:
        raise AccountError(f"account {username} already exists; pick another name")


def verify(conn, username: str, password: str) -> dict | None:
    """The account (``username, role, unit_code, province``) when ``password`` is right and the
    account is not disabled, else None (the same answer for an unknown name: no user enumeration).
    Every attempt is audited (accepted / refused)."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    row = conn.execute(
        "SELECT username, password_hash, role, unit_code, province, disabled FROM accounts"
        " WHERE username = %s",
        (username,),
    ).fetchone()
    ok = False
    if row is not None and not row[5]:
        try:
            ok = PasswordHasher().verify(row[1], password)
        except (VerificationError, InvalidHashError):
            ok = False
    conn.execute(
        "INSERT INTO audit_log (account, action, outcome, subject) VALUES (%s, 'login', %s, %s)",
        (username, "accepted" if ok else "refused", username),
    )
    conn.commit()
    if not ok or row is None:
        return None
    return {"username": row[0], "role": row[2], "unit_code": row[3], "province": row[4]}

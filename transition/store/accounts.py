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


def unit_province(conn, unit_code: str) -> str | None:
    """The province code of the new unit ``unit_code`` in the store's plan; None when the plan is
    loaded but has no such unit; "" when no plan has been pushed yet."""
    if conn.execute("SELECT count(*) FROM units").fetchone()[0] == 0:
        return ""
    row = conn.execute(
        "SELECT province FROM units WHERE era = 'new' AND code = %s", (unit_code,)
    ).fetchone()
    return None if row is None else row[0]


def disable_account(conn, username: str, by: str = "admin") -> bool:
    """Disable ``username`` (sign-in and every token refused from now on; the account and its
    reports are kept). Returns False when it was already disabled; raises :class:`AccountError`
    for an unknown name. Audited in the same transaction; the caller commits."""
    with conn.transaction():
        row = conn.execute(
            "SELECT disabled FROM accounts WHERE username = %s FOR UPDATE", (username,)
        ).fetchone()
        if row is None:
            raise AccountError(f"no account {username}; 'transition accounts list' shows them")
        conn.execute("UPDATE accounts SET disabled = true WHERE username = %s", (username,))
        conn.execute(
            "INSERT INTO audit_log (account, action, outcome, subject) VALUES"
            " (%s, 'disable account', %s, %s)",
            (by, "duplicate" if row[0] else "accepted", username),
        )
    return not row[0]


def list_accounts(conn, role: str = "", province: str = "") -> list[dict]:
    """Accounts sorted by name: ``username, role, unit_code, unit_name, province, disabled,
    created`` (ISO date), optionally of one ``role`` / ``province``. Never the password hash."""
    rows = conn.execute(
        "SELECT a.username, a.role, a.unit_code, coalesce(u.name, ''), a.province, a.disabled,"
        " a.created_at FROM accounts a LEFT JOIN units u ON u.era = 'new' AND u.code = a.unit_code"
        " WHERE (%s = '' OR a.role = %s) AND (%s = '' OR a.province = %s) ORDER BY a.username",
        (role, role, province, province),
    ).fetchall()
    keys = ("username", "role", "unit_code", "unit_name", "province", "disabled", "created")
    return [dict(zip(keys, (*r[:6], r[6].date().isoformat()), strict=True)) for r in rows]

"""The handover register (contract 2): ``documents/handover_register.xlsx``, one row per minute with
columns ``number, kind, old_codes, new_codes, path, content_hash, signed_date, signed_by, note``
(codes ";"-joined text). A department fills in the signing columns in Excel or with
``transition handover mark``. Regenerating keeps what was filled in; a signed minute keeps the hash
of the version that was signed, so a minute whose content changed since is flagged until signed again.

Readers: :func:`read_handover_register` and :func:`handover_status` (per new unit: ``new_code,
generated, signed, outstanding``); :func:`district_status` does the same per old district.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import TransitionError
from ..io.handover import REGISTER_COLUMNS, read_register

CHANGED = "Nội dung đã thay đổi sau khi ký: cần rà soát, ký lại"


class UnknownMinute(TransitionError):
    """The minute number is not in the handover register."""


def read_handover_register(workspace: str | Path) -> pd.DataFrame:
    """The register as a frame of text columns (see the module doc); empty when there is none."""
    return read_register(workspace)


def _key(row: Any) -> tuple[str, str, str]:
    return (str(row["kind"]), str(row["old_codes"]), str(row["new_codes"]))


def merge_register(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The new register rows, keeping signing columns and notes of the same minute (same kind, old
    and new codes) from ``old``. A signed minute keeps its signed hash; when the new content's hash
    differs, its note says so (:data:`CHANGED`)."""
    kept = {_key(r): r for r in old.to_dict("records")}
    rows = []
    for r in new.to_dict("records"):
        prev = kept.get(_key(r))
        if prev is not None:
            r["signed_date"], r["signed_by"] = prev["signed_date"], prev["signed_by"]
            note = str(prev["note"]).replace(CHANGED, "").strip("; ")
            if r["signed_date"]:
                if prev["content_hash"] and prev["content_hash"] != r["content_hash"]:
                    note = "; ".join(x for x in (CHANGED, note) if x)
                r["content_hash"] = prev["content_hash"] or r["content_hash"]
            r["note"] = note
        rows.append(r)
    return pd.DataFrame(rows, columns=REGISTER_COLUMNS)


def parse_date(text: str) -> str:
    """``30/06/2025`` or ``2025-06-30`` -> ``2025-06-30``; raises :class:`TransitionError`."""
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).strftime("%Y-%m-%d")
        except ValueError:
            continue
    raise TransitionError(f"'{text}' is not a date; write it as 30/06/2025 or 2025-06-30")


def find_minute(register: pd.DataFrame, number: str) -> int:
    """Row index of minute ``number`` ("7", "07" or "07/BB-BG"); raises :class:`UnknownMinute`."""
    wanted = str(number).split("/")[0].lstrip("0") or "0"
    hits = register.index[register["number"].astype(str).str.lstrip("0") == wanted]
    if not len(hits):
        known = register["number"].astype(str).tolist()
        raise UnknownMinute(
            f"minute {number} is not in the handover register (numbers {known[0] if known else '-'}"
            f" to {known[-1] if known else '-'}); run 'transition handover WORKSPACE' first"
        )
    return int(hits[0])


def mark_signed(
    register: pd.DataFrame, number: str, date: str, by: str, current_hash: str
) -> pd.DataFrame:
    """A copy of ``register`` with minute ``number`` signed on ``date`` by ``by``; its hash becomes
    that of the file as it is now (the version signed), and a change flag is cleared."""
    out = register.copy()
    i = find_minute(out, number)
    out.loc[i, "signed_date"] = parse_date(date)
    out.loc[i, "signed_by"] = by.strip()
    out.loc[i, "content_hash"] = current_hash
    out.loc[i, "note"] = str(out.loc[i, "note"]).replace(CHANGED, "").strip("; ")
    return out


def _exploded(register: pd.DataFrame, column: str) -> pd.DataFrame:
    frame = register.assign(code=register[column].astype(str).str.split(";")).explode("code")
    frame = frame[frame["code"].astype(str) != ""]
    frame["is_signed"] = frame["signed_date"].astype(str) != ""
    frame["changed"] = frame["note"].astype(str).str.contains(CHANGED, regex=False)
    return frame


def _status(register: pd.DataFrame, column: str, name: str) -> pd.DataFrame:
    cols = [name, "generated", "signed", "outstanding", "changed_since_signed"]
    if register.empty:
        return pd.DataFrame(columns=cols)
    frame = _exploded(register, column)
    g = frame.groupby("code", sort=True)
    out = pd.DataFrame(
        {
            "generated": g.size(),
            "signed": g["is_signed"].sum(),
            "changed_since_signed": g["changed"].sum(),
        }
    )
    out["outstanding"] = out["generated"] - out["signed"]
    out = out.rename_axis(name).reset_index()
    return out[cols].astype(dict.fromkeys(cols[1:], int))


def handover_status(workspace: str | Path) -> pd.DataFrame:
    """Per new unit: ``new_code, generated, signed, outstanding`` (+ ``changed_since_signed``)."""
    return _status(read_register(workspace), "new_codes", "new_code")


def district_status(register: pd.DataFrame, district_of: dict[str, str]) -> pd.DataFrame:
    """Per old district, the minutes of its bodies and of its communes: ``old_code, generated,
    signed, outstanding, changed_since_signed``. ``district_of``: old code -> district code."""
    frame = register.assign(
        district=register["old_codes"]
        .astype(str)
        .map(lambda c: ";".join(sorted({district_of.get(x, "") for x in c.split(";")} - {""})))
    )
    return _status(frame, "district", "old_code")

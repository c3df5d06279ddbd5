"""The units' daily reports (báo cáo hằng ngày) as events.

A report row says, for a date, a unit and an attested item, its status: ``xong`` (done), ``một phần``
(partly), ``chưa bắt đầu`` (not started) or ``vướng mắc`` (blocked), with a note, an evidence
reference (a document number), the reporter and, when known, the time it was sent. Rows are events:
nothing is overwritten; a later row for the same unit, item and day *supersedes* an earlier one (later
by sending time, then by order read) and both are kept, the earlier marked ``superseded``.

A bad row (unknown unit or item, an item computed by the toolkit, a date that cannot be read or lies
outside the trial, a status not in the list, a unit reporting in another unit's form) becomes a
:class:`~transition.problems.Problem` naming the file and row; the other rows are used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..problems import ERROR, WARNING, Problem
from ..profiles.readiness import Readiness
from ..text import fold

# status vocabulary: code -> (vi, en); the order is from best to worst
STATUSES = ("done", "partly", "not_started", "blocked")
STATUS_VI = {
    "done": "xong",
    "partly": "một phần",
    "not_started": "chưa bắt đầu",
    "blocked": "vướng mắc",
    "not_reported": "chưa báo cáo",
}
STATUS_CODE = {s: k for k, s in enumerate(STATUSES)} | {"not_reported": 4}

# spellings accepted for each status (folded: case and diacritics ignored)
_STATUS_WORDS = {
    "done": ("xong", "da xong", "hoan thanh", "done", "complete", "completed"),
    "partly": ("mot phan", "dang thuc hien", "partly", "partial", "in progress"),
    "not_started": ("chua bat dau", "chua thuc hien", "not started", "not_started"),
    "blocked": ("vuong mac", "blocked", "kho khan"),
}
STATUS_BY_WORD = {w: s for s, words in _STATUS_WORDS.items() for w in words}

COLUMNS = ["date", "unit_code", "item", "status", "note", "evidence", "reporter", "submitted"]
REQUIRED = ("date", "unit_code", "item", "status")
HEADERS = {  # other spellings of the columns (folded) -> canonical
    "ngay": "date",
    "ngay bao cao": "date",
    "date": "date",
    "ma don vi": "unit_code",
    "don vi": "unit_code",
    "unit": "unit_code",
    "unit code": "unit_code",
    "unit_code": "unit_code",
    "muc": "item",
    "hang muc": "item",
    "noi dung": "item",
    "item": "item",
    "trang thai": "status",
    "status": "status",
    "ghi chu": "note",
    "note": "note",
    "minh chung": "evidence",
    "evidence": "evidence",
    "nguoi bao cao": "reporter",
    "reporter": "reporter",
    "thoi diem gui": "submitted",
    "gui luc": "submitted",
    "submitted": "submitted",
}
EVENT_COLUMNS = [*COLUMNS, "file", "row", "seq", "superseded"]


@dataclass(frozen=True)
class ReportFile:
    """A file of report rows as read (every cell text). ``first_row`` is the file line of the first
    data row (2 under a one-line header); ``unit`` is the unit a form is fixed to, if any."""

    file: str
    frame: pd.DataFrame
    first_row: int = 2
    unit: str | None = None


def canonical_headers(frame: pd.DataFrame) -> pd.DataFrame:
    """Rename Vietnamese or English headers (any case, with or without diacritics) to :data:`COLUMNS`."""
    return frame.rename(columns=lambda c: HEADERS.get(fold(str(c)), str(c)))


def by_value(fn):
    """Apply a column function to the distinct values only, then spread the answers back: report
    files repeat the same day, unit, item and status on thousands of rows."""

    def wrapper(s: pd.Series) -> pd.Series:
        codes, uniques = pd.factorize(s, use_na_sentinel=False)
        answers = fn(pd.Series(uniques, dtype=object)).to_numpy()
        return pd.Series(answers[codes], index=s.index)

    wrapper.__doc__ = fn.__doc__
    return wrapper


@by_value
def _codes(s: pd.Series) -> pd.Series:
    """Unit codes as text; codes typed as numbers get their leading zeros back (5 digits)."""
    s = s.astype(str).str.strip().str.replace(r"\.0$", "", regex=True)
    return s.where(~s.str.fullmatch(r"\d{1,4}"), s.str.zfill(5))


@by_value
def _dates(s: pd.Series) -> pd.Series:
    """Day-first or ISO dates (Excel cells come as ``2025-06-15 00:00:00``) -> Timestamps or NaT."""
    s = s.astype(str).str.strip()
    iso = pd.to_datetime(s.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    vn = pd.to_datetime(s, format="%d/%m/%Y", errors="coerce")
    return iso.fillna(vn)


@by_value
def _times(s: pd.Series) -> pd.Series:
    """Sending times: ISO (``2025-06-15 16:30[:00]``) or day-first (``15/06/2025 16:30``)."""
    s = s.astype(str).str.strip().str.replace("T", " ", regex=False)
    out = pd.to_datetime(s.str.slice(0, 16), format="%Y-%m-%d %H:%M", errors="coerce")
    for fmt in ("%d/%m/%Y %H:%M", "%Y-%m-%d", "%d/%m/%Y"):
        out = out.fillna(pd.to_datetime(s.str.slice(0, 16), format=fmt, errors="coerce"))
    return out


def _lookup(values: pd.Series, table: dict[str, str]) -> pd.Series:
    """Map each distinct value through ``fold`` and ``table`` once (fast on large files)."""
    uniq = values.unique()
    mapping = {
        v: table.get(fold(str(v).split(" – ")[0]), table.get(fold(str(v)), "")) for v in uniq
    }
    return values.map(mapping)


def item_table(profile: Readiness) -> tuple[dict[str, str], set[str]]:
    """Folded id or label -> item id, for attested items; and the ids of derived items."""
    table: dict[str, str] = {}
    for i in profile.attested:
        for key in (i.id, i.vi, i.en):
            table[fold(key)] = i.id
    derived = {fold(i.id) for i in profile.items if i.kind == "derived"}
    derived |= {fold(i.vi) for i in profile.items if i.kind == "derived"}
    return table, derived


def parse_reports(
    files: list[ReportFile],
    profile: Readiness,
    units: dict[str, str],
    trial: tuple[dt.date, dt.date],
) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate and stack the report files into events (:data:`EVENT_COLUMNS`) and problems.

    ``units``: code -> name of the new units; ``trial``: first and last day (inclusive). Each bad row
    gives one problem per fault (codes ``readiness-*``) and is left out; a file without the required
    columns gives one problem and is skipped.
    """
    frames, problems = [], []
    seq0 = 0
    for rf in files:
        frame, found = _parse_file(rf, profile, units, trial)
        problems += found
        if frame is not None:
            frame["seq"] = np.arange(seq0, seq0 + len(frame))
            seq0 += len(frame)
            frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=EVENT_COLUMNS), problems
    events = pd.concat(frames, ignore_index=True)
    return mark_superseded(events), problems


def mark_superseded(events: pd.DataFrame) -> pd.DataFrame:
    """Flag every row that a later one for the same unit, item and day replaces (none is dropped).

    Later means sent later (a row without its sending time counts as sent at the start of its day),
    then read later."""
    events = events.reset_index(drop=True)
    unit = pd.factorize(events["unit_code"])[0]
    item = pd.factorize(events["item"])[0]
    day = events["date"].to_numpy("datetime64[D]").astype(np.int64)
    sent = events["submitted"].fillna(events["date"]).to_numpy("datetime64[m]").astype(np.int64)
    order = np.lexsort((events["seq"].to_numpy(), sent, day, item, unit))
    key = np.stack([unit[order], item[order], day[order]])
    last = np.ones(len(order), dtype=bool)
    last[:-1] = (key[:, 1:] != key[:, :-1]).any(axis=0)
    superseded = np.empty(len(order), dtype=bool)
    superseded[order] = ~last
    return events.assign(superseded=superseded)[EVENT_COLUMNS]


def _problems(code: str, rf: ReportFile, hits, column: str, message: str, fix: str, severity=ERROR):
    """One problem per ``(position in the file's rows, value, unit code)`` of ``hits``."""
    return [
        Problem(
            code=code,
            severity=severity,
            message=message.format(value=value),
            file=rf.file,
            row=int(k) + rf.first_row,
            column=column,
            fix=fix,
            unit_code=str(unit),
        )
        for k, value, unit in hits
    ]


def _map_unique(values: pd.Series, fn) -> pd.Series:
    return values.map({v: fn(v) for v in values.unique()})


class _Column:
    """A column factorised once: every check runs on its distinct values, then spreads back."""

    def __init__(self, values: pd.Series):
        codes, uniques = pd.factorize(values.fillna("").astype(str), use_na_sentinel=False)
        self.codes = codes
        self.text = pd.Series(uniques, dtype=object).str.strip()

    def spread(self, answers: pd.Series | np.ndarray) -> np.ndarray:
        return np.asarray(answers)[self.codes]


def _missing_columns(rf: ReportFile, frame: pd.DataFrame) -> list[Problem]:
    missing = [c for c in REQUIRED if c not in frame.columns]
    if not missing:
        return []
    return [
        Problem(
            code="readiness-columns",
            severity=ERROR,
            message=f"columns {', '.join(missing)} are missing; found: "
            + ", ".join(map(str, frame.columns)),
            file=rf.file,
            row=rf.first_row - 1,
            fix="use the form of 'transition generate readiness-forms' "
            "(ngày, mã đơn vị, mục, trạng thái)",
        )
    ]


class _Rows:
    """The rows of one report file being checked: their positions, codes and raw texts, which are
    kept, and the problems found (each names the file, the row and the column)."""

    def __init__(self, rf: ReportFile, rows: np.ndarray, code: np.ndarray, raw: dict) -> None:
        self.rf, self.rows, self.code, self.raw = rf, rows, code, raw
        self.keep = np.ones(len(rows), dtype=bool)
        self.problems: list[Problem] = []

    def bad(self, mask, kind: str, column: str, message: str, fix: str, values) -> None:
        """Rows of ``mask`` refused: a problem each (``{value}`` in the message is the cell)."""
        mask = np.asarray(mask, dtype=bool)
        hits = [(self.rows[k], values[k], self.code[k]) for k in np.flatnonzero(mask)]
        self.problems.extend(_problems(kind, self.rf, hits, column, message, fix))
        self.keep[mask] = False


def _parse_file(rf: ReportFile, profile: Readiness, units: dict[str, str], trial):
    """One report file's rows as events (:data:`EVENT_COLUMNS`) and its problems; ``(None,
    problems)`` when a required column is missing."""
    frame = canonical_headers(rf.frame).reset_index(drop=True)
    missing = _missing_columns(rf, frame)
    if missing:
        return None, missing
    for c in COLUMNS:
        if c not in frame.columns:
            frame[c] = ""
    col = {c: _Column(frame[c]) for c in (*REQUIRED, "submitted")}
    text = {c: col[c].spread(col[c].text) for c in col}
    filled = np.zeros(len(frame), dtype=bool)
    for c in REQUIRED:
        filled |= text[c] != ""
    if rf.unit:  # a form's lines come with day, unit and item; only those given a status count
        filled &= text["status"] != ""
    rows = np.flatnonzero(filled)  # blank lines left out
    code = col["unit_code"].spread(_codes(col["unit_code"].text))[rows]
    chk = _Rows(rf, rows, code, {c: text[c][rows] for c in text})
    date = _checked_dates(chk, col["date"], trial)
    _check_units(chk, units)
    item = _checked_items(chk, col["item"], profile)
    status_u = col["status"].text.map(lambda v: STATUS_BY_WORD.get(fold(str(v)), ""))
    status = col["status"].spread(status_u)[rows]
    chk.bad(
        status == "",
        "readiness-status",
        "status",
        "status '{value}' is not one of xong, một phần, chưa bắt đầu, vướng mắc",
        "pick the status from the drop-down list",
        chk.raw["status"],
    )
    out = pd.DataFrame(
        {
            "date": date,
            "unit_code": code,
            "item": item,
            "status": status,
            "note": frame["note"].to_numpy()[rows],
            "evidence": frame["evidence"].to_numpy()[rows],
            "reporter": frame["reporter"].to_numpy()[rows],
            "submitted": _sending_times(chk, col["submitted"]),
            "file": rf.file,
            "row": rows + rf.first_row,
        }
    )
    return out[chk.keep].reset_index(drop=True), chk.problems


def _checked_dates(chk: _Rows, column: _Column, trial) -> pd.DatetimeIndex:
    """The rows' days; an unreadable day or one outside the trial ``(first, last)`` refused."""
    unique = _dates(column.text)
    date = pd.DatetimeIndex(column.spread(unique.to_numpy())[chk.rows])
    chk.bad(
        date.isna(),
        "readiness-date",
        "date",
        "date '{value}' cannot be read",
        "write the day as 15/06/2025",
        chk.raw["date"],
    )
    first, last = pd.Timestamp(trial[0]), pd.Timestamp(trial[1])
    chk.bad(
        ~date.isna() & ((date < first) | (date > last)),
        "readiness-date-outside",
        "date",
        "date {value} is outside the trial " + f"{trial[0]:%d/%m/%Y}–{trial[1]:%d/%m/%Y}",
        "report only days of the trial run",
        chk.raw["date"],
    )
    return date


def _check_units(chk: _Rows, units: dict[str, str]) -> None:
    """A unit not of the plan refused; in a unit's form, a row of another unit refused too."""
    known = pd.Index(list(units)).get_indexer(chk.code) >= 0
    chk.bad(
        ~known,
        "readiness-unit",
        "unit_code",
        "unit '{value}' is not a new unit of the plan",
        "use the unit's code from plan/new_units.csv",
        chk.raw["unit_code"],
    )
    unit = chk.rf.unit
    if unit:
        chk.bad(
            known & (chk.code != unit),
            "readiness-other-unit",
            "unit_code",
            "unit {value} reports in the form of " + f"{unit} {units.get(unit, '')}",
            "each unit reports in its own form",
            chk.code,
        )


def _checked_items(chk: _Rows, column: _Column, profile: Readiness) -> np.ndarray:
    """The rows' item ids; a derived item (computed, never reported) or an unknown one refused."""
    table, derived = item_table(profile)
    item = column.spread(_lookup(column.text, table))[chk.rows]
    is_derived = (
        column.spread(column.text.map(lambda v: fold(str(v).split(" – ")[0]) in derived))[chk.rows]
    ).astype(bool)
    chk.bad(
        is_derived,
        "readiness-item-derived",
        "item",
        "item '{value}' is computed by the toolkit, not reported",
        "leave it out: it is derived from the workspace",
        chk.raw["item"],
    )
    chk.bad(
        (item == "") & ~is_derived,
        "readiness-item",
        "item",
        "item '{value}' is not in mappings/readiness.toml",
        "pick the item from the drop-down list",
        chk.raw["item"],
    )
    return item


def _sending_times(chk: _Rows, column: _Column) -> pd.DatetimeIndex:
    """The rows' sending times; an unreadable one is a warning (the row counts, not on time)."""
    submitted = pd.DatetimeIndex(column.spread(_times(column.text).to_numpy())[chk.rows])
    unreadable = np.asarray(submitted.isna()) & (chk.raw["submitted"] != "")
    chk.problems += _problems(
        "readiness-submitted",
        chk.rf,
        [(chk.rows[k], chk.raw["submitted"][k], chk.code[k]) for k in np.flatnonzero(unreadable)],
        "submitted",
        "sending time '{value}' cannot be read; the row counts as not on time",
        "write it as 15/06/2025 16:30",
        severity=WARNING,
    )
    return submitted

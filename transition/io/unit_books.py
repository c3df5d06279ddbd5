"""One XLSX per new unit, written from Arrow slices and, for many units, by worker processes.

Each register is turned into an Arrow table once, sorted by ``new_code`` (stably, so that rows keep
their order within a unit); a unit's sheet is then a zero-copy slice. With many units the books are
split into batches written by forked worker processes, one per core (``TRANSITION_WORKERS`` sets the
number; 1 writes them in this process). The bytes of each book do not depend on who writes it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from .atomic import write_bytes
from .tables import _arrow_table, xlsx_bytes

SUMMARY = "Tóm tắt (summary)"
PARALLEL_FROM = 48  # fewer books than this are written in this process: forking would not pay
BATCH = 24  # books per task, so that progress moves and the cores stay busy to the end

_JOB: dict = {}  # set before the workers fork; they inherit it (copy-on-write, no pickling)


def _by_code(frame: pd.DataFrame, label: Callable[[pd.DataFrame], pd.DataFrame]):
    """The frame (its headers and words through ``label``) as an Arrow table sorted by
    ``new_code``, and ``{code: (offset, length)}``."""
    codes = frame["new_code"].astype(str).to_numpy()
    order = np.argsort(codes, kind="stable")
    table = _arrow_table(label(frame)).take(order)
    found, starts, counts = np.unique(codes[order], return_index=True, return_counts=True)
    spans = {c: (int(s), int(n)) for c, s, n in zip(found, starts, counts, strict=True)}
    return table, spans


def _book(code: str, summary: pd.DataFrame | None) -> dict:
    book: dict = {} if summary is None else {SUMMARY: summary}
    for title, (table, spans, keep_empty) in _JOB["sheets"].items():
        span = spans.get(code)
        if span is not None:
            book[title] = table.slice(*span)
        elif keep_empty:
            book[title] = table.slice(0, 0)
    return book


def _write_batch(batch: list) -> int:
    for code, name, summary in batch:
        write_bytes(_JOB["folder"] / name, xlsx_bytes(_book(code, summary)))
    return len(batch)


def workers(books: int) -> int:
    """How many processes write ``books`` workbooks: ``TRANSITION_WORKERS`` if set, else one per
    core when there are at least :data:`PARALLEL_FROM` books."""
    if os.environ.get("TRANSITION_WORKERS"):
        return max(1, int(os.environ["TRANSITION_WORKERS"]))
    return (os.cpu_count() or 1) if books >= PARALLEL_FROM else 1


def write_unit_books(
    folder: Path,
    units: list[tuple[str, str, pd.DataFrame | None]],
    sheets: dict[str, tuple[pd.DataFrame, bool]],
    say: Callable[[str], None],
    label: Callable[[pd.DataFrame], pd.DataFrame] = lambda frame: frame,
) -> None:
    """Write one workbook per ``(code, file name, summary or None)`` of ``units`` into ``folder``.

    ``sheets`` maps a sheet title to ``(frame with a new_code column, keep_empty)``: each book gets
    the unit's rows of every frame, an empty sheet (header only) when ``keep_empty`` and the unit
    has none, no sheet otherwise. ``say`` is told the count of books written as they are.
    ``label`` turns a frame into what people read (headers and words in their language, see
    :func:`~transition.io.labels.for_people`).
    """
    _JOB.clear()
    _JOB["folder"] = Path(folder)
    _JOB["sheets"] = {t: (*_by_code(f, label), keep) for t, (f, keep) in sheets.items()}
    batches = [units[i : i + BATCH] for i in range(0, len(units), BATCH)]
    total, done = len(units), 0
    say(f"writing unit workbooks (0/{total:,})")
    n = workers(total)
    try:
        if n == 1 or len(batches) < 2:
            for batch in batches:
                done += _write_batch(batch)
                say(f"writing unit workbooks ({done:,}/{total:,})")
            return
        with multiprocessing.get_context("fork").Pool(n) as pool:
            for count in pool.imap_unordered(_write_batch, batches):
                done += count
                say(f"writing unit workbooks ({done:,}/{total:,})")
    finally:
        _JOB.clear()

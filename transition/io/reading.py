"""Reading a table (CSV, TSV or XLSX) as offices keep them, in small steps that other readers can extend.

The steps, in order (each a function of its own, so that one can be replaced or one added):

1. :func:`read_grid`: the file's cells as text, with which were numbers or dates in XLSX; encodings
   decoded to Unicode NFC (:mod:`.encodings`), the separator sniffed (``,``, ``;``, tab), the sheet
   chosen by its name (:func:`choose_sheet`).
2. :func:`locate_header` (in :mod:`.headers`): the header row, below title rows.
3. :func:`grid_to_table`: the rows below the header as a frame of text, blank rows dropped and counted,
   headers renamed to canonical names, the file line of every row kept.
4. :data:`ROW_STEPS`: functions ``Table -> Table`` applied in order (a totals row, say); each must
   count what it removes in ``Table.skipped`` so that rows in the file = rows read + skipped.

Nothing here parses values: numbers and dates are read by the register schemas (:mod:`.numbers`,
:mod:`.dates`), which know which column holds what.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from ..errors import InputFileError
from ..text import fold
from .encodings import decode_bytes, fix_legacy, sniff_separator
from .headers import alias_keys, header_key, locate_header, rename_map

XLSX = (".xlsx", ".xlsm")
# Sheets that hold no register rows: skipped when a workbook's sheet is chosen.
OTHER_SHEETS = ("huong dan", "instructions", "danh muc", "lists", "ghi chu", "notes", "readme")


@dataclass
class Grid:
    """The cells of one sheet or CSV file as text. ``numbers``/``dates``: (row, column) of cells that
    were numbers or dates in the file (XLSX); dates are ISO text, numbers plain digits with '.'."""

    rows: list[list[str]]
    path: str
    sheet: str | None = None
    encoding: str = ""
    separator: str = ""
    numbers: set[tuple[int, int]] = field(default_factory=set)
    dates: set[tuple[int, int]] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


@dataclass
class Table:
    """A table read: ``frame`` (text; canonical column names where a header matched), ``lines`` (the
    file's line or sheet row of each row of the frame), ``numbers``/``dates`` ({column: positions}
    of XLSX number and date cells), ``headers`` ({column: header as written}), ``rows_in_file``
    (non-blank rows below the header), ``skipped`` ({reason: rows}), ``shape`` (line, message) of
    rows that do not fit the header, and notes on what was converted or assumed."""

    frame: pd.DataFrame
    path: str
    lines: list[int]
    header_line: int
    rows_in_file: int
    sheet: str | None = None
    encoding: str = ""
    separator: str = ""
    numbers: dict[str, set[int]] = field(default_factory=dict)
    dates: dict[str, set[int]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    shape: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def drop(self, positions: Sequence[int], reason: str) -> Table:
        """A copy without the rows at ``positions``, counted under ``reason`` in ``skipped``."""
        gone = set(positions)
        keep = [i for i in range(len(self.frame)) if i not in gone]
        remap = {old: new for new, old in enumerate(keep)}

        def _move(d: dict[str, set[int]]) -> dict[str, set[int]]:
            return {c: {remap[i] for i in s if i in remap} for c, s in d.items()}

        skipped = dict(self.skipped)
        skipped[reason] = skipped.get(reason, 0) + len(gone)
        return replace(
            self,
            frame=self.frame.iloc[keep].reset_index(drop=True),
            lines=[self.lines[i] for i in keep],
            numbers=_move(self.numbers),
            dates=_move(self.dates),
            skipped=skipped,
        )


RowStep = Callable[[Table], Table]
ROW_STEPS: list[RowStep] = []  # other readers add steps (totals rows, merged cells) here


def _cell_text(v) -> tuple[str, str]:
    """An XLSX value -> (text, kind) with kind '' / 'number' / 'date'."""
    if v is None:
        return "", ""
    if isinstance(v, bool):
        return ("có" if v else "không"), ""
    if isinstance(v, dt.datetime):
        if v.time() == dt.time(0):
            return v.date().isoformat(), "date"
        return v.isoformat(sep=" "), "date"
    if isinstance(v, dt.date):
        return v.isoformat(), "date"
    if isinstance(v, int):
        return str(v), "number"
    if isinstance(v, float):
        return (str(int(v)) if v.is_integer() else repr(v)), "number"
    return str(v), ""


def choose_sheet(names: Sequence[str], wanted: Sequence[str], path: str | Path) -> str:
    """The sheet to read: the only one; else the one whose name is one of ``wanted`` (folded); else the
    only one that is not an instructions or lists sheet. Raises :class:`InputFileError` listing the
    sheets when that leaves none or several."""
    if len(names) == 1:
        return names[0]
    keys = {fold(w) for w in wanted}
    hits = [n for n in names if fold(n) in keys or any(k and k in fold(n) for k in keys)]
    exact = [n for n in names if fold(n) in keys]
    if len(exact) == 1:
        return exact[0]
    if len(hits) == 1:
        return hits[0]
    data = [n for n in names if not any(o in fold(n) for o in OTHER_SHEETS)]
    if not hits and len(data) == 1:
        return data[0]
    listed = ", ".join(repr(n) for n in names)
    raise InputFileError(
        path,
        f"has {len(names)} sheets ({listed}) and it is not clear which holds the register; "
        f"name the sheet of the register one of: {', '.join(repr(w) for w in wanted)}, "
        "or keep only that sheet",
    )


def read_grid(path: str | Path, sheet_names: Sequence[str] = ()) -> Grid:
    """Step 1: the cells of a CSV/TSV or of the chosen sheet of an XLSX, as text (see :class:`Grid`).

    Raises :class:`InputFileError` when the file is missing, cannot be read, is an ``.xls`` file, or
    has several sheets none of which is named as ``sheet_names`` says."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "file not found")
    suffix = path.suffix.lower()
    if suffix in XLSX:
        grid = _read_xlsx(path, sheet_names)
    elif suffix in (".xls", ".ods"):
        grid = _read_calamine(path, sheet_names)
    else:
        grid = _read_text(path)
    _fix_encoding(grid)
    return grid


def _fix_encoding(grid: Grid) -> None:
    """Cells written in a legacy font encoding, to Unicode. A cell is recognised by characters no
    Vietnamese text has; once a file shows one encoding, its other cells are read in it too (their
    marks may happen to be Vietnamese letters: VNI ``Nguyeãn`` is ``Nguyễn``)."""
    labels: dict[str, int] = {}
    found: dict[str, str | None] = {}  # registers repeat their texts: each is looked at once
    for row in grid.rows:
        for text in row:
            if text and not text.isascii():
                if text not in found:
                    found[text] = fix_legacy(text)[1]
                label = found[text]
                if label:
                    labels[label] = labels.get(label, 0) + 1
    if not labels:
        for r, row in enumerate(grid.rows):  # Unicode already: only composed to NFC
            grid.rows[r] = [t if t.isascii() else unicodedata.normalize("NFC", t) for t in row]
        return
    only = next(iter(labels)) if len(labels) == 1 else None
    converted = 0
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            if text and not text.isascii():
                fixed, label = fix_legacy(text, prefer=only)
                grid.rows[r][c] = fixed
                converted += label is not None
    if labels:
        names = " and ".join(sorted(labels))
        grid.notes.append(
            f"{converted} cell(s) written in the {names} font encoding converted to Unicode"
        )


def _read_text(path: Path) -> Grid:
    decoded = decode_bytes(path.read_bytes())
    sep = sniff_separator(decoded.text)
    try:
        rows = [
            [c.strip() for c in row] for row in csv.reader(io.StringIO(decoded.text), delimiter=sep)
        ]
    except csv.Error as exc:
        raise InputFileError(path, f"cannot be read as CSV ({exc})") from exc
    notes = list(decoded.notes)
    if sep != ",":
        notes.append(f"columns separated by {'tab' if sep == chr(9) else repr(sep)}")
    return Grid(rows, str(path), None, decoded.encoding, sep, notes=notes)


def _read_xlsx(path: Path, sheet_names: Sequence[str]) -> Grid:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a damaged or foreign file
        raise InputFileError(
            path, f"cannot be read as an XLSX workbook ({type(exc).__name__}: {exc})"
        ) from exc
    try:
        names = [ws.title for ws in wb.worksheets]
        sheet = choose_sheet(names, sheet_names, path)
        ws = wb[sheet]
        rows: list[list[str]] = []
        numbers: set[tuple[int, int]] = set()
        dates: set[tuple[int, int]] = set()
        for r, values in enumerate(ws.iter_rows(values_only=True)):
            row = []
            for c, v in enumerate(values):
                text, kind = _cell_text(v)
                row.append(text.strip())
                if kind == "number":
                    numbers.add((r, c))
                elif kind == "date":
                    dates.add((r, c))
            rows.append(row)
    finally:
        wb.close()
    notes = (
        [f"sheet '{sheet}' read (of {', '.join(repr(n) for n in names)})"] if len(names) > 1 else []
    )
    return Grid(rows, str(path), sheet, "XLSX", "", numbers, dates, notes)


def _read_calamine(path: Path, sheet_names: Sequence[str]) -> Grid:
    """An Excel 97-2003 ``.xls`` (or ``.ods``) workbook through python-calamine (the reader pandas
    uses for these formats), cells typed as in :func:`_read_xlsx`."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError as exc:
        raise InputFileError(
            path,
            "is an Excel 97-2003 workbook and python-calamine is not installed; install it "
            "(pip install python-calamine) or save the file as .xlsx (Excel Workbook)",
        ) from exc
    try:
        wb = CalamineWorkbook.from_path(str(path))
        names = list(wb.sheet_names)
        sheet = choose_sheet(names, sheet_names, path)
        values = wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except InputFileError:
        raise
    except Exception as exc:
        raise InputFileError(
            path,
            f"cannot be read as an .xls workbook ({type(exc).__name__}: {exc}); save it as .xlsx",
        ) from exc
    rows: list[list[str]] = []
    numbers: set[tuple[int, int]] = set()
    dates: set[tuple[int, int]] = set()
    for r, cells in enumerate(values):
        row = []
        for c, v in enumerate(cells):
            text, kind = _cell_text(None if v == "" else v)
            row.append(text.strip())
            if kind == "number":
                numbers.add((r, c))
            elif kind == "date":
                dates.add((r, c))
        rows.append(row)
    notes = [f"read as an Excel 97-2003 workbook (.xls), sheet '{sheet}'"]
    return Grid(rows, str(path), sheet, "XLS", "", numbers, dates, notes)


def grid_to_table(grid: Grid, header: int, columns: dict[str, str] | None = None) -> Table:
    """Step 3: rows below ``header`` as a frame of text (see :class:`Table`). Columns without a header
    and with no value are dropped; blank rows are dropped and counted in ``skipped['blank']``."""
    head = list(grid.rows[header]) if grid.rows else []
    width = len(head)
    while width and not head[width - 1].strip():
        width -= 1
    body = grid.rows[header + 1 :]
    width = max([width] + [_last(r) for r in body])
    head = (head + [""] * width)[:width]
    names = [h if h.strip() else f"column {k + 1}" for k, h in enumerate(head)]
    names = _unique(names)
    data, lines, shape = [], [], []
    blank = 0
    for k, row in enumerate(body):
        line = header + 2 + k
        if not any(str(c).strip() for c in row):
            blank += 1
            continue
        if _last(row) > len([h for h in head if h.strip()]) and _last(row) > _last(head):
            shape.append(
                (
                    line,
                    f"has {_last(row)} cells but the header has {_last(head)}: a value holds the "
                    f"separator '{grid.separator or ','}' (a number like 1,250,000 must be quoted, "
                    "or the file saved with ';')",
                )
            )
        data.append((list(row) + [""] * width)[:width])
        lines.append(line)
    frame = pd.DataFrame(data, columns=names, dtype=object) if data else pd.DataFrame(columns=names)
    rename = rename_map(names, columns or {})
    frame = frame.rename(columns=rename)
    positions = {h: k for k, h in enumerate(names)}
    row_pos = {line - header - 2: i for i, line in enumerate(lines)}

    def _by_column(cells: set[tuple[int, int]]) -> dict[str, set[int]]:
        out: dict[str, set[int]] = {}
        for r, c in cells:
            if r > header and (r - header - 1) in row_pos and c < width:
                col = rename.get(names[c], names[c])
                out.setdefault(col, set()).add(row_pos[r - header - 1])
        return out

    del positions
    return Table(
        frame=frame,
        path=grid.path,
        lines=lines,
        header_line=header + 1,
        rows_in_file=len(data),
        sheet=grid.sheet,
        encoding=grid.encoding,
        separator=grid.separator,
        numbers=_by_column(grid.numbers),
        dates=_by_column(grid.dates),
        headers={rename.get(n, n): n for n in names},
        skipped={"blank": blank} if blank else {},
        shape=shape,
        notes=list(grid.notes)
        + ([f"header found on line {header + 1}, below title rows"] if header else []),
    )


def _last(row: Sequence[str]) -> int:
    n = len(row)
    while n and not str(row[n - 1]).strip():
        n -= 1
    return n


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n} ({seen[n]})")
    return out


def read_raw(
    path: str | Path,
    columns: dict[str, str] | None = None,
    *,
    sheet_names: Sequence[str] = (),
    steps: Sequence[RowStep] | None = None,
) -> Table:
    """Read a table through every step (see the module's text). ``columns`` maps header spellings to
    canonical names (``{"số dư": "balance_vnd"}``); the header row is the one that matches the most.
    Raises :class:`InputFileError` naming the file (and the sheets, when the choice is unclear)."""
    grid = read_grid(path, sheet_names)
    keys = set(alias_keys(columns or {}))
    header = locate_header(grid.rows, keys) if keys else _first_nonblank(grid.rows)
    table = grid_to_table(grid, header, columns)
    for step in ROW_STEPS if steps is None else steps:
        table = step(table)
    return table


def _first_nonblank(rows: list[list[str]]) -> int:
    for i, row in enumerate(rows):
        if any(c.strip() for c in row):
            return i
    return 0


__all__ = [
    "ROW_STEPS",
    "Grid",
    "Table",
    "choose_sheet",
    "grid_to_table",
    "header_key",
    "locate_header",
    "read_grid",
    "read_raw",
]

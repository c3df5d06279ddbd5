"""Tables: CSV and XLSX read with every cell as text (codes keep their leading zeros) and written
atomically and reproducibly (UTF-8 with a byte-order mark for Excel; fixed XLSX dates)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from .atomic import write_bytes
from .csv_text import csv_bytes
from .zips import fixed_zip


def _arrow_table(frame: pd.DataFrame):
    """The frame as an Arrow table (no index); categoricals become their values' type."""
    import pyarrow as pa

    categorical = [c for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)]
    if categorical or any(not isinstance(c, str) for c in frame.columns):
        frame = frame.copy(deep=False)
        for col in categorical:  # the XLSX writer would leave a dictionary column's cells empty
            frame[col] = frame[col].astype(frame[col].cat.categories.dtype)
        frame.columns = [str(c) for c in frame.columns]
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return table.replace_schema_metadata(None)


def write_csv(target: str | Path, frame: pd.DataFrame) -> None:
    """UTF-8 CSV with a byte-order mark (so that Excel shows the diacritics right), in the format
    pandas wrote, made by Arrow (:mod:`.csv_text`); formula-like text is neutralised with a leading
    ``'`` (:func:`.csv_text.neutralise`)."""
    write_bytes(target, "\ufeff".encode() + csv_bytes(_arrow_table(frame)))


def _sheet_data(frame):
    """What the XLSX writer takes for one sheet: an Arrow table, or, for a frame whose columns mix
    types (text and numbers in one column, as in a summary sheet), a list of row dicts."""
    import pyarrow as pa

    if isinstance(frame, pa.Table):
        return frame
    try:
        return _arrow_table(frame)
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        frame = frame.astype(object).where(frame.notna(), None)
        return [{str(k): _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _plain(v):
    return v.item() if hasattr(v, "item") else v  # numpy scalar -> int, float, bool


def column_widths(data) -> list[float]:
    """Excel column widths of a sheet (see :func:`_sheet_data`): the longest text of the header and
    the first 200 cells, plus 2, kept within 8..60 (measured by Arrow, not cell by cell)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(data, list):
        names = list(data[0]) if data else []
        cells = [[len(str(row[k])) for row in data[:200]] for k in names]
        longest = [max(c, default=0) for c in cells]
    else:
        head = data.slice(0, 200)
        names = head.column_names
        longest = []
        for col in head.columns:
            text = col if pa.types.is_string(col.type) else pc.cast(col, pa.string())
            longest.append(pc.max(pc.utf8_length(text)).as_py() or 0)
    return [float(min(60, max(8, max(len(n), m) + 2))) for n, m in zip(names, longest, strict=True)]


def xlsx_bytes(sheets: dict) -> bytes:
    """An XLSX workbook with one sheet per frame (pandas or Arrow; titles cut to Excel's 31
    characters): header bold and frozen, columns sized, codes and every other text written as text
    (inline strings, so that formula-like text such as ``=1+1`` is never a formula), numbers as
    numbers, booleans as booleans, missing values as empty cells. Reproducible (:func:`fixed_zip`).

    Written by rustpy-xlsxwriter (rust_xlsxwriter underneath): on this project's unit workbooks it
    was 4.5x faster than XlsxWriter and 15x faster than openpyxl (issue 10).
    """
    import rustpy_xlsxwriter

    entries = [(title[:31], _sheet_data(frame)) for title, frame in sheets.items()]
    raw = io.BytesIO()
    rustpy_xlsxwriter.write_worksheets(
        entries,
        raw,
        freeze_panes={"general": {"row": 1, "col": 0}},
        bold_headers=True,
        column_widths={title: column_widths(data) for title, data in entries},
    )
    return fixed_zip(raw.getvalue())


def write_xlsx(target: str | Path, sheets: dict) -> None:
    """Write :func:`xlsx_bytes` of ``sheets`` to ``target`` atomically."""
    write_bytes(target, xlsx_bytes(sheets))


def read_table(
    path: str | Path, columns: dict[str, str] | None = None, *, sheet_names=()
) -> pd.DataFrame:
    """Read a CSV, TSV or XLSX with every cell as text (codes keep their leading zeros).

    ``columns`` maps other header spellings (Vietnamese, say) to the canonical names; headers are
    matched without case, spaces, diacritics or units in brackets, and found below title rows.
    Encodings (UTF-8, UTF-16, Windows-1258, TCVN3, VNI) end in Unicode NFC. The steps are those of
    :func:`transition.io.reading.read_raw`, which also says what it read (lines, sheet, notes).
    Raises :class:`InputFileError` naming the file.
    """
    from .reading import read_raw

    return read_raw(path, columns, sheet_names=sheet_names).frame.astype(str)


def read_export(path: str | Path, accept) -> pd.DataFrame | None:
    """A machine export (a portal's CSV: header on the first line, every line as wide, no legacy
    font encoding) parsed by Arrow's multi-threaded CSV reader, every cell as stripped text (NFC).

    ``accept(columns)`` says whether the header is the expected one. Returns ``None`` for any file
    that is not such an export (an XLSX, title rows above the header, ragged lines, repeated
    headers, cells in TCVN3 or VNI): read it with :func:`read_table` then, which handles all of
    those cell by cell. On a log of 1,000,000 dossiers this is several times faster than
    :func:`read_table` (issue 12's bench, ``monitor_1m``).
    """
    import csv

    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pacsv

    from .encodings import decode_bytes, fix_legacy, sniff_separator

    path = Path(path)
    if path.suffix.lower() not in (".csv", ".tsv", ".txt") or not path.is_file():
        return None
    text = decode_bytes(path.read_bytes()).text
    sep = sniff_separator(text[:65536])
    header = next(csv.reader([text[: text.find("\n")].rstrip("\r")], delimiter=sep), [])
    names = [h.strip() for h in header]
    if len(set(names)) != len(names) or not accept(names):
        return None
    try:
        table = pacsv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(delimiter=sep),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:  # ragged lines, a quote left open
        return None
    columns = {}
    for name in names:
        cells = pc.utf8_trim_whitespace(table[name])
        odd = pc.unique(pc.filter(cells, pc.invert(pc.string_is_ascii(cells)))).to_pylist()
        if any(fix_legacy(v)[1] for v in odd):
            return None
        columns[name] = cells
    text_dtype = pd.Series(["a"]).astype(str).dtype  # pandas 3: Arrow-backed str; pandas 2: object
    arrow_backed = isinstance(text_dtype, pd.StringDtype)
    mapper = (lambda t: text_dtype if t == pa.string() else None) if arrow_backed else None
    return pa.table(columns).to_pandas(types_mapper=mapper)

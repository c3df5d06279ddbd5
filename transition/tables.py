"""Reading and writing tables (CSV, XLSX) and layers, atomically and byte-for-byte reproducibly.

Every writer goes to a temporary file beside the target and renames it into place, so a failed run
leaves the old file or none, never half a file. XLSX files get fixed document dates and zip times so
that the same data always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .errors import InputFileError

FIXED_TIME = dt.datetime(2025, 7, 1, 0, 0, 0)  # the day the two-tier model began; no wall clock
os.environ.setdefault("OGR_CURRENT_DATE", "2025-07-01T00:00:00Z")  # GeoPackage timestamps


@contextmanager
def atomic_path(target: str | Path, suffix: str | None = None):
    """Yield a temporary path beside ``target``; on success rename it to ``target``, else delete it."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=suffix or target.suffix
    )
    os.close(fd)
    os.unlink(tmp)  # some writers (GDAL) refuse to open an existing empty file
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_bytes(target: str | Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: str | Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def write_csv(target: str | Path, frame: pd.DataFrame) -> None:
    """UTF-8 CSV with a byte-order mark, so that Excel shows the diacritics right."""
    write_bytes(target, frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig"))


def write_xlsx(target: str | Path, sheets: dict[str, pd.DataFrame]) -> None:
    """An XLSX workbook with one sheet per frame; codes stay text, header bold, columns sized."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for title, frame in sheets.items():
        ws = wb.create_sheet(title[:31])
        ws.append([str(c) for c in frame.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in frame.itertuples(index=False):
            ws.append([_cell(v) for v in row])
        for k, col in enumerate(frame.columns, start=1):
            width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200)])
            ws.column_dimensions[ws.cell(1, k).column_letter].width = min(60, max(8, width + 2))
        ws.freeze_panes = "A2"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "transition"
    raw = io.BytesIO()
    wb.save(raw)
    write_bytes(target, _fixed_zip(raw.getvalue()))


def _cell(v):
    if v is None:
        return None
    if isinstance(v, float) and pd.isna(v):
        return None
    if hasattr(v, "item"):  # numpy scalar
        return v.item()
    return v


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry times (openpyxl stamps the wall clock)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" when it saves
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*",
                    rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                    data,
                )
            dst.writestr(fixed, data)
    return out.getvalue()


def write_gpkg(target: str | Path, layers: dict) -> None:
    """A GeoPackage with the given layers (GeoDataFrames), written whole and renamed into place."""
    with atomic_path(target) as tmp:
        for name, frame in layers.items():
            frame.to_file(tmp, layer=name, driver="GPKG", engine="pyogrio")


# Layers of the workspace GeoPackage in the order they are written: the plan and its check first.
LAYER_ORDER = (
    "old_units",
    "new_units",
    "crosswalk",
    "check_results",
    "staff_assignments",
    "assets_assignments",
    "dossiers_assignments",
    "records_assignments",
    "review",
    "surplus",
    "quota",
    "ledger_by_holder",
)


def _write_layer(path, name, frame) -> None:
    import pyogrio

    if hasattr(frame, "geometry") and "geometry" in frame.columns:
        frame.to_file(path, layer=name, driver="GPKG", engine="pyogrio")
    else:
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG")


def update_gpkg(target: str | Path, layers: dict) -> None:
    """Replace ``layers`` in a GeoPackage, keeping its other layers; the file is written whole, in a
    fixed layer order, so that the same content always gives the same bytes.

    New layers make one trip through a GeoPackage first, so that every layer of the result has been
    read back exactly as the kept ones were (a column's type can change on its first trip).
    """
    import pyogrio

    target = Path(target)
    frames = {}
    if target.exists():
        for name, _ in pyogrio.list_layers(target):
            if name not in layers:
                frames[name] = pyogrio.read_dataframe(target, layer=name)
    with tempfile.TemporaryDirectory(
        dir=target.parent if target.parent.exists() else None
    ) as stage_dir:
        stage = Path(stage_dir) / "stage.gpkg"
        for name, frame in layers.items():
            _write_layer(stage, name, frame)
            frames[name] = pyogrio.read_dataframe(stage, layer=name)
    order = [n for n in LAYER_ORDER if n in frames] + sorted(
        n for n in frames if n not in LAYER_ORDER
    )
    with atomic_path(target) as tmp:
        for name in order:
            _write_layer(tmp, name, frames[name])


def read_table(path: str | Path, columns: dict[str, str] | None = None) -> pd.DataFrame:
    """Read a CSV or XLSX with every cell as text (codes keep their leading zeros).

    ``columns`` maps other header spellings (Vietnamese, say) to the canonical names; headers are
    matched without case, spaces or diacritics. Raises :class:`InputFileError` naming the file.
    """
    from .text import fold

    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "file not found")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, dtype=str, keep_default_na=False)
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except Exception as exc:
        raise InputFileError(path, f"cannot be read as CSV or XLSX ({exc})") from exc
    if columns:
        wanted = {fold(k).replace(" ", "_"): v for k, v in columns.items()}
        frame = frame.rename(columns=lambda c: wanted.get(fold(c).replace(" ", "_"), c))
    return frame

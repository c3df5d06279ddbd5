"""Files of the handover: ``documents/`` of a workspace, and the handover register
``documents/handover_register.xlsx`` (one row per minute; a department may fill in the signing
columns by hand, in Excel)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd

from ..errors import InputFileError
from .atomic import write_bytes

REGISTER = "documents/handover_register.xlsx"
REGISTER_COLUMNS = [
    "number",
    "kind",
    "old_codes",
    "new_codes",
    "path",
    "content_hash",
    "signed_date",
    "signed_by",
    "note",
]


def content_hash(data: bytes) -> str:
    """SHA-256 of a document's bytes (the documents are reproducible, so equal content, equal hash)."""
    return hashlib.sha256(data).hexdigest()


def register_path(workspace: str | Path) -> Path:
    return Path(workspace) / REGISTER


def _text(v) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, dt.datetime | dt.date):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def read_register(workspace: str | Path) -> pd.DataFrame:
    """The register as text columns :data:`REGISTER_COLUMNS` (empty frame when absent). Raises
    :class:`InputFileError` naming the file when it cannot be read or lacks a column."""
    path = register_path(workspace)
    if not path.exists():
        return pd.DataFrame(columns=REGISTER_COLUMNS)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or non-XLSX file
        raise InputFileError(
            path, f"cannot be read as XLSX ({exc}); restore it or delete it"
        ) from None
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    wb.close()
    if not rows:
        return pd.DataFrame(columns=REGISTER_COLUMNS)
    header = [_text(h) for h in rows[0]]
    missing = [c for c in REGISTER_COLUMNS if c not in header]
    if missing:
        raise InputFileError(
            path, f"has no column {', '.join(missing)}; keep the header row as written"
        )
    pos = [header.index(c) for c in REGISTER_COLUMNS]
    data = [[_text(r[i]) if i < len(r) else "" for i in pos] for r in rows[1:] if any(r)]
    return pd.DataFrame(data, columns=REGISTER_COLUMNS)


def write_register(workspace: str | Path, frame: pd.DataFrame) -> Path:
    """Write the register (every cell text, header frozen), reproducibly."""
    from ..render.xlsx import annex_workbook

    data = annex_workbook(
        [
            {
                "sheet": "handover_register",
                "columns": REGISTER_COLUMNS,
                "rows": frame[REGISTER_COLUMNS].astype(str).to_numpy().tolist(),
            }
        ]
    )
    path = register_path(workspace)
    write_bytes(path, data)
    return path


def write_document(workspace: str | Path, relative: str, data: bytes) -> None:
    """Write one file under ``documents/`` atomically."""
    write_bytes(Path(workspace) / "documents" / relative, data)


def read_document(workspace: str | Path, relative: str) -> bytes | None:
    path = Path(workspace) / relative
    return path.read_bytes() if path.exists() else None


def clear_folders(workspace: str | Path, folders: list[str]) -> None:
    """Remove the generated files of ``documents/<folder>/`` (a unit no longer in the plan must not
    leave its minute behind); the register and anything else a department put there stay."""
    for folder in folders:
        base = Path(workspace) / "documents" / folder
        if base.is_dir():
            for f in base.iterdir():
                if f.suffix in (".docx", ".xlsx", ".pdf") and f.is_file():
                    f.unlink()

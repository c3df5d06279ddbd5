"""Every file the toolkit reads or writes: tables (CSV, XLSX), GeoPackages, the workspace layout,
reproducible archives, atomic writes. The stages never touch files; ``actions`` call this room."""

from .atomic import FIXED_TIME, atomic_path, write_bytes, write_text
from .gpkg import update_gpkg, write_gpkg
from .tables import read_table, write_csv, write_xlsx

__all__ = [
    "FIXED_TIME",
    "atomic_path",
    "read_table",
    "update_gpkg",
    "write_bytes",
    "write_csv",
    "write_gpkg",
    "write_text",
    "write_xlsx",
]

"""Files of the offline dashboard: the results it reads, the JavaScript libraries it carries, the folder
it writes.

The libraries (Leaflet, MiniSearch, topojson-client) come from the npm registry, pinned by the
repository's ``package.json`` / ``package-lock.json`` and installed by ``npm ci`` (``make install``).
``python -m transition.io.dashboard`` (run by ``make install``) copies the files the page needs, with
their licences, from ``node_modules/`` into ``templates/dashboard/vendor/`` (git-ignored), which the
wheel ships like every folder of ``templates/``. At run time each file is taken from there, or from
``node_modules/`` of a checkout where only ``npm ci`` ran.

The page's data are JavaScript files (``window.NAME = {...};``): browsers refuse ``fetch`` from
``file://``, while ``<script src>`` loads them from a double-clicked ``index.html``.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import TransitionError
from ..resources import PACKAGE_DIR, template_path
from .atomic import write_bytes, write_text
from .tables import read_table

# (npm package, file inside it, name in the dashboard's vendor/ folder)
VENDOR_FILES = (
    ("leaflet", "dist/leaflet.js", "leaflet.js"),
    ("leaflet", "dist/leaflet.css", "leaflet.css"),
    ("leaflet", "LICENSE", "LICENSE-leaflet.txt"),
    ("minisearch", "dist/umd/index.js", "minisearch.js"),
    ("minisearch", "LICENSE.txt", "LICENSE-minisearch.txt"),
    ("topojson-client", "dist/topojson-client.min.js", "topojson-client.js"),
    ("topojson-client", "LICENSE", "LICENSE-topojson-client.txt"),
)
PAGE_FILES = ("index.html", "app.js", "style.css")


class MissingVendorFiles(TransitionError):
    """The dashboard's JavaScript libraries are not installed (npm ci has not run)."""


def _node_modules() -> list[Path]:
    return [PACKAGE_DIR.parent / "node_modules", Path.cwd() / "node_modules"]


def vendor_sources() -> dict[str, Path]:
    """``vendor name -> file`` for every library file the page needs. Raises
    :class:`MissingVendorFiles` naming the files and the fix when one is not found."""
    packaged = template_path("dashboard/vendor")
    found, missing = {}, []
    for package, inner, name in VENDOR_FILES:
        candidates = [packaged / name] + [root / package / inner for root in _node_modules()]
        path = next((p for p in candidates if p.is_file()), None)
        if path is None:
            missing.append(f"{package}/{inner}")
        else:
            found[name] = path
    if missing:
        raise MissingVendorFiles(
            f"the dashboard's JavaScript libraries are not installed ({', '.join(missing)}); run "
            "'make install' in the repository (npm ci, then python -m transition.io.dashboard), or "
            "install a wheel built after it"
        )
    return found


def copy_vendor(node_modules: Path, dest: Path) -> list[Path]:
    """Copy the page's library files and licences from ``node_modules`` into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for package, inner, name in VENDOR_FILES:
        src = node_modules / package / inner
        if not src.is_file():
            raise MissingVendorFiles(f"{src} is missing; run 'npm ci' in the repository first")
        shutil.copyfile(src, dest / name)
        written.append(dest / name)
    return written


# ---- reading results ----------------------------------------------------------------------------
def read_optional_table(path: Path, sheet: str | None = None) -> pd.DataFrame | None:
    """A result table as text cells, or ``None`` when the file (or sheet) is not there."""
    if not path.exists():
        return None
    if sheet is None:
        return read_table(path)
    try:
        return pd.read_excel(
            path, sheet_name=sheet, dtype=str, keep_default_na=False, engine="openpyxl"
        )
    except ValueError:  # no such sheet
        return None


def read_optional_json(path: Path) -> Any:
    """A JSON result, or ``None`` when the file is not there."""
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def read_latest_result(folder: Path, stem: str) -> Any:
    """The JSON result ``<stem>_<period>.json`` of ``folder`` with the latest period (``2025``,
    ``2025-Q3``, ``2025-09`` sort as written), or ``None`` when there is none."""
    found = sorted(folder.glob(f"{stem}_*.json")) if folder.is_dir() else []
    return read_optional_json(found[-1]) if found else None


def read_handover_register(root: Path) -> pd.DataFrame | None:
    """The handover register of a workspace, or ``None`` when there is none yet.

    Uses the tracker's reader (``transition.documents.tracker``) when the toolkit has it, else the
    file's columns as they are."""
    path = root / "documents" / "handover_register.xlsx"
    if not path.exists():
        return None
    try:
        from ..documents.tracker import (
            read_handover_register as tracker_reader,
        )
    except ImportError:
        return read_table(path)
    return tracker_reader(root)


def existing_files(root: Path, folder: str = "documents") -> set[str]:
    """Paths (relative to ``root``, with ``/``) of the files under ``root/folder``."""
    base = root / folder
    if not base.is_dir():
        return set()
    return {p.relative_to(root).as_posix() for p in base.rglob("*") if p.is_file()}


# ---- writing the folder -------------------------------------------------------------------------
def data_script(name: str, value: Any) -> str:
    """``window.NAME = JSON.parse('<json>');`` with sorted keys and no spaces (same data -> same
    bytes). A JSON string parses several times faster than the same object as a JavaScript literal
    (V8 reads JSON with a simpler grammar), which matters for a 10 MB national dashboard."""
    body = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    quoted = body.replace("\\", "\\\\").replace("'", "\\'")
    return f"window.{name} = JSON.parse('{quoted}');\n"


def write_dashboard(out: Path, scripts: dict[str, Any], workspace: Path | None) -> dict[str, int]:
    """Write the dashboard folder: the page (``index.html``, ``app.js``, ``style.css`` from
    ``templates/dashboard/``, a workspace's own copy winning), ``data/NAME.js`` for each of
    ``scripts`` (file stem -> (global name, value)), and ``vendor/`` with the libraries and their
    licences. Returns ``{relative path: bytes}`` of what was written."""
    sizes: dict[str, int] = {}
    for name in PAGE_FILES:
        data = template_path(f"dashboard/{name}", workspace).read_bytes()
        write_bytes(out / name, data)
        sizes[name] = len(data)
    for stem, (global_name, value) in scripts.items():
        text = data_script(global_name, value)
        write_text(out / "data" / f"{stem}.js", text)
        sizes[f"data/{stem}.js"] = len(text.encode("utf-8"))
    for name, src in vendor_sources().items():
        data = src.read_bytes()
        write_bytes(out / "vendor" / name, data)
        sizes[f"vendor/{name}"] = len(data)
    return dict(sorted(sizes.items()))


def main(argv: list[str]) -> int:
    """``python -m transition.io.dashboard [NODE_MODULES [DEST]]``: copy the libraries into the
    package's ``templates/dashboard/vendor/`` (run by ``make install`` after ``npm ci``)."""
    node_modules = Path(argv[0]) if argv else PACKAGE_DIR.parent / "node_modules"
    dest = Path(argv[1]) if len(argv) > 1 else template_path("dashboard/vendor")
    for path in copy_vendor(node_modules, dest):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Shared fixtures. Data from ../shared/data is read in place, never copied; tests that need it skip
with a reason when the folder is absent."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
QN_POLYGONS = SHARED / "quang-ninh" / "new_units_2025.geojson"
QN_ATTRIBUTES = SHARED / "quang-ninh" / "new_units_2025_attributes.csv"
QN_OLD_TO_NEW = SHARED / "quang-ninh" / "old_to_new_2025.csv"
NATIONAL = SHARED / "national" / "communes_2025.gpkg"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/data is not beside the checkout)")
    return path


def built_once(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder that ``build(folder)`` makes once for the whole run, however many xdist workers
    ask for it (a file lock in their common temporary folder). Tests must only read it; a test that
    writes copies it first."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the workers' common folder
    root = base / name
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / ".built").exists():
            build(root)
            (root / ".built").touch()
    return root


@pytest.fixture(scope="session")
def qn_polygons() -> Path:
    return need(QN_POLYGONS)


@pytest.fixture(scope="session")
def qn_attributes() -> Path:
    return need(QN_ATTRIBUTES)


@pytest.fixture(scope="session")
def national_layer() -> Path:
    return need(NATIONAL)


@pytest.fixture(scope="session")
def qn_workspace(tmp_path_factory):
    """Quảng Ninh imported once for the session: with the real polygons and official figures when
    ../shared/data is there, else with approximate geometry (the CLI tests hold either way)."""
    from transition import actions

    out = tmp_path_factory.mktemp("qn") / "ws"
    polygons = str(QN_POLYGONS) if QN_POLYGONS.exists() else None
    attributes = str(QN_ATTRIBUTES) if QN_ATTRIBUTES.exists() else None
    actions.import_vn2025(out, ["Quảng Ninh"], new_units=polygons, attributes=attributes)
    return out


from dashboard_fixture import dash_ws  # noqa: E402, F401  the dashboard tests' workspace

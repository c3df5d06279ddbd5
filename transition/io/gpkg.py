"""GeoPackages: the plan's geometry and the workspace's results layers (opened in QGIS)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .atomic import atomic_path


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

"""GeoPackages: the plan's geometry and the workspace's results layers (opened in QGIS).

Every layer goes through pyogrio's Arrow path (``use_arrow=True``, ``read_arrow``/``write_arrow``):
geometries travel as WKB buffers and columns as Arrow arrays, never as Python objects row by row.
"""

from __future__ import annotations

from pathlib import Path

from .atomic import atomic_path


def _write_frame(path: Path, name: str, frame) -> None:
    """One (Geo)DataFrame as a layer: a GeoDataFrame with its geometry, else an attribute table."""
    import pyogrio

    pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", use_arrow=True)


def _settle(path: Path) -> None:
    """Set the SQLite file change counter to 1 (header bytes 24 and 92, which must agree): it
    counts the write transactions, which differ between writing a layer afresh and copying it,
    though the content is the same. Nothing else reads it once the file is closed."""
    with open(path, "r+b") as f:
        f.seek(24)
        f.write((1).to_bytes(4, "big"))
        f.seek(92)
        f.write((1).to_bytes(4, "big"))


def write_gpkg(target: str | Path, layers: dict) -> None:
    """A GeoPackage with the given layers (GeoDataFrames), written whole and renamed into place."""
    with atomic_path(target) as tmp:
        for name, frame in layers.items():
            _write_frame(tmp, name, frame)
        _settle(tmp)


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


def _copy_layer(source: Path, target: Path, name: str) -> None:
    """Copy one layer as Arrow (WKB geometry untouched), keeping its geometry type and CRS."""
    import pyogrio

    meta, table = pyogrio.read_arrow(source, layer=name)
    geometry = meta["geometry_name"] or None
    pyogrio.write_arrow(
        table,
        target,
        layer=name,
        driver="GPKG",
        geometry_name=geometry,
        geometry_type=meta["geometry_type"] if geometry else None,
        crs=meta["crs"] if geometry else None,
    )


def update_gpkg(target: str | Path, layers: dict) -> None:
    """Replace ``layers`` (name -> GeoDataFrame or DataFrame) in a GeoPackage, keeping its other
    layers; the file is rebuilt in a fixed layer order and renamed into place, so that the same
    content always gives the same bytes and a failed run leaves the old file.

    Only the given layers are encoded; the kept ones are copied as Arrow tables with their WKB
    geometry as stored (no geometry objects are made). A kept layer read back and written again
    gives the same layer, so running a command twice gives the same file.
    """
    import pyogrio

    target = Path(target)
    kept = []
    if target.exists():
        kept = [name for name, _ in pyogrio.list_layers(target) if name not in layers]
    names = set(kept) | set(layers)
    order = [n for n in LAYER_ORDER if n in names] + sorted(
        n for n in names if n not in LAYER_ORDER
    )
    with atomic_path(target) as tmp:
        for name in order:
            if name in layers:
                _write_frame(tmp, name, layers[name])
            else:
                _copy_layer(target, tmp, name)
        _settle(tmp)

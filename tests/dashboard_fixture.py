"""The Quảng Ninh workspace with its dashboard, shared by the dashboard tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from transition import actions


@pytest.fixture(scope="session")
def dash_ws(tmp_path_factory) -> Path:
    """Quảng Ninh with generated registers (seed 7), check and assignment, and its dashboard
    written; built once for the whole run (all workers). Read it; copy it to change it."""
    from conftest import QN_ATTRIBUTES, QN_POLYGONS, built_once

    def build(out: Path) -> None:
        polygons = str(QN_POLYGONS) if QN_POLYGONS.exists() else None
        attributes = str(QN_ATTRIBUTES) if QN_ATTRIBUTES.exists() else None
        actions.import_vn2025(out, ["Quảng Ninh"], new_units=polygons, attributes=attributes)
        actions.generate_workspace_registers(out, seed=7)
        actions.check_workspace(out)
        actions.assign_workspace(out, unit_files=False)
        actions.build_workspace_dashboard(out)

    return built_once(tmp_path_factory, "dash", build)

"""The Quảng Ninh workspace with its dashboard, shared by the dashboard tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from transition import actions


@pytest.fixture(scope="session")
def dash_ws(tmp_path_factory, qn_workspace) -> Path:
    """Quảng Ninh with generated registers, check and assignment, and its dashboard written."""
    out = tmp_path_factory.mktemp("dash") / "ws"
    shutil.copytree(qn_workspace, out)
    actions.generate_workspace_registers(out, seed=7)
    actions.check_workspace(out)
    actions.assign_workspace(out, unit_files=False)
    actions.build_workspace_dashboard(out)
    return out

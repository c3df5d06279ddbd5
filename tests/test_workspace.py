"""Same inputs, same bytes; writes are atomic."""

import hashlib

from transition import actions


def digest(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_import_and_check_are_byte_identical(tmp_path, qn_polygons):
    for name in ("a", "b"):
        actions.import_vn2025(tmp_path / name, ["Quảng Ninh"], new_units=str(qn_polygons))
        actions.check_workspace(tmp_path / name)
    a, b = digest(tmp_path / "a"), digest(tmp_path / "b")
    assert a.keys() == b.keys()
    different = [k for k in a if a[k] != b[k] and k != "workspace.json"]
    assert different == []
    assert "results/transition.gpkg" in a and "plan/crosswalk.xlsx" in a
    assert not [k for k in a if "/." in k or k.startswith(".")]  # no temporary files left


def test_no_polygons_import_works_and_is_labelled(tmp_path):
    geometry = actions.import_vn2025(tmp_path / "ws", ["22"]).geometry
    assert geometry.new_is_approximate
    report = actions.check_workspace(tmp_path / "ws").report
    assert report.summary["geometry"]["new_geometry"] == "approximate"
    assert "gần đúng" in (tmp_path / "ws" / "results" / "report.md").read_text(encoding="utf-8")


def test_assign_and_check_keep_each_others_layers_and_bytes(tmp_path):
    """check after assign, or assign after check: the same GeoPackage, byte for byte."""
    import shutil

    import pyogrio
    from test_reassign import divided_plan
    from tiny import tiny_geometry

    from transition.io.workspace import Workspace

    plan = divided_plan()
    ws = Workspace.at(tmp_path / "a")
    ws.save_plan(plan, tiny_geometry(plan), {})
    actions.generate_workspace_registers(ws.root, seed=3)
    shutil.copytree(ws.root, tmp_path / "b")
    actions.check_workspace(tmp_path / "a")
    actions.assign_workspace(tmp_path / "a")
    actions.assign_workspace(tmp_path / "b")
    actions.check_workspace(tmp_path / "b")
    a, b = digest(tmp_path / "a"), digest(tmp_path / "b")
    assert [k for k in a if a[k] != b.get(k)] == []
    layers = [
        name for name, _ in pyogrio.list_layers(tmp_path / "a" / "results" / "transition.gpkg")
    ]
    assert layers[:4] == ["old_units", "new_units", "crosswalk", "check_results"]
    assert "staff_assignments" in layers and "ledger_by_holder" in layers

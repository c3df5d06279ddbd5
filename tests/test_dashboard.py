"""The dashboard's content: shapes, lineage, ledger figures, readiness and handover blocks, no personal
data, same inputs -> same bytes. The page itself is driven in Chromium by test_dashboard_browser.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely import box

from transition import actions
from transition.dashboard import attention, geometry, status
from transition.io.dashboard import data_script


def page_data(ws: Path, stem: str):
    text = (ws / "dashboard" / "data" / f"{stem}.js").read_text(encoding="utf-8")
    literal = text[text.index("JSON.parse('") + 12 : text.rindex("');")]
    return json.loads(re.sub(r"\\(.)", r"\1", literal))  # undo the JS string escapes


def test_divided_parts_are_old_cut_by_new():
    """::

    +---------+---------+      old O = the whole 2 x 1 box, divided between N1 and N2
    |   N1    |   N2    |
    +---------+---------+
    """
    old = gpd.GeoDataFrame({"code": ["O"]}, geometry=[box(0, 0, 2, 1)], crs=4326)
    new = gpd.GeoDataFrame({"code": ["N1", "N2"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)])
    parts = geometry.divided_parts(old, new, [("O", "N1"), ("O", "N2"), ("O", "N9")])
    assert list(parts["new"]) == ["N1", "N2"]
    assert [round(g.area, 9) for g in parts.geometry] == [1.0, 1.0]


def test_simplification_keeps_shared_borders_shared():
    """Two units whose common border zig-zags: after simplification they still tile the same
    extent, without a gap or an overlap."""
    from shapely import Polygon

    zig = [(1 + (0.00001 if i % 2 else 0), i / 100) for i in range(101)]
    left = Polygon([(0, 0), *zig, (0, 1)])
    right = Polygon([(2, 0), (2, 1), *reversed(zig)])
    frame = gpd.GeoDataFrame({"code": ["L", "R"]}, geometry=[left, right], crs=4326)
    simple = geometry.simplify_coverage(frame, tolerance_m=50)
    a, b = simple.geometry
    assert a.intersection(b).area == pytest.approx(0, abs=1e-12)
    assert a.union(b).area == pytest.approx(2.0, rel=1e-9)
    assert len(a.exterior.coords) < len(left.exterior.coords)
    topo = geometry.topology({"new": simple, "empty": simple.iloc[0:0]}, 100000)
    assert len(topo["objects"]["new"]["geometries"]) == 2
    assert topo["objects"]["empty"]["geometries"] == []
    assert "transform" in topo  # quantised


def test_status_words_are_never_optimistic():
    assert status.status_class("Xanh") == "green"
    assert status.status_class("chưa báo cáo") == "not_reported"
    assert status.status_class("đỏ") == "red"
    assert status.status_class("something new") == "not_reported"
    assert status.readiness(None) is None


def test_readiness_and_handover_blocks():
    ready = status.readiness(
        {
            "date": "2025-06-20",
            "go": False,
            "reasons": ["2 units red"],
            "units": [
                {
                    "code": "A",
                    "name": "Xã A",
                    "status": "red",
                    "score": 0.4,
                    "blockers": [{"item": "Mạng", "owner": "VNPT"}],
                    "overdue": [],
                },
                {
                    "code": "B",
                    "name": "Xã B",
                    "status": "green",
                    "score": 1,
                    "blockers": [],
                    "overdue": [],
                },
            ],
            "rollup": {"by_status": {"red": 1, "green": 1}, "completeness": 0.5},
        }
    )
    assert ready is not None
    assert ready["units"]["A"]["blockers"] == ["Mạng · VNPT"]
    register = pd.DataFrame(
        [
            {
                "number": "01/BB",
                "kind": "commune",
                "old_codes": "1;2",
                "new_codes": "A",
                "path": "documents/bb01.docx",
                "content_hash": "x",
                "signed_date": "2025-06-25",
                "signed_by": "Nguyễn Văn A",
                "note": "",
            },
            {
                "number": "02/BB",
                "kind": "commune",
                "old_codes": "3",
                "new_codes": "A;C",
                "path": "documents/bb02.docx",
                "content_hash": "y",
                "signed_date": "",
                "signed_by": "",
                "note": "",
            },
        ]
    )
    hand = status.handover(
        register, "/ws", "/ws/dashboard", {"documents/bb01.docx", "documents/bb01.pdf"}
    )
    assert hand is not None
    assert hand["total"] == 2 and hand["signed"] == 1
    first = hand["units"]["A"][0]
    assert first["docx"] == "../documents/bb01.docx" and first["pdf"] == "../documents/bb01.pdf"
    assert "Nguyễn Văn A" not in json.dumps(hand, ensure_ascii=False)  # who signed is not shown
    assert hand["units"]["C"][0]["signed"] is False
    as_dates = register.assign(
        signed_date=pd.to_datetime(register["signed_date"])
    )  # NaT when empty
    again = status.handover(as_dates, "/ws", "/ws/dashboard", set())
    assert again is not None and again["signed"] == 1
    assert again["units"]["A"][0]["signed_date"] == "2025-06-25"
    new = {c: {"name": c, "criteria": None} for c in "ABC"}
    flagged = {a["code"]: a["reasons"] for a in attention(new, ready, hand)}
    assert flagged == {"A": ["readiness_red", "unsigned"], "C": ["not_reported", "unsigned"]}


def test_dashboard_of_quang_ninh(dash_ws):
    data = page_data(dash_ws, "units")
    assert data["meta"]["new_units"] == 54 and len(data["new"]) == 54
    assert data["meta"]["old_units"] == 171 and len(data["old"]) == 171
    assert data["readiness"] is None and data["handover"] is None  # not run: the page says so
    assert len(data["districts"]) == 13  # the old districts, abolished
    assert sum(d["communes"] for d in data["districts"].values()) == 171
    divided = [c for c, u in data["old"].items() if u.get("divided")]
    assert len(divided) == 12
    for code in divided:
        shares = [e.get("area_share", 0) for e in data["old"][code]["to"]]
        assert len(shares) >= 2 and sum(shares) == pytest.approx(1, abs=0.01)
    shapes = page_data(dash_ws, "shapes")
    assert len(shapes["objects"]["new"]["geometries"]) == 54
    old_shapes = page_data(dash_ws, "shapes_old")
    assert len(old_shapes["objects"]["old"]["geometries"]) == 171
    assert len(old_shapes["objects"]["parts"]["geometries"]) >= 24  # each divided commune's parts


def test_unit_figures_are_the_ledger(dash_ws):
    data = page_data(dash_ws, "units")
    book = pd.read_csv(dash_ws / "results/assign/ledger_by_holder.csv", dtype={"holder": str})
    after = book[book["side"] == "after"]
    for r in after.itertuples(index=False):
        if r.holder not in data["new"]:  # "review", or the province (dossiers that went up)
            continue
        got = data["new"][r.holder]["received"][r._0]  # the column "class"
        assert got["count"] == r.count
        if pd.notna(r.value):
            assert got["value_vnd"] == pytest.approx(r.value)
    total = sum(u["received"]["staff"]["count"] for u in data["new"].values())
    assert (
        total
        == json.loads((dash_ws / "results/assign/ledger.json").read_text())["classes"]["staff"][
            "assigned"
        ]
    )


def test_no_personal_data(dash_ws):
    staff = pd.read_csv(dash_ws / "inputs/staff.csv", dtype=str)
    text = "".join(
        p.read_text(encoding="utf-8") for p in (dash_ws / "dashboard" / "data").glob("*.js")
    )
    for name in staff["full_name"].head(200):
        assert name not in text
    for col in ("national_id", "birth_date"):
        assert col not in text


def test_same_inputs_same_bytes(dash_ws, tmp_path):
    actions.build_workspace_dashboard(dash_ws, tmp_path / "again")
    for stem in ("units", "search", "shapes"):
        a = (dash_ws / "dashboard" / "data" / f"{stem}.js").read_bytes()
        b = (tmp_path / "again" / "data" / f"{stem}.js").read_bytes()
        assert a == b, stem


def test_data_script_is_javascript():
    assert data_script("X", {"b": 1, "a": "Hà"}) == 'window.X = JSON.parse(\'{"a":"Hà","b":1}\');\n'
    tricky = {"q": "it's", "s": "a\\b"}
    script = data_script("X", tricky)
    literal = script[script.index("('") + 2 : script.rindex("')")]
    assert json.loads(re.sub(r"\\(.)", r"\1", literal)) == tricky


def test_missing_libraries_say_how_to_install_them(monkeypatch, tmp_path):
    from transition.io import dashboard as files

    monkeypatch.setattr(files, "template_path", lambda _name: tmp_path / "none")
    monkeypatch.setattr(files, "_node_modules", lambda: [tmp_path / "node_modules"])
    with pytest.raises(files.MissingVendorFiles, match=r"leaflet/dist/leaflet\.js.*make install"):
        files.vendor_sources()


def test_cli_error_on_a_folder_that_is_not_a_workspace(tmp_path):
    from test_cli import cli

    result = cli("dashboard", str(tmp_path))
    assert result.returncode == 2
    assert "is not a workspace" in result.stderr and "Traceback" not in result.stderr

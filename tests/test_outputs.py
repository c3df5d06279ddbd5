"""The writers of io/: CSV in pandas' format and safe to open, XLSX values as given and formula-like
text as text, reproducible zips, GeoPackage layers kept and rewritten byte for byte, unit workbooks
the same whether written by one process or several."""

from __future__ import annotations

import io
import time
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from python_calamine import CalamineWorkbook

from transition.io import unit_books
from transition.io.gpkg import update_gpkg
from transition.io.tables import write_csv, write_xlsx, xlsx_bytes
from transition.io.zips import fixed_zip

FORMULAS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": ["00007", "a,b", 'say "hi"', "two\nlines", "", None, "Phường Hà Tu"],
            "value": [1.5, np.nan, 3.0, 1e-07, -0.0, 1e20, 1500000000.0],
            "count": pd.array([1, None, 3, 4, 5, 6, 7], dtype="Int64"),
            "flag": [True, False, True, False, True, False, True],
        }
    )


def test_csv_is_what_pandas_wrote(tmp_path):
    frame = _frame()
    write_csv(tmp_path / "a.csv", frame)
    expected = "\ufeff" + frame.to_csv(index=False, lineterminator="\n")
    assert (tmp_path / "a.csv").read_bytes() == expected.encode("utf-8")


def test_csv_neutralises_formulas_but_not_numbers(tmp_path):
    frame = pd.DataFrame({"text": [*FORMULAS, "-5", "+84", "ok", None]})
    write_csv(tmp_path / "a.csv", frame)
    back = pd.read_csv(tmp_path / "a.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert back["text"].tolist()[: len(FORMULAS)] == ["'" + f for f in FORMULAS]
    assert back["text"].tolist()[len(FORMULAS) :] == ["-5", "+84", "ok", ""]


def _sheet_xml(data: bytes, n: int = 1) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(f"xl/worksheets/sheet{n}.xml").decode()


def test_xlsx_writes_formula_like_text_as_text():
    data = xlsx_bytes({"s": pd.DataFrame({"text": FORMULAS})})
    xml = _sheet_xml(data)
    assert "<f>" not in xml and xml.count('t="inlineStr"') == len(FORMULAS) + 1  # + header
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert [r[0] for r in rows[1:]] == FORMULAS


def test_xlsx_values_as_given():
    frame = _frame().assign(kind=pd.Categorical(["a", "b", "a", None, "b", "a", "b"]))
    summary = pd.DataFrame([("Đơn vị (unit)", "Hà Tu (06652)"), ("Biên chế (quota)", 23)])
    data = xlsx_bytes({"Cán bộ (staff)": frame, "Tóm tắt": summary, "empty": frame.iloc[0:0]})
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names == ["Cán bộ (staff)", "Tóm tắt", "empty"]
    rows = book.get_sheet_by_name("Cán bộ (staff)").to_python()
    assert rows[0] == ["code", "value", "count", "flag", "kind"]
    assert rows[1] == ["00007", 1.5, 1, True, "a"]  # the code keeps its zeros; numbers are numbers
    assert rows[2][1:3] == ["", ""] and rows[4][4] == ""  # missing values are empty cells
    assert [r[4] for r in rows[1:]] == ["a", "b", "a", "", "b", "a", "b"]  # categoricals kept
    assert book.get_sheet_by_name("Tóm tắt").to_python()[2] == ["Biên chế (quota)", 23]
    assert book.get_sheet_by_name("empty").to_python() == [rows[0]]
    assert 'ySplit="1"' in _sheet_xml(data)  # header frozen


def test_xlsx_is_reproducible(tmp_path):
    write_xlsx(tmp_path / "a.xlsx", {"s": _frame()})
    time.sleep(1.1)  # the writer stamps the wall clock to the second
    write_xlsx(tmp_path / "b.xlsx", {"s": _frame()})
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    core = zipfile.ZipFile(tmp_path / "a.xlsx").read("docProps/core.xml").decode()
    assert core.count("2025-07-01T00:00:00Z") == 2 and "<dc:creator>transition</dc:creator>" in core


def test_fixed_zip_fixes_times_and_keeps_content():
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.xml", "<a>" + "x" * 1000 + "</a>")
        z.writestr(
            "docProps/core.xml",
            "<dcterms:created x>2031-01-02T03:04:05Z</dcterms:created>"
            "<dcterms:modified x>2031-01-02T03:04:05Z</dcterms:modified>",
        )
        z.writestr(zipfile.ZipInfo("stored.bin"), b"\x00\x01")
    out = zipfile.ZipFile(io.BytesIO(fixed_zip(raw.getvalue())))
    assert out.testzip() is None
    assert [i.filename for i in out.infolist()] == ["a.xml", "docProps/core.xml", "stored.bin"]
    assert {i.date_time for i in out.infolist()} == {(2025, 7, 1, 0, 0, 0)}
    assert out.read("a.xml") == b"<a>" + b"x" * 1000 + b"</a>" and out.read("stored.bin") == b"\0\1"
    assert "2031" not in out.read("docProps/core.xml").decode()


def _points(n: int) -> gpd.GeoDataFrame:
    lon, lat = np.linspace(105, 106, n), np.linspace(20, 21, n)
    frame = pd.DataFrame({"id": [f"TS-{i:03}" for i in range(n)], "value": lon * 1000})
    return gpd.GeoDataFrame(frame, geometry=shapely.points(lon, lat), crs="EPSG:4326")


def test_gpkg_keeps_other_layers_and_rewrites_the_same_bytes(tmp_path):
    import pyogrio

    target = tmp_path / "t.gpkg"
    update_gpkg(target, {"new_units": _points(5), "crosswalk": pd.DataFrame({"a": ["1", "2"]})})
    update_gpkg(target, {"assets_assignments": _points(40), "quota": pd.DataFrame({"q": [1, 2]})})
    first = target.read_bytes()
    assert {n for n, _ in pyogrio.list_layers(target)} == {
        "new_units",
        "crosswalk",
        "assets_assignments",
        "quota",
    }
    kept = pyogrio.read_dataframe(target, layer="new_units")
    assert kept["id"].tolist() == _points(5)["id"].tolist() and kept.crs == "EPSG:4326"
    update_gpkg(target, {"assets_assignments": _points(40), "quota": pd.DataFrame({"q": [1, 2]})})
    assert target.read_bytes() == first  # a kept layer copied again is the same layer
    update_gpkg(target, {"new_units": _points(5), "crosswalk": pd.DataFrame({"a": ["1", "2"]})})
    assert target.read_bytes() == first  # a layer written afresh is the same as one kept


@pytest.mark.parametrize("workers", ["1", "2"])
def test_unit_books_same_bytes_however_written(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(unit_books, "PARALLEL_FROM", 2)
    monkeypatch.setattr(unit_books, "BATCH", 2)
    monkeypatch.setenv("TRANSITION_WORKERS", workers)
    staff = pd.DataFrame({"new_code": ["B", "A", "B", "C", "A"], "id": ["1", "2", "3", "4", "5"]})
    units = [(c, f"{c}.xlsx", None) for c in ("A", "B", "C", "D")]
    said: list[str] = []
    unit_books.write_unit_books(tmp_path, units, {"staff": (staff, True)}, said.append)
    assert said[-1] == "writing unit workbooks (4/4)"
    rows = {
        c: CalamineWorkbook.from_path(str(tmp_path / f"{c}.xlsx"))
        .get_sheet_by_name("staff")
        .to_python()
        for c in "ABCD"
    }
    assert [r[1] for r in rows["A"][1:]] == ["2", "5"] and [r[1] for r in rows["B"][1:]] == [
        "1",
        "3",
    ]
    assert rows["D"] == [["new_code", "id"]]  # no rows: the sheet is kept, header only
    reference = tmp_path / "ref"
    monkeypatch.setenv("TRANSITION_WORKERS", "1")
    unit_books.write_unit_books(reference, units, {"staff": (staff, True)}, said.append)
    for c in "ABCD":
        assert (tmp_path / f"{c}.xlsx").read_bytes() == (reference / f"{c}.xlsx").read_bytes()


def test_progress_off_a_terminal_is_one_line_per_stage(capsys):
    from transition.cli.common import progress

    with progress("Assigning") as say:
        say("reassigning (1,200 items)")
        for done in range(0, 4):
            say(f"writing unit workbooks ({done}/3)")
    assert capsys.readouterr().err.splitlines() == [
        "Assigning: reassigning (1,200 items)",
        "Assigning: writing unit workbooks (0/3)",
    ]
    with progress("Assigning", quiet=True) as say:
        say("reassigning")
    assert capsys.readouterr().err == ""


def test_labels_round_trip_in_both_languages_and_repeated_headers_are_refused():
    import pydantic

    from transition.io.labels import for_people, from_people, output_labels
    from transition.profiles.labels import OutputLabels

    labels = output_labels()
    frame = pd.DataFrame({c: ["x"] for c in labels.columns})
    frame["beyond_quota"] = [True]
    frame["severity"] = ["warning"]
    frame["kind"] = ["seal"]
    for lang, seal, warn in (("vi", "con dấu", "cảnh báo"), ("en", "seal", "warning")):
        shown = for_people(frame, lang)
        assert shown[labels.columns["kind"].get(lang)].tolist() == [seal]
        assert shown[labels.columns["severity"].get(lang)].tolist() == [warn]
        back = from_people(shown)
        assert list(back.columns) == list(frame.columns)
        assert back["beyond_quota"].tolist() == [True] and back["kind"].tolist() == ["seal"]
    data = labels.model_dump()
    data["columns"]["code"] = data["columns"]["id"]
    with pytest.raises(pydantic.ValidationError, match="same vi header 'Mã'"):
        OutputLabels(**data)

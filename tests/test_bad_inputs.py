"""The catalogue of bad or unusual inputs (issue 9): one fixture per case, and what each gets.

Each row of READER_CASES writes one register file the way an office keeps it and states what the
reader makes of it: the value read, or the problem (code, row, column) it reports. Further tests
cover the workspace: two files for one register, generated registers over a department's own,
overrides, options, safe names and escaping, staging and the lock, and the ledger's read-check.
"""

from __future__ import annotations

import datetime as dt
import json
import os

import pandas as pd
import pytest
from openpyxl import Workbook
from tiny import tiny_geometry, tiny_plan

from transition import actions
from transition.errors import (
    InputFileError,
    OptionError,
    RegisterProblems,
    WorkspaceError,
    WorkspaceLocked,
)
from transition.io.workspace import Workspace
from transition.registers.loading import read_for_plan
from transition.registers.reading import read_register_file

A1 = "00001"  # an old commune of the tiny plan; 990 is its old district


def csv_file(text: str, encoding: str = "utf-8"):
    return lambda path: path.with_suffix(".csv").write_bytes(text.encode(encoding))


def raw_file(data: bytes, suffix: str = ".csv"):
    return lambda path: path.with_suffix(suffix).write_bytes(data)


def xlsx_file(*sheets: tuple[str, list[list]]):
    def write(path):
        wb = Workbook()
        wb.remove(wb.active)
        for title, rows in sheets:
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
        wb.save(path.with_suffix(".xlsx"))

    return write


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes: a letter with its vowel mark, then the tone as a combining mark."""
    import unicodedata

    out = b""
    for c in text:
        try:
            out += c.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", c)
            tones = "".join(m for m in d if m in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(m for m in d if m not in tones))
            out += base.encode("cp1258") + tones.encode("cp1258")
    return out


def assets(value: str) -> str:
    return f'id,kind,holder,value_vnd\nTS1,building,{A1},"{value}"\n'


def staff_born(day: str) -> str:
    return f"id,full_name,holder,birth_date\nNV1,Nguyễn Văn An,{A1},{day}\n"


def value(kind, col, expected):
    """The first row's ``col`` reads as ``expected`` and there is no error."""

    def check(read):
        assert [p.message for p in read.problems if p.severity == "error"] == []
        got = read.frame.loc[0, col]
        assert got == expected, got

    check.kind = kind
    return check


def problem(kind, code, row, column, words=""):
    def check(read):
        hits = [p for p in read.problems if p.code == code]
        assert hits, [(p.code, p.message) for p in read.problems]
        p = hits[0]
        assert (p.row, p.column) == (row, column), (p.row, p.column, p.message)
        assert words in p.message + p.fix, p.message

    check.kind = kind
    return check


TITLE = "UBND XÃ A\nDANH SÁCH TÀI SẢN BÀN GIAO\n\n"
CASES = {
    # --- numbers, as Vietnamese offices write them ---
    "vn-thousands-dots": (csv_file(assets("1.250.000.000")), value("assets", "value_vnd", 1.25e9)),
    "en-thousands-commas": (
        csv_file(assets("1,250,000,000")),
        value("assets", "value_vnd", 1.25e9),
    ),
    "dong-sign": (csv_file(assets("1.250.000.000 đ")), value("assets", "value_vnd", 1.25e9)),
    "vnd-suffix": (csv_file(assets("1.250.000.000 VNĐ")), value("assets", "value_vnd", 1.25e9)),
    "ty-with-decimal-comma": (csv_file(assets("1,5 tỷ")), value("assets", "value_vnd", 1.5e9)),
    "trieu-dong": (csv_file(assets("150 triệu đồng")), value("assets", "value_vnd", 1.5e8)),
    "ty-and-trieu": (csv_file(assets("2 tỷ 300 triệu")), value("assets", "value_vnd", 2.3e9)),
    "decimal-comma": (csv_file(assets("1.250,5")), value("assets", "value_vnd", 1250.5)),
    "amount-in-words": (
        csv_file(assets("tám tỷ")),
        problem("assets", "register-number", 2, "value_vnd", "in words"),
    ),
    "negative-value": (
        csv_file(assets("-5.000.000")),
        problem("assets", "register-number", 2, "value_vnd", "negative"),
    ),
    "negative-accounting": (
        csv_file(assets("(5.000)")),
        problem("assets", "register-number", 2, "value_vnd", "negative"),
    ),
    "bad-grouping": (
        csv_file(assets("1.25.000")),
        problem("assets", "register-number", 2, "value_vnd", "three digits"),
    ),
    "text-in-number": (
        csv_file(assets("chưa rõ")),
        problem("assets", "register-number", 2, "value_vnd", "chưa"),
    ),
    "unquoted-commas-split-row": (
        csv_file(f"id,kind,holder,value_vnd\nTS1,building,{A1},1,250,000\n"),
        problem("assets", "register-shape", 2, "", "quoted"),
    ),
    "negative-balance-allowed": (
        csv_file(f"id,kind,holder,balance_vnd\nR1,finance_account,{A1},-1.000\n"),
        value("records", "balance_vnd", -1000.0),
    ),
    "xlsx-number-cell": (
        xlsx_file(
            ("Sheet1", [["id", "kind", "holder", "value_vnd"], ["TS1", "building", A1, 1250000000]])
        ),
        value("assets", "value_vnd", 1.25e9),
    ),
    "coordinates-three-decimals": (
        csv_file(f"id,kind,holder,lon,lat\nTS1,building,{A1},107.123,21.250\n"),
        value("assets", "lon", 107.123),
    ),
    # --- dates, day first ---
    "dd/mm/yyyy": (csv_file(staff_born("31/12/1980")), value("staff", "birth_date", "1980-12-31")),
    "d/m/yyyy": (csv_file(staff_born("1/7/1980")), value("staff", "birth_date", "1980-07-01")),
    "dd-mm-yyyy": (csv_file(staff_born("01-07-1980")), value("staff", "birth_date", "1980-07-01")),
    "dd.mm.yyyy": (csv_file(staff_born("01.07.1980")), value("staff", "birth_date", "1980-07-01")),
    "iso": (csv_file(staff_born("1980-12-31")), value("staff", "birth_date", "1980-12-31")),
    "excel-serial": (csv_file(staff_born("29221")), value("staff", "birth_date", "1980-01-01")),
    "xlsx-date-cell": (
        xlsx_file(
            ("Sheet1", [["id", "holder", "birth_date"], ["NV1", A1, dt.datetime(1980, 12, 31)]])
        ),
        value("staff", "birth_date", "1980-12-31"),
    ),
    "ambiguous-read-day-first": (
        csv_file(staff_born("05/06/1980")),
        value("staff", "birth_date", "1980-06-05"),
    ),
    "month-first-refused": (
        csv_file(staff_born("12/25/1980")),
        problem("staff", "register-date", 2, "birth_date", "day first"),
    ),
    "no-such-day": (
        csv_file(staff_born("31/02/1980")),
        problem("staff", "register-date", 2, "birth_date", "calendar"),
    ),
    "two-digit-year": (
        csv_file(staff_born("31/12/80")),
        problem("staff", "register-date", 2, "birth_date", "two-digit year"),
    ),
    # --- headers ---
    "title-rows-above-header": (
        csv_file(TITLE + f"Mã tài sản,Loại,Mã đơn vị,Nguyên giá\nTS1,building,{A1},1.000\n"),
        value("assets", "value_vnd", 1000.0),
    ),
    "trailing-blank-rows": (
        csv_file(assets("1.000") + ",,,\n,,,\n\n"),
        value("assets", "value_vnd", 1000.0),
    ),
    "unit-in-brackets": (
        csv_file(f"Mã,Loại,Đơn vị,Số dư (đồng)\nR1,finance_account,{A1},2.000.000\n"),
        value("records", "balance_vnd", 2e6),
    ),
    "header-case-spacing": (
        csv_file(f"MÃ , LOẠI,ĐƠN   VỊ,SỐ DƯ [VNĐ]\nR1,seal,{A1},5\n"),
        value("records", "balance_vnd", 5.0),
    ),
    "renamed-column": (
        csv_file(f"id,holder,Ngày tháng sinh\nNV1,{A1},01/07/1980\n"),
        problem("staff", "register-column", 1, "Ngày tháng sinh", "ngày sinh"),
    ),
    "row-number-column-ignored": (
        csv_file(f"STT,id,kind,holder,value_vnd\n1,TS1,building,{A1},1.000\n"),
        value("assets", "value_vnd", 1000.0),
    ),
    # --- codes ---
    "code-lost-zero-text": (
        csv_file("id,kind,holder\nTS1,building,1\n"),
        value("assets", "holder", "00001"),
    ),
    "code-lost-zero-xlsx": (
        xlsx_file(("Sheet1", [["id", "kind", "holder"], ["TS1", "building", 4]])),
        value("assets", "holder", "00004"),
    ),
    # --- encodings and separators ---
    "utf8-bom": (
        csv_file(staff_born("1980-01-01"), "utf-8-sig"),
        value("staff", "full_name", "Nguyễn Văn An"),
    ),
    "utf16-tab": (
        csv_file(staff_born("1980-01-01").replace(",", "\t"), "utf-16"),
        value("staff", "full_name", "Nguyễn Văn An"),
    ),
    "cp1258": (
        raw_file(to_cp1258(staff_born("1980-01-01"))),
        value("staff", "full_name", "Nguyễn Văn An"),
    ),
    "tcvn3": (
        raw_file(f"id,full_name,holder\nNV1,B\xb6o Th\xbeng,{A1}\n".encode("latin-1")),
        value("staff", "full_name", "Bảo Thắng"),
    ),
    "vni": (
        raw_file(
            f"id,full_name,holder,body\nNV1,Nguye\xe3n Va\xean An,{A1},Pho\xf8ng Noäi vuï\n".encode(
                "latin-1"
            )
        ),
        value("staff", "full_name", "Nguyễn Văn An"),
    ),
    "tcvn3-inside-utf8": (
        csv_file(f"id,full_name,holder\nNV1,Ph\u00adêng H\u00b8 Tu,{A1}\n"),
        value("staff", "full_name", "Phường Há Tu"),
    ),
    "nfd-names": (
        csv_file(staff_born("1980-01-01").replace("Nguyễn", "Nguye\u0302\u0303n")),
        value("staff", "full_name", "Nguyễn Văn An"),
    ),
    "semicolon": (
        csv_file(staff_born("1980-01-01").replace(",", ";")),
        value("staff", "holder", A1),
    ),
    # --- sheets ---
    "sheet-by-name": (
        xlsx_file(
            ("Bản cũ", [["id", "holder"], ["OLD", A1]]),
            ("Cán bộ", [["id", "holder"], ["NV1", A1], ["NV2", A1]]),
        ),
        value("staff", "id", "NV1"),
    ),
    "instructions-sheet-skipped": (
        xlsx_file(
            ("Hướng dẫn", [["Điền mỗi dòng một người"]]), ("Data", [["id", "holder"], ["NV1", A1]])
        ),
        value("staff", "id", "NV1"),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_reader_catalogue(tmp_path, name):
    write, check = CASES[name]
    write(tmp_path / check.kind)
    (path,) = tmp_path.glob(f"{check.kind}.*")
    read = read_for_plan(path, check.kind, tiny_plan(), f"inputs/{path.name}")
    check(read)


def test_ambiguous_dates_say_day_first_was_assumed(tmp_path):
    csv_file(staff_born("05/06/1980"))(tmp_path / "staff")
    read = read_register_file(tmp_path / "staff.csv", "staff")
    assert any("read day first" in p.message for p in read.problems)


def test_ambiguous_workbook_lists_its_sheets(tmp_path):
    xlsx_file(("Sheet1", [["id", "holder"]]), ("Sheet2", [["id", "holder"]]))(tmp_path / "staff")
    with pytest.raises(InputFileError, match="'Sheet1', 'Sheet2'.*name the sheet"):
        read_register_file(tmp_path / "staff.xlsx", "staff")


def test_missing_required_column_lists_accepted_names(tmp_path):
    csv_file("id,Tên\nNV1,An\n")(tmp_path / "staff")
    with pytest.raises(
        InputFileError, match=r"no column 'holder' \(accepted names: 'holder'.*'mã đơn vị'"
    ):
        read_register_file(tmp_path / "staff.csv", "staff")


def test_xls_is_refused_with_how_to_save(tmp_path):
    (tmp_path / "staff.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputFileError, match="save it as .xlsx"):
        read_register_file(tmp_path / "staff.xls", "staff")


def test_read_summary_counts_rows_and_sums(tmp_path):
    csv_file(
        TITLE
        + f'id,kind,holder,value_vnd\nTS1,building,{A1},1.250.000.000\nTS2,land,{A1},"1,5 tỷ"\n\n\n'
    )(tmp_path / "assets")
    read = read_register_file(tmp_path / "assets.csv", "assets", "inputs/assets.csv")
    r = read.read
    assert (r["rows_in_file"], r["rows_read"], r["skipped"], r["header_line"]) == (
        2,
        2,
        {"blank": 2},
        4,
    )
    assert r["sums"]["value_vnd"]["written"] == r["sums"]["value_vnd"]["parsed"] == 2.75e9
    assert r["agrees"] is True


# ---------------------------------------------------------------- the workspace -----------------


@pytest.fixture
def ws(tmp_path):
    plan = tiny_plan()
    root = tmp_path / "ws"
    Workspace.at(root).save_plan(plan, tiny_geometry(plan), {})
    (root / "inputs" / "assets.csv").write_text(
        "id,kind,holder,value_vnd\n"
        f'TS1,building,{A1},1.250.000.000\nTS2,land,00004,"2 tỷ"\nTS3,vehicle,990,900.000.000\n',
        encoding="utf-8",
    )
    return root


def test_assign_reads_vietnamese_values_and_the_ledger_says_what_was_read(ws):
    done = actions.assign_workspace(ws)
    book = json.loads((ws / "results" / "assign" / "ledger.json").read_text(encoding="utf-8"))
    assert book["classes"]["assets"]["value_before"] == 4.15e9
    read = book["read"]["assets"]
    assert read["file"] == "inputs/assets.csv" and read["rows_in_file"] == read["rows_read"] == 3
    assert read["sums"]["value_vnd"] == {
        "written": 4.15e9,
        "parsed": 4.15e9,
        "cells_written": 3,
        "cells_parsed": 3,
    }
    assert done.to_dict() == book


def test_unreadable_cell_stops_before_anything_is_written(ws):
    path = ws / "inputs" / "assets.csv"
    path.write_text(path.read_text(encoding="utf-8").replace('"2 tỷ"', "tám tỷ"), encoding="utf-8")
    with pytest.raises(
        RegisterProblems, match=r"inputs/assets.csv, row 3, column 'value_vnd'.*tám tỷ"
    ):
        actions.assign_workspace(ws)
    assert not (ws / "results" / "assign").exists()


def test_read_check_difference_stops_the_run(ws, monkeypatch):
    import transition.registers.reading as reading

    real = reading.normalise_register

    def lossy(frame, kind, sort=True):
        out = real(frame, kind, sort)
        out.loc[0, "value_vnd"] = float("nan")  # a value lost between the file and the ledger
        return out

    monkeypatch.setattr(reading, "normalise_register", lossy)
    with pytest.raises(RegisterProblems, match="what was read differs from the file"):
        actions.assign_workspace(ws)


def test_two_files_for_one_register_are_refused(ws):
    xlsx_file(("Tài sản", [["id", "kind", "holder"], ["X", "land", A1]]))(ws / "inputs" / "assets")
    with pytest.raises(WorkspaceError, match="has 2 assets registers.*never mixed"):
        actions.assign_workspace(ws)


def test_generate_registers_keeps_a_departments_own(ws):
    with pytest.raises(WorkspaceError, match="not generated.*inputs/assets.csv.*--force"):
        actions.generate_workspace_registers(ws, seed=3)
    own = (ws / "inputs" / "assets.csv").read_bytes()
    done = actions.generate_workspace_registers(ws, seed=3, force=True)
    assert done.backup and (ws / done.backup / "assets.csv").read_bytes() == own
    again = actions.generate_workspace_registers(ws, seed=3)  # generated ones may be replaced
    assert again.backup is None


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ("assets,NOPE,00100,QĐ 1", "'NOPE' is in no row of the assets register"),
        ("furniture,TS1,00100,QĐ 1", "class 'furniture' is not one of"),
        ("assets,TS1,09999,QĐ 1", "new unit '09999' is not in the plan"),
        (
            "assets,TS1,00100,QĐ 1\nassets,TS1,00200,QĐ 2",
            "given to 00200 here and to 00100 on row 2",
        ),
    ],
    ids=["unknown-id", "unknown-class", "unknown-unit", "conflict"],
)
def test_bad_overrides_are_refused(ws, rows, words):
    (ws / "inputs" / "overrides.csv").write_text(
        f"class,id,new_code,reference\n{rows}\n", encoding="utf-8"
    )
    with pytest.raises(InputFileError, match="cannot be applied") as exc:
        actions.assign_workspace(ws)
    assert words in str(exc.value)


def test_overrides_xlsx_in_vietnamese_are_applied_and_reported(ws):
    xlsx_file(
        ("Quyết định", [["Lớp", "Mã", "Đơn vị mới", "Căn cứ"], ["tài sản", "TS1", 200, "QĐ 12"]])
    )(ws / "inputs" / "overrides")
    done = actions.assign_workspace(ws)
    applied = done.to_dict()["overrides_applied"]
    assert applied == [
        {"class": "assets", "id": "TS1", "new_code": "00200", "reason": "Quyết định của Sở: QĐ 12"}
    ]


@pytest.mark.parametrize(
    ("given", "expected"),
    [("01/07/2025", "2025-07-01"), ("1/7/2025", "2025-07-01"), ("2025-07-01", "2025-07-01")],
)
def test_cutover_is_read_day_first(given, expected):
    from transition.actions.assign import option_date

    assert option_date(given, "--cutover") == expected


@pytest.mark.parametrize("given", ["07/25/2025", "2025-13-01", "mùng một"])
def test_bad_cutover_is_refused(ws, given):
    with pytest.raises(OptionError, match="--cutover"):
        actions.assign_workspace(ws, cutover=given)


def test_unit_file_names_stay_inside_the_folder():
    from transition.io.assignment import unit_file_name
    from transition.io.safe import safe_filename

    assert "/" not in unit_file_name("../../../../x", "../../y") and ".." not in unit_file_name(
        "../../../../x", "a"
    )
    assert safe_filename("a/b\\c:d", ".xlsx") == "a_b_c_d.xlsx"


def test_report_escapes_html_and_markdown():
    from transition.render import render

    text = render(
        "check_report.md.j2",
        {
            "s": {"province_name": "<script>alert(1)</script>", "province_code": "99"},
            "valid": True,
            "problems": [],
        }
        | {"s": _summary("<script>alert(1)</script> | x")},
    )
    assert "<script>" not in text and "&lt;script&gt;" in text and "\\| x" in text


def _summary(name):
    return {
        "province_name": name,
        "province_code": "99",
        "old_units": 7,
        "new_units": 3,
        "new_units_by_type": {},
        "edges": 7,
        "divided_old_units": 0,
        "clusters": 0,
        "new_units_in_clusters": 0,
        "problems": {"error": 0, "warning": 0, "info": 0},
    }


def test_interrupted_assign_leaves_the_previous_results(ws, monkeypatch):
    actions.assign_workspace(ws)
    before = {p.name: p.read_bytes() for p in (ws / "results" / "units").glob("*.xlsx")}
    ledger = (ws / "results" / "assign" / "ledger.json").read_bytes()
    import transition.io.unit_books as unit_books

    real = unit_books.xlsx_bytes
    calls = {"n": 0}

    def dies(sheets):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # Ctrl-C in the middle of the unit workbooks
        return real(sheets)

    monkeypatch.setenv("TRANSITION_WORKERS", "1")  # the books written in this process
    monkeypatch.setattr(unit_books, "xlsx_bytes", dies)
    path = ws / "inputs" / "assets.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("1.250", "9.250"), encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        actions.assign_workspace(ws)
    after = {p.name: p.read_bytes() for p in (ws / "results" / "units").glob("*.xlsx")}
    assert after == before and (ws / "results" / "assign" / "ledger.json").read_bytes() == ledger
    assert not list((ws / "results").glob(".*staging")) and not (ws / ".transition.lock").exists()


def test_a_second_run_is_stopped_naming_the_first(ws):
    (ws / ".transition.lock").write_text(
        json.dumps({"command": "transition assign", "pid": os.getppid()}), encoding="utf-8"
    )
    with pytest.raises(WorkspaceLocked, match=f"'transition assign' \\(process {os.getppid()}\\)"):
        actions.assign_workspace(ws)


def test_a_stale_lock_is_taken_over(ws):
    (ws / ".transition.lock").write_text(
        json.dumps({"command": "x", "pid": 2**22 + 17}), encoding="utf-8"
    )
    actions.assign_workspace(ws)
    assert not (ws / ".transition.lock").exists()


def test_frames_read_equal_what_pandas_reads_for_plain_csv(tmp_path):
    from transition.io.tables import read_table

    (tmp_path / "t.csv").write_text("code,name\n06652,Phường Hà Tu\n", encoding="utf-8-sig")
    frame = read_table(tmp_path / "t.csv")
    pd.testing.assert_frame_equal(
        frame,
        pd.read_csv(tmp_path / "t.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig"),
    )


# ---------------------------------------------------------------- geometry input ----------------


def _layer(tmp_path, geoms, crs="EPSG:4326"):
    import geopandas as gpd

    path = tmp_path / "units.geojson"
    codes = [f"0665{i}" for i in range(len(geoms))]
    gpd.GeoDataFrame(
        {"ma_xa": codes, "ten_xa": ["Phường A"] * len(geoms)}, geometry=geoms, crs=crs
    ).to_file(path)
    return path


BOWTIE = "POLYGON ((107 21, 107.1 21.1, 107.1 21, 107 21.1, 107 21))"


def test_self_intersecting_polygon_is_named_with_its_unit_and_place(tmp_path):
    from shapely import box, from_wkt

    from transition.geo.layers import read_layer

    path = _layer(tmp_path, [box(107, 21, 107.1, 21.1), from_wkt(BOWTIE)])
    with pytest.raises(
        InputFileError,
        match=r"feature 2 \(06651 Phường A\): Self-intersection\[107.05 21.05\].*--repair",
    ):
        read_layer(path)


def test_repair_makes_it_valid_and_reports_the_area_change(tmp_path):
    from shapely import box, from_wkt

    from transition.geo.layers import read_layer

    path = _layer(tmp_path, [box(107, 21, 107.1, 21.1), from_wkt(BOWTIE)])
    with pytest.warns(UserWarning, match="repaired .*area changed by"):
        layer = read_layer(path, repair=True)
    assert layer.frame.is_valid.all()


def test_empty_geometry_and_points_are_refused(tmp_path):
    from shapely import Point, box

    from transition.geo.layers import read_layer

    path = _layer(tmp_path, [box(107, 21, 107.1, 21.1), Point(107, 21)])
    with pytest.raises(
        InputFileError, match=r"feature 2 \(06651 Phường A\) is a Point, not a polygon"
    ):
        read_layer(path)


def test_templates_filled_in_read_back_without_loss(ws):
    from openpyxl import load_workbook

    done = actions.generate_templates(ws)
    assert done.written == [
        f"inputs/templates/{k}.xlsx" for k in ("staff", "assets", "dossiers", "records")
    ]
    wb = load_workbook(ws / "inputs" / "templates" / "assets.xlsx")
    assert wb.sheetnames == ["Tài sản", "Hướng dẫn"]
    sheet = wb["Tài sản"]
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["Mã tài sản", "Loại tài sản", "Tên tài sản"]
    assert sheet.cell(2, 1).number_format == "@"
    lists = [dv.formula1 for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert lists == ['"land,headquarters,building,vehicle,equipment,it"']
    row = {
        "Mã tài sản": "TS9",
        "Loại tài sản": "land",
        "Mã đơn vị": "00001",
        "Nguyên giá": 1_250_000_000,
    }
    for k, h in enumerate(headers, start=1):
        sheet.cell(2, k, row.get(h))
    wb.save(ws / "inputs" / "filled.xlsx")
    read = read_register_file(ws / "inputs" / "filled.xlsx", "assets")
    assert (read.frame.loc[0, "holder"], read.frame.loc[0, "value_vnd"]) == ("00001", 1.25e9)
    again = (ws / "inputs" / "templates" / "assets.xlsx").read_bytes()
    actions.generate_templates(ws)
    assert (ws / "inputs" / "templates" / "assets.xlsx").read_bytes() == again  # reproducible

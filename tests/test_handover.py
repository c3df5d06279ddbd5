"""Handover documents read back as a user opens them (python-docx, openpyxl): the numbers against
the ledger, a joint minute for a divided commune, masking, a name with & < and every diacritic, the
register (mark, status, regeneration flags a signed minute that changed), the template check."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest
from test_cli import run
from test_render_docx import VIETNAMESE
from tiny import NEW_CODES, OLD_CODES, TARGET, tiny_geometry, tiny_plan

from transition import actions
from transition.actions import handover as ho
from transition.documents.tracker import CHANGED, handover_status, read_handover_register
from transition.io.workspace import Workspace
from transition.render.docx_check import check_template

TRICKY = f"Trần & <Lê> {VIETNAMESE[:30]}"
DIVIDED = OLD_CODES["B2"]  # B2 is split between N1 and N2


def divided_plan():
    edges = []
    for k, t in TARGET.items():
        parts = [NEW_CODES[t]] if k != "B2" else [NEW_CODES["N1"], NEW_CODES["N2"]]
        for new in parts:
            edges.append(
                {
                    "old_code": OLD_CODES[k],
                    "old_name": f"Xã {k}",
                    "new_code": new,
                    "new_name": "",
                    "part": "whole" if len(parts) == 1 else "part",
                }
            )
    return tiny_plan(edges)


@pytest.fixture(scope="module")
def hws(tmp_path_factory) -> Path:
    """A tiny workspace (7 old communes, one divided, 3 new units) with generated registers, one
    person renamed to a name with & < and every diacritic, and its handover documents."""
    root = tmp_path_factory.mktemp("handover") / "ws"
    plan = divided_plan()
    Workspace.at(root).save_plan(plan, tiny_geometry(plan), {"source": "test"})
    actions.generate_workspace_registers(root, seed=3)
    staff = pd.read_csv(root / "inputs" / "staff.csv", dtype=str, keep_default_na=False)
    staff.loc[0, "full_name"] = TRICKY
    staff.to_csv(root / "inputs" / "staff.csv", index=False)
    ho.handover_workspace(root)
    return root


@pytest.fixture(scope="module")
def result(hws):
    return ho.handover_workspace(hws, write=False).to_dict()


def test_no_write_changes_no_file(hws, tmp_path):
    copy = tmp_path / "ws"
    shutil.copytree(hws, copy)
    (copy / "documents" / "bien-ban").rename(copy / "moved")  # a write would recreate it
    before = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    listed = ho.handover_workspace(copy, write=False).to_dict()
    assert {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()} == before
    assert not (copy / "documents" / "bien-ban").exists()
    assert len(listed["documents"]) == len(
        json.loads((hws / "documents" / "documents.json").read_text())
    )


def _doc(hws: Path, rel: str) -> docx.document.Document:
    return docx.Document(str(hws / rel))


def _annex_ids(hws: Path, rel: str) -> dict[str, list[str]]:
    """Codes listed in the XLSX annexes of one minute, by sheet (the code column of each)."""
    wb = openpyxl.load_workbook(hws / rel, read_only=True)
    out = {}
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        header = list(rows[0])
        col = next((header.index(c) for c in ("Mã", "Số và ký hiệu hồ sơ") if c in header), None)
        out[ws.title] = [r[col] for r in rows[1:-1]] if col is not None else rows[1:-1]
    return out


def test_kinds_and_counts(result):
    t = result["totals"]
    assert t["minute"] >= 6 and t["joint_minute"] == 1
    assert t["receiving_summary"] == 3 + 1  # three new communes and the province (district records)
    assert t["district_summary"] == 1
    joint = [d for d in result["documents"] if d["kind"] == "joint_minute"][0]
    assert joint["old_codes"] == [DIVIDED]
    assert joint["new_codes"] == sorted([NEW_CODES["N1"], NEW_CODES["N2"]])


def test_every_ledger_item_in_exactly_one_minute_annex(hws, result):
    """Read every minute's XLSX back: each assigned staff member, asset, dossier and record appears
    once; items in review appear in no annex but in the minutes of their holder."""
    seen: dict[str, int] = {}
    staff_rows = 0
    for d in result["documents"]:
        if d["xlsx"] is None:
            continue
        for sheet, ids in _annex_ids(hws, d["xlsx"]).items():
            if "Cán bộ" in sheet:
                staff_rows += len(ids)
                continue
            for i in ids:
                seen[i] = seen.get(i, 0) + 1
    assert all(n == 1 for n in seen.values()), [k for k, n in seen.items() if n > 1]
    plan = Workspace.at(hws).load_plan()
    from transition.reassign import reassign
    from transition.registers.loading import load_registers

    res = reassign(
        plan, Workspace.at(hws).load_geometry(), load_registers(Workspace.at(hws), plan, None)
    )
    assigned = {
        k: set(v.loc[v["new_code"] != "", "id"]) for k, v in res.items.items() if k != "staff"
    }
    expected = set().union(*assigned.values())
    assert set(seen) == expected
    assert staff_rows == int((res.items["staff"]["new_code"] != "").sum())
    totals = result["totals"]
    for k in ("staff", "assets", "dossiers", "records"):
        assert totals[k] == res.ledger["classes"][k]["assigned"], k
    review = res.review
    assert len(review) and set(review["id"]).isdisjoint(seen)
    # each item in review is listed in a minute of its holder (in the review table of its body)
    for holder, group in review.groupby("holder"):
        listed = set()
        for d in result["documents"]:
            if d["kind"].endswith("minute") and d["old_codes"] == [holder]:
                for t in _doc(hws, d["path"]).tables[1:]:
                    listed |= {row.cells[2].text for row in t.rows if len(row.cells) > 2}
        assert set(group["id"]) <= listed, holder


def test_minute_layout_profile_and_structure(hws, result):
    first = next(d for d in result["documents"] if d["kind"] == "minute")
    d = _doc(hws, first["path"])
    sec = d.sections[0]
    assert (round(sec.left_margin.mm), round(sec.right_margin.mm)) == (35, 20)
    assert (round(sec.top_margin.mm), round(sec.bottom_margin.mm)) == (25, 20)
    texts = [p.text for p in d.paragraphs]
    assert "BIÊN BẢN" in texts
    assert any(t.startswith("BÊN GIAO: Ủy ban nhân dân xã") for t in texts)
    assert any(t.startswith("BÊN NHẬN: Ủy ban nhân dân xã") for t in texts)
    assert any("Biên bản này được lập thành 04 bản" in t for t in texts)
    for heading in ("1. Chức năng, nhiệm vụ", "6. Tài liệu, hồ sơ lưu trữ", "9. Con dấu"):
        assert heading in texts
    assert any(t.startswith("Phụ lục I") for t in texts)
    assert any(t.startswith("Viết bằng chữ: ") for t in texts)
    header = d.tables[0].rows[0].cells
    assert header[1].paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert "Số: 01/BB-BG" in header[0].text


def test_joint_minute_names_every_unit_with_its_share(hws, result):
    joint = next(d for d in result["documents"] if d["kind"] == "joint_minute")
    texts = [p.text for p in _doc(hws, joint["path"]).paragraphs]
    receivers = [t for t in texts if t.startswith("BÊN NHẬN")]
    assert len(receivers) == 2
    shares = [t for t in texts if t.startswith("Xã N") and " người, " in t]
    assert len(shares) == 2
    people = sum(int(t.split(": ")[1].split(" người")[0]) for t in shares)
    assert people == joint["counts"]["staff"]


def test_name_with_ampersand_angle_and_diacritics_intact_and_ids_masked(hws, result):
    found = []
    for d in result["documents"]:
        if d["kind"].endswith("minute") and d["counts"]["staff"]:
            doc = _doc(hws, d["path"])
            for t in doc.tables:
                for row in t.rows[1:]:
                    cells = [c.text for c in row.cells]
                    if TRICKY in cells:
                        found.append(cells)
                    unmasked = cells[0].isdigit() and len(cells) > 3 and cells[2][:1].isdigit()
                    if unmasked and "*" not in cells[2] and len(cells[2]) >= 9:
                        pytest.fail(f"unmasked id {cells[2]}")
    assert len(found) == 1
    assert "*" in found[0][2] and len(found[0][3]) == 4  # masked id, birth year only


def test_annex_xlsx_headers_text_codes_frozen_totals(hws, result):
    d = next(d for d in result["documents"] if d["xlsx"])
    wb = openpyxl.load_workbook(hws / d["xlsx"])
    ws = wb.worksheets[0]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].value == "STT" and ws["A1"].font.b
    last = ws.max_row
    assert ws.cell(last, 2).value == "Tổng cộng" and ws.cell(last, 1).value == str(last - 2)
    assert all(isinstance(c.value, str) for c in ws[2])


def test_register_mark_status_and_change_flag(hws, tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(hws, ws)
    reg = read_handover_register(ws)
    assert list(reg.columns[:6]) == [
        "number",
        "kind",
        "old_codes",
        "new_codes",
        "path",
        "content_hash",
    ]
    assert (reg["signed_date"] == "").all()
    r = run("handover", "mark", str(ws), "02", "--signed", "30/06/2025", "--by", "Nguyễn Văn A")
    assert r.exit_code == 0, r.output
    reg = read_handover_register(ws)
    row = reg[reg["number"] == "2"].iloc[0]
    assert (row["signed_date"], row["signed_by"]) == ("2025-06-30", "Nguyễn Văn A")
    status = handover_status(ws)
    assert list(status.columns[:4]) == ["new_code", "generated", "signed", "outstanding"]
    assert status["signed"].sum() == len(row["new_codes"].split(";"))
    # regenerate unchanged: the signature stays, nothing flagged
    ho.handover_workspace(ws)
    reg = read_handover_register(ws)
    assert reg.loc[reg["number"] == "2", "signed_by"].iloc[0] == "Nguyễn Văn A"
    assert not reg["note"].str.contains(CHANGED, regex=False).any()
    # the content of minute 2 changes (another copy count): flagged as changed since signed
    own = ws / "mappings"
    own.mkdir()
    text = (Path(ho.__file__).parents[2] / "mappings" / "handover.toml").read_text(encoding="utf-8")
    (own / "handover.toml").write_text(text.replace("copies = 4", "copies = 5"), encoding="utf-8")
    result = ho.handover_workspace(ws)
    assert result.changed_since_signed == ["2"]
    status = run("handover", "status", str(ws), "--json")
    assert '"changed_since_signed": 1' in status.stdout


def test_unknown_minute_is_a_clean_error(hws):
    r = run("handover", "mark", str(hws), "999", "--signed", "30/06/2025", "--by", "A")
    assert r.exit_code != 0


def test_regeneration_is_byte_identical(hws, tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(hws, ws)
    docs = ho.handover_workspace(ws).to_dict()["documents"]
    for d in docs[:5]:
        assert (ws / d["path"]).read_bytes() == (hws / d["path"]).read_bytes()


def test_english_labels(hws, tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(hws, ws)
    docs = ho.handover_workspace(ws, lang="en").to_dict()["documents"]
    texts = [p.text for p in _doc(ws, docs[0]["path"]).paragraphs]
    assert "MINUTES" in texts and any(t.startswith("HANDING OVER:") for t in texts)


def test_show_personal_data_writes_ids_in_full(hws, tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(hws, ws)
    docs = ho.handover_workspace(ws, show_personal=True).to_dict()["documents"]
    staff = pd.read_csv(ws / "inputs" / "staff.csv", dtype=str, keep_default_na=False)
    ids = set(staff["national_id"])
    d = next(d for d in docs if d["xlsx"] and d["counts"]["staff"])
    sheet = openpyxl.load_workbook(ws / d["xlsx"]).worksheets[0]
    assert {sheet.cell(r, 3).value for r in range(2, sheet.max_row)} <= ids


def test_template_check_finds_a_split_tag_and_an_unknown_variable(tmp_path):
    assert check_template("bien_ban") == []
    own = tmp_path / "templates" / "docx"
    own.mkdir(parents=True)
    src = Path(ho.__file__).parents[2] / "templates" / "docx" / "bao_cao.docx"
    with zipfile.ZipFile(src) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    xml = entries["word/document.xml"].decode()
    xml = xml.replace(
        "{{ summary }}", "{{ sum</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>mary }}", 1
    )
    xml = xml.replace("{{ doc_type }}", "{{ doc_typo }}", 1)
    entries["word/document.xml"] = xml.encode()
    with zipfile.ZipFile(own / "bao_cao.docx", "w") as z:
        for n, data in entries.items():
            z.writestr(n, data)
    problems = check_template("bao_cao", tmp_path)
    codes = sorted(p.code for p in problems)
    assert codes == ["template-split-tag", "template-unknown-variable"], problems
    assert "doc_typo" in next(p.message for p in problems if p.code == "template-unknown-variable")
    r = run("handover", "check-templates", str(tmp_path))
    assert r.exit_code == 1 and "split across" in r.stdout


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_minute_as_pdf(hws, result, tmp_path):
    import subprocess
    import unicodedata

    from transition.render.pdf import convert_to_pdf

    joint = next(d for d in result["documents"] if d["kind"] == "joint_minute")
    (pdf,) = convert_to_pdf([hws / joint["path"]], tmp_path, timeout=300)
    text = unicodedata.normalize(
        "NFC", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    )
    assert "BIÊN BẢN" in text and "ĐẠI DIỆN BÊN NHẬN" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line.strip()}
    assert all(n.startswith(("LiberationSerif", "Tinos")) for n in names), names


def test_docx_bytes_open_as_zip(hws, result):
    d = result["documents"][0]
    data = (hws / d["path"]).read_bytes()
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None

"""DOCX rendering: the Decree 30 layout read back with python-docx, escaping, reproducibility, PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

import docx
import pytest
from docx.oxml.ns import qn

from transition.profiles.documents import document_layout
from transition.render.docx import TemplateError, render_docx
from transition.render.docx_build import build_all
from transition.resources import TEMPLATES_DIR

# every Vietnamese letter with a diacritic, upper and lower case, and the characters XML escapes
VIETNAMESE = (
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)
TRICKY = f"Công ty A & B <Hạ Long> {VIETNAMESE}"


def report_context(rows: int = 3) -> dict:
    return {
        "governing_body": "UBND TỈNH QUẢNG NINH",
        "issuing_body": "SỞ NỘI VỤ",
        "number": "12/BC-SNV",
        "place_date": "Hạ Long, ngày 05 tháng 6 năm 2025",
        "doc_type": "BÁO CÁO",
        "summary": TRICKY,
        "bases": ["Căn cứ Nghị quyết số 1679/NQ-UBTVQH15;"],
        "paragraphs": [unicodedata.normalize("NFD", "Hòa Bình và Thủy")],
        "sections": [
            {
                "heading": "I. Số liệu",
                "paragraphs": ["Bảng dưới đây."],
                "table": {
                    "columns": ["STT", "Tên", "Giá trị (đồng)"],
                    "rows": [[i, f"{TRICKY} {i}", f"{i * 1000:,}"] for i in range(1, rows + 1)],
                    "widths": [1, 5, 2],
                    "align": ["center", "left", "right"],
                    "totals": ["", "Tổng cộng", "6.000"],
                },
            }
        ],
        "recipients": ["- UBND tỉnh;", "- Lưu: VT."],
        "signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Nguyễn Văn A"},
    }


@pytest.fixture(scope="module")
def report() -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx("bao_cao", report_context())))


def test_templates_are_built_by_the_committed_script():
    for name, data in build_all().items():
        assert (TEMPLATES_DIR / "docx" / name).read_bytes() == data, f"run make templates ({name})"


def test_page_margins_and_font_follow_the_profile(report):
    layout = document_layout()
    sec = report.sections[0]
    assert round(sec.left_margin.mm) == layout.page.margin_left_mm == 35
    assert round(sec.right_margin.mm) == layout.page.margin_right_mm == 20
    assert round(sec.top_margin.mm) == layout.page.margin_top_mm == 25
    assert round(sec.bottom_margin.mm) == layout.page.margin_bottom_mm == 20
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
    normal = report.styles["Normal"]
    assert normal.font.size.pt == layout.font.body_pt
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(slot)) == "Times New Roman"


def test_header_table_widths_in_grid_and_cells_with_fixed_layout(report):
    ht = document_layout().header_table
    tbl = report.tables[0]._tbl
    grid = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [ht.left_twips, ht.right_twips] == [3829, 5670]
    cells = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in tbl.tr_lst[0].tc_lst]
    assert cells == grid
    assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    text = report.tables[0].rows[0].cells[1].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text


def test_page_number_field_from_page_two(report):
    sec = report.sections[0]
    assert sec.different_first_page_header_footer
    instr = [e.text for e in sec.header._element.iter(qn("w:instrText"))]
    assert instr == [" PAGE "]
    assert sec.header.paragraphs[0].alignment == 1  # centred
    assert not list(sec.first_page_header._element.iter(qn("w:instrText")))


def test_ampersand_angle_brackets_and_diacritics_survive(report):
    texts = [p.text for p in report.paragraphs]
    assert TRICKY in texts
    assert "Hòa Bình và Thủy" in texts  # NFD given, NFC written
    body = report.tables[1]
    assert body.rows[0].cells[1].text == "Tên"
    assert body.rows[1].cells[1].text == f"{TRICKY} 1"
    assert body.rows[-1].cells[1].text == "Tổng cộng"
    assert body.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page


def test_same_context_same_bytes():
    assert render_docx("bao_cao", report_context()) == render_docx("bao_cao", report_context())


def test_missing_key_is_an_error_naming_it():
    ctx = report_context()
    del ctx["signer"]
    with pytest.raises(TemplateError, match="signer"):
        render_docx("bao_cao", ctx)


def test_workspace_copy_of_a_template_wins(tmp_path):
    own = tmp_path / "templates" / "docx"
    own.mkdir(parents=True)
    d = docx.Document(str(TEMPLATES_DIR / "docx" / "bao_cao.docx"))
    d.add_paragraph("Bản của Sở {{ issuing_body }}")
    d.save(str(own / "bao_cao.docx"))
    out = docx.Document(io.BytesIO(render_docx("bao_cao", report_context(), workspace=tmp_path)))
    assert "Bản của Sở SỞ NỘI VỤ" in [p.text for p in out.paragraphs]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdf_through_libreoffice_has_the_text_and_only_times_substitutes(tmp_path):
    from transition.render.pdf import convert_to_pdf

    src = tmp_path / "bao_cao.docx"
    src.write_bytes(render_docx("bao_cao", report_context()))
    (pdf,) = convert_to_pdf([src], tmp_path / "pdf", timeout=180)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    text = unicodedata.normalize("NFC", text)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Công ty A & B <Hạ Long>" in text
    assert VIETNAMESE[:20] in text.replace("\n", "")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line.strip()}
    assert names and all(n.startswith(("LiberationSerif", "Tinos")) for n in names), names


def test_missing_soffice_says_how_to_install(monkeypatch, tmp_path):
    from transition.render import pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    with pytest.raises(pdf.PdfError, match="apt-get install -y libreoffice-writer-nogui"):
        pdf.convert_to_pdf([tmp_path / "a.docx"], tmp_path)


def _read(data: bytes) -> dict:
    d = docx.Document(io.BytesIO(data))
    sec = d.sections[0]
    return {
        "paragraphs": [p.text for p in d.paragraphs],
        "tables": [[[c.text for c in r.cells] for r in t.rows] for t in d.tables],
        "margins": (sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin),
        "header": [p.text for p in sec.header.paragraphs],
        "first_page": sec.different_first_page_header_footer,
        "font": d.styles["Normal"].font.size,
    }


def test_fast_path_reads_back_like_the_full_docxtpl_path(monkeypatch):
    from transition.render import docx as module

    fast = render_docx("bao_cao", report_context())
    monkeypatch.setattr(module, "prepared", lambda *a, **k: None)  # noqa: ARG005
    full = render_docx("bao_cao", report_context())
    assert _read(fast) == _read(full)


def test_an_image_goes_through_the_full_path():
    import base64

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    ctx = report_context()
    ctx["sections"][0]["image"] = {"image_png": png, "width_mm": 40}
    ctx["sections"][0]["caption"] = "Hình 1. Bản đồ"
    d = docx.Document(io.BytesIO(render_docx("bao_cao", ctx)))
    assert len(d.inline_shapes) == 1
    assert "Hình 1. Bản đồ" in [p.text for p in d.paragraphs]

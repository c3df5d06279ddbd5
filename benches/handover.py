"""Handover documents (benchmark tasks of benches/run.py).

* handover_quang_ninh, handover_thanh_hoa: a province imported from the 2025 crosswalk with generated
  registers (not timed), then the reassignment, every document built (minutes, joint minutes,
  summaries, annexes) and written as DOCX + XLSX (timed), with documents per second. Target: Thanh
  Hóa (547 old -> 166 new) in under 30 s on the 2-core machine.
* annex_5000: a 5,000-row annex rendered into a DOCX (render_docx) and an XLSX, against the same
  table through docxtpl's own row loop ({%tr for %}) in the same run. Target: under 2 s.
* pdf_quang_ninh: Quảng Ninh's minutes converted to PDF by LibreOffice (two workers, a profile each).
"""

from __future__ import annotations

import io
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QN = ROOT.parent / "shared" / "data" / "quang-ninh"


def _workspace(province: str, tmp: Path) -> Path:
    from transition import actions

    out = tmp / "ws"
    polygons = QN / "new_units_2025.geojson" if province == "Quảng Ninh" else None
    kwargs = {"new_units": str(polygons)} if polygons and polygons.exists() else {}
    actions.import_vn2025(out, [province], **kwargs)
    actions.generate_workspace_registers(out, seed=2025)
    return out


def handover_province(name: str, province: str, keep: Path | None = None) -> dict:
    from transition.actions.handover import handover_workspace

    tmp = Path(tempfile.mkdtemp(prefix="transition-bench-"))
    ws = _workspace(province, tmp)
    stages: dict[str, float] = {}
    last = [time.perf_counter()]

    def progress(text: str) -> None:
        now = time.perf_counter()
        stages[text.split(" ")[0] if "/" in text else text] = now
        last[0] = now

    t = time.perf_counter()
    result = handover_workspace(ws, progress=progress)
    elapsed = time.perf_counter() - t
    data = result.to_dict()
    n = len(data["documents"])
    marks = sorted(stages.items(), key=lambda kv: kv[1])
    steps = {}
    prev = t
    for label, at in marks:
        steps[label] = round(at - prev, 2)
        prev = at
    xlsx = sum(1 for d in data["documents"] if d["xlsx"])
    if keep is not None:
        shutil.copytree(ws, keep, dirs_exist_ok=True)
    shutil.rmtree(tmp, ignore_errors=True)
    return {
        "name": name,
        "ours_s": round(elapsed, 2),
        "peer": "",
        "peer_s": None,
        "ratio": None,
        "detail": {
            "documents": n,
            "xlsx": xlsx,
            "per_second": round((n + xlsx) / elapsed, 1),
            "kinds": {k: v for k, v in data["totals"].items() if "minute" in k or "summary" in k},
            "items": {k: data["totals"][k] for k in ("staff", "assets", "dossiers", "records")},
            "stage_s (time before each stage began)": steps,
            "target_s": 30 if "thanh" in name else None,
        },
    }


def _docxtpl_rows_template(path: Path) -> None:
    """A docxtpl template whose table rows come from its own {%tr for %} loop (the usual way)."""
    from docx import Document

    doc = Document()
    table = doc.add_table(rows=3, cols=3)
    table.rows[0].cells[0].text = "{%tr for r in rows %}"
    for k in range(3):
        table.rows[1].cells[k].text = "{{ r[" + str(k) + "] }}"
    table.rows[2].cells[0].text = "{%tr endfor %}"
    doc.save(str(path))


def annex_5000() -> dict:
    import jinja2
    from docxtpl import DocxTemplate

    from transition.render.docx import render_docx
    from transition.render.xlsx import annex_workbook

    rows = [
        [str(i), f"Nguyễn Văn {i} & <Hạ Long>", f"{i * 1000:,}".replace(",", ".")]
        for i in range(1, 5001)
    ]
    table = {
        "columns": ["STT", "Tên", "Giá trị (đồng)"],
        "rows": rows,
        "totals": ["5000", "Tổng", ""],
    }
    ctx = {
        "issuing_body": "SỞ NỘI VỤ",
        "number": "01/BC-SNV",
        "place_date": "Hạ Long, ngày 01 tháng 7 năm 2025",
        "doc_type": "BÁO CÁO",
        "summary": "Phụ lục 5.000 dòng",
        "sections": [{"heading": "Phụ lục", "table": table}],
        "signer": {"authority": "GIÁM ĐỐC", "title": "", "name": "A"},
    }
    render_docx("bao_cao", ctx)  # warm: the template compiled once per process
    t = time.perf_counter()
    data = render_docx("bao_cao", ctx)
    docx_s = time.perf_counter() - t
    t = time.perf_counter()
    annex_workbook([table | {"title": "Phụ lục"}])
    xlsx_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.docx"
        _docxtpl_rows_template(path)
        t = time.perf_counter()
        tpl = DocxTemplate(str(path))
        tpl.render({"rows": rows}, jinja_env=jinja2.Environment(autoescape=True), autoescape=True)
        tpl.save(io.BytesIO())
        peer_s = time.perf_counter() - t
    return {
        "name": "annex_5000",
        "ours_s": round(docx_s + xlsx_s, 3),
        "peer": "docxtpl {%tr for %} rows (DOCX only)",
        "peer_s": round(peer_s, 3),
        "ratio": round(peer_s / docx_s, 1),
        "detail": {
            "docx_s": round(docx_s, 3),
            "xlsx_s": round(xlsx_s, 3),
            "docx_bytes": len(data),
            "target_s": 2,
        },
    }


def pdf_quang_ninh() -> dict:
    from transition.render.pdf import convert_to_pdf, soffice_path

    if soffice_path() is None:
        return {"name": "pdf_quang_ninh", "ours_s": None, "peer": "", "peer_s": None, "ratio": None,
                "detail": {"skipped": "LibreOffice not installed"}}  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        keep = Path(tmp) / "qn"
        handover_province("handover_quang_ninh", "Quảng Ninh", keep=keep)
        files = sorted((keep / "documents" / "bien-ban").glob("*.docx"))
        t = time.perf_counter()
        pdfs = convert_to_pdf(files, Path(tmp) / "pdf", timeout=3600, workers=2)
        elapsed = time.perf_counter() - t
    return {
        "name": "pdf_quang_ninh",
        "ours_s": round(elapsed, 1),
        "peer": "",
        "peer_s": None,
        "ratio": None,
        "detail": {"minutes": len(pdfs), "per_second": round(len(pdfs) / elapsed, 2), "workers": 2},
    }


def task() -> list[dict]:
    return [
        annex_5000(),
        handover_province("handover_quang_ninh", "Quảng Ninh"),
        handover_province("handover_thanh_hoa", "Thanh Hóa"),
        pdf_quang_ninh(),
    ]

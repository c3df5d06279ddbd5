"""Build the .docx templates of ``templates/docx/`` with python-docx, from the layout profile.

The templates are committed; this module makes them reproducible and shows what each holds. Run
``python -m transition.render.docx_build`` (``make templates``) after changing it. A department edits
its own copy in Word (``WORKSPACE/templates/docx/<name>.docx``); every jinja tag sits in one run, so
Word keeps it whole as long as the tag is typed in one go (``transition handover check-templates``
finds a tag that Word split).

Layout: Decree 30/2020/NĐ-CP, Annex I (see ``mappings/document_layout.toml``).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from ..io.zips import fixed_zip
from ..profiles.documents import DocumentLayout, document_layout
from ..resources import TEMPLATES_DIR

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT


def set_run_font(run, name: str, size: float | None = None) -> None:
    """Set a run's font on every script slot (Latin, East Asian, complex), so no slot falls back."""
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)
    if size is not None:
        run.font.size = Pt(size)


def _base_document(layout: DocumentLayout):
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(layout.page.width_mm), Mm(layout.page.height_mm)
    sec.left_margin, sec.right_margin = (
        Mm(layout.page.margin_left_mm),
        Mm(layout.page.margin_right_mm),
    )
    sec.top_margin, sec.bottom_margin = (
        Mm(layout.page.margin_top_mm),
        Mm(layout.page.margin_bottom_mm),
    )
    sec.header_distance = Mm(layout.page.header_distance_mm)
    sec.footer_distance = Mm(layout.page.footer_distance_mm)
    normal = doc.styles["Normal"]
    normal.font.name = layout.font.name
    normal.font.size = Pt(layout.font.body_pt)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), layout.font.name)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing = 1.0
    _page_number_header(doc, layout)
    # python-docx starts with an empty paragraph; the content follows it, so remove it at the end
    return doc


def _page_number_header(doc, layout: DocumentLayout) -> None:
    """Page numbers centred in the top margin from page 2: a different first page, PAGE elsewhere."""
    sec = doc.sections[0]
    sec.different_first_page_header_footer = True
    p = sec.header.paragraphs[0]
    p.alignment = CENTER
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "2"),
        ("end", None),
    ):
        run = p.add_run()
        set_run_font(run, layout.font.name, layout.font.page_number_pt)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._element.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            run.text = text
    sec.first_page_header.paragraphs[0].text = ""


def para(
    container,
    text: str = "",
    *,
    layout: DocumentLayout,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    align=None,
    indent: bool = False,
    after: float = 0,
    keep_next: bool = False,
    page_break: bool = False,
):
    """Add one paragraph holding ``text`` in ONE run (so a jinja tag is never split)."""
    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    fmt = p.paragraph_format
    fmt.space_after = Pt(after)
    if indent:
        fmt.first_line_indent = Cm(layout.paragraph.first_line_indent_cm)
    if keep_next:
        fmt.keep_with_next = True
    if page_break:
        fmt.page_break_before = True
    if text:
        run = p.add_run(text)
        set_run_font(run, layout.font.name, size or layout.font.body_pt)
        run.bold, run.italic = bold or None, italic or None
    return p


def rule_under(p, indent_twips: int) -> None:
    """A short solid line under a paragraph: its bottom border, narrowed by equal indents."""
    ppr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    border.append(bottom)
    ppr.insert(0, border)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(max(0, indent_twips)))
    ind.set(qn("w:right"), str(max(0, indent_twips)))
    ppr.append(ind)


def _tiny(p) -> None:
    """A paragraph only as tall as its line: 2 pt, so a rule drawn as its border sits under the text."""
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    p._p.get_or_add_pPr().append(mark)
    p.paragraph_format.line_spacing = Pt(2)


def fix_table(table, widths_twips: list[int], borders: bool) -> None:
    """Fixed layout, the grid (LibreOffice) and each cell's width (Word) set from ``widths_twips``."""
    tbl = table._tbl
    tblpr = tbl.tblPr
    layout_el = OxmlElement("w:tblLayout")
    layout_el.set(qn("w:type"), "fixed")
    tblpr.append(layout_el)
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:w"), str(sum(widths_twips)))
    tblw.set(qn("w:type"), "dxa")
    if not borders:
        style = tblpr.find(qn("w:tblStyle"))
        if style is not None:
            tblpr.remove(style)
        b = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            e = OxmlElement(f"w:{side}")
            e.set(qn("w:val"), "nil")
            b.append(e)
        tblpr.append(b)
    grid = tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_twips, strict=True):
        col.set(qn("w:w"), str(w))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_twips, strict=True):
            tcpr = cell._tc.get_or_add_tcPr()
            tcw = tcpr.find(qn("w:tcW"))
            if tcw is None:
                tcw = OxmlElement("w:tcW")
                tcpr.insert(0, tcw)
            tcw.set(qn("w:w"), str(w))
            tcw.set(qn("w:type"), "dxa")


def header_table(doc, layout: DocumentLayout, kind_symbol: str) -> None:
    """The two-column header of Decree 30: bodies and number left; title, motto, place-date right."""
    ht, f = layout.header_table, layout.font
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fix_table(table, [ht.left_twips, ht.right_twips], borders=False)
    left, right = table.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    kw: dict[str, Any] = {"layout": layout, "align": CENTER}
    para(left, "{%p if governing_body %}", **kw)
    para(left, "{{ governing_body }}", size=f.governing_body_pt, **kw)
    para(left, "{%p endif %}", **kw)
    para(left, "{{ issuing_body }}", size=f.issuing_body_pt, bold=True, **kw)
    rule = para(
        left, "", **kw
    )  # the short line: its own paragraph, so the body's text keeps the width
    _tiny(rule)
    rule_under(rule, round(ht.left_twips * (1 - ht.issuing_rule_fraction) / 2) - 100)
    para(left, "", **kw)
    para(left, "Số: {{ number }}", size=f.number_pt, **kw)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=f.national_title_pt, bold=True, **kw)
    para(right, "Độc lập - Tự do - Hạnh phúc", size=f.motto_pt, bold=True, **kw)
    rule = para(right, "", **kw)
    _tiny(rule)
    rule_under(rule, round((ht.right_twips - ht.motto_rule_mm * 56.7) / 2) - 100)
    para(right, "", **kw)
    para(right, "{{ place_date }}", size=f.place_date_pt, italic=True, **kw)
    del kind_symbol  # the symbol is part of {{ number }}


def title_block(doc, layout: DocumentLayout) -> None:
    f = layout.font
    para(doc, "", layout=layout)
    para(doc, "{{ doc_type }}", layout=layout, size=f.doc_type_pt, bold=True, align=CENTER)
    s = para(
        doc, "{{ summary }}", layout=layout, size=f.summary_pt, bold=True, align=CENTER, after=12
    )
    del s
    para(doc, "{%p for b in bases %}", layout=layout)
    para(doc, "{{ b }}", layout=layout, italic=True, align=JUSTIFY, indent=True, after=3)
    para(doc, "{%p endfor %}", layout=layout)


def body_paragraphs(doc, layout: DocumentLayout, loop: str) -> None:
    """``{%p for t in <loop> %}`` justified, indented paragraphs with the profile's spacing."""
    after = layout.paragraph.space_after_pt
    para(doc, f"{{%p for t in {loop} %}}", layout=layout)
    p = para(doc, "{{ t }}", layout=layout, align=JUSTIFY, indent=True, after=after)
    p.paragraph_format.line_spacing = layout.paragraph.line_spacing
    para(doc, "{%p endfor %}", layout=layout)


KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "Footer"}
KEEP_STYLES |= {"HeaderChar", "FooterChar", "TableGrid"}


def _slim(doc) -> None:
    """Drop what python-docx's default package carries and no document uses: 790 kB of latent and
    unused styles (styles.xml, stylesWithEffects.xml), a thumbnail and customXml. Every rendered
    document is zipped twice; this made a minute's rendering about twice as fast."""
    styles = doc.styles.element
    for el in list(styles):
        unused = el.tag == qn("w:style") and el.get(qn("w:styleId")) not in KEEP_STYLES
        if unused or el.tag == qn("w:latentStyles"):
            styles.remove(el)
    for owner in (doc.part, doc.part.package):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype.endswith(("stylesWithEffects", "thumbnail", "customXml")):
                owner.rels.pop(rid)


def _finish(doc) -> bytes:
    _slim(doc)
    body = doc.element.body
    first = body.find(qn("w:p"))
    if first is not None and not first.xpath("string(.)"):
        body.remove(first)
    core = doc.core_properties
    core.author, core.last_modified_by, core.revision = "transition", "transition", 1
    from ..io.atomic import FIXED_TIME

    core.created = core.modified = FIXED_TIME
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_zip(buf.getvalue())


def build_all(layout: DocumentLayout | None = None) -> dict[str, bytes]:
    """Every template's bytes by file name (``bao_cao.docx``, ``bien_ban.docx``)."""
    from .docx_build_forms import bao_cao, bien_ban

    layout = layout or document_layout()
    return {"bao_cao.docx": _finish(bao_cao(layout)), "bien_ban.docx": _finish(bien_ban(layout))}


def main(out_dir: Path | None = None) -> list[Path]:
    """Write the templates into ``templates/docx/`` (or ``out_dir``)."""
    out = Path(out_dir or TEMPLATES_DIR / "docx")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in build_all().items():
        (out / name).write_bytes(data)
        written.append(out / name)
    return written


if __name__ == "__main__":  # pragma: no cover
    for path in main():
        print(path)

"""The two forms built by :mod:`.docx_build`: ``bao_cao`` (a report, báo cáo) and ``bien_ban`` (a
minute, form 1.9 of Annex III of Decree 30/2020/NĐ-CP, with the two sides of a handover and annexes).

The context keys each form reads are documented in :mod:`transition.render.docx`.
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT

from ..profiles.documents import DocumentLayout
from .docx_build import (
    CENTER,
    JUSTIFY,
    LEFT,
    _base_document,
    body_paragraphs,
    fix_table,
    header_table,
    para,
    title_block,
)


def _cell_clear(cell) -> None:
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)


def _sections(doc, layout: DocumentLayout) -> None:
    """Headed sections: heading, paragraphs, an optional table and an optional image with caption."""
    para(doc, "{%p for s in sections %}", layout=layout)
    para(doc, "{%p if s.heading %}", layout=layout)
    para(doc, "{{ s.heading }}", layout=layout, bold=True, align=JUSTIFY, after=6, keep_next=True)
    para(doc, "{%p endif %}", layout=layout)
    body_paragraphs(doc, layout, "s.paragraphs")
    para(doc, "{%p if s.table %}", layout=layout)
    para(doc, "{{p s.table }}", layout=layout)
    para(doc, "{%p endif %}", layout=layout)
    para(doc, "{%p if s.image %}", layout=layout)
    para(doc, "{{ s.image }}", layout=layout, align=CENTER)
    para(doc, "{{ s.caption }}", layout=layout, italic=True, align=CENTER, after=6)
    para(doc, "{%p endif %}", layout=layout)
    para(doc, "{%p endfor %}", layout=layout)


def bao_cao(layout: DocumentLayout):
    """A report of the Department of Home Affairs: header, title, bases, sections, signature."""
    doc = _base_document(layout)
    header_table(doc, layout, "BC")
    title_block(doc, layout)
    body_paragraphs(doc, layout, "paragraphs")
    _sections(doc, layout)
    para(doc, "", layout=layout)
    f, ht = layout.font, layout.header_table
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fix_table(table, [ht.left_twips, ht.right_twips], borders=False)
    left, right = table.rows[0].cells
    _cell_clear(left)
    _cell_clear(right)
    para(
        left,
        "Nơi nhận:",
        layout=layout,
        size=f.recipients_label_pt,
        bold=True,
        italic=True,
        align=LEFT,
    )
    para(left, "{%p for r in recipients %}", layout=layout)
    para(left, "{{ r }}", layout=layout, size=f.recipients_pt, align=LEFT)
    para(left, "{%p endfor %}", layout=layout)
    kw: dict[str, Any] = {"layout": layout, "size": f.signer_pt, "bold": True, "align": CENTER}
    para(right, "{{ signer.authority }}", **kw)
    para(right, "{{ signer.title }}", **kw)
    for _ in range(4):
        para(right, "", layout=layout)
    para(right, "{{ signer.name }}", **kw)
    return doc


def _cant_split():
    from docx.oxml import OxmlElement

    return OxmlElement("w:cantSplit")


def _signature_rows(doc, layout: DocumentLayout) -> None:
    """Signature blocks two by two: ``{%tr for row in signature_rows %}`` with ``row.left`` and
    ``row.right`` (label, position, name; empty strings for an empty side)."""
    f, ht = layout.font, layout.header_table
    table = doc.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    half = (ht.left_twips + ht.right_twips) // 2
    fix_table(table, [half, half], borders=False)
    first, body, last = table.rows
    body._tr.get_or_add_trPr().append(_cant_split())
    first.cells[0].paragraphs[0].add_run("{%tr for row in signature_rows %}")
    last.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    for cell, side in zip(body.cells, ("left", "right"), strict=True):
        _cell_clear(cell)
        kw: dict[str, Any] = {"layout": layout, "size": f.signer_pt, "align": CENTER}
        para(cell, f"{{{{ row.{side}.label }}}}", bold=True, **kw)
        para(cell, f"{{{{ row.{side}.position }}}}", **kw)
        para(cell, f"{{{{ row.{side}.hint }}}}", italic=True, **kw)
        for _ in range(4):
            para(cell, "", layout=layout)
        para(cell, f"{{{{ row.{side}.name }}}}", bold=True, after=12, **kw)


def bien_ban(layout: DocumentLayout):
    """A handover minute (form 1.9): header, title, bases, the sides, content groups, items in
    review, copies, signature blocks, then each annex on a new page."""
    doc = _base_document(layout)
    header_table(doc, layout, "BB")
    title_block(doc, layout)
    body_paragraphs(doc, layout, "intro")
    para(doc, "{%p for side in sides %}", layout=layout)
    para(doc, "{{ side.label }}", layout=layout, bold=True, align=JUSTIFY, indent=True, after=3)
    body_paragraphs(doc, layout, "side.people")
    para(doc, "{%p endfor %}", layout=layout)
    body_paragraphs(doc, layout, "agreement")
    para(doc, "{%p for g in groups %}", layout=layout)
    para(
        doc,
        "{{ g.heading }}",
        layout=layout,
        bold=True,
        align=JUSTIFY,
        indent=True,
        after=3,
        keep_next=True,
    )
    body_paragraphs(doc, layout, "g.paragraphs")
    para(doc, "{%p endfor %}", layout=layout)
    para(doc, "{%p if review_table %}", layout=layout)
    para(doc, "{{ review_heading }}", layout=layout, bold=True, align=JUSTIFY, indent=True, after=3)
    para(doc, "{{p review_table }}", layout=layout)
    para(doc, "{%p endif %}", layout=layout)
    body_paragraphs(doc, layout, "closing")
    _signature_rows(doc, layout)
    f = layout.font
    para(doc, "{%p for a in annexes %}", layout=layout)
    para(
        doc,
        "{{ a.label }}",
        layout=layout,
        size=f.annex_label_pt,
        bold=True,
        align=CENTER,
        page_break=True,
    )
    para(doc, "{{ a.title }}", layout=layout, size=f.annex_label_pt, bold=True, align=CENTER)
    para(doc, "{{ a.subtitle }}", layout=layout, italic=True, align=CENTER, after=6)
    para(doc, "{{p a.table }}", layout=layout)
    para(doc, "{%p for t in a.notes %}", layout=layout)
    para(doc, "{{ t }}", layout=layout, align=JUSTIFY, indent=True, after=3)
    para(doc, "{%p endfor %}", layout=layout)
    para(doc, "{%p endfor %}", layout=layout)
    return doc

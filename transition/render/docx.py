"""DOCX documents from the templates of ``templates/docx/`` (docxtpl), in the layout of Decree
30/2020/NĐ-CP (``mappings/document_layout.toml``), byte for byte reproducible.

``render_docx(name, context)`` renders ``templates/docx/<name>.docx`` (a workspace's own copy in
``WORKSPACE/templates/docx/`` wins) with jinja autoescape ALWAYS on (docxtpl's default would let a
name with ``&`` or ``<`` break the XML and silently drop the rest of the text) and StrictUndefined (a
missing key is an error, not an empty line). Every string is NFC. Then the layout profile is applied
(page size, margins, header distance, the body font on every script slot, the header table's widths
in both the grid and the cells with a fixed layout) and the zip is written with fixed times.

Values in ``context`` are plain data. Two shapes are special, anywhere in the context:

- a table: ``{"columns": [str, ...], "rows": [[cell, ...], ...], "widths": [weights] (optional),
  "align": ["left"|"center"|"right", ...] (optional), "totals": [cell, ...] (optional, bold last
  row), "numbered": bool (optional, a "(1) (2) ..." row under the header)``: written as a bordered,
  fixed-layout table spanning the text width, header row repeated on every page. Place it with a
  paragraph holding only ``{{p key }}``.
- an image: ``{"image_path": str}`` or ``{"image_png": bytes}``, with ``"width_mm"`` (default 150):
  placed inline with ``{{ key }}``.

Context of ``bao_cao`` (a report, báo cáo), every key required unless a default is given:
``governing_body`` ("" for none; e.g. "UBND TỈNH QUẢNG NINH"), ``issuing_body`` ("SỞ NỘI VỤ"),
``number`` ("12/BC-SNV"), ``place_date`` ("Hạ Long, ngày 05 tháng 6 năm 2025"), ``doc_type``
("BÁO CÁO"), ``summary`` (trích yếu), ``bases`` (list of "Căn cứ ...;" lines, default []),
``paragraphs`` (list of str, default []), ``sections`` (list of {``heading``, ``paragraphs``,
``table`` (a table or None), ``image`` (an image or None), ``caption``}; missing keys default to
empty), ``recipients`` (list, e.g. ["- UBND tỉnh;", "- Lưu: VT, XDCQ."]), ``signer``
({``authority``: "KT. GIÁM ĐỐC", ``title``: "PHÓ GIÁM ĐỐC", ``name``}).

Context of ``bien_ban`` (a minute, biên bản): the header keys above, ``doc_type`` ("BIÊN BẢN"),
``summary``, ``bases``, ``intro`` (list of str), ``sides`` (list of {``label``, ``people``: [str]}),
``agreement`` (list of str), ``groups`` (list of {``heading``, ``paragraphs``}), ``review_heading``,
``review_table`` (a table or None), ``closing`` (list of str), ``signature_rows`` (list of
{``left``, ``right``}, each {``label``, ``position``, ``hint``, ``name``}), ``annexes`` (list of
{``label``, ``title``, ``subtitle``, ``table``, ``notes``: [str]}).
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate, InlineImage

from ..errors import TransitionError
from ..io.atomic import FIXED_TIME
from ..io.zips import fixed_zip
from ..profiles.documents import DocumentLayout, document_layout
from ..resources import template_path
from .docx_fast import has_image, prepared, render_fast

DEFAULTS: dict[str, dict[str, Any]] = {
    "bao_cao": {
        "governing_body": "",
        "bases": [],
        "paragraphs": [],
        "sections": [],
        "recipients": [],
    },
    "bien_ban": {"governing_body": "", "bases": [], "intro": [], "agreement": [], "closing": []},
}
SECTION_DEFAULTS: dict[str, Any] = {
    "heading": "",
    "paragraphs": [],
    "table": None,
    "image": None,
    "caption": "",
}
_MARK = "TRANSITION-TABLE-"
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class TemplateError(TransitionError):
    """A .docx template is missing, or does not render with the context given."""


def docx_template_path(name: str, workspace: str | Path | None = None) -> Path:
    """``templates/docx/<name>.docx``; the workspace's own copy wins. Raises :class:`TemplateError`."""
    file = name if name.endswith(".docx") else f"{name}.docx"
    path = template_path(f"docx/{file}", workspace)
    if not path.exists():
        raise TemplateError(f"{path}: template not found (templates/docx/ holds bao_cao, bien_ban)")
    return path


@lru_cache(maxsize=1)
def jinja_env() -> jinja2.Environment:
    """The environment every .docx template renders in: autoescape on, StrictUndefined."""
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


class RawXml:
    """WordprocessingML that jinja inserts as it is (it has ``__html__``), e.g. a placeholder."""

    def __init__(self, xml: str) -> None:
        self.xml = xml

    def __html__(self) -> str:
        return self.xml

    def __str__(self) -> str:
        return self.xml

    def __bool__(self) -> bool:
        return bool(self.xml)


def clean_text(value: Any) -> str:
    """NFC text without the control characters XML cannot hold."""
    text = value if isinstance(value, str) else str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return _BAD_XML.sub("", text) if _BAD_XML.search(text) else text


def _esc(value: Any) -> str:
    text = clean_text("" if value is None else value)
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _cell_parts(width: int, align: str, size: int, bold: bool) -> tuple[str, str]:
    b = "<w:b/><w:bCs/>" if bold else ""
    head = (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>'
        f'<w:ind w:firstLine="0"/><w:jc w:val="{align}"/></w:pPr>'
        f'<w:r><w:rPr>{b}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr><w:t xml:space="preserve">'
    )
    return head, "</w:t></w:r></w:p></w:tc>"


def _row(values, parts) -> str:
    out = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>"]
    for v, (head, tail) in zip(values, parts, strict=True):
        text = _esc(v)
        if "\n" in text:
            text = text.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
        out += (head, text, tail)
    out.append("</w:tr>")
    return "".join(out)


def table_xml(table: dict[str, Any], layout: DocumentLayout) -> str:
    """A bordered, fixed-layout table over the text width (see the module doc for ``table``)."""
    columns = list(table["columns"])
    n = len(columns)
    weights = list(table.get("widths") or [1] * n)
    total_w = layout.text_width_twips
    widths = [int(total_w * w / sum(weights)) for w in weights]
    widths[-1] += total_w - sum(widths)
    align = [
        {"left": "left", "center": "center", "right": "right"}[a]
        for a in table.get("align") or ["left"] * n
    ]
    size = round(layout.font.table_pt * 2)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    border = "".join(
        f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{total_w}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    ]
    head = [_cell_parts(w, "center", size, True) for w in widths]
    plain = [_cell_parts(w, a, size, False) for w, a in zip(widths, align, strict=True)]
    bold = [_cell_parts(w, a, size, True) for w, a in zip(widths, align, strict=True)]
    header_pr = "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
    out.append(_row(columns, head).replace("<w:trPr><w:cantSplit/></w:trPr>", header_pr, 1))
    if table.get("numbered"):
        numbers = [f"({i + 1})" for i in range(n)]
        centred = [_cell_parts(w, "center", size, False) for w in widths]
        out.append(_row(numbers, centred).replace("<w:trPr><w:cantSplit/></w:trPr>", header_pr, 1))
    out.extend(_row(r, plain) for r in table["rows"])
    if table.get("totals"):
        out.append(_row(table["totals"], bold))
    out.append("</w:tbl>")
    return "".join(out)


def _prepare(
    value: Any, tpl: DocxTemplate | None, layout: DocumentLayout, tables: list[str]
) -> Any:
    """NFC strings; images to docxtpl ``InlineImage``; tables to a placeholder paragraph whose
    table (kept in ``tables``) is spliced into the saved XML: docxtpl's passes over the rendered XML
    and python-docx's parse and serialisation take seconds on a 5,000-row table, which needs none."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        if "columns" in value and "rows" in value:
            tables.append(table_xml(value, layout))
            return RawXml(f"<w:p><w:r><w:t>{_MARK}{len(tables) - 1}</w:t></w:r></w:p>")
        if "image_path" in value or "image_png" in value:
            source = value.get("image_path") or io.BytesIO(value["image_png"])
            return InlineImage(tpl, source, width=Mm(value.get("width_mm", 150)))
        return {k: _prepare(v, tpl, layout, tables) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_prepare(v, tpl, layout, tables) for v in value]
    return value


def _splice_tables(tables: list[str]) -> Callable[[str, bytes], bytes]:
    """A zip transform putting each table in place of its placeholder paragraph in the body XML."""

    def transform(name: str, data: bytes) -> bytes:
        if name != "word/document.xml" or not tables:
            return data
        parts = re.split(rb"<w:p><w:r><w:t>" + _MARK.encode() + rb"(\d+)</w:t></w:r></w:p>", data)
        if len(parts) != 2 * len(tables) + 1:
            raise TemplateError(
                f"{len(tables)} tables given, {(len(parts) - 1) // 2} placed: a table must be alone in "
                "a paragraph holding only {{p key }}"
            )
        out = parts[0::2]
        for i, index in enumerate(parts[1::2]):
            out.insert(2 * i + 1, tables[int(index)].encode())
        return b"".join(out)

    return transform


def _with_defaults(name: str, context: dict[str, Any]) -> dict[str, Any]:
    stem = Path(name).stem
    ctx = dict(DEFAULTS.get(stem, {})) | dict(context)
    if stem == "bao_cao":
        ctx["sections"] = [SECTION_DEFAULTS | dict(s) for s in ctx["sections"]]
    return ctx


def apply_layout(document, layout: DocumentLayout) -> None:
    """Page, margins, body font and the header table's widths (grid and cells, fixed layout)."""
    page = layout.page
    for sec in document.sections:
        sec.page_width, sec.page_height = Mm(page.width_mm), Mm(page.height_mm)
        sec.left_margin, sec.right_margin = Mm(page.margin_left_mm), Mm(page.margin_right_mm)
        sec.top_margin, sec.bottom_margin = Mm(page.margin_top_mm), Mm(page.margin_bottom_mm)
        sec.header_distance, sec.footer_distance = (
            Mm(page.header_distance_mm),
            Mm(page.footer_distance_mm),
        )
    normal = document.styles["Normal"]
    normal.font.size = Pt(layout.font.body_pt)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), layout.font.name)
    tables = document.tables
    if tables:
        widths = [layout.header_table.left_twips, layout.header_table.right_twips]
        grid = tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))
        if len(grid) == 2:
            for col, w in zip(grid, widths, strict=True):
                col.set(qn("w:w"), str(w))
            for row in tables[0].rows:
                for cell, w in zip(row.cells, widths, strict=True):
                    cell.width = w * 635  # twips -> EMU


_COMPILED: dict[tuple, tuple[jinja2.Template, str]] = {}


class _Template(DocxTemplate):
    """A DocxTemplate that patches and compiles each part of a template once per process (keyed by
    the file, its modification time and the part): docxtpl redoes both on every render, which cost
    about 100 ms a document, more than the rendering itself."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self._key = (str(path), path.stat().st_mtime_ns)

    def _compiled(self, name: str, xml_of: Callable[[], str], env: jinja2.Environment):
        key = (*self._key, name)
        if key not in _COMPILED:
            xml = xml_of()
            encoding = self.get_headers_footers_encoding(xml)
            src = re.sub(r"<w:p([ >])", r"\n<w:p\1", self.patch_xml(xml))
            _COMPILED[key] = (env.from_string(src), encoding)
        return _COMPILED[key]

    def _render_part(self, template: jinja2.Template, part: Any, context: dict) -> str:
        self.current_rendering_part = part
        dst = re.sub(r"\n<w:p([ >])", r"<w:p\1", template.render(context))
        dst = (
            dst.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        )
        return self.resolve_listing(dst)

    def build_xml(self, context, jinja_env=None):
        template, _ = self._compiled("body", self.get_xml, jinja_env or jinja_env_())
        return self._render_part(template, self.docx._part, context)

    def build_headers_footers_xml(self, context, uri, jinja_env=None):
        for rel_key, part in self.get_headers_footers(uri):
            template, encoding = self._compiled(
                str(part.partname),
                functools.partial(self.get_part_xml, part),
                jinja_env or jinja_env_(),
            )
            yield rel_key, self._render_part(template, part, context).encode(encoding)


def jinja_env_() -> jinja2.Environment:
    return jinja_env()


def render_docx(
    template_name: str,
    context: dict[str, Any],
    workspace: str | Path | None = None,
    layout: DocumentLayout | None = None,
) -> bytes:
    """Render ``templates/docx/<template_name>.docx`` with ``context``; the .docx bytes.

    Same template, context and layout give the same bytes. Raises :class:`TemplateError` naming the
    template and the missing key when the context lacks one the template uses.
    """
    path = docx_template_path(template_name, workspace)
    layout = layout or document_layout(workspace)
    context = _with_defaults(template_name, context)
    tables: list[str] = []
    try:
        fast = None if has_image(context) else prepared(path, layout, jinja_env(), apply_layout)
        if fast is not None:
            ctx = _prepare(context, None, layout, tables)
            return render_fast(fast, ctx, _splice_tables(tables))
        tpl = _Template(path)
        ctx = _prepare(context, tpl, layout, tables)
        tpl.render(ctx, jinja_env=jinja_env(), autoescape=True)
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"{path}: {exc}; give that key in the context") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{path}: the template has a broken tag ({exc.message}); run "
            "'transition handover check-templates' to find it"
        ) from None
    apply_layout(tpl.docx, layout)
    core = tpl.docx.core_properties
    core.created = core.modified = FIXED_TIME
    core.last_modified_by = "transition"
    buf = io.BytesIO()
    tpl.save(buf)
    return fixed_zip(buf.getvalue(), _splice_tables(tables))

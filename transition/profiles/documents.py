"""Typed model of ``mappings/document_layout.toml``: the Decree 30/2020/NĐ-CP layout of documents.

Values are in the units their names say (mm, pt, cm, twips; 1 mm = 56.7 twips). Loading goes through
:func:`transition.profiles.load_profile`: a workspace's own copy wins, an unknown key is an error.
"""

from __future__ import annotations

from pydantic import Field

from .base import Profile, load_profile


class Page(Profile):
    """Page size and margins in mm (Decree 30/2020, Annex I, section II.2: A4; top and bottom 20-25,
    left 30-35, right 15-20)."""

    width_mm: float = Field(gt=0)
    height_mm: float = Field(gt=0)
    margin_left_mm: float = Field(ge=30, le=35)
    margin_right_mm: float = Field(ge=15, le=20)
    margin_top_mm: float = Field(ge=20, le=25)
    margin_bottom_mm: float = Field(ge=20, le=25)
    header_distance_mm: float = Field(ge=0)
    footer_distance_mm: float = Field(ge=0)


class Font(Profile):
    """Font family and the size in pt of each element (Annex I, the table of elements)."""

    name: str
    body_pt: float = Field(ge=13, le=14)
    national_title_pt: float = Field(ge=12, le=13)
    motto_pt: float = Field(ge=13, le=14)
    governing_body_pt: float = Field(ge=12, le=13)
    issuing_body_pt: float = Field(ge=12, le=13)
    number_pt: float = Field(gt=0)
    place_date_pt: float = Field(ge=13, le=14)
    doc_type_pt: float = Field(ge=13, le=14)
    summary_pt: float = Field(ge=13, le=14)
    signer_pt: float = Field(ge=13, le=14)
    recipients_label_pt: float = Field(gt=0)
    recipients_pt: float = Field(gt=0)
    annex_label_pt: float = Field(gt=0)
    table_pt: float = Field(gt=0)
    page_number_pt: float = Field(ge=13, le=14)


class Paragraph(Profile):
    """Body paragraphs: first-line indent (cm), space after (pt, at least 6), line spacing (1-1.5)."""

    first_line_indent_cm: float = Field(ge=0)
    space_after_pt: float = Field(ge=6)
    line_spacing: float = Field(ge=1, le=1.5)


class HeaderTable(Profile):
    """Column widths of the two-column header table in twips, and the lengths of its short rules."""

    left_twips: int = Field(gt=0)
    right_twips: int = Field(gt=0)
    issuing_rule_fraction: float = Field(gt=0, le=1)
    motto_rule_mm: float = Field(gt=0)


class DocumentLayout(Profile):
    """``mappings/document_layout.toml``."""

    name: str
    page: Page
    font: Font
    paragraph: Paragraph
    header_table: HeaderTable

    @property
    def text_width_twips(self) -> int:
        """Width between the margins, in twips (1 mm = 1440 / 25.4 twips)."""
        mm = self.page.width_mm - self.page.margin_left_mm - self.page.margin_right_mm
        return round(mm * 1440 / 25.4)


def document_layout(workspace=None) -> DocumentLayout:
    """The layout profile (the workspace's own ``mappings/document_layout.toml`` wins)."""
    return load_profile(DocumentLayout, "document_layout.toml", workspace)

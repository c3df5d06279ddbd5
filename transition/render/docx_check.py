"""Checking a .docx template before it is used: every jinja tag whole inside one Word run (Word
splits a tag when it is edited in pieces, or spell-checked, and jinja then sees broken text), every
variable one the documents give, and a render with sample data that succeeds.

Each finding is a :class:`~transition.problems.Problem` naming the template file and the paragraph.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import jinja2
from lxml import etree

from ..problems import ERROR, Problem
from .docx import TemplateError, docx_template_path, jinja_env, render_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
OPEN = re.compile(r"\{[{%#]|[}%#]\}")

# Top-level keys each template may use (the documents give them; see transition.render.docx).
KEYS = {
    "bao_cao": {
        "governing_body", "issuing_body", "number", "place_date", "doc_type", "summary", "bases",
        "paragraphs", "sections", "recipients", "signer",
    },
    "bien_ban": {
        "governing_body", "issuing_body", "number", "place_date", "doc_type", "summary", "bases",
        "intro", "sides", "agreement", "groups", "review_heading", "review_table", "closing",
        "signature_rows", "annexes",
    },
}  # fmt: skip

_TABLE = {"columns": ["STT", "Tên"], "rows": [["1", "A & B"]], "totals": ["1", ""]}
_SIGNER = {"label": "ĐẠI DIỆN", "position": "x", "hint": "(Ký)", "name": "Nguyễn Văn A"}
SAMPLES: dict[str, dict[str, Any]] = {
    "bao_cao": {
        "governing_body": "UBND TỈNH", "issuing_body": "SỞ NỘI VỤ", "number": "01/BC-SNV",
        "place_date": "Hạ Long, ngày 01 tháng 7 năm 2025", "doc_type": "BÁO CÁO", "summary": "Tóm tắt",
        "bases": ["Căn cứ;"], "paragraphs": ["Đoạn."],
        "sections": [{"heading": "I.", "paragraphs": ["x"], "table": _TABLE, "image": None, "caption": ""}],
        "recipients": ["- Lưu: VT."], "signer": {"authority": "GIÁM ĐỐC", "title": "", "name": "A"},
    },
    "bien_ban": {
        "governing_body": "UBND HUYỆN", "issuing_body": "UBND XÃ", "number": "01/BB-BG",
        "place_date": "Hồng Hà, ngày 30 tháng 6 năm 2025", "doc_type": "BIÊN BẢN", "summary": "Bàn giao",
        "bases": ["Căn cứ;"], "intro": ["Hôm nay"], "sides": [{"label": "BÊN GIAO", "people": ["- Ông"]}],
        "agreement": ["Thống nhất"], "groups": [{"heading": "1.", "paragraphs": ["x"]}],
        "review_heading": "Rà soát", "review_table": _TABLE, "closing": ["Kết thúc"],
        "signature_rows": [{"left": _SIGNER, "right": _SIGNER}],
        "annexes": [{"label": "Phụ lục I", "title": "T", "subtitle": "s", "table": _TABLE, "notes": ["n"]}],
    },
}  # fmt: skip


def _problem(code: str, path: Path, message: str, fix: str) -> Problem:
    return Problem(code=code, severity=ERROR, message=message, file=str(path), fix=fix)


def split_tags(path: Path) -> list[Problem]:
    """Tags of ``path`` that span more than one run (or are left open in a paragraph)."""
    out = []
    with zipfile.ZipFile(path) as z:
        parts = [
            n for n in z.namelist() if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)
        ]
        for part in sorted(parts):
            root = etree.fromstring(z.read(part))
            for k, p in enumerate(root.iter(f"{W}p"), start=1):
                runs = ["".join(t.text or "" for t in r.iter(f"{W}t")) for r in p.iter(f"{W}r")]
                text = "".join(runs)
                if not OPEN.search(text):
                    continue
                bounds, pos = [], 0
                for r in runs:
                    bounds.append((pos, pos + len(r)))
                    pos += len(r)
                for m in TAG.finditer(text):
                    inside = [i for i, (a, b) in enumerate(bounds) if a < m.end() and b > m.start()]
                    if len(inside) > 1:
                        out.append(
                            _problem(
                                "template-split-tag",
                                path,
                                f"{part}, paragraph {k}: the tag {m.group(0)!r} is split across "
                                f"{len(inside)} Word runs (formatting or spell-check marks inside it)",
                                "select the whole tag in Word, delete it and type it again in one go, "
                                "with one formatting",
                            )
                        )
                rest = TAG.sub("", text)
                if OPEN.search(rest):
                    out.append(
                        _problem(
                            "template-split-tag",
                            path,
                            f"{part}, paragraph {k}: a tag is opened or closed but not both: {text!r}",
                            "write each tag as {{ name }} or {% ... %} within one paragraph",
                        )
                    )
    return out


def unknown_variables(name: str, path: Path) -> list[Problem]:
    """Variables the template uses that the documents do not give."""
    from docxtpl import DocxTemplate

    try:
        used = DocxTemplate(str(path)).get_undeclared_template_variables(jinja_env())
    except jinja2.TemplateSyntaxError as exc:
        return [
            _problem(
                "template-syntax",
                path,
                f"the template does not parse: {exc.message} (line {exc.lineno} of its XML)",
                "look for a tag with a typo, or an {% if %}/{% for %} without its end",
            )
        ]
    known = KEYS.get(Path(name).stem)
    if known is None:
        return []
    return [
        _problem(
            "template-unknown-variable",
            path,
            f"uses '{v}', which the documents do not give (known: {', '.join(sorted(known))})",
            "correct the spelling of the variable, or remove it",
        )
        for v in sorted(set(used) - known)
    ]


def check_template(name: str, workspace: str | Path | None = None) -> list[Problem]:
    """Every problem of template ``name`` (the workspace's own copy when it has one)."""
    path = docx_template_path(name, workspace)
    problems = split_tags(path)
    problems += unknown_variables(name, path)
    stem = Path(name).stem
    if not problems and stem in SAMPLES:
        try:
            render_docx(stem, SAMPLES[stem], workspace=workspace)
        except TemplateError as exc:
            problems.append(
                _problem(
                    "template-render", path, str(exc), "compare the template with the packaged one"
                )
            )
    return problems


def check_templates(workspace: str | Path | None = None) -> dict[str, list[Problem]]:
    """``{template file: problems}`` for every template the handover uses."""
    return {f"{n}.docx": check_template(n, workspace) for n in sorted(KEYS)}

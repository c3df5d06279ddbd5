"""Reading the text of a Standing Committee resolution on the arrangement of commune-level units.

Pure text work, no registers: the header (number, date, province), Article 1 cut into its clauses, and
each clause parsed into the new unit and its components (names with their type, ``whole`` / ``part`` /
``remainder``, the clauses a remainder refers to), or the totals clause with the units left unchanged.

The texts come as Markdown converted from the official documents, with artefacts :mod:`text_repair` repairs:
decomposed Unicode, escaped dots (``1\\.``), bold markers, words run together where a line broke
(``Yên Thansau``, ``vàphần``, ``củaxã``), commas without a space, numbering written ``9.Sắp``.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from ..errors import InputFileError
from .text_repair import UNIT_WORDS, clean, deglue

WHOLE, PART, REMAINDER = "whole", "part", "remainder"
_AREA_POP = (
    r"(?:diện tích(?:\s+tự nhiên)?(?:\s*(?:,|và)?\s*(?:toàn bộ\s+|một phần\s+)?quy mô dân(?:\s+số)?)?"
    r"|quy mô dân số)"
)
_MARKERS = [
    (WHOLE, rf"(?:toàn\s+)?bộ {_AREA_POP}(?:\s+của)?"),
    (
        WHOLE,
        r"toàn bộ(?=\s+(?:các\s+)?(?:xã|phường|thị trấn|huyện)\s)",
    ),  # "Sắp xếp toàn bộ xã Thuận An"
    (PART, rf"một phần {_AREA_POP}(?:\s+của)?"),
    (REMAINDER, r"phần còn lại(?: của diện tích tự nhiên, quy mô dân số)?\s+của"),
    (REMAINDER, rf"phần {_AREA_POP} còn lại\s+của"),
]
_MARKER_RE = re.compile(
    "|".join(f"(?P<m{i}>{p})" for i, (_, p) in enumerate(_MARKERS)), re.IGNORECASE
)
_NEW_RE = re.compile(
    r"\s+thành\s+(?:(xã|phường|đặc khu)(?:\s+mới)?\s+có tên gọi là\s+)?"
    r"((?:xã|phường|đặc khu)\s+.+?)\s*\.?\s*$",
    re.IGNORECASE,
)
_RENAME_RE = re.compile(r"^Đổi tên\s+(.+?)\s+thành\s+(.+?)\s*\.?\s*$", re.IGNORECASE)
_AFTER_RE = re.compile(
    r"\s*sau khi (?:thực hiện\s+)?sắp xếp theo quy định tại\s+"
    r"((?:các\s+)?khoản\s+\d+(?:\s*(?:,|và)\s*(?:khoản\s+)?\d+)*)"
    r"(?:\s+(?:của\s+)?Điều này)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Name:
    """A unit named in a clause: its type as written (xã, phường, thị trấn, huyện) and its name, with
    the district (or province) the text gives to tell it from a namesake."""

    unit_type: str
    name: str
    qualifier: str = ""  # e.g. "huyện Phú Xuyên"
    words: str = ""  # the words as they stand in the text

    @property
    def full(self) -> str:
        return f"{self.unit_type.capitalize()} {self.name}".strip()


@dataclass(frozen=True)
class Component:
    name: Name
    part: str  # whole / part / remainder
    after: tuple[int, ...] = ()  # for a remainder: the clauses whose parts it follows
    # What the words say of the shares: "toàn bộ diện tích tự nhiên của" (area only) is all of the area
    # and none of the people said; "một phần quy mô dân số" (people only) is none of the area.
    area_share: float | None = None
    pop_share: float | None = None


@dataclass(frozen=True)
class Clause:
    number: int
    text: str  # the clause as it stands, cleaned
    kind: str  # arrange / rename / totals / other
    new: Name | None = None
    components: tuple[Component, ...] = ()
    totals: dict = field(default_factory=dict)  # totals clause: {"total": n, "xã": n, ...}
    unchanged: tuple[Name, ...] = ()  # totals clause: units not arranged
    notes: tuple[str, ...] = ()  # what could not be read in the clause


@dataclass(frozen=True)
class ResolutionText:
    number: str  # 1679/NQ-UBTVQH15
    date: str  # 2025-06-16
    province: str  # "tỉnh Quảng Ninh"
    clauses: tuple[Clause, ...]


def read_text(path: str | Path) -> str:
    """The text of a resolution file: Markdown or plain text (UTF-8), or DOCX (its paragraphs)."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "file not found; give the resolution as .md, .txt or .docx")
    if path.suffix.lower() == ".docx":
        try:
            with zipfile.ZipFile(path) as z:
                xml = z.read("word/document.xml")
        except (zipfile.BadZipFile, KeyError) as exc:
            raise InputFileError(
                path, "is not a Word .docx document; save it again as .docx"
            ) from exc
        ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        root = ElementTree.fromstring(xml)
        paragraphs = ["".join(t.text or "" for t in p.iter(f"{ns}t")) for p in root.iter(f"{ns}p")]
        return "\n\n".join(paragraphs)
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(path, "is not UTF-8 text; save it as UTF-8, or as .docx") from exc


def _article_one(text: str) -> str:
    lines = text.splitlines()
    start = end = None
    for i, line in enumerate(lines):
        s = line.strip().lstrip("#").strip()
        if start is None and re.match(r"Điều\s+1\s*\.", s):
            start = i + 1
        elif start is not None and re.match(r"Điều\s+2\s*\.", s):
            end = i
            break
    if start is None:
        return ""
    return " ".join(x.strip() for x in lines[start:end])


def split_clauses(body: str) -> list[tuple[int, str]]:
    """Cut Article 1 into its numbered clauses (1. … 2. …), trusting only numbers that follow in order."""
    out: list[tuple[int, str]] = []
    expected, pos, last_start = 1, 0, None
    pattern = re.compile(r"(?:(?<=\s)|^)(\d{1,3})\s*\.\s*(?=[^\W\d_])")
    for m in pattern.finditer(body, pos):
        if int(m.group(1)) != expected:
            continue
        if last_start is not None:
            out.append((expected - 1, body[last_start : m.start()].strip()))
        last_start = m.end()
        expected += 1
    if last_start is not None:
        out.append((expected - 1, body[last_start:].strip()))
    return out


def _qualified(item: str) -> tuple[str, str]:
    # "(bao gồm Hòn Đá Bạc)" and other remarks in brackets are not part of the name
    item = re.sub(
        r"\((?!\s*(?:thuộc\s+)?(?:huyện|quận|thị xã|thành phố|tỉnh)\b)[^)]*\)",
        " ",
        item,
        flags=re.IGNORECASE,
    )
    m = re.search(
        r"\(\s*(?:thuộc\s+)?((?:huyện|quận|thị xã|thành phố|tỉnh)\s+[^)]+?)\s*\)",
        item,
        re.IGNORECASE,
    )
    if not m:
        return item.strip(), ""
    return (item[: m.start()] + item[m.end() :]).strip(), re.sub(r"\s+", " ", m.group(1))


def _split_outside_brackets(text: str) -> list[str]:
    """Split a list at commas and "và", but not inside brackets ("(huyện Châu Thành, tỉnh Trà Vinh)")."""
    parts, depth, last = [], 0, 0
    for m in re.finditer(r"[()]|\s*,\s*|\s+và\s+", text):
        token = m.group(0)
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(text[last : m.start()])
            last = m.end()
    parts.append(text[last:])
    return parts


def parse_names(text: str, default_type: str = "") -> list[Name]:
    """``"các xã A, B và thị trấn C, xã D (huyện E)"`` -> names with their types and qualifiers."""
    text = re.sub(r"^\s*(?:và|,)\s*|\s*(?:và|,)\s*$", "", text.strip())
    items = [x for x in _split_outside_brackets(text) if x.strip()]
    # "thị trấn Thiên Cầm xã Nam Phúc Thăng": a comma missing before a unit word
    items = [
        y
        for x in items
        for y in re.split(r"(?<!các)(?<!thị)\s+(?=(?:xã|phường|thị trấn)\s+[^\W\d_])", x)
    ]
    out, current = [], default_type
    for raw in items:
        item, qualifier = _qualified(raw)
        m = re.match(rf"^(?:các\s+)?({UNIT_WORDS})\s+(.+)$", item, re.IGNORECASE)
        if m:
            current = m.group(1).lower()
            item = m.group(2)
        item = item.strip(" .;")
        if item:
            out.append(Name(current, item, qualifier, raw.strip()))
    return out


def parse_components(text: str) -> tuple[list[Component], list[str]]:
    """The components of an arranging clause (the words between "Sắp xếp" and "thành … mới")."""
    notes: list[str] = []
    spans = [
        (m.start(), m.end(), next(kind for i, (kind, _) in enumerate(_MARKERS) if m.group(f"m{i}")))
        for m in _MARKER_RE.finditer(text)
    ]
    if not spans:
        return [], [f"no 'toàn bộ / một phần / phần còn lại … của' in: {text}"]
    out: list[Component] = []
    for k, (start, end, kind) in enumerate(spans):
        chunk = text[end : spans[k + 1][0] if k + 1 < len(spans) else len(text)]
        words = text[start:end].lower()
        area, people = "diện tích" in words, "quy mô dân" in words
        shares = _shares(kind, area, people, words)
        after: tuple[int, ...] = ()
        tail = ""
        m = _AFTER_RE.search(chunk)
        if m:
            after = tuple(int(x) for x in re.findall(r"\d+", m.group(1)))
            chunk, tail = chunk[: m.start()], chunk[m.end() :]
        elif kind == REMAINDER:
            notes.append(
                f"a remainder without 'sau khi sắp xếp theo quy định tại khoản …': {chunk.strip()}"
            )
        part = PART if kind == WHOLE and shares != (None, None) else kind
        for name in parse_names(chunk):
            out.append(Component(name, part, after if kind == REMAINDER else (), *shares))
        # "… sau khi sắp xếp theo quy định tại khoản 110 Điều này và xã Phong Quang": names after the
        # reference are whole, like the list the clause began with.
        for name in parse_names(tail):
            out.append(Component(name, WHOLE))
    return out, notes


def _shares(kind: str, area: bool, people: bool, words: str) -> tuple[float | None, float | None]:
    """(area share, population share) that the marker's words fix, None where they leave it open.

    * "một phần diện tích tự nhiên, toàn bộ quy mô dân số của X": part of the land, all the people (1);
    * "một phần diện tích tự nhiên của X": part of the land only, no people (0);
    * "toàn bộ diện tích tự nhiên của X" (without people, 1665/NQ-UBTVQH15 clause 62): all the land
      (1), no people (0);
    * "một phần quy mô dân số", "phần quy mô dân số còn lại": people only, no land (0).

    >>> _shares(PART, True, False, "một phần diện tích tự nhiên của")
    (None, 0.0)
    >>> _shares(PART, True, True, "một phần diện tích tự nhiên, toàn bộ quy mô dân số của")
    (None, 1.0)
    """
    if area and people:
        if kind == PART and "toàn bộ quy mô" in words:  # part of the area, all of the people
            return None, 1.0
        return None, None
    if kind == WHOLE and area:  # all of the land, the people not said: none of them
        return 1.0, 0.0
    if kind == WHOLE and people:  # all of the people, the land not said: none of it
        return 0.0, 1.0
    if kind == PART and area:  # part of the land only: no people
        return None, 0.0
    if kind in (PART, REMAINDER) and people and not area:  # people only: none of the area
        return 0.0, None
    return None, None


def _totals(text: str) -> tuple[dict, list[Name]]:
    totals: dict = {}
    m = re.search(r"có\s+(\d+)\s+đơn vị hành chính cấp xã", text)
    if m:
        totals["total"] = int(m.group(1))
    m = re.search(r"gồm\s+(.*?)(?:;|\.\s*$|$)", text)
    if m:
        for n, kind in re.findall(r"(\d+)\s+(xã|phường|đặc khu)", m.group(1)):
            totals[kind] = int(n)
    unchanged: list[Name] = []
    m = re.search(r"không thực hiện sắp xếp là\s+(.+?)\s*\.?\s*$", text)
    if m:
        unchanged = parse_names(m.group(1))
    return totals, unchanged


def parse_clause(number: int, raw: str) -> Clause:
    text = deglue(raw)
    if re.match(r"Sau khi sắp xếp", text, re.IGNORECASE):
        totals, unchanged = _totals(text)
        return Clause(number, text, "totals", totals=totals, unchanged=tuple(unchanged))
    m = _RENAME_RE.match(text)
    if m:
        old_names = parse_names(m.group(1))
        new_names = parse_names(m.group(2))
        if len(old_names) == 1 and len(new_names) == 1:
            return Clause(
                number,
                text,
                "rename",
                new=new_names[0],
                components=(Component(old_names[0], WHOLE),),
            )
    m = _NEW_RE.search(text)
    if not m or not re.match(r"Sắp xếp|Nhập", text, re.IGNORECASE):
        return Clause(
            number,
            text,
            "other",
            notes=(f"clause {number} is neither an arrangement, a renaming nor the totals",),
        )
    names = parse_names(m.group(2))
    new = names[0] if names else Name((m.group(1) or "").lower(), m.group(2))
    body = re.sub(r"^(?:Sắp xếp|Nhập)\s*", "", text[: m.start()], flags=re.IGNORECASE)
    components, notes = parse_components(body)
    return Clause(
        number, text, "arrange", new=new, components=tuple(components), notes=tuple(notes)
    )


def parse_resolution(text: str) -> ResolutionText:
    """Header and clauses of a resolution's text.

    >>> r = parse_resolution('''Số: 9/NQ-UBTVQH15  Hà Nội, ngày 16 tháng 6 năm 2025
    ... **Điều 1. Sắp xếp các đơn vị hành chính cấp xã của tỉnh Thử**
    ... 1\\\\. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã A và
    ... B thành xã mới có tên gọi là **xã B**.
    ... 2\\\\. Sau khi sắp xếp, tỉnh Thử có 01 đơn vị hành chính cấp xã, gồm 01 xã.
    ... **Điều 2. Hiệu lực thi hành**''')
    >>> r.number, r.province, [c.name.name for c in r.clauses[0].components], r.clauses[1].totals
    ('9/NQ-UBTVQH15', 'tỉnh Thử', ['A', 'B'], {'total': 1, 'xã': 1})
    """
    t = clean(text)
    number = ""
    m = re.search(r"Số\s*:?\s*(\d+\s*/\s*NQ\s*-\s*UBTVQH\d+)", t)
    if m:
        number = re.sub(r"\s+", "", m.group(1))
    date = ""
    m = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", t)
    if m:
        date = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    province = ""
    paragraphs = re.sub(r"[ \t]*\n[ \t]*(?=\S)", " ", t)  # a heading may break across lines
    m = re.search(
        r"Điều\s+1\s*\.\s*Sắp xếp các đơn vị hành chính cấp xã của\s+([^\d\n]+?)"
        r"(?=\s{2,}|\n|\s+\d+\s*\.|\s+Trên cơ sở|$)",
        paragraphs,
    )
    if m:
        province = re.sub(r"\s+", " ", m.group(1)).strip(" *")
    if not province:
        m = re.search(
            r"cấp xã của\s+((?:tỉnh|thành phố)\s+[^\n]+?)(?:\s+năm\s+2025|\n)", t, re.IGNORECASE
        )
        if m:
            province = m.group(1).strip()
    clauses = tuple(parse_clause(n, raw) for n, raw in split_clauses(_article_one(t)))
    return ResolutionText(number, date, province, clauses)

"""Repairs of the artefacts in resolution texts converted to Markdown: decomposed Unicode, escaped
punctuation, bold and italics markers, and words run together where a line broke (``Yên Thansau``,
``vàphần``, ``củaxã``), commas without a space. Pure text work (see :mod:`resolution_text`).
"""

from __future__ import annotations

import re
import unicodedata

# Words that a line break glued to their neighbour; a space is put back before / after them.
_GLUED_BEFORE = [
    "sau khi",
    "và",
    "thành",
    "của",
    "một phần",
    "phần còn lại",
    "trên cơ sở",
    "khoản",
    "là",
    "xã",
    "phường",
    "thị trấn",
]
_GLUED_AFTER = ["của", "xếp", "là", "và", "gồm", "đó có", "gọi", "thành", "tại", "các"]
# Words that may follow a glued "và" / "thành" directly ("Uyênvàcácxã").
_NEXT = r"(?:\b|(?=các|xã|phường|thị trấn|đặc khu|một|phần|toàn))"
UNIT_WORDS = r"(?:thị trấn|phường|xã|đặc khu|huyện|quận|thị xã|thành phố)"


def clean(text: str) -> str:
    """NFC, Markdown artefacts removed, words that a line break glued together set apart again."""
    t = unicodedata.normalize("NFC", text)
    t = re.sub(r"\\([.\-*_()\[\]])", r"\1", t)  # escaped punctuation
    t = t.replace("**", " ").replace("\\\n", "\n")
    t = re.sub(r"(?<!\w)\*|\*(?!\w)", " ", t)  # italics markers
    return t


def split_case(s: str) -> str:
    """``xãHưng`` -> ``xã Hưng``: a lower-case letter directly before an upper-case one."""
    out = []
    for i, c in enumerate(s):
        if i and c.isupper() and s[i - 1].islower():
            out.append(" ")
        out.append(c)
    return "".join(out)


def deglue(s: str) -> str:
    """A clause's words set apart again where a line break glued them (``vàphần``, ``củaxã``,
    ``gồm67 xã``), brackets and commas spaced, doubled words (``của của``) made single, blanks
    collapsed."""
    s = split_case(s)
    s = re.sub(r"(?<=\S)\(", " (", s)
    s = re.sub(r"\)(?=\w)", ") ", s)
    # "Dân Thànhthànhphường": glued on both sides, so neither pass below sees a word boundary
    s = re.sub(r"(?<=[^\W\d_])thành(?=(?:xã|phường|đặc khu)\b)", " thành ", s)
    for _ in range(2):
        for w in _GLUED_AFTER:
            s = re.sub(rf"(?<=\b{re.escape(w)})(?=[^\W\d_])", " ", s)
        for w in _GLUED_BEFORE:
            s = re.sub(rf"(?<=[^\W\d_])(?={re.escape(w)}{_NEXT})", " ", s)
    s = re.sub(rf"(?<=\blà)(?={UNIT_WORDS})", " ", s)
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(
        r"\b(của|xã|phường|các|và)\s+\1\b", r"\1", s, flags=re.IGNORECASE
    )  # "của của", "xã xã"
    s = re.sub(r"(?<=\d)(?=[^\W\d_])", " ", s)  # "gồm67 xã" is handled above; "02đặc" here
    s = re.sub(r"(?<=gồm)(?=\d)|(?<=khoản)(?=\d)", " ", s)  # "gồm67 xã", "khoản42"
    return re.sub(r"\s+", " ", s).strip()

"""Safe names and text for outputs: file names built from codes and names (no separators, no ``..``,
no device names), and Markdown / HTML text escaped so that a name cannot inject markup into a report.

>>> safe_filename("../../../../x", ".xlsx")
'x.xlsx'
>>> safe_filename("06652_phuong-ha-tu", ".xlsx")
'06652_phuong-ha-tu.xlsx'
>>> escape_markdown("<b>Xã A</b>")
'&lt;b&gt;Xã A&lt;/b&gt;'
"""

from __future__ import annotations

import html
import re
import unicodedata

_RESERVED = (
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)
MAX_NAME = 120


def safe_filename(stem: str, suffix: str = "") -> str:
    """A file name from data: path separators, ``..``, control and reserved characters removed,
    leading dots and spaces stripped, Windows device names avoided, at most 120 characters.
    Never empty (``"_"``)."""
    text = unicodedata.normalize("NFC", str(stem))
    text = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', "_", text)
    text = re.sub(r"\.{2,}", "_", text)
    text = re.sub(r"_+", "_", text).strip(" ._")
    if not text or text.lower().split(".")[0] in _RESERVED:
        text = f"_{text}"
    return text[:MAX_NAME] + suffix


def escape_markdown(text: object) -> str:
    """Text for a Markdown report: HTML escaped (``<`` ``>`` ``&``), and the characters that make
    Markdown structure (``* _ ` [ ] | #``, a leading ``>``) backslash-escaped."""
    t = html.escape(str(text), quote=False)
    t = re.sub(r"([\\`*_\[\]|#])", r"\\\1", t)
    return t.replace("\n", " ")

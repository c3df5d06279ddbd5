"""Column headers as offices write them: found below a title row or two, matched without regard to case,
diacritics, spacing, underscores and units in brackets (``Số dư (đồng)`` is ``số dư``), and, when a
column is missing, an error that lists the names accepted.

>>> header_key("Số dư (đồng)") == header_key("so_du")
True
>>> header_key("  NGÀY  SINH [dd/mm/yyyy] ")
'ngaysinh'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..text import fold

MAX_TITLE_ROWS = 15  # a header further down than this is not looked for


def header_key(text: object) -> str:
    """The key two headers are compared by: folded, without bracketed units, spaces or punctuation."""
    t = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", str(text))
    return fold(t).replace(" ", "")


def alias_keys(columns: dict[str, str]) -> dict[str, str]:
    """``{alias: canonical}`` -> ``{key: canonical}``, the canonical names accepted too."""
    out = {header_key(c): c for c in set(columns.values())}
    out |= {header_key(a): c for a, c in columns.items()}
    return out


def locate_header(rows: Sequence[Sequence[str]], keys: Iterable[str]) -> int:
    """Index of the header row among the first rows: the one whose cells match the most known
    names (the first such row); 0 when no row matches any."""
    keys = set(keys)
    best, best_n = 0, 0
    for i, row in enumerate(rows[:MAX_TITLE_ROWS]):
        n = len({header_key(c) for c in row if str(c).strip()} & keys)
        if n > best_n:
            best, best_n = i, n
    return best


def rename_map(headers: Sequence[str], columns: dict[str, str]) -> dict[str, str]:
    """``{header as written: canonical}`` for the headers that match; the first of two headers that
    match one name wins (the second is reported by :func:`duplicates`)."""
    keys = alias_keys(columns)
    out: dict[str, str] = {}
    taken: set[str] = set()
    for h in headers:
        canonical = keys.get(header_key(h))
        if canonical and canonical not in taken:
            out[h] = canonical
            taken.add(canonical)
    return out


def duplicates(headers: Sequence[str], columns: dict[str, str]) -> dict[str, list[str]]:
    """Canonical names that two or more headers of the file match: ``{canonical: [headers]}``."""
    keys = alias_keys(columns)
    seen: dict[str, list[str]] = {}
    for h in headers:
        c = keys.get(header_key(h))
        if c:
            seen.setdefault(c, []).append(str(h))
    return {c: hs for c, hs in seen.items() if len(hs) > 1}


def accepted_names(canonical: str, columns: dict[str, str]) -> list[str]:
    """The names a column may be headed by (its canonical name first)."""
    return [canonical] + sorted(a for a, c in columns.items() if c == canonical and a != canonical)


def missing_message(missing: Sequence[str], columns: dict[str, str], found: Sequence[str]) -> str:
    """'has no column X (accepted: a, b, c); its columns are: ...'."""
    parts = [
        f"'{m}' (accepted names: {', '.join(repr(a) for a in accepted_names(m, columns))})"
        for m in missing
    ]
    shown = ", ".join(repr(str(f)) for f in found[:30])
    return (
        f"has no column {'; no column '.join(parts)}. Its columns are: {shown}. Rename the column "
        "(case, accents, spaces and a unit in brackets do not matter)"
    )

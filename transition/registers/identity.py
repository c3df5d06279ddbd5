"""Personal identification numbers (số định danh cá nhân / CCCD) as Excel leaves them.

A CCCD is 12 digits (Decree 137/2015/NĐ-CP art. 7, as amended by Decree 70/2024/NĐ-CP; the Law on
Identification 2023 art. 12): the first three the province of birth registration (001 Hà Nội ... 096
Cà Mau), then sex and century, the birth year and six random digits. Unlike a unit code, whose fixed
width the reader restores, a personal number is **never padded silently**: an 11-digit number most
likely lost its leading 0 to Excel, but only the person's card settles it. A number in scientific
notation (``2.2109E+10``) has lost digits for good and is refused. One number on two people is a problem
on both rows. Every problem names the row and the column; the masked output (``privacy.mask_id``) never
hides it, because the problem is reported beside the masked value.

>>> [p.code for p in check_identity_numbers(["022085000111", "22190000222", "2.2E+10", ""])]
['id-number-short', 'id-number-scientific']
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from ..problems import ERROR, WARNING, Problem

CCCD_DIGITS = 12
_SCIENTIFIC = re.compile(r"^[-+]?\d+(?:[.,]\d+)?[eE][-+]?\d+$")


def classify_identity_number(text: str) -> str:
    """``"ok"``, ``"empty"``, ``"short"`` (11 digits: a lost leading 0), ``"scientific"`` or
    ``"malformed"`` for one cell as written (spaces and dots between digit groups are allowed)."""
    raw = str(text).strip()
    if raw == "" or raw.lower() == "nan":
        return "empty"
    if _SCIENTIFIC.match(raw.replace(" ", "")):
        return "scientific"
    digits = re.sub(r"[\s.\-]", "", raw)
    if digits.endswith(".0"):
        digits = digits[:-2]
    if not digits.isdigit():
        return "malformed"
    if len(digits) == CCCD_DIGITS:
        return "ok"
    if len(digits) == CCCD_DIGITS - 1:
        return "short"
    return "malformed"


def check_identity_numbers(
    numbers: Sequence[str],
    ids: Sequence[str] | None = None,
    *,
    file: str = "",
    column: str = "national_id",
    rows: Sequence[int] | None = None,
) -> list[Problem]:
    """Problems of a column of personal identification numbers, one per bad row (row = file line).

    ``ids`` are the people's register ids (for the messages), ``rows`` their file lines (default: the
    position + 2). An 11-digit number is a warning (the
    leading 0 was probably lost; check it against the card: it is not padded), a number in scientific
    notation or of another length an error, a number on two people a warning on each row naming the
    other. Empty cells are not problems here (the column may be optional).
    """
    rows = list(rows) if rows is not None else [i + 2 for i in range(len(numbers))]
    ids = list(ids) if ids is not None else [f"row {r}" for r in rows]
    out: list[Problem] = []
    seen: dict[str, list[int]] = defaultdict(list)
    for i, (number, who) in enumerate(zip(numbers, ids, strict=True)):
        kind = classify_identity_number(number)
        written = str(number).strip()
        raw = _masked(written)  # messages show the number masked
        if kind == "ok":
            seen[re.sub(r"[\s.\-]", "", written)].append(i)
            continue
        if kind == "empty":
            continue
        message, code, severity = {
            "short": (
                f"{who}: CCCD '{raw}' has 11 digits; the leading 0 was probably lost (Excel drops "
                "it from numbers): check the card and write it as text with 12 digits",
                "id-number-short",
                WARNING,
            ),
            "scientific": (
                f"{who}: CCCD '{raw}' is in scientific notation, so its last digits are lost; type "
                "it again from the card, in a column formatted as text",
                "id-number-scientific",
                ERROR,
            ),
            "malformed": (
                f"{who}: CCCD '{raw}' is not 12 digits; check it against the card",
                "id-number-malformed",
                ERROR,
            ),
        }[kind]
        out.append(_problem(code, severity, message, file, rows[i], column, raw))
    for number, same in sorted(seen.items()):
        if len(same) < 2:
            continue
        for i in same:
            others = ", ".join(f"{ids[j]} (row {rows[j]})" for j in same if j != i)
            out.append(
                _problem(
                    "id-number-shared",
                    WARNING,
                    f"{ids[i]}: CCCD {number[:3]}…{number[-3:]} is also given to {others}; one "
                    "number belongs to one person",
                    file,
                    rows[i],
                    column,
                    number,
                )
            )
    return sorted(out, key=lambda p: (p.row or 0, p.code))


def _masked(text: str) -> str:
    """The first three and last three characters: personal numbers stay masked in messages."""
    return text if len(text) < 7 else text[:3] + "*" * (len(text) - 6) + text[-3:]


def _problem(code, severity, message, file, row, column, value) -> Problem:
    """A problem of one cell; ``value`` (the number) is not carried: messages show it masked."""
    del value
    return Problem(
        code=code,
        severity=severity,
        message=message,
        file=file,
        row=row,
        column=column,
        fix="write the 12-digit number from the citizen identity card, as text",
    )

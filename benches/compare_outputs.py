"""Compare the results of two runs for equal content: `python benches/compare_outputs.py BEFORE AFTER`
where each is a workspace's results/ folder (or a copy of it).

* XLSX (every workbook in units/ and the results' own): the same sheets in the same order, and per
  sheet the same cell values (read by python-calamine; 1 and 1.0 are equal, empty is empty).
* CSV (assign/ and the results' own): the same header and cells; a number written 3.0 before and
  3 after is equal; a cell neutralised against formula injection (``'`` before ``=``, ``+``, ``-``,
  ``@``) is counted apart.
* GeoPackage: the same layers; per layer the same columns and values, geometry by WKB.

Prints one line per kind and every difference (the first 20 of each file); exit code 1 when any.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path


def _same(a, b) -> bool:
    if a == b:
        return True
    if a in ("", None) and b in ("", None):
        return True
    try:
        fa, fb = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return fa == fb or (math.isnan(fa) and math.isnan(fb))


def compare_xlsx(a: Path, b: Path) -> list[str]:
    from python_calamine import CalamineWorkbook

    wa, wb = CalamineWorkbook.from_path(str(a)), CalamineWorkbook.from_path(str(b))
    if wa.sheet_names != wb.sheet_names:
        return [f"{b.name}: sheets {wa.sheet_names} != {wb.sheet_names}"]
    diffs = []
    for name in wa.sheet_names:
        ra = wa.get_sheet_by_name(name).to_python()
        rb = wb.get_sheet_by_name(name).to_python()
        if len(ra) != len(rb):
            diffs.append(f"{b.name}/{name}: {len(ra)} rows != {len(rb)}")
            continue
        for i, (x, y) in enumerate(zip(ra, rb, strict=True)):
            if len(x) != len(y) or not all(_same(p, q) for p, q in zip(x, y, strict=False)):
                diffs.append(f"{b.name}/{name} row {i + 1}: {x} != {y}")
    return diffs


def compare_csv(a: Path, b: Path) -> tuple[list[str], int]:
    import pandas as pd

    fa = pd.read_csv(a, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    fb = pd.read_csv(b, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if list(fa.columns) != list(fb.columns) or len(fa) != len(fb):
        return [f"{b.name}: shape/header {fa.shape} {list(fa.columns)} != {fb.shape}"], 0
    diffs, neutralised = [], 0
    for col in fa.columns:
        x, y = fa[col].to_numpy(), fb[col].to_numpy()
        for i in (x != y).nonzero()[0]:
            if y[i] == "'" + x[i]:
                neutralised += 1
            elif not _same(x[i], y[i]):
                diffs.append(f"{b.name} row {i + 2} {col}: {x[i]!r} != {y[i]!r}")
    return diffs, neutralised


def compare_gpkg(a: Path, b: Path) -> list[str]:
    import pyogrio

    la = [n for n, _ in pyogrio.list_layers(a)]
    lb = [n for n, _ in pyogrio.list_layers(b)]
    if sorted(la) != sorted(lb):
        return [f"layers {la} != {lb}"]
    diffs = []
    for name in la:
        _, ta = pyogrio.read_arrow(a, layer=name)
        _, tb = pyogrio.read_arrow(b, layer=name)
        if ta.column_names != tb.column_names or ta.num_rows != tb.num_rows:
            diffs.append(f"{name}: columns/rows {ta.column_names} != {tb.column_names}")
            continue
        for col in ta.column_names:
            x, y = ta[col].to_pylist(), tb[col].to_pylist()
            bad = [i for i, (p, q) in enumerate(zip(x, y, strict=True)) if not _same(p, q)]
            if bad:
                i = bad[0]
                diffs.append(
                    f"{name}.{col}: {len(bad)} cells differ, first row {i}: {x[i]!r} != {y[i]!r}"
                )
    return diffs


def main(before: Path, after: Path) -> int:
    problems = 0
    books = sorted(p.relative_to(before) for p in before.rglob("*.xlsx"))
    after_books = sorted(p.relative_to(after) for p in after.rglob("*.xlsx"))
    if books != after_books:
        print(f"XLSX files differ: {set(books) ^ set(after_books)}")
        problems += 1
    xlsx_diffs = [
        d
        for rel in books
        if (after / rel).exists()
        for d in compare_xlsx(before / rel, after / rel)
    ]
    print(f"XLSX: {len(books)} workbooks, {len(xlsx_diffs)} differences")
    csv_diffs, neutral = [], 0
    tables = sorted(p.relative_to(before) for p in before.rglob("*.csv"))
    for rel in tables:
        d, n = compare_csv(before / rel, after / rel)
        csv_diffs += d[:20]
        neutral += n
    print(f"CSV: {len(tables)} files, {len(csv_diffs)} differences, {neutral} cells neutralised")
    gpkg_diffs = []
    for p in sorted(before.rglob("*.gpkg")):
        gpkg_diffs += compare_gpkg(p, after / p.relative_to(before))
    print(f"GeoPackage: {len(gpkg_diffs)} differences")
    for d in xlsx_diffs[:50] + csv_diffs + gpkg_diffs:
        print("  " + d)
    return int(bool(problems or xlsx_diffs or csv_diffs or gpkg_diffs))


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))

"""Write mappings/fixed_shares_2025.csv from the 34 resolution texts.

    .venv/bin/python scripts/derive_fixed_shares.py [../shared/data/resolutions] [mappings/fixed_shares_2025.csv]

Reads every ``*_NQ-UBTVQH15.md`` (or .docx/.txt) of the folder with the project's resolution reader and
writes the table described in :mod:`transition.sources.fixed_shares` (UTF-8, "\\n" line ends, sorted: the
same texts give the same bytes). Source and licence of the texts: mappings/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from transition.sources.fixed_shares import derive_fixed_shares
from transition.sources.resolution import import_resolution

ROOT = Path(__file__).resolve().parent.parent


def main(folder: str = str(ROOT.parent / "shared" / "data" / "resolutions"), out: str = "") -> int:
    files = sorted(
        p for p in Path(folder).iterdir() if p.suffix.lower() in (".md", ".txt", ".docx")
    )
    if not files:
        print(f"no resolution texts in {folder}", file=sys.stderr)
        return 1
    table = derive_fixed_shares(import_resolution(p) for p in files)
    target = Path(out) if out else ROOT / "mappings" / "fixed_shares_2025.csv"
    table.to_csv(target, index=False, lineterminator="\n")
    fixed = table[table["old_code"] != ""]
    print(
        f"{target}: {len(table)} rows, {len(fixed)} edges with a fixed share "
        f"({(fixed['population_share'] != '').sum()} population, {(fixed['area_share'] != '').sum()} area) "
        f"from {len(files)} texts"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

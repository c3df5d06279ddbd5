"""Write mappings/former_names_2024.csv from vn-address-kit's legacy-wards.json.

    .venv/bin/python scripts/derive_former_names.py [../shared/data/crosswalks/legacy_wards_former_names.json]

The source (github.com/zindont/vn-address-kit ``src/data/official/legacy-wards.json``, commit faa205f, MIT)
lists the communes just before 2025 with the names they absorbed in the mergers effective from
1 September 2024 on (``formerNames``). Only those names are kept, one row each, sorted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from transition.model.lineage import former_names_table

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "crosswalks" / "legacy_wards_former_names.json"


def main(source: str = str(DEFAULT), out: str = "") -> int:
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    table = former_names_table(data, source="vn-address-kit legacy-wards.json (MIT)")
    target = Path(out) if out else ROOT / "mappings" / "former_names_2024.csv"
    table.to_csv(target, index=False, lineterminator="\n")
    print(f"{target}: {len(table)} former names of {table['code'].nunique()} units")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

"""Reading the rule and reference files under ``mappings/`` (data a department may edit, never code)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from .errors import ProfileError
from .resources import mapping_path


@cache
def read_table(name: str) -> pd.DataFrame:
    """A CSV of ``mappings/`` with every column read as text (codes keep their leading zeros).

    Raises :class:`ProfileError` naming the file and the missing columns when a table lacks one of
    the columns :data:`transition.profiles.formats.MAPPING_TABLES` lists for it.
    """
    from .profiles.formats import MAPPING_TABLES

    path = mapping_path(name)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in MAPPING_TABLES.get(name, ()) if c not in table.columns]
    if missing:
        raise ProfileError(
            f"{path}: column {', '.join(missing)} is missing; the table needs the columns "
            f"{', '.join(MAPPING_TABLES[name])} (see mappings/README.md)"
        )
    return table


def aliases(era: str) -> dict[str, list[str]]:
    """Code aliases of one era (``old`` or ``new``): main code -> other codes."""
    table = read_table("code_aliases.csv")
    out: dict[str, list[str]] = {}
    for row in table[table["era"] == era].itertuples(index=False):
        out.setdefault(row.code, []).append(row.alias)
    return out


def island_codes() -> set[str]:
    """New units declared islands (they may have no land neighbour) beside every đặc khu."""
    return set(read_table("island_units.csv")["code"])

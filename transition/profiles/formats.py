"""Typed column formats: ``mappings/crosswalk_format.toml`` (other spellings of the crosswalk's and
the unit registers' columns) and the columns every reference table of ``mappings/`` must have."""

from __future__ import annotations

from pydantic import field_validator

from ..model import CROSSWALK_COLUMNS, NEW_UNIT_COLUMNS, OLD_UNIT_COLUMNS
from .base import Profile

UNIT_COLUMNS = tuple(dict.fromkeys([*OLD_UNIT_COLUMNS, *NEW_UNIT_COLUMNS]))

#: Reference tables of ``mappings/`` and the columns each must have (more columns are allowed).
MAPPING_TABLES: dict[str, tuple[str, ...]] = {
    "code_aliases.csv": ("era", "code", "alias", "name", "note"),
    "island_units.csv": ("code", "name", "province_code", "note"),
    "procedure_competence.csv": ("field", "procedure_code", "level", "basis", "note"),
    "resolutions_2025.csv": ("province_code", "province_name", "resolution", "date"),
}


def _known(columns: dict[str, list[str]], accepted: tuple[str, ...]) -> dict[str, list[str]]:
    unknown = sorted(set(columns) - set(accepted))
    if unknown:
        raise ValueError(
            f"unknown column {', '.join(unknown)} (misspelt?); accepted: {', '.join(accepted)}"
        )
    return columns


class CrosswalkFormat(Profile):
    """``mappings/crosswalk_format.toml``: canonical column -> other spellings accepted on reading
    (matched without case, spaces or diacritics)."""

    crosswalk: dict[str, list[str]]
    units: dict[str, list[str]]

    @field_validator("crosswalk")
    @classmethod
    def _crosswalk_columns(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        return _known(v, tuple(CROSSWALK_COLUMNS))

    @field_validator("units")
    @classmethod
    def _unit_columns(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        return _known(v, UNIT_COLUMNS)


def _register_columns(kind: str) -> tuple[str, ...]:
    from ..registers.schema import COLUMNS

    return tuple(COLUMNS[kind])


class RegistersFormat(Profile):
    """``mappings/registers_format.toml``: per register (staff, assets, dossiers, records), canonical
    column -> other spellings accepted on reading (matched without case, spaces or diacritics)."""

    staff: dict[str, list[str]]
    assets: dict[str, list[str]]
    dossiers: dict[str, list[str]]
    records: dict[str, list[str]]

    @field_validator("staff", "assets", "dossiers", "records")
    @classmethod
    def _known_columns(cls, v: dict[str, list[str]], info) -> dict[str, list[str]]:
        return _known(v, _register_columns(info.field_name))

    def of(self, kind: str) -> dict[str, list[str]]:
        """The spellings of one register's columns."""
        return getattr(self, kind)

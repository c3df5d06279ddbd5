"""Registers of what is handed over: staff, assets, pending dossiers and records.

Each register is a plain DataFrame with the columns of :data:`schema.COLUMNS` (documented, with their
Vietnamese names, in ``mappings/registers_format.toml`` and ``mappings/README.md``).
"""

from .schema import CLASSES, COLUMNS, normalise_register, read_register, validate_register

__all__ = ["CLASSES", "COLUMNS", "normalise_register", "read_register", "validate_register"]

"""Reassignment of staff, assets, pending dossiers and records from the old units to the new ones,
with a ledger that proves nothing was lost."""

from .ledger import LedgerError
from .run import OVERRIDE_COLUMNS, Reassignment, reassign

__all__ = ["OVERRIDE_COLUMNS", "LedgerError", "Reassignment", "reassign"]

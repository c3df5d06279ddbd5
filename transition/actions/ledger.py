"""`transition ledger`: the ledger of the last assignment."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import WorkspaceError
from ..io.workspace import Workspace


@dataclass(frozen=True)
class LedgerResult:
    """The ledger as ``assign`` wrote it: ``{"balanced", "classes": {...}}``."""

    book: dict[str, Any]

    @property
    def balanced(self) -> bool:
        return bool(self.book["balanced"])

    def to_dict(self) -> dict[str, Any]:
        return self.book


def read_ledger(path: str | Path) -> LedgerResult:
    """The ledger of the last ``assign`` of a workspace. Raises :class:`WorkspaceError` when there
    is none yet."""
    ws = Workspace.at(path)
    ledger_path = ws.path("ledger")
    if not ledger_path.exists():
        raise WorkspaceError(
            f"{ws.root} has no ledger yet; run 'transition assign {ws.root}' first"
        )
    return LedgerResult(json.loads(ledger_path.read_text(encoding="utf-8")))

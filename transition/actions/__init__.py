"""One module per command. Each loads through :mod:`transition.io`, calls the pure stages, writes
through :mod:`transition.io` and returns a result whose ``to_dict()`` is what ``--json`` prints."""

from .assign import AssignResult, assign_workspace
from .check import CheckResult, check_workspace
from .compare import CompareResult, compare
from .generate_registers import GenerateResult, generate_workspace_registers
from .generate_templates import TemplatesResult, generate_templates
from .import_resolution import import_resolution
from .import_vn2025 import import_vn2025
from .importing import ImportResult
from .ledger import LedgerResult, read_ledger
from .lineage import LineageResult, lineage

__all__ = [
    "AssignResult",
    "CheckResult",
    "CompareResult",
    "GenerateResult",
    "ImportResult",
    "LedgerResult",
    "LineageResult",
    "TemplatesResult",
    "assign_workspace",
    "check_workspace",
    "compare",
    "generate_templates",
    "generate_workspace_registers",
    "import_resolution",
    "import_vn2025",
    "lineage",
    "read_ledger",
]

"""One module per command. Each loads through :mod:`transition.io`, calls the pure stages, writes
through :mod:`transition.io` and returns a result whose ``to_dict()`` is what ``--json`` prints."""

from . import handover
from .assign import AssignResult, assign_workspace
from .check import CheckResult, check_workspace
from .compare import CompareResult, compare
from .generate_registers import GenerateResult, generate_workspace_registers
from .generate_status import FormsResult, GenerateStatusResult, generate_forms, generate_status
from .import_resolution import import_resolution
from .import_vn2025 import import_vn2025
from .importing import ImportResult
from .ledger import LedgerResult, read_ledger
from .lineage import LineageResult, lineage
from .monitor import MonitorResult, monitor_workspace
from .readiness import ReadinessResult, readiness_workspace

__all__ = [
    "AssignResult",
    "CheckResult",
    "CompareResult",
    "GenerateResult",
    "ImportResult",
    "LedgerResult",
    "LineageResult",
    "assign_workspace",
    "handover",
    "check_workspace",
    "compare",
    "generate_workspace_registers",
    "import_resolution",
    "import_vn2025",
    "lineage",
    "read_ledger",
    # readiness (issue 12)
    "FormsResult",
    "GenerateStatusResult",
    "MonitorResult",
    "ReadinessResult",
    "generate_forms",
    "generate_status",
    "monitor_workspace",
    "readiness_workspace",
]

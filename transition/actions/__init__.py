"""One module per command. Each loads through :mod:`transition.io`, calls the pure stages, writes
through :mod:`transition.io` and returns a result whose ``to_dict()`` is what ``--json`` prints."""

from . import handover
from .assign import AssignResult, assign_workspace
from .check import CheckResult, check_workspace
from .compare import CompareResult, compare
from .dashboard import DashboardResult, build_workspace_dashboard
from .draft import DraftResult, draft
from .generate_registers import GenerateResult, generate_workspace_registers
from .generate_status import FormsResult, GenerateStatusResult, generate_forms, generate_status
from .generate_templates import TemplatesResult, generate_templates
from .import_resolution import import_resolution
from .import_vn2025 import import_vn2025
from .importing import ImportResult
from .ledger import LedgerResult, read_ledger
from .lineage import LineageResult, lineage
from .monitor import MonitorResult, monitor_workspace
from .readiness import ReadinessResult, readiness_workspace
from .reform import (
    ParFormsResult,
    ParInputsResult,
    ParResult,
    generate_par_forms,
    generate_par_scores,
    par_workspace,
)
from .service_index import ServiceIndexResult, service_index_workspace
from .standards import StandardsResult, UnitFactsResult, generate_unit_facts, standards
from .store import (
    AccountsResult,
    InitResult,
    accounts_create,
    accounts_disable,
    accounts_list,
    db_init,
    db_pull,
    db_push,
)

__all__ = [
    "AccountsResult",
    "InitResult",
    "accounts_create",
    "accounts_disable",
    "accounts_list",
    "db_init",
    "db_pull",
    "db_push",
    "ParFormsResult",
    "generate_par_forms",
    "ParInputsResult",
    "ParResult",
    "ServiceIndexResult",
    "generate_par_scores",
    "par_workspace",
    "service_index_workspace",
    "AssignResult",
    "CheckResult",
    "CompareResult",
    "DraftResult",
    "DashboardResult",
    "GenerateResult",
    "ImportResult",
    "LedgerResult",
    "LineageResult",
    "StandardsResult",
    "UnitFactsResult",
    "TemplatesResult",
    "assign_workspace",
    "build_workspace_dashboard",
    "handover",
    "check_workspace",
    "compare",
    "draft",
    "generate_templates",
    "generate_workspace_registers",
    "import_resolution",
    "import_vn2025",
    "lineage",
    "read_ledger",
    "generate_unit_facts",
    "standards",
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

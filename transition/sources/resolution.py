"""A plan straight from a resolution's text, every edge cited by its clause.

The clauses (see :mod:`resolution_text`) name old units in words; here the words are resolved against
the old-unit register of the province: type-aware (xã / phường / thị trấn), NFC, insensitive to
tone-mark placement and then to diacritics, narrowed by a district qualifier where the text gives one
("xã Tân Dân (huyện Phú Xuyên)") and else by the districts of the clause's other units. New units
resolve to their new codes by name and type within the new province. What cannot be resolved becomes a
problem that names the clause, quotes the words and lists the candidates; the rest is still built.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Plan
from ..problems import Problem
from ..text import split_type
from . import vn2025
from .resolution_text import ResolutionText, parse_resolution, read_text
from .resolver import SOURCE, Resolver

__all__ = ["SOURCE", "ResolutionImport", "import_resolution", "resolve"]


@dataclass(frozen=True)
class ResolutionImport:
    """The plan read from a resolution, with the problems met on the way and what the text says."""

    plan: Plan
    problems: tuple[Problem, ...]
    resolution: ResolutionText
    stated_totals: dict  # the totals clause: {"total": 54, "xã": 22, ...}
    parsed_totals: dict  # the same figures counted from the clauses
    unchanged: tuple[str, ...]  # codes of the new units the text leaves unchanged


def resolve(
    text: ResolutionText, register: Plan | None = None, *, file: str = ""
) -> ResolutionImport:
    """Resolve the names of a parsed resolution into a plan (registers from ``register`` or from
    ``vietnamadminunits`` for the province the text names).

    In order: what resolves alone, clause by clause; then names that fit several old units, by the
    districts of the clause's other units (or a close spelling there); the units the totals clause
    leaves unchanged; the plan; the totals stated against the totals counted.
    """
    if register is None:
        register = vn2025.province_plan([split_type(text.province)[1] or text.province])
    r = Resolver(text, register, file)
    r.first_pass()
    r.second_pass()
    unchanged = r.unchanged_units()
    plan = r.build_plan()
    stated, parsed = r.check_totals(plan, unchanged)
    return ResolutionImport(plan, tuple(r.problems), text, stated, parsed, tuple(unchanged))


def import_resolution(path, register: Plan | None = None) -> ResolutionImport:
    """Read a resolution file (.md, .txt, .docx) and resolve it into a plan.

    Raises :class:`InputFileError` when the file cannot be read, and :class:`UnknownProvince` when
    the province the text names is not one of the 34.
    """
    return resolve(parse_resolution(read_text(path)), register, file=str(path))

"""Problems as data: the vocabulary every stage shares.

A :class:`Problem` names what is wrong (a catalogued ``code``), how bad it is (``severity``), where it is
(the unit, the file, the row and column, the resolution's clause) and what would fix it. A
:class:`Report` collects them. Readers, sources, checks and the reassignment all return problems; only
``actions`` decide whether they stop a command.

>>> p = Problem(code="register-id", severity=ERROR, message="id is empty", file="inputs/staff.csv",
...             row=3, column="id", fix="give every item its own id")
>>> Report((p,)).flatten(["code", "row", "column"])
[['register-id', 3, 'id']]
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pandas as pd

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)

# Every problem code with its family and a title; the catalogue is part of the documentation.
CATALOGUE: dict[str, tuple[str, str]] = {
    "old-unit-missing": ("coverage", "An old unit of the province has no edge in the crosswalk"),
    "unknown-old-code": ("coverage", "An edge names an old unit that is not in the register"),
    "unknown-new-code": ("coverage", "An edge names a new unit that is not in the register"),
    "duplicate-edge": ("coverage", "The same old -> new edge appears twice"),
    "bad-part": ("coverage", "The part of an edge is not whole, part or remainder"),
    "whole-not-alone": ("coverage", "An old unit goes whole to one unit but has other edges too"),
    "single-part": ("coverage", "An old unit has one edge, but it is a part"),
    "remainder-count": ("coverage", "A divided old unit has more than one remainder"),
    "share-out-of-range": ("coverage", "A share is not between 0 and 1"),
    "shares-not-one": ("coverage", "The shares of a divided old unit do not sum to 1"),
    "shares-incomplete": ("coverage", "Some parts of a divided old unit have a share, others not"),
    "shares-unknown": ("coverage", "The parts of a divided old unit have no shares"),
    "remainder-order": (
        "coverage",
        "A remainder refers to a clause that is not before it or has no part",
    ),
    "remainder-missing": ("coverage", "A unit divided by a resolution has parts but no remainder"),
    "resolution-clause": ("import", "A clause of the resolution could not be read in full"),
    "resolution-unresolved": ("import", "A name in the resolution matches no old unit"),
    "resolution-ambiguous": ("import", "A name in the resolution matches several old units"),
    "resolution-type-differs": ("import", "A name in the resolution fits a unit of another type"),
    "resolution-fuzzy": (
        "import",
        "A name in the resolution was read as the closest name of its district",
    ),
    "resolution-disambiguated": (
        "import",
        "A name fitting several units was settled by its district",
    ),
    "resolution-new-unit": ("import", "A new unit named in the resolution is not in the register"),
    "resolution-part-as-whole": (
        "import",
        "A unit named as a part, and nowhere else, was read as whole",
    ),
    "resolution-totals": ("import", "The totals clause does not match the clauses"),
    "register-id": ("registers", "An item's id is empty or not unique"),
    "register-holder": ("registers", "An item's holder is not an old unit of the plan"),
    "register-date": ("registers", "A date cannot be read"),
    "register-kind": ("registers", "An asset or record kind is not known"),
    # --- reading registers as offices keep them (issue 9) ---
    "register-number": (
        "registers",
        "A number cell cannot be read (words, negative, bad grouping)",
    ),
    "register-column": ("registers", "A register column is missing and a header is not understood"),
    "register-column-unused": ("registers", "A column of a register is not one the toolkit reads"),
    "register-shape": ("registers", "A row has more cells than the header"),
    "register-code-restored": ("registers", "Codes that lost their leading zeros were restored"),
    "register-read-note": ("registers", "How a register was read (encoding, sheet, notation)"),
    "override-unknown-id": ("registers", "An override names an item that no register holds"),
    "override-unknown-class": ("registers", "An override names a class that does not exist"),
    "override-unknown-unit": ("registers", "An override names a new unit that is not in the plan"),
    "override-conflict": ("registers", "Two overrides give one item to different units"),
    "override-applied": ("registers", "An override of the department was applied"),
    "new-unit-empty": ("coverage", "A new unit has no component"),
    "crosses-province": ("coverage", "A new unit takes an old unit of another province"),
    "crs-missing": ("geometry", "A layer has no coordinate reference system"),
    "crs-geographic": ("geometry", "A layer is in degrees; metric work is done in VN-2000 / UTM"),
    "unmatched-feature": ("geometry", "A feature of a layer matches no unit"),
    "geometry-missing": ("geometry", "A unit has no polygon"),
    "invalid-geometry": ("geometry", "A polygon is not valid"),
    "overlap": ("geometry", "Two units overlap"),
    "gap": ("geometry", "Land between units that belongs to none"),
    "discontiguous": ("geometry", "The parts of a new unit do not touch one another"),
    "undeclared-island": (
        "geometry",
        "A new unit has no land neighbour and is not declared an island",
    ),
    "unit-vs-parts": ("geometry", "A new unit's polygon differs from the union of its parts"),
    "criteria-fail": ("criteria", "A new unit is below the criteria of its type"),
    "criteria-unknown": ("criteria", "A new unit's area or population is unknown"),
    # standards and drafting (issue 17)
    "facts-unknown": ("standards", "A current unit's population or area is missing or implausible"),
    "class-unknown": ("standards", "A xã's class (mountain, island, other) is not yet said"),
    "class-assumed": ("standards", "A xã's class is assumed by the proxy, to be confirmed"),
    "point-outside": ("quality", "An old unit's point lies outside the new unit it maps to"),
    "tone-variant": ("quality", "Two spellings of a name differ only in where the tone mark sits"),
    "name-differs": ("quality", "A name in the crosswalk differs from the register"),
    "code-alias": ("quality", "A unit was matched through another of its codes"),
    "area-differs": ("quality", "The official area is far from the polygon's area"),
    # handover documents (transition handover check-templates)
    "template-split-tag": (
        "templates",
        "A jinja tag of a .docx template is split across Word runs",
    ),
    "template-syntax": ("templates", "A .docx template does not parse as a jinja template"),
    "template-unknown-variable": (
        "templates",
        "A .docx template uses a variable no document gives",
    ),
    "template-render": ("templates", "A .docx template fails to render with sample data"),
    # readiness (issue 12): daily reports and the processing log
    "readiness-columns": (
        "readiness",
        "A report file lacks the columns date, unit, item or status",
    ),
    "readiness-date": ("readiness", "A report row's date cannot be read"),
    "readiness-date-outside": ("readiness", "A report row's date is outside the trial run"),
    "readiness-unit": ("readiness", "A report row names a unit that is not a new unit of the plan"),
    "readiness-other-unit": ("readiness", "A unit reports in another unit's form"),
    "readiness-item": ("readiness", "A report row names an item that is not in readiness.toml"),
    "readiness-item-derived": ("readiness", "A report row names an item the toolkit computes"),
    "readiness-status": ("readiness", "A report row's status is not one of the list"),
    "readiness-submitted": ("readiness", "A report row's sending time cannot be read"),
    "monitor-row": ("monitor", "A row of the processing log cannot be read"),
    "monitor-unit": ("monitor", "Rows of the processing log name a unit not in the plan"),
    # administrative-reform index (transition par, transition service-index)
    "par-unit": ("reform", "A scores row names a unit that is not a new unit of the plan"),
    "par-item": ("reform", "A scores row names an item that is not in the rubric"),
    "par-number": ("reform", "A score, value or yes/no cell of the scores register cannot be read"),
    "par-score-range": ("reform", "A score is below 0 or above the item's maximum"),
    "par-no-evidence": ("reform", "A self-score of an attested item has no evidence"),
    "par-form": ("reform", "A self-assessment form does not say which unit it is for"),
    "par-survey": (
        "reform",
        "A raw survey answer is not in the rubric's map, or not for a survey item",
    ),
    "split-year-unknown": ("reform", "A first-half dossier names a unit that is not an old unit"),
    "split-year-carried": ("reform", "How the first half's dossiers were carried to the new units"),
    "service-no-dossiers": ("reform", "No dossier of the log was received in the period"),
    "service-official-unreadable": ("reform", "The portal's published figures cannot be read"),
    "service-official-differs": (
        "reform",
        "A computed service-index group differs from the portal's figure beyond the tolerance",
    ),
    # ---- field cases (issue 16): inputs as offices really write them -----------------------------
    "coordinate-unreadable": ("registers", "A coordinate cell is neither degrees nor DMS"),
    "coordinate-swapped": ("registers", "A latitude-first pair was read the other way round"),
    "coordinate-outside": ("registers", "A point lies outside Viet Nam either way round"),
    "coordinate-outside-province": ("registers", "A point lies outside the province's units"),
    "id-number-short": ("registers", "A CCCD of 11 digits: the leading 0 was probably lost"),
    "id-number-malformed": ("registers", "A CCCD is not 12 digits"),
    "id-number-scientific": ("registers", "A CCCD in scientific notation: its digits are lost"),
    "id-number-shared": ("registers", "One CCCD given to two people"),
    "totals-row": ("registers", "A totals row was skipped and checked against the sum"),
    "totals-differ": ("registers", "A totals row does not equal the sum of the rows"),
    "merged-cells": ("registers", "Merged cells were filled down from the merge"),
    "register-file-unread": ("registers", "A file in inputs/ was not read as a register"),
    "layer-encoding": ("geometry", "A layer's text was decoded from a legacy code page"),
    "duplicate-feature": ("geometry", "One unit is matched by two features of a layer"),
    "unit-type-differs": ("quality", "The law and the register give a unit different types"),
    "name-prefix-type": ("quality", "A name's prefix contradicts the unit's type"),
    "plan-vocabulary": ("coverage", "A part value of a plan was not understood"),
    "holder-by-name": ("registers", "A holder written as a name was read as a unit's code"),
    "resolution-spelling": (
        "import",
        "A name of the text is spelt otherwise in the register (i/y)",
    ),
}


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One thing a person should look at; every field is given by name.

    ``row`` is the line in ``file`` (the header is line 1); ``clause`` is the clause of a resolution
    ("3", "Điều 1 khoản 12"); ``fix`` says what would settle it. ``value`` is the figure the message
    speaks of (an area in m², a share, a count); ``lon``/``lat`` (WGS 84 degrees) say where to look.
    """

    code: str
    severity: str
    message: str
    unit_code: str = ""
    unit_name: str = ""
    file: str = ""
    row: int | None = None
    column: str = ""
    clause: str = ""
    fix: str = ""
    value: float | None = None
    lon: float | None = None
    lat: float | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity '{self.severity}' is not one of {', '.join(SEVERITIES)}")

    @property
    def family(self) -> str:
        return CATALOGUE.get(self.code, ("other", ""))[0]

    def to_dict(self) -> dict:
        out = dataclasses.asdict(self)
        out["family"] = self.family
        return out


@dataclass(frozen=True)
class Report:
    """Every problem found, and a summary of the plan. ``valid`` is False when any problem is an error."""

    problems: tuple[Problem, ...]
    summary: dict = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity)

    def by_code(self, code: str) -> list[Problem]:
        return [p for p in self.problems if p.code == code]

    def to_dict(self) -> dict:
        """``{"valid": bool, "summary": {...}, "problems": [...]}``, as ``check --json`` prints it."""
        return {
            "valid": self.valid,
            "summary": self.summary,
            "problems": [p.to_dict() for p in self.problems],
        }

    def flatten(self, fields: list[str] | tuple[str, ...] = ("code", "unit_code", "row", "column")):
        """The problems as lists of the given fields, in report order (for compact test expectations)."""
        return [[getattr(p, f) for f in fields] for p in self.problems]

    def to_frame(self) -> pd.DataFrame:
        columns = [f.name for f in dataclasses.fields(Problem)] + ["family"]
        return pd.DataFrame([p.to_dict() for p in self.problems], columns=columns)


def sort_problems(problems) -> tuple[Problem, ...]:
    """Errors first, then warnings, then notes; within a severity by family, code, unit and row."""
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return tuple(
        sorted(
            problems,
            key=lambda p: (
                rank.get(p.severity, 9),
                p.family,
                p.code,
                p.unit_code,
                p.row or 0,
                p.message,
            ),
        )
    )

"""Checks of a plan. Each family is a module of plain functions returning :class:`Problem` values;
:func:`run_checks` runs them all and returns a :class:`Report`. A check never writes a file and never
changes the plan."""

from ..problems import CATALOGUE, ERROR, INFO, WARNING, Problem, Report
from .run import run_checks, summarise

__all__ = ["CATALOGUE", "ERROR", "INFO", "WARNING", "Problem", "Report", "run_checks", "summarise"]

"""Where the packaged data lives: the rule files of ``mappings/`` and the templates of ``templates/``.

In a checkout both folders sit at the top of the repository, beside the package; in an installed wheel
they are inside it (``transition/mappings``, ``transition/templates``; see ``setup.py``). A workspace may
hold its own copy of a rule file or template, which then wins over the packaged one.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    packaged = PACKAGE_DIR / name
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / name


MAPPINGS_DIR = _data_dir("mappings")
TEMPLATES_DIR = _data_dir("templates")


def mapping_path(name: str, workspace: str | Path | None = None) -> Path:
    """Path of the rule file ``name``: the workspace's own copy (``WORKSPACE/mappings/name``) when it
    has one, else the packaged file.

    >>> mapping_path("checks.toml").name
    'checks.toml'
    """
    if workspace is not None:
        own = Path(workspace) / "mappings" / name
        if own.exists():
            return own
    return MAPPINGS_DIR / name


def template_path(name: str, workspace: str | Path | None = None) -> Path:
    """Path of the template ``name``: the workspace's own copy (``WORKSPACE/templates/name``) when it
    has one, else the packaged template."""
    if workspace is not None:
        own = Path(workspace) / "templates" / name
        if own.exists():
            return own
    return TEMPLATES_DIR / name

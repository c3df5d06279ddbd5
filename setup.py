"""Package layout. The rule files (``mappings/``) and templates (``templates/``) stay at the top of the
repository, where a department finds them, and ship inside the wheel as ``transition/mappings`` and
``transition/templates``. Everything else is in pyproject.toml."""

from pathlib import Path

from setuptools import find_packages, setup

DATA = {"transition.mappings": "mappings", "transition.templates": "templates"}


def data_packages():
    """Every folder under the data roots, as a package name mapped to its folder."""
    out = {}
    for package, root in DATA.items():
        for folder in [Path(root), *sorted(p for p in Path(root).rglob("*") if p.is_dir())]:
            if "node_modules" in folder.parts or "__pycache__" in folder.parts:
                continue
            out[".".join([package, *folder.relative_to(root).parts])] = str(folder)
    return out


packages = data_packages()
setup(
    packages=find_packages(include=["transition", "transition.*"]) + sorted(packages),
    package_dir=packages,
    package_data={name: ["*"] for name in packages},
)

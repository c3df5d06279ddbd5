"""Loading a rule file of ``mappings/`` into a typed, frozen object.

Every rule file has a model (a pydantic class with ``extra="forbid"``): a misspelt or unknown key is an
error naming the file, the key and the keys accepted there, never a silently ignored value. Defaults
live in the files, not in code: a model's fields are required unless the file format documents a
default.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ProfileError
from ..resources import mapping_path

T = TypeVar("T", bound="Profile")


class Profile(BaseModel):
    """Base of every rule profile: unknown keys refused, values frozen after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML file at ``path`` as a dict; raises :class:`ProfileError` naming the file and line."""
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError as exc:
        raise ProfileError(f"{path}: rule file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML ({exc}); fix the line it names") from exc


def _accepted(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys accepted at ``loc`` (the path of an unknown key) inside ``model``."""
    current: Any = model
    for part in loc[:-1]:
        fields = getattr(current, "model_fields", None)
        if fields is None or part not in fields:
            return []
        annotation = fields[part].annotation
        args = getattr(annotation, "__args__", ())
        nested = [
            a for a in (annotation, *args) if isinstance(a, type) and issubclass(a, BaseModel)
        ]
        if not nested:
            return []
        current = nested[0]
    return sorted(getattr(current, "model_fields", {}))


def explain(path: Path | str, model: type[BaseModel], exc: ValidationError) -> ProfileError:
    """Turn pydantic's error into one message naming the file, each bad key and what is accepted."""
    lines = []
    for e in exc.errors():
        key = ".".join(str(p) for p in e["loc"]) or "(top level)"
        if e["type"] == "extra_forbidden":
            accepted = _accepted(model, tuple(e["loc"]))
            hint = f"; accepted keys here: {', '.join(accepted)}" if accepted else ""
            lines.append(f"key '{key}' is not known (misspelt?){hint}")
        elif e["type"] == "missing":
            lines.append(f"key '{key}' is missing; add it")
        else:
            given = e.get("input")
            shown = "" if isinstance(given, dict | list) else f" (given: {given!r})"
            lines.append(f"key '{key}': {e['msg']}{shown}")
    return ProfileError(f"{path}: " + "; ".join(lines))


def parse_profile(model: type[T], data: dict[str, Any], path: Path | str = "<dict>") -> T:
    """Validate ``data`` (a rule file's content) against ``model``; raises :class:`ProfileError`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise explain(path, model, exc) from None


@lru_cache(maxsize=64)
def _load_cached(model: type[T], path: Path, mtime: float) -> T:  # noqa: ARG001  mtime keys the cache
    return parse_profile(model, read_toml(path), path)


def load_profile(model: type[T], name: str | Path, workspace: str | Path | None = None) -> T:
    """Load the rule file ``name`` into ``model``.

    ``name`` is a file name under ``mappings/`` (the workspace's own copy wins when it has one) or a
    path. Raises :class:`ProfileError` when the file is missing, is not TOML, or has an unknown,
    missing or ill-typed key.
    """
    path = Path(name)
    if not path.exists():
        path = mapping_path(str(name), workspace)
    if not path.exists():
        raise ProfileError(f"{path}: rule file not found")
    return _load_cached(model, path.resolve(), path.stat().st_mtime)


def as_profile(
    model: type[T],
    given: T | dict[str, Any] | str | Path | None,
    default: str,
    workspace: str | Path | None = None,
) -> T:
    """A profile from what a caller gave: the object itself, a dict (validated), a path or file name,
    or ``None`` for ``default`` (a file name under ``mappings/``; the workspace's copy wins)."""
    if isinstance(given, model):
        return given
    if isinstance(given, dict):
        return parse_profile(model, given)
    if isinstance(given, str | Path):
        return load_profile(model, given, workspace)
    return load_profile(model, default, workspace)

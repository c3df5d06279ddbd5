"""Runs that write many files: a lock so that two runs never write one workspace, and staging folders
that are swapped in only when complete, so that an interrupted run (Ctrl-C, a full disk, a power cut)
leaves the previous complete results, and the ledger describes exactly the files present.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import WorkspaceLocked

LOCK_NAME = ".transition.lock"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def workspace_lock(root: str | Path, command: str) -> Iterator[Path]:
    """Hold ``ROOT/.transition.lock`` for the time of a run.

    Raises :class:`WorkspaceLocked` naming the run that holds it (command and process id) while that
    process lives; a lock left by a process that has ended is taken over (the run it belonged to was
    interrupted, and its staging folders are removed by the next run)."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    lock = root / LOCK_NAME
    me = {"command": command, "pid": os.getpid()}
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                held = json.loads(lock.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                held = {}
            pid = int(held.get("pid", 0) or 0)
            if pid and _alive(pid) and pid != os.getpid():
                raise WorkspaceLocked(
                    f"{root} is in use by another run: '{held.get('command', '?')}' (process "
                    f"{pid}); wait for it to finish. If no such run is going on, delete {lock}"
                ) from None
            lock.unlink(missing_ok=True)  # left by a run that ended without cleaning up
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(me, f)
        break
    try:
        yield lock
    finally:
        lock.unlink(missing_ok=True)


def staging_path(target: Path) -> Path:
    """The staging folder of ``target`` (beside it, hidden)."""
    return target.parent / f".{target.name}.staging"


@contextmanager
def staged_dirs(*targets: Path) -> Iterator[list[Path]]:
    """Yield empty staging folders, one per target folder; when the block ends without error, each
    target is replaced by its staging folder (old folder renamed aside, new renamed in, old removed).
    On error the staging folders are removed and the targets are untouched."""
    stages = []
    for target in targets:
        stage = staging_path(target)
        if stage.exists():
            shutil.rmtree(stage)  # from an interrupted run
        stage.mkdir(parents=True)
        stages.append(stage)
    try:
        yield stages
    except BaseException:
        for stage in stages:
            shutil.rmtree(stage, ignore_errors=True)
        raise
    for target, stage in zip(targets, stages, strict=True):
        swap_in(stage, target)


def swap_in(stage: Path, target: Path) -> None:
    """Replace folder ``target`` by ``stage`` with two renames (the old one is removed after)."""
    old = target.parent / f".{target.name}.old"
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(stage, target)
    if old.exists():
        shutil.rmtree(old)

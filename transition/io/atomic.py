"""Atomic, reproducible writes: every file goes to a temporary name beside its target and is renamed
into place, so a failed run leaves the old file or none, never half a file. No wall clock reaches an
output: archive entry times and document dates are fixed."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FIXED_TIME = dt.datetime(2025, 7, 1, 0, 0, 0)  # the day the two-tier model began; no wall clock
os.environ.setdefault("OGR_CURRENT_DATE", "2025-07-01T00:00:00Z")  # GeoPackage timestamps


@contextmanager
def atomic_path(target: str | Path, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success rename it to ``target``, else delete it."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=suffix or target.suffix
    )
    os.close(fd)
    os.unlink(tmp)  # some writers (GDAL) refuse to open an existing empty file
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_bytes(target: str | Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: str | Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))

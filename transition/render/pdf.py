"""PDF from DOCX through LibreOffice (``soffice --headless --convert-to pdf``).

Many files go to one ``soffice`` call (starting LibreOffice costs seconds, converting a minute a
fraction of one). Each worker gets its own user profile (``-env:UserInstallation``): two conversions
sharing a profile silently produce half the files. ``--norestore`` keeps a crashed run from
reopening documents; a timeout ends a hung conversion; every PDF asked for is checked to exist and
not be empty, and a missing one is an error naming it.

Fonts: Times New Roman is absent on Debian; LibreOffice substitutes Liberation Serif (from
``fonts-liberation2``; the older ``fonts-liberation`` lacks most Vietnamese letters) or Tinos
(``fonts-croscore``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import TransitionError

INSTALL_HINT = (
    "LibreOffice is needed for PDF: on Debian/Ubuntu run 'apt-get install -y "
    "libreoffice-writer-nogui fonts-liberation2 fonts-croscore' (on Windows or macOS install "
    "LibreOffice from its site and put soffice on the PATH), or leave out --pdf: the DOCX files are "
    "complete"
)


class PdfError(TransitionError):
    """LibreOffice is missing, timed out, or did not produce a PDF asked for."""


def soffice_path() -> str | None:
    """The ``soffice`` (or ``libreoffice``) executable on the PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert_batch(exe: str, paths: list[Path], out_dir: Path, timeout: float) -> None:
    with tempfile.TemporaryDirectory(prefix="transition-lo-") as profile:
        cmd = [
            exe,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *[str(p) for p in paths],
        ]
        env = dict(os.environ, SAL_USE_VCLPLUGIN="svp")
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, check=False, env=env)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(
                f"LibreOffice did not finish converting {len(paths)} files within {timeout:.0f} s "
                f"(first: {paths[0].name}); raise the timeout or convert fewer files at once"
            ) from exc


def convert_to_pdf(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    timeout: float = 600,
    workers: int = 1,
    batch_size: int = 200,
) -> list[Path]:
    """Convert ``paths`` (DOCX) to PDF in ``out_dir``; the PDF paths, in the order given.

    ``workers`` LibreOffice processes run side by side, each with its own profile, each on batches of
    at most ``batch_size`` files; ``timeout`` (seconds) applies to each batch. Raises
    :class:`PdfError` when ``soffice`` is not installed (saying how to install it), when a batch
    times out, or when a PDF is missing or empty afterwards (naming them).
    """
    exe = soffice_path()
    if exe is None:
        raise PdfError(INSTALL_HINT)
    files = [Path(p).resolve() for p in paths]
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    stems = [f.stem for f in files]
    if len(set(stems)) != len(stems):
        raise PdfError("two files to convert share a name; their PDFs would overwrite each other")
    expected = [out / f"{f.stem}.pdf" for f in files]
    for pdf in expected:
        pdf.unlink(missing_ok=True)
    size = max(1, min(batch_size, -(-len(files) // max(1, workers))))  # share files evenly
    batches = [files[i : i + size] for i in range(0, len(files), size)]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for future in [pool.submit(_convert_batch, exe, b, out, timeout) for b in batches]:
            future.result()
    missing = [p.name for p in expected if not p.exists() or p.stat().st_size == 0]
    if missing:
        raise PdfError(
            f"LibreOffice produced no PDF for {len(missing)} of {len(expected)} files "
            f"({', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}); open one in LibreOffice "
            "to see why"
        )
    return expected

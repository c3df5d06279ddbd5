"""Reproducible zip archives (XLSX and DOCX are zips): fixed entry times and document dates, so that the
same content always gives the same bytes."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from .atomic import FIXED_TIME


def fixed_zip(data: bytes, transform: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """Rewrite a zip with fixed entry times and a fixed ``modified`` date (writers stamp the wall clock).

    ``transform(name, data)``, when given, may change an entry's bytes on the way (the DOCX renderer
    splices its tables into ``word/document.xml`` there)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" when it saves
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*",
                    rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                    data,
                )
            if transform is not None:
                data = transform(info.filename, data)
            dst.writestr(fixed, data)
    return out.getvalue()

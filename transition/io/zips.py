"""Reproducible zip archives (XLSX and DOCX are zips): fixed entry times and document dates, so that the
same content always gives the same bytes."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable

from .atomic import FIXED_TIME

CORE = "docProps/core.xml"  # where writers stamp the wall clock ("created", "modified")
_DOS_DATE = ((FIXED_TIME.year - 1980) << 9) | (FIXED_TIME.month << 5) | FIXED_TIME.day
_DOS_TIME = (FIXED_TIME.hour << 11) | (FIXED_TIME.minute << 5) | (FIXED_TIME.second // 2)


def _fixed_core(data: bytes) -> bytes:
    data = re.sub(
        rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
        rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
        data,
    )
    return data.replace(b"<dc:creator></dc:creator>", b"<dc:creator>transition</dc:creator>")


def _raw(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """The compressed bytes of one entry, as stored (no inflating)."""
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    return data[start : start + info.compress_size]


def fixed_zip(data: bytes, transform: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """Rewrite a zip with fixed entry times and fixed ``created``/``modified`` dates in
    ``docProps/core.xml`` (writers stamp the wall clock there).

    Entries other than ``docProps/core.xml`` are copied as they were compressed, without inflating
    and deflating them again: on the unit workbooks this halves the cost of writing a workbook.
    Entry order, names, compression and attributes are kept. Archives of 4 GiB or more (zip64) are
    not expected here and raise :class:`ValueError`.

    ``transform(name, data)``, when given, may change an entry's bytes on the way (the DOCX renderer
    splices its tables into ``word/document.xml`` there); an entry it changes is compressed again.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    out = bytearray()
    central = bytearray()
    for info in src.infolist():
        plain = None
        if info.filename == CORE:
            plain = _fixed_core(src.read(info.filename))
        if transform is not None:
            before = plain if plain is not None else src.read(info.filename)
            after = transform(info.filename, before)
            if plain is not None or after != before:
                plain = after
        if plain is not None:
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            payload = packer.compress(plain) + packer.flush()
            method, crc, size = zipfile.ZIP_DEFLATED, zlib.crc32(plain), len(plain)
        else:
            payload = _raw(data, info)
            method, crc, size = info.compress_type, info.CRC, info.file_size
        name = info.filename.encode("utf-8")
        flags = 0x800 if info.flag_bits & 0x800 else 0  # UTF-8 names stay marked so
        if max(len(out), len(payload), size) >= 0xFFFFFFFF:
            raise ValueError("fixed_zip does not write zip64 archives")
        common = struct.pack(
            "<HHHHHIIIH",
            20,
            flags,
            method,
            _DOS_TIME,
            _DOS_DATE,
            crc,
            len(payload),
            size,
            len(name),
        )
        central += (
            struct.pack("<IH", 0x02014B50, (3 << 8) | 20)
            + common
            + struct.pack("<HHHHII", 0, 0, 0, 0, info.external_attr, len(out))
            + name
        )
        out += struct.pack("<I", 0x04034B50) + common + struct.pack("<H", 0) + name + payload
    count = len(src.infolist())
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(out), 0)
    return bytes(out + central + end)

"""Text of GIS layers as offices have them: a Shapefile's DBF in Windows-1258 (the Vietnamese code
page ArcGIS writes), TCVN3 (ABC) or VNI, with or without a ``.cpg``; layers whose text was mis-decoded
before it reached us.

GDAL's own Windows-1258 conversion drops a letter where a tone mark combines (``Phường Hà T`` for
``Phường Hà Tu``, field ``TEN_X`` for ``TEN_XA``), so the DBF's text fields are decoded here, from its
bytes: by the ``.cpg`` when there is one, else by detection (UTF-8, Windows-1258, TCVN3, VNI: the one
whose every non-ASCII character is a Vietnamese letter), always to NFC, with a note saying which.
A layer of another format whose names hold characters that are no Vietnamese letters (``PhÆ°á»ng``,
``B¶o Th¾ng``) is refused, naming the code page the text most likely came from.
"""

from __future__ import annotations

import struct
import unicodedata
from pathlib import Path

import pandas as pd

from ..errors import InputFileError

CPG_CODECS = {
    "1258": "cp1258",
    "cp1258": "cp1258",
    "windows-1258": "cp1258",
    "ansi 1258": "cp1258",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "65001": "utf-8",
    "1252": "cp1252",
    "cp1252": "cp1252",
    "ansi 1252": "cp1252",
}
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")


def _vietnamese_letters() -> frozenset[str]:
    out = {"đ", "Đ"}
    for base in "aăâeêioôơuưy":
        for tone in _TONES:
            c = unicodedata.normalize("NFC", base + tone)
            out |= {c, c.upper()}
    return frozenset(out)


VIETNAMESE = _vietnamese_letters()
_ALLOWED = set("–—‘’“”…°²³\u00a0«»·")


def looks_vietnamese(text: str) -> bool:
    """True when every non-ASCII character of ``text`` (NFC) is a Vietnamese letter or usual mark."""
    return all(
        c.isascii() or c in VIETNAMESE or c in _ALLOWED for c in unicodedata.normalize("NFC", text)
    )


def _legacy(text: str) -> tuple[str, str | None]:
    """TCVN3 / VNI text (read as Latin-1) converted, through the input readers' converter."""
    try:
        from ..io.encodings import fix_legacy  # the input issue's converter (TCVN3, VNI)
    except ImportError:  # pragma: no cover - until it lands, Windows-1258 and UTF-8 only
        return text, None
    return fix_legacy(text)


def decode_cells(raw: list[bytes], codec: str | None) -> tuple[list[str], str]:
    """Decode DBF text cells; ``codec`` from the ``.cpg`` or ``None`` to detect. Returns the NFC texts
    and the name of the encoding used. Raises :class:`ValueError` naming the likely code page when the
    ``.cpg``'s codec gives text that is not Vietnamese."""
    if all(b.isascii() for b in raw):
        return [b.decode("ascii") for b in raw], "ASCII"
    candidates = [codec] if codec else ["utf-8", "cp1258", "TCVN3/VNI"]
    tried = {}
    for name in candidates + (["utf-8", "cp1258", "TCVN3/VNI"] if codec else []):
        texts = _try(raw, name)
        if texts is not None and all(looks_vietnamese(t) for t in texts[0]):
            if codec and name != codec:
                raise ValueError(
                    f"its .cpg says {codec}, but the text reads as Vietnamese only in {texts[1]}; "
                    f"correct the .cpg to {texts[1]}"
                )
            return texts
        tried[name] = texts
    raise ValueError(
        "its text is in none of UTF-8, Windows-1258, TCVN3 or VNI"
        + (f" (the .cpg says {codec})" if codec else "")
        + "; save the layer as a GeoPackage in UTF-8"
    )


def _try(raw: list[bytes], name: str) -> tuple[list[str], str] | None:
    if name == "TCVN3/VNI":
        found, used = [], set()
        for b in raw:
            text, enc = _legacy(b.decode("latin-1"))
            found.append(unicodedata.normalize("NFC", text))
            used |= {enc} if enc else set()
        return (found, "/".join(sorted(used))) if len(used) == 1 else None
    try:
        return [unicodedata.normalize("NFC", b.decode(name)) for b in raw], name
    except UnicodeDecodeError:
        return None


def read_dbf_text(path: Path) -> tuple[pd.DataFrame, str]:
    """The text (``C``) fields of a Shapefile's DBF, decoded as :func:`decode_cells` says, one row per
    record that is not deleted; and the encoding used. Raises :class:`InputFileError` naming the file
    and the likely code page when the text cannot be read as Vietnamese."""
    dbf = path.with_suffix(".dbf")
    data = dbf.read_bytes()
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos, offset = [], 32, 1
    while pos < header_len - 1 and data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode("latin-1")
        kind, length = chr(data[pos + 11]), data[pos + 16]
        fields.append((name, kind, offset, length))
        offset += length
        pos += 32
    cpg = path.with_suffix(".cpg")
    codec = None
    if cpg.exists():
        codec = CPG_CODECS.get(cpg.read_text(errors="replace").strip().lower())
    records = [
        data[header_len + i * record_len : header_len + (i + 1) * record_len] for i in range(count)
    ]
    records = [r for r in records if r[:1] != b"*"]
    out, used = {}, set()
    for name, kind, start, length in fields:
        if kind != "C":
            continue
        raw = [r[start : start + length].rstrip(b" \0") for r in records]
        try:
            texts, enc = decode_cells(raw, codec)
        except ValueError as exc:
            raise InputFileError(dbf, f"field {name}: {exc}") from exc
        out[name] = [t.strip() for t in texts]
        used.add(enc)
    used.discard("ASCII")
    return pd.DataFrame(out), "/".join(sorted(used))


def misdecoded(values) -> str | None:
    """For a column of names: ``None`` when it reads as Vietnamese, else the likely source encoding
    (``"UTF-8 read as Windows-1252"``, ``"TCVN3"``, ``"VNI"``, or ``"unknown"``)."""
    bad = [str(v) for v in values if isinstance(v, str) and not looks_vietnamese(v)]
    if not bad:
        return None
    sample = bad[0]
    for wrong in ("cp1252", "latin-1"):
        try:
            fixed = sample.encode(wrong).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if looks_vietnamese(fixed):
            return f"UTF-8 read as {'Windows-1252' if wrong == 'cp1252' else 'Latin-1'}"
    try:
        fixed = sample.encode("cp1252").decode("cp1258")
        if looks_vietnamese(fixed) and fixed != sample:
            return "Windows-1258 read as Windows-1252"
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    _, legacy = _legacy(sample)
    return legacy or "unknown"

"""Text encodings of the files Vietnamese offices keep: UTF-8 with or without a byte-order mark, UTF-16
(Excel's "Unicode text"), Windows-1258, and the legacy font encodings TCVN3 (ABC, the ``.VnTime`` fonts)
and VNI (the ``VNI-Times`` fonts). Everything ends in Unicode NFC; what was converted is said in a note.

Legacy text is recognised by what it would become: a cell is converted only when it holds characters that
are not Vietnamese letters (``B¶o Th¾ng``, ``Vieät Nam``) and the conversion gives Vietnamese ones.

>>> fix_legacy("B¶o Th¾ng")
('Bảo Thắng', 'TCVN3')
>>> fix_legacy("Vieät Nam")
('Việt Nam', 'VNI')
>>> fix_legacy("Hòa Bình")
('Hòa Bình', None)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, sắc, huyền, hỏi, ngã, nặng
BASES = "aăâeêioôơuưy"


def _letters() -> frozenset[str]:
    out = {"đ", "Đ"}
    for b in BASES:
        for t in TONES:
            c = unicodedata.normalize("NFC", b + t)
            out |= {c, c.upper()}
    return frozenset(out)


VIETNAMESE = _letters()
# Non-ASCII characters that ordinary Vietnamese text carries besides its letters.
PUNCTUATION = set("–—‘’“”…•°²³№€\u00a0«»·×")

# TCVN3 (TCVN 5712:1993, VN3 "ABC"): byte -> letter; the fonts show these bytes as Latin-1 characters.
_TCVN3_BYTES = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ", 0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ",
    0xBE: "ắ", 0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ", 0xCC: "è",
    0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế",
    0xD6: "ệ", 0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị", 0xDF: "ò", 0xE1: "ỏ",
    0xE2: "õ", 0xE3: "ó", 0xE4: "ọ", 0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ", 0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ",
    0xF3: "ú", 0xF4: "ụ", 0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự", 0xFA: "ỳ",
    0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
TCVN3 = {bytes([b]).decode("latin-1"): c for b, c in _TCVN3_BYTES.items()}

# VNI: a base letter followed by marks typed as Latin-1 characters (lower case; upper case alike).
_VNI_TONE = dict(zip(TONES[1:], "ùøûõï", strict=True))  # on a, e, o, u, y, ơ, ư
_VNI_CIRC = dict(zip(TONES, "âáàåãä", strict=True))  # â ê ô with each tone
_VNI_BREVE = dict(zip(TONES, "êéèúüë", strict=True))  # ă with each tone
_VNI_I = dict(zip(TONES, "iíìæóò", strict=True))


@lru_cache(maxsize=1)
def _vni_table() -> dict[str, str]:
    """VNI sequence -> Unicode letter (longest sequences are tried first)."""
    table: dict[str, str] = {"ñ": "đ", "Ñ": "Đ"}
    for tone in TONES:
        for base, seq in (("a", "a"), ("e", "e"), ("o", "o"), ("u", "u"), ("y", "y")):
            if tone:
                table[seq + _VNI_TONE[tone]] = base + tone
        for base, seq in (("ơ", "ô"), ("ư", "ö")):
            table[seq + (_VNI_TONE[tone] if tone else "")] = base + tone
        for base in "aeo":
            table[base + _VNI_CIRC[tone]] = {"a": "â", "e": "ê", "o": "ô"}[base] + tone
        table["a" + _VNI_BREVE[tone]] = "ă" + tone
        if tone:
            table[_VNI_I[tone]] = "i" + tone
    out = {}
    for seq, letter in table.items():
        letter = unicodedata.normalize("NFC", letter)
        out[seq] = letter
        up = letter.upper()
        out[seq.upper()] = up
        out[seq[0].upper() + seq[1:]] = up  # "Aù": a capital with lower-case marks
    return out


def _score(text: str) -> tuple[int, int]:
    """(characters that are not Vietnamese, Vietnamese letters) among the non-ASCII ones."""
    bad = good = 0
    prev = ""
    for c in text:
        if ord(c) >= 128:
            if c in VIETNAMESE and not (c.isupper() and prev.islower()):
                good += 1
            elif c not in PUNCTUATION:
                bad += 1  # not a letter of Vietnamese, or a capital inside a word ("TiÕng")
        prev = c
    return bad, good


def from_tcvn3(text: str) -> str:
    return "".join(TCVN3.get(c, c) for c in text)


def from_vni(text: str) -> str:
    table = _vni_table()
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(k) for k in keys))
    return pattern.sub(lambda m: table[m.group(0)], text)


def fix_legacy(text: str, prefer: str | None = None) -> tuple[str, str | None]:
    """A cell -> (Unicode NFC text, name of the legacy encoding converted from, or None).

    A cell is left as it is unless it holds characters that no Vietnamese text has and a legacy
    reading has fewer of them. ``prefer`` (``"VNI"`` or ``"TCVN3"``, the file's encoding) converts
    the cell whenever that reading is no worse and changes it."""
    text = unicodedata.normalize("NFC", text)
    bad, _ = _score(text)
    if prefer in ("VNI", "TCVN3"):
        convert = from_vni if prefer == "VNI" else from_tcvn3
        candidate = unicodedata.normalize("NFC", convert(text))
        if candidate != text and _score(candidate)[0] <= bad:
            return candidate, prefer
    if not bad:
        return text, None
    best, name, best_bad = text, None, bad
    for label, convert in (("VNI", from_vni), ("TCVN3", from_tcvn3)):
        candidate = unicodedata.normalize("NFC", convert(text))
        cb, cg = _score(candidate)
        if cb < best_bad and cg > 0:
            best, name, best_bad = candidate, label, cb
    return best, name


@dataclass(frozen=True)
class Decoded:
    """Text of a file and what was done to read it: ``encoding`` (as read), ``notes``."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def decode_bytes(raw: bytes) -> Decoded:
    """Bytes of a text file -> Unicode NFC text.

    UTF-8 (with or without BOM), UTF-16 (by its BOM, or by its zero bytes), else Windows-1258 or the
    bytes of a legacy font encoding, whichever reads as Vietnamese. Never raises on bytes: every byte
    decodes under one of them; what cannot be Vietnamese stays visible for the checks to refuse.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return Decoded(
            unicodedata.normalize("NFC", raw[3:].decode("utf-8", "strict")), "UTF-8 (BOM)"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoded(
            unicodedata.normalize("NFC", raw.decode("utf-16")),
            "UTF-16",
            ("read as UTF-16 (Excel's Unicode text)",),
        )
    head = raw[:4000]
    if head and head.count(0) > len(head) // 4:  # UTF-16 without a byte-order mark
        enc = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return Decoded(
            unicodedata.normalize("NFC", raw.decode(enc)), "UTF-16", ("read as UTF-16 (no BOM)",)
        )
    try:
        text = raw.decode("utf-8")
        nfc = unicodedata.normalize("NFC", text)
        notes = ("decomposed accents (NFD) composed to NFC",) if nfc != text else ()
        return Decoded(nfc, "UTF-8", notes)
    except UnicodeDecodeError:
        pass
    cp1258 = unicodedata.normalize("NFC", raw.decode("cp1258", "replace"))
    latin = raw.decode("latin-1")
    b1, _ = _score(cp1258)
    b2, _ = _score("\n".join(fix_legacy(line)[0] for line in latin.splitlines()))
    if b1 <= b2:
        return Decoded(cp1258, "Windows-1258", ("converted from Windows-1258 to Unicode",))
    return Decoded(latin, "8-bit", ("read as 8-bit text (legacy font encoding)",))


def sniff_separator(text: str) -> str:
    """``,``, ``;`` or tab: the one that splits the first lines into the same, largest number of
    fields (Excel in a Vietnamese locale writes ``;``)."""
    lines = [ln for ln in text.splitlines()[:30] if ln.strip()]
    best, best_n = ",", 0
    for sep in (",", ";", "\t"):
        counts = [ln.count(sep) for ln in lines]
        if not counts:
            continue
        n = max(counts)
        common = max(set(counts), key=counts.count)
        if common > best_n or (n > best_n and common == best_n):
            best, best_n = sep, common
    return best

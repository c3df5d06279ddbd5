"""Vietnamese names: Unicode NFC, folding of diacritics and tone-mark placement, unit-type prefixes.

Two keys are used for matching, from the strictest to the loosest:

* :func:`tone_key` is insensitive to case, spacing and *where* the tone mark sits
  (``Hòa`` and ``Hoà`` are the same name) but keeps every mark, so ``Tân An`` and ``Tấn An`` differ.
* :func:`fold` drops every mark (``Hòa``, ``Hoà``, ``Hoa`` and ``hoa`` are all ``hoa``); it is the
  fallback when a user types without diacritics.

>>> tone_key("Xã Hòa Bình") == tone_key("xã  Hoà Bình")
True
>>> fold("Quảng Ninh")
'quang ninh'
>>> split_type("Phường Hạ Long")
('Phường', 'Hạ Long')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The five Vietnamese tone marks as combining characters. Vowel-quality marks (circumflex U+0302,
# breve U+0306, horn U+031B) are part of the letter and stay where they are.
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# Unit-type prefixes, longest first so that "Thị trấn" wins over a bare "Thị".
UNIT_TYPES = (
    "Thành phố",
    "Thị trấn",
    "Thị xã",
    "Đặc khu",
    "Phường",
    "Huyện",
    "Quận",
    "Tỉnh",
    "Xã",
)
_FOLDED_TYPES = None


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with runs of white space folded to one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text))).strip()


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Lower-case ``text`` and drop every diacritic (``đ`` becomes ``d``); keep letters, digits, spaces."""
    decomposed = unicodedata.normalize("NFD", str(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d").replace("Đ", "D").lower()
    stripped = re.sub(r"[^0-9a-z]+", " ", stripped)
    return stripped.strip()


@lru_cache(maxsize=262144)
def tone_key(text: str) -> str:
    """A key that ignores case, spacing, punctuation and the placement of the tone mark in a syllable.

    Each syllable keeps its letters and vowel-quality marks; its tone mark, if any, is moved to the end
    of the syllable, so ``Hòa`` (tone on *o*) and ``Hoà`` (tone on *a*) give the same key.
    """
    words = []
    for word in re.split(r"[^\w]+", unicodedata.normalize("NFC", str(text).lower())):
        if not word:
            continue
        word = unicodedata.normalize("NFD", word)
        tones = [c for c in word if c in TONE_MARKS]
        letters = "".join(c for c in word if c not in TONE_MARKS)
        words.append(unicodedata.normalize("NFC", letters) + "".join(tones))
    return " ".join(words)


def split_type(name: str) -> tuple[str | None, str]:
    """Split a full unit name into its type prefix and the bare name.

    The prefix is recognised with or without diacritics and in any case; the returned type is the
    canonical spelling from :data:`UNIT_TYPES`, or ``None`` when the name has no prefix.
    """
    global _FOLDED_TYPES
    if _FOLDED_TYPES is None:
        _FOLDED_TYPES = [(fold(t).split(), t) for t in UNIT_TYPES]
    clean = nfc(name)
    words = clean.split(" ")
    folded = [fold(w) for w in words]
    for prefix, canonical in _FOLDED_TYPES:
        n = len(prefix)
        if folded[:n] == prefix and len(words) > n:
            return canonical, " ".join(words[n:])
    return None, clean


def canonical_type(unit_type: str | None) -> str | None:
    """Return the canonical spelling of a unit type (``"xa"`` -> ``"Xã"``), or ``None`` if unknown."""
    if unit_type is None or str(unit_type).strip() == "":
        return None
    wanted = fold(unit_type)
    for t in UNIT_TYPES:
        if fold(t) == wanted:
            return t
    return None


def tone_variants_differ(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are the same name written with the tone mark in different places."""
    return nfc(a) != nfc(b) and tone_key(a) == tone_key(b)


def suggest(query: str, names: list[str], n: int = 3) -> list[str]:
    """The names closest to ``query``, compared without diacritics, case or type prefix.

    Used for "did you mean" hints when a look-up finds nothing.

    >>> suggest("Quang Nin", ["Tỉnh Quảng Ninh", "Tỉnh Quảng Ngãi", "Thành phố Hà Nội"])
    ['Tỉnh Quảng Ninh']
    >>> suggest("Ha Tuu", ["Phường Hà Tu", "Phường Hà Lầm"])
    ['Phường Hà Tu']
    """
    import difflib

    keyed: dict[str, str] = {}
    for name in names:
        keyed.setdefault(fold(split_type(name)[1]), name)
    wanted = fold(split_type(query)[1])
    scored = sorted(
        ((difflib.SequenceMatcher(None, wanted, k).ratio(), k) for k in keyed), reverse=True
    )
    if not scored or scored[0][0] < 0.75:
        return []
    best = scored[0][0]  # only the names about as close as the closest one
    return [keyed[k] for r, k in scored[:n] if r >= best - 0.05]

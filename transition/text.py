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


# ---- the name matcher's rules (issue 16): names as people write them --------------------------------
# Abbreviations of unit types on forms and dossiers, folded, with the type they stand for. "TP" is a
# city of either tier; it is read as "Thành phố" and the tier follows from where it matches.
ABBREVIATIONS = {
    "tp": "Thành phố",
    "tx": "Thị xã",
    "tt": "Thị trấn",
    "p": "Phường",
    "f": "Phường",  # Saigon usage: F1 = Phường 1
    "x": "Xã",
    "q": "Quận",
    "h": "Huyện",
    "dk": "Đặc khu",
    "t": "Tỉnh",
}
COMMUNE_TYPES = ("Xã", "Phường", "Thị trấn", "Đặc khu")
ERA_MARKS = {"cu": "old", "moi": "new"}  # "(cũ)" / "(mới)" after a name
_ABBREV = re.compile(
    r"^(?P<abbr>t\.?\s?p|t\.?\s?x|t\.?\s?t|đ\.?\s?k|d\.?\s?k|[pfxqht])"
    r"(?:\.\s*|\s+(?=[A-ZÀ-Ỹ0-9Đ])|(?=\d))(?P<rest>.+)$",
    re.IGNORECASE,
)
# A syllable written with -y or -i alone after its initial consonant(s): Sĩ/Sỹ, Mĩ/Mỹ, Kì/Kỳ, Quí/Quý.
IY_INITIALS = (
    "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
    "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip
_IY = re.compile(rf"^({'|'.join(IY_INITIALS)})y(?=\W|$|[\u0300\u0301\u0303\u0309\u0323])")


def expand_abbreviation(name: str) -> str:
    """``"P. Hà Tu"`` -> ``"Phường Hà Tu"``; ``"TX.Quảng Yên"``, ``"Q3"``, ``"P01"`` likewise.

    A one-letter abbreviation counts only before a dot, a capital, or a digit, so that a name that
    starts with such a syllable is left alone.

    >>> expand_abbreviation("X.Vô Ngại"), expand_abbreviation("TT Bình Liêu"), expand_abbreviation("F1")
    ('Xã Vô Ngại', 'Thị trấn Bình Liêu', 'Phường 1')
    """
    clean = nfc(name)
    m = _ABBREV.match(clean)
    if not m:
        return clean
    key = fold(m.group("abbr")).replace(" ", "")
    kind = ABBREVIATIONS.get(key)
    if kind is None:
        return clean
    rest = m.group("rest").strip()
    if split_type(rest)[0] is not None and split_type(rest)[1] != rest:
        return clean  # "H. Huyện ..." is no abbreviation
    return f"{kind} {_number(rest)}"


def _number(bare: str) -> str:
    """Numbered units: ``"01"`` and ``"1"`` are the same unit (up to three digits: a five-digit
    code such as ``06652`` keeps its zeros)."""
    t = bare.strip()
    return re.sub(r"^0+(?=\d)", "", t) if t.isdigit() and len(t) <= 3 else t


def spelling_key(text: str) -> str:
    """:func:`tone_key` with the i/y pair made one (``Sỹ`` = ``Sĩ``, ``Quý`` = ``Quí``) and numbers
    without leading zeros (``01`` = ``1``): the key of the look-up as people write names."""
    out = []
    for word in tone_key(text).split(" "):
        word = unicodedata.normalize("NFC", _IY.sub(r"\1i", unicodedata.normalize("NFD", word)))
        out.append(_number(word) if word.isdigit() else word)
    return " ".join(out)


def loose_key(text: str) -> str:
    """:func:`fold` with the i/y pair made one and numbers without leading zeros (typed without marks)."""
    return " ".join(
        _number(w) if w.isdigit() else _IY.sub(r"\1i", w) for w in fold(text).split(" ")
    )


def spelling_differs(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ only in the i/y pair or tone placement (``Sỹ`` / ``Sĩ``)."""
    return nfc(a) != nfc(b) and spelling_key(a) == spelling_key(b)


def search_rules() -> dict:
    """The matcher's rules as data, for the dashboard's search (which reads a query as
    :func:`loose_key` does, after :func:`expand_abbreviation`): ``{"abbreviations": {"p":
    "phuong", ...}, "iy_initials": ["b", "c", ...]}`` (folded)."""
    return {
        "abbreviations": {k: fold(v) for k, v in sorted(ABBREVIATIONS.items())},
        "iy_initials": sorted({fold(i) for i in IY_INITIALS}),
    }


def parse_name_query(query: str) -> dict:
    """A name as people write it, read into ``{"era", "kind", "bare", "qualifiers"}``.

    ``era`` is ``"old"`` / ``"new"`` from a "(cũ)" / "(mới)" mark, else ``None``; ``kind`` the canonical
    unit type (abbreviations expanded) or ``None``; ``qualifiers`` the other parts, each ``(kind,
    bare)``: the old district and province, in any order, separated by commas, dashes or semicolons.
    The unit itself is the first part of a commune type, else the first part.

    >>> q = parse_name_query("Quận 3 - P.01 (cũ)")
    >>> q["era"], q["kind"], q["bare"], q["qualifiers"]
    ('old', 'Phường', '1', [('Quận', '3')])
    """
    text = nfc(query)
    era = None
    m = re.search(r"[\(\[]\s*(cũ|cu|mới|moi)\s*[\)\]]", text, re.IGNORECASE)
    if m:
        era = ERA_MARKS[fold(m.group(1))]
        text = (text[: m.start()] + text[m.end() :]).strip()
    parts = [p.strip() for p in re.split(r"\s*[,;/]\s*|\s+[-–]\s+", text) if p.strip()]
    read = [split_type(expand_abbreviation(p)) for p in parts] or [(None, "")]
    typed = [i for i, (k, _) in enumerate(read) if k in COMMUNE_TYPES]
    # Without a commune type, the unit is the first part (smallest first, as addresses are written)
    # or else the last (largest first): both are tried, in that order.
    heads = typed[:1] or sorted({0, len(read) - 1})
    readings = []
    for head in heads:
        kind, bare = read[head]
        qualifiers = [(k, _number(b)) for i, (k, b) in enumerate(read) if i != head]
        readings.append({"era": era, "kind": kind, "bare": _number(bare), "qualifiers": qualifiers})
    return readings[0] | {"readings": readings}


def match_names(query: str, rows: list[tuple]) -> tuple[list[int], str]:
    """Positions of ``rows`` that ``query`` names, and how: ``"spelling"`` (tone placement, i/y pair,
    abbreviations, numbering) or ``"loose"`` (without diacritics); ``([], "none")`` when none.

    ``rows`` are ``(name, unit_type, district_name, province_name, era)`` tuples (empty strings where
    unknown). The query's type must fit the row's (its name's prefix, else its ``unit_type``); its
    qualifiers must each fit the row's district or province, in any order.
    """
    for key in (spelling_key, loose_key):
        for q in parse_name_query(query)["readings"]:
            found = _match_reading(q, rows, key)
            if found:
                return found, "spelling" if key is spelling_key else "loose"
    return [], "none"


def _match_reading(q: dict, rows: list[tuple], key) -> list[int]:
    """Positions of ``rows`` that one reading of a query names under ``key``."""
    wanted = key(q["bare"])
    quals = [key(b) for _, b in q["qualifiers"]]
    found = []
    for pos, (name, unit_type, district, province, era) in enumerate(rows):
        row_kind, row_bare = split_type(name)
        if key(_number(row_bare)) != wanted:
            continue
        if q["kind"] and fold(q["kind"]) != fold(row_kind or unit_type or ""):
            continue
        if q["era"] and era and q["era"] != era:
            continue
        places = {key(_number(split_type(p)[1])) for p in (district, province) if p}
        places |= {key(p) for p in (district, province) if p}
        if all(qual in places or _city_alias(qual) & places for qual in quals):
            found.append(pos)
    return found


def _city_alias(key: str) -> set[str]:
    """The usual short forms of the two largest cities' names (``HCM``, ``TPHCM``, ``HN``)."""
    short = {
        "hcm": "hồ chí minh",
        "tphcm": "hồ chí minh",
        "tp hcm": "hồ chí minh",
        "sai gon": "hồ chí minh",
        "hn": "hà nội",
    }
    full = short.get(fold(key))
    return {spelling_key(full), loose_key(full)} if full else set()


def read_vn_number(text, *, whole: bool = False, comma_decimal: bool | None = None) -> float:
    """A figure as a Vietnamese table writes it: ``29.643`` (dots between thousands), ``37,60`` (a
    decimal comma), ``1.250.000,5``, or the English ``1,250,000.5``.

    ``whole`` says the figure counts things (people): a single dot or comma before exactly three digits
    is then a thousands separator. ``comma_decimal`` says what the rest of the column does (a comma
    before decimals elsewhere makes ``41.390`` forty-one thousand). Raises :class:`ValueError` with the
    reason when the text is no number.

    >>> read_vn_number("29.643", whole=True), read_vn_number("37,60"), read_vn_number("1.250.000,5")
    (29643.0, 37.6, 1250000.5)
    """
    raw = re.sub(r"\s+", "", str(text))
    if raw == "":
        raise ValueError("empty")
    sign = -1.0 if raw.startswith("-") else 1.0
    raw = raw.lstrip("+-")
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", raw):
        raise ValueError(f"'{text}' is not a number")
    dots, commas = raw.count("."), raw.count(",")
    grouped = re.fullmatch(r"\d{1,3}([.,]\d{3})+", raw) is not None
    if dots and commas:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
    elif dots + commas == 0:
        return sign * float(raw)
    elif dots + commas > 1:
        if not grouped:
            raise ValueError(f"'{text}' mixes separators")
        decimal = None
    else:
        sep = "." if dots else ","
        three = grouped
        if three and (
            whole or (sep == "." and comma_decimal) or (sep == "," and comma_decimal is False)
        ):
            decimal = None
        else:
            decimal = sep
    if decimal is None:
        value = float(re.sub(r"[.,]", "", raw))
    else:
        thousands = "," if decimal == "." else "."
        value = float(raw.replace(thousands, "").replace(decimal, "."))
    if whole and value != int(value):
        raise ValueError(f"'{text}' is not a whole number")
    return sign * value

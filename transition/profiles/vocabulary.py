"""``mappings/part_vocabulary.toml``: the words a plan may use for the part of an edge."""

from __future__ import annotations

from pathlib import Path

from .base import Profile, load_profile


class PartVocabulary(Profile):
    """Words read as ``whole``, ``part`` and ``remainder`` (matched folded: no case, no diacritics)."""

    whole: list[str]
    part: list[str]
    remainder: list[str]

    def lookup(self) -> dict[str, str]:
        """Folded word -> canonical part."""
        from ..text import fold

        return {
            fold(word): canonical
            for canonical in ("whole", "part", "remainder")
            for word in getattr(self, canonical)
        }


def part_vocabulary(workspace: str | Path | None = None) -> PartVocabulary:
    """The packaged vocabulary, or the workspace's own copy."""
    return load_profile(PartVocabulary, "part_vocabulary.toml", workspace)

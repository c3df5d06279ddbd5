"""The labels of the tables officials open (``mappings/output_labels.toml``): column headers and
coded values in Vietnamese and English."""

from __future__ import annotations

from pydantic import model_validator

from .base import Profile


class Label(Profile):
    """One label in each language."""

    vi: str
    en: str

    def get(self, lang: str) -> str:
        """The label in ``lang`` (``vi`` or ``en``)."""
        return self.en if lang == "en" else self.vi


class Booleans(Profile):
    true: Label
    false: Label


class OutputLabels(Profile):
    """``columns``: the code's column name -> its header; ``values``: column -> coded value -> its
    label; ``booleans``: how True and False read (có / không)."""

    booleans: Booleans
    columns: dict[str, Label]
    values: dict[str, dict[str, Label]]

    @model_validator(mode="after")
    def _distinct(self) -> OutputLabels:
        """Two columns with one header could not be told apart when the file is read back."""
        for lang in ("vi", "en"):
            seen: dict[str, str] = {}
            for code, label in self.columns.items():
                text = label.get(lang)
                if text in seen:
                    raise ValueError(
                        f"columns '{seen[text]}' and '{code}' have the same {lang} header "
                        f"'{text}'; give each its own"
                    )
                seen[text] = code
        return self

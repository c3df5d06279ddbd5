"""Typed model of ``mappings/handover.toml``: numbering, copies and the words of the handover minutes
and annexes in Vietnamese and English. Every key below is required in both languages; an unknown key
is an error naming the file (see :mod:`.base`)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, create_model

from .base import Profile, load_profile

TEXT_KEYS = [
    "doc_type",
    "summary_minute",
    "summary_joint",
    "summary_receiving",
    "summary_district",
    "report_type",
    "basis_resolution",
    "basis_archives",
    "intro",
    "giving",
    "receiving",
    "witness_side",
    "person",
    "blank_name",
    "head_position",
    "agreement",
    "review_heading",
    "copies",
    "closing",
    "sign_giving",
    "sign_receiving",
    "sign_witness",
    "sign_hint",
    "annex_label",
    "annex_subtitle",
    "total_count",
    "in_words",
    "total_value",
    "none",
    "share",
    "yes",
    "no",
    "overdue",
    "days_left",
]
GROUP_KEYS = [
    "functions",
    "organisation",
    "staff",
    "finance",
    "assets",
    "archives",
    "dossiers",
    "decentralised",
    "seals",
    "accounts",
]
ANNEX_KEYS = ["staff", "assets", "dossiers", "archives", "finance", "seals", "accounts"]
COLUMN_KEYS = [
    "no",
    "full_name",
    "national_id",
    "birth_date",
    "position",
    "category",
    "body",
    "receiver",
    "id",
    "kind",
    "name",
    "address",
    "floor_area",
    "value",
    "procedure",
    "field",
    "received",
    "due",
    "time_left",
    "action",
    "record_no",
    "title",
    "period",
    "retention",
    "sheets",
    "note",
    "balance",
    "class",
    "holder",
    "reason",
    "candidates",
    "total",
]
KIND_KEYS = [
    "land",
    "headquarters",
    "building",
    "vehicle",
    "equipment",
    "it",
    "staff",
    "assets",
    "dossiers",
    "records",
    "archive_fonds",
    "finance_account",
    "seal",
    "it_account",
    "signature_certificate",
    "retention",
    "period",
]


def _model(name: str, keys: list[str], extra: dict[str, Any] | None = None) -> Any:
    fields: dict[str, Any] = dict.fromkeys(keys, (str, ...))
    return create_model(name, __base__=Profile, **fields, **(extra or {}))


Groups = _model("Groups", GROUP_KEYS)
Texts = _model("Texts", [*GROUP_KEYS, "functions_district", "none"])
Annexes = _model("Annexes", ANNEX_KEYS)
Units = _model("Units", ANNEX_KEYS)
Columns = _model("Columns", COLUMN_KEYS)
Kinds = _model("Kinds", KIND_KEYS)
Labels = _model(
    "Labels",
    TEXT_KEYS,
    {
        "groups": (Groups, ...),
        "texts": (Texts, ...),
        "annexes": (Annexes, ...),
        "units": (Units, ...),
        "columns": (Columns, ...),
        "kinds": (Kinds, ...),
    },
)


class Handover(Profile):
    """``mappings/handover.toml``: ``symbol`` ("Số: 07/BB-<symbol>"), ``copies``, the witnessing
    body, the signing date (YYYY-MM-DD or empty: written by hand) and the labels ``vi`` and ``en``."""

    name: str
    symbol: str
    copies: int = Field(gt=0)
    witness: str
    signing_date: str
    vi: Labels  # type: ignore[valid-type]
    en: Labels  # type: ignore[valid-type]

    def labels(self, lang: str) -> Any:
        """The labels of ``lang`` (``vi`` or ``en``)."""
        return self.en if lang == "en" else self.vi


def handover_profile(workspace=None) -> Handover:
    """The handover profile (the workspace's own ``mappings/handover.toml`` wins)."""
    return load_profile(Handover, "handover.toml", workspace)

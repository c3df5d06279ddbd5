"""The optional columns of a processing log that the service index uses beyond the monitor's
canonical ones (:mod:`transition.readiness.processing_log`): fee-bearing, paid online, the rating.

Headers are matched without case or diacritics (``Có phí``, ``Thanh toán trực tuyến``, ``Đánh giá``).
"""

from __future__ import annotations

import pandas as pd

from ..readiness.processing_log import HEADERS
from ..text import fold

OPTIONAL_HEADERS = {
    "co phi": "fee_bearing",
    "co phi le phi": "fee_bearing",
    "fee bearing": "fee_bearing",
    "fee_bearing": "fee_bearing",
    "thanh toan truc tuyen": "paid_online",
    "paid online": "paid_online",
    "paid_online": "paid_online",
    "danh gia": "rating",
    "muc do hai long": "rating",
    "rating": "rating",
    "kinh do": "lon",  # the applicant's place (the split year 2025 carries a dossier by it)
    "lon": "lon",
    "vi do": "lat",
    "lat": "lat",
}


def optional_columns(raw: pd.DataFrame) -> pd.DataFrame:
    """``dossier_id`` and whichever of ``fee_bearing``, ``paid_online``, ``rating`` the log has, as
    text (the first row of each dossier id)."""
    names = {
        c: HEADERS.get(fold(str(c))) or OPTIONAL_HEADERS.get(fold(str(c))) for c in raw.columns
    }
    frame = raw.rename(columns={c: n for c, n in names.items() if n})
    optional = ("fee_bearing", "paid_online", "rating", "lon", "lat")
    keep = ["dossier_id", *[c for c in optional if c in frame]]
    if "dossier_id" not in frame.columns:
        return pd.DataFrame(columns=["dossier_id"])
    out = frame[keep].astype(str)
    out["dossier_id"] = out["dossier_id"].str.strip()
    return out.drop_duplicates("dossier_id").reset_index(drop=True)


def with_optional(log: pd.DataFrame, raw: pd.DataFrame) -> pd.DataFrame:
    """The canonical ``log`` with the optional columns of ``raw`` joined by dossier id."""
    extra = optional_columns(raw)
    if len(extra.columns) == 1:
        return log
    return log.merge(extra, on="dossier_id", how="left")

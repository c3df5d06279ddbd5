"""Realistic scores for the demo, labelled as generated: each unit's self-scores with evidence, the
appraisal's rounds (the council lowers some self-scores; a unit explains some and gets part back),
survey shares, and a few bonus and penalty entries."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..profiles.rubric import Rubric


def generate_par_inputs(
    rubric: Rubric, units: list[str], seed: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(scores, adjustments)`` for ``units`` on ``rubric``: scores with the columns of
    :data:`~transition.reform.inputs.SCORE_COLUMNS` plus ``source``; adjustments with
    ``unit_code, kind, points, reason, document, source``. Data items are left to the log and the
    staffing results."""
    rng = np.random.default_rng(seed)
    label = f"generated (seed {seed})"
    rows, adjustments = [], []
    for n, unit in enumerate(sorted(units)):
        strength = rng.beta(5, 2)  # most units do well, a few lag
        for item in rubric.items():
            if item.method == "data":
                continue
            row = {"unit_code": unit, "item": item.id, "source": label}
            if item.method == "survey":
                row["value"] = f"{min(0.99, 0.55 + 0.4 * strength + rng.normal(0, 0.04)):.2f}"
                rows.append(row)
                continue
            own = item.max * min(1.0, strength + rng.uniform(0.0, 0.25))
            own = round(min(max(float(own), 0.0), item.max) * 4) / 4
            row["self_score"] = f"{own:g}"
            if rng.random() > 0.08:  # a few self-scores come without evidence
                row["evidence_number"] = f"{rng.integers(1, 400)}/KH-UBND"
                row["evidence_date"] = f"{rng.integers(1, 28):02d}/{rng.integers(1, 12):02d}/2025"
                row["evidence_issuer"] = "UBND xã"
            first = own if rng.random() < 0.7 else round(own * rng.uniform(0.5, 0.9) * 4) / 4
            row["round1"] = f"{first:g}"
            if first < own and rng.random() < 0.5:
                row["round1_comment"] = "Chưa đủ tài liệu kiểm chứng"
                row["explanation"] = "Bổ sung văn bản kiểm chứng"
                row["round2"] = f"{round((first + own) / 2 * 4) / 4:g}"
            rows.append(row)
        if n % 11 == 3:
            adjustments.append(
                {"unit_code": unit, "kind": "bonus", "points": "1", "source": label,
                 "reason": "Sáng kiến cải cách được công nhận", "document": "QĐ công nhận sáng kiến"}
            )  # fmt: skip
        if n % 17 == 5:
            adjustments.append(
                {"unit_code": unit, "kind": "penalty", "points": "2", "source": label,
                 "reason": "Để hồ sơ quá hạn không xin lỗi", "document": "Thông báo kiểm tra"}
            )  # fmt: skip
    scores = pd.DataFrame(rows).fillna("")
    adj = pd.DataFrame(
        adjustments, columns=["unit_code", "kind", "points", "reason", "document", "source"]
    )
    return scores, adj

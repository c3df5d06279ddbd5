"""`monitor` rates against values computed by hand, from counts (never averaged unit rates); the
processing-log reader (contract 3); and the problem codes of readiness are catalogued."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from transition.actions.monitor import compute_monitor
from transition.errors import InputFileError
from transition.io.tables import read_export
from transition.problems import CATALOGUE
from transition.profiles import load_profile
from transition.profiles.readiness import Readiness
from transition.readiness.processing_log import COLUMNS, normalise_log, read_processing_log

ROOT = Path(__file__).resolve().parent.parent

# Unit A: 3 dossiers on 01/07 (2 online), 1 on 02/07 (in person); unit B: 1 on 01/07 (online).
# Resolved: A1 on time 01/07, A2 late 03/07, A3 open, A4 on time 02/07; B1 late 05/08.
LOG = pd.DataFrame(
    [
        [
            "A1",
            "1.001193",
            "00001",
            "2025-07-01 08:00",
            "2025-07-02 08:00",
            "2025-07-01 15:00",
            "trực tuyến",
            "có",
            "có",
            "Lan",
        ],
        [
            "A2",
            "1.001193",
            "00001",
            "2025-07-01 09:00",
            "2025-07-02 09:00",
            "2025-07-03 10:00",
            "Trực tuyến",
            "không",
            "có",
            "Hùng",
        ],
        [
            "A3",
            "2.000815",
            "00001",
            "2025-07-01 10:00",
            "2025-07-03 10:00",
            "",
            "trực tiếp",
            "có",
            "",
            "Hùng",
        ],
        [
            "A4",
            "2.000815",
            "1",
            "02/07/2025 08:00",
            "03/07/2025 08:00",
            "02/07/2025 11:00",
            "trực tiếp",
            "có",
            "không",
            "Lan",
        ],
        [
            "B1",
            "1.004227",
            "00002",
            "2025-07-01 08:30",
            "2025-08-01 08:30",
            "2025-08-05 08:30",
            "online",
            "có",
            "có",
            "Mai",
        ],
    ],
    columns=[
        "Mã hồ sơ",
        "Thủ tục",
        "Mã đơn vị",
        "Ngày tiếp nhận",
        "Hạn trả",
        "Ngày hoàn thành",
        "Kênh",
        "Số hóa thành phần",
        "Số hóa kết quả",
        "Cán bộ xử lý",
    ],
)


@pytest.fixture(scope="module")
def frames():
    log, problems = normalise_log(LOG.copy(), "log.csv")
    assert problems == []
    return compute_monitor(log, load_profile(Readiness, "readiness.toml"))


def test_the_reader_gives_the_canonical_columns_and_types():
    log, _ = normalise_log(LOG.copy(), "log.csv")
    assert list(log.columns) == COLUMNS
    assert list(log["unit_code"]) == ["00001"] * 4 + ["00002"]  # a code typed as a number
    assert list(log["channel"]) == ["online", "online", "in_person", "in_person", "online"]
    assert log["finished"].isna().tolist() == [False, False, True, False, False]
    assert list(log["result_digitised"]) == [True, True, False, False, True]
    assert log.loc[3, "received"] == pd.Timestamp("2025-07-02 08:00")


def test_province_month_rates_are_ratios_of_summed_counts(frames):
    july = frames["province_months"].set_index("period").loc["2025-07"]
    assert (july["received"], july["online"], july["digitised"]) == (5, 3, 4)
    assert (july["finished"], july["on_time"], july["result_digitised"]) == (3, 2, 2)
    assert july["online_rate"] == 0.6  # 3/5, not the mean of A's 2/4 and B's 1/1 (0.75)
    assert july["digitised_rate"] == 0.8
    assert july["on_time_rate"] == round(2 / 3, 4)
    assert july["result_digitised_rate"] == round(2 / 3, 4)
    aug = frames["province_months"].set_index("period").loc["2025-08"]
    assert (aug["received"], aug["finished"], aug["on_time"]) == (0, 1, 0)
    assert pd.isna(aug["online_rate"])  # nothing received: no rate, not zero
    assert aug["on_time_rate"] == 0.0


def test_unit_day_counts_and_targets(frames):
    days = frames["unit_days"].set_index(["unit_code", "period"])
    a1 = days.loc[("00001", "2025-07-01")]
    assert (a1["received"], a1["online"], a1["finished"], a1["on_time"]) == (3, 2, 1, 1)
    assert a1["online_rate"] == round(2 / 3, 4)
    assert a1["online_rate_target"] == 0.5 and a1["online_rate_met"] is True
    a2 = days.loc[("00001", "2025-07-02")]
    assert a2["online_rate"] == 0.0 and a2["online_rate_met"] is False
    # the target of 15/08 (0.8) applies to August as a whole (the month's last day), stricter
    aug = frames["province_months"].set_index("period").loc["2025-08"]
    assert aug["online_rate_target"] == 0.8


def test_delays_name_units_and_officials(frames):
    d = frames["delays"]
    rows = {(r.month, r.unit_code, r.official): (r.late, r.open_overdue) for r in d.itertuples()}
    assert rows[("2025-07", "00001", "Hùng")] == (
        1,
        1,
    )  # A2 late, A3 open past 03/07 at the log's end
    assert rows[("2025-08", "00002", "Mai")] == (1, 0)
    assert ("2025-07", "00001", "Lan") not in rows


def test_bad_rows_are_left_out_with_file_and_row(tmp_path):
    bad = LOG.copy()
    bad.loc[1, "Ngày tiếp nhận"] = "hôm qua"
    bad.loc[2, "Mã hồ sơ"] = ""
    path = tmp_path / "log.csv"
    bad.to_csv(path, index=False)
    problems: list = []
    log = read_processing_log(path, problems)
    assert len(log) == 3
    assert sorted((p.code, p.row, p.column) for p in problems) == [
        ("monitor-row", 3, "received"),
        ("monitor-row", 4, "dossier_id"),
    ]
    with pytest.raises(InputFileError, match="channel"):
        normalise_log(LOG.drop(columns=["Kênh"]), "x.csv")


def test_every_readiness_and_monitor_code_is_catalogued():
    folders = ("readiness", "actions")  # where the codes are raised (the CLI names commands alike)
    text = "".join(
        p.read_text(encoding="utf-8")
        for f in folders
        for p in (ROOT / "transition" / f).rglob("*.py")
    )
    codes = set(re.findall(r'"((?:readiness|monitor)-[a-z-]+)"', text))
    assert codes and codes <= set(CATALOGUE), codes - set(CATALOGUE)


def _both_ways(path):
    """The log read by the export fast path (when it takes the file) and by the general reader."""
    from transition.io.tables import read_table
    from transition.readiness.processing_log import SPELLINGS, _has_required

    fast = read_export(path, _has_required)
    general = normalise_log(read_table(path, SPELLINGS), str(path))[0]
    return fast, general, read_processing_log(path)


def test_a_plain_export_is_read_fast_and_equal_to_the_general_reader(tmp_path):
    log = LOG.copy()
    log.loc[0, "Cán bộ xử lý"] = "  Hùng  "  # spaces around a cell are stripped either way
    path = tmp_path / "log.csv"
    log.to_csv(path, index=False, sep=";", encoding="utf-8-sig")
    fast, general, read = _both_ways(path)
    assert fast is not None  # the fast path took it
    pd.testing.assert_frame_equal(read, general)
    assert read.loc[0, "official"] == "Hùng"


@pytest.mark.parametrize(
    "spoil",
    [
        lambda text: "NHẬT KÝ GIẢI QUYẾT HỒ SƠ\n" + text,  # a title row above the header
        lambda text: text + "X9,1.1,00001,2025-07-01 08:00,2025-07-03 08:00,,x,y,z,w,extra\n",
    ],
    ids=["title row", "ragged line"],
)
def test_what_is_not_a_plain_export_goes_through_the_general_reader(tmp_path, spoil, request):
    path = tmp_path / "log.csv"
    path.write_text(spoil(LOG.to_csv(index=False)), encoding="utf-8")
    fast, general, read = _both_ways(path)
    assert fast is None
    pd.testing.assert_frame_equal(read, general)
    assert len(read) == len(LOG) + ("ragged" in request.node.name)


def test_a_cell_in_a_legacy_font_encoding_is_left_to_the_general_reader(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(LOG.to_csv(index=False).replace("Hùng", "Huøng", 1), encoding="utf-8")
    from transition.readiness.processing_log import _has_required

    assert read_export(path, _has_required) is None  # VNI "Huøng": the general reader's case

"""Property: a register written in any Vietnamese notation, encoding and separator reads back equal,
row for row and đồng for đồng, and the ledger's read-check agrees with the file."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from test_bad_inputs import to_cp1258

from transition.registers.reading import read_register_file

LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
name = st.lists(
    st.text(alphabet=LETTERS, min_size=1, max_size=7).map(str.capitalize), min_size=1, max_size=4
).map(" ".join)
value = st.one_of(
    st.integers(0, 10**13),
    st.integers(0, 10**5).map(lambda n: n * 10**6),  # whole millions, written in triệu
    st.integers(0, 10**4).map(lambda n: n * 10**7),  # written in tỷ with two decimals
)
row = st.tuples(name, st.sampled_from(["00001", "00004", "990"]), value)


def grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def write_value(n: int, notation: str, style: int) -> str:
    """One value as an office might write it, in the file's notation."""
    thousands, dec = (".", ",") if notation == "vi" else (",", ".")
    if notation == "plain":
        return str(n) + (" đ" if style % 2 else "")
    if style == 1 and n % 10**7 == 0 and n:
        whole, frac = divmod(n // 10**7, 100)
        text = grouped(whole, thousands) + (f"{dec}{frac:02d}".rstrip("0") if frac else "")
        return text + " tỷ"
    # "1,000 triệu" in an English file is ambiguous when no other cell tells the notation: before a
    # scale word the Vietnamese reading (1,000 = one) is assumed, as io/numbers documents
    if style == 2 and n % 10**6 == 0 and (notation == "vi" or n < 10**9):
        return grouped(n // 10**6, thousands) + " triệu đồng"
    if style == 3:
        return grouped(n, thousands) + " VNĐ"
    return grouped(n, thousands)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(row, min_size=1, max_size=25),
    notation=st.sampled_from(["vi", "en", "plain"]),
    styles=st.lists(st.integers(0, 3), min_size=25, max_size=25),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258", "xlsx"]),
    separator=st.sampled_from([",", ";", "\t"]),
    title=st.booleans(),
)
def test_registers_read_back_row_for_row_and_dong_for_dong(
    tmp_path_factory, rows, notation, styles, encoding, separator, title
):
    folder = tmp_path_factory.mktemp("prop")
    header = ["Mã tài sản", "Loại", "Tên tài sản", "Mã đơn vị", "Nguyên giá (đồng)"]
    table = [
        [f"TS{i:03d}", "building", nm, holder, write_value(v, notation, styles[i])]
        for i, (nm, holder, v) in enumerate(rows)
    ]
    titles = [["DANH SÁCH TÀI SẢN"], []] if title else []
    if encoding == "xlsx":
        path = folder / "assets.xlsx"
        wb = Workbook()
        ws = wb.active
        ws.title = "Tài sản"
        for r in titles + [header] + table:
            ws.append(r)
        wb.save(path)
    else:
        path = folder / "assets.csv"
        buf = io.StringIO()
        csv.writer(buf, delimiter=separator, lineterminator="\n").writerows(
            titles + [header] + table
        )
        text = buf.getvalue()
        path.write_bytes(to_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    read = read_register_file(path, "assets", "inputs/assets")
    errors = [(p.row, p.message) for p in read.problems if p.severity == "error"]
    assert errors == []
    frame = read.frame
    assert frame["id"].tolist() == [r[0] for r in table]
    assert frame["name"].tolist() == [nm for nm, _, _ in rows]
    assert frame["holder"].tolist() == [h for _, h, _ in rows]
    assert [Decimal(str(v)) for v in frame["value_vnd"]] == [Decimal(v) for _, _, v in rows]
    summary = read.read
    assert summary["rows_in_file"] == summary["rows_read"] == len(rows)
    assert summary["sums"]["value_vnd"]["written"] == float(sum(v for _, _, v in rows))
    assert summary["agrees"] is True

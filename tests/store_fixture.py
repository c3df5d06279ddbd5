"""Fixtures of the store's tests: a real PostgreSQL (+ PostGIS) started and stopped by each test
module that imports them (as the unprivileged user ``pgtest``: initdb refuses root), a fresh
database per test, a Quảng Ninh workspace with three days of reports and a handover register."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from transition import actions
from transition.io.handover import REGISTER_COLUMNS, write_register
from transition.profiles import load_profile
from transition.profiles.readiness import Readiness
from transition.store import cluster, connect

needs_postgres = pytest.mark.skipif(
    cluster.find_bin() is None, reason="PostgreSQL is not installed (apt-get install postgresql)"
)
_db = itertools.count()
N = 3 * 3 * 15 + 15  # report rows written by write_reports (15 attested items)


@pytest.fixture(scope="module")
def pg():
    # not under pytest's tmp folder: its parents are 0700 root, which pgtest cannot enter
    c = cluster.start(Path(tempfile.mkdtemp(prefix="transition-pg-")))
    yield c
    c.stop()


@pytest.fixture
def db(pg):
    """A fresh, migrated database; its URL."""
    name = f"t{next(_db)}"
    with connect(pg.url()) as conn:
        conn.autocommit = True
        conn.execute(f"CREATE DATABASE {name}")
    url = pg.url(name)
    actions.db_init(url)
    return url


@pytest.fixture(scope="module")
def profile():
    return load_profile(Readiness, "readiness.toml")


def communes(ws) -> list[str]:
    from transition.io.workspace import Workspace

    return Workspace.at(ws).load_plan().new_communes["code"].tolist()[:3]


def write_reports(ws, profile, bad=False):
    """Three days of reports for three units (a later resend on the last day, a blocked item with
    a note carrying markup and a formula), as two CSV files."""
    units = communes(ws)
    items = [i.id for i in profile.attested]
    rows = []
    for d, day in enumerate(("15/06/2025", "16/06/2025", "17/06/2025")):
        for u, code in enumerate(units):
            for k, item in enumerate(items):
                status = ("xong", "một phần", "vướng mắc")[(d + u + k) % 3]
                rows.append(
                    [
                        day,
                        code,
                        item,
                        status,
                        "<b>=1+1</b> ghi chú",
                        "12/BB",
                        "A",
                        f"{day} 16:{k:02d}",
                    ]
                )
    header = [
        "ngày",
        "mã đơn vị",
        "mục",
        "trạng thái",
        "ghi chú",
        "minh chứng",
        "người báo cáo",
        "thời điểm gửi",
    ]
    folder = ws / "inputs" / "readiness"
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows, columns=header).to_csv(folder / "a.csv", index=False)
    later = [[*r[:3], "xong", "gửi lại", "", "B", r[0] + " 18:00"] for r in rows[-len(items) :]]
    if bad:
        later.append(["17/06/2025", "99999", items[0], "xong", "", "", "", ""])
    pd.DataFrame(later, columns=header).to_csv(folder / "b.csv", index=False)
    return len(rows) + len(items)


def write_minutes(ws):
    units = communes(ws)
    rows = [
        [
            f"{k + 1:02d}",
            "commune",
            "",
            code,
            f"minutes/{code}.docx",
            f"h{k}",
            "30/06/2025" if k else "",
            "Ông A" if k else "",
            "",
        ]
        for k, code in enumerate(units)
    ]
    write_register(ws, pd.DataFrame(rows, columns=REGISTER_COLUMNS))


@pytest.fixture
def ws(qn_workspace, tmp_path, profile):
    target = tmp_path / "ws"
    shutil.copytree(qn_workspace, target)
    write_reports(target, profile)
    write_minutes(target)
    return target


def count(url, sql, *args):
    with connect(url) as conn:
        return conn.execute(sql, args).fetchone()[0]

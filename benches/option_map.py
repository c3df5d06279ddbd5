"""Render a drafted option to PNG, to look at it: ``python benches/option_map.py WS/drafts/option_1``.

Merged units filled (one colour each, the proposed name written), units left as they are in grey,
the current units' borders thin, units still short outlined in red. Needs matplotlib (bench extra).
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def render(option: Path, out: Path) -> Path:
    dissolved = gpd.read_file(option / "draft.gpkg", layer="dissolved_units")
    current = gpd.read_file(option / "plan" / "geometry.gpkg", layer="old_units")
    fig, ax = plt.subplots(figsize=(14, 10), dpi=110)
    plain = dissolved[~dissolved["merged"].astype(bool)]
    merged = dissolved[dissolved["merged"].astype(bool)]
    plain.plot(ax=ax, color="#e6e6e6", edgecolor="#999999", linewidth=0.6)
    merged.plot(ax=ax, column="code", cmap="tab20", edgecolor="black", linewidth=1.4, alpha=0.8)
    current.boundary.plot(ax=ax, color="#555555", linewidth=0.25)
    short = dissolved[dissolved["short_reason"].fillna("") != ""]
    if len(short):
        short.boundary.plot(ax=ax, color="red", linewidth=2)
    for r in merged.itertuples():
        p = r.geometry.representative_point()
        ax.annotate(
            f"{r.name}\n({len(str(r.members).split(';'))})",
            (p.x, p.y),
            fontsize=7,
            ha="center",
            va="center",
        )
    ax.set_title(f"{option.name}: merged units coloured, unchanged grey, still short in red")
    ax.set_axis_off()
    fig.tight_layout()
    fig.savefig(out)
    return out


if __name__ == "__main__":
    option = Path(sys.argv[1])
    print(render(option, Path(sys.argv[2]) if len(sys.argv) > 2 else option / "map.png"))

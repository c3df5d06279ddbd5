"""The whole national job through the command line, as a user runs it, with a floor in the same run.

Steps: `import vn2025 --all --new-units <national polygons>`, `generate registers`, `check`,
`assign`, each a child process, timed, with the peak memory of its process tree (proportional set size
summed over the process and its forked workers, so shared pages count once; sampled every 0.1 s
by psutil). The assign
step's output stage is timed from its progress lines (stderr is not a terminal, so the CLI prints
one line per stage): from "writing tables" to the end of the process. CPU seconds (user + system,
the step's processes and workers) are given beside the wall time: on a machine shared with others
the wall time says more about the others than about us.

Floor: the same output rows (every CSV that assign wrote, read back by Arrow, untimed) written as
plain CSV by pyarrow.csv.write_csv, in this run; the ratio reported is our output stage / floor.

Run alone: `python benches/national_job.py [WORKSPACE]` (default: a temporary folder);
`--assign-only WORKSPACE` times assign and the floor on a workspace already imported and checked.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT.parent / "shared" / "data" / "national" / "communes_2025.gpkg"
CLI = [sys.executable, "-m", "transition"]
OUTPUT_STAGE = "writing tables"


def _memory(proc) -> int:
    """Proportional set size (pages shared with forked workers counted once in all), else RSS."""
    try:
        return proc.memory_full_info().pss
    except (AttributeError, OSError):
        return proc.memory_info().rss


def run_step(args: list[str], ok: tuple[int, ...] = (0,)) -> dict:
    """Run one CLI command; its wall time, peak memory (MB) and stderr lines with their arrival."""
    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        CLI + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    lines: list[tuple[float, str]] = []

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append((time.perf_counter() - start, line.rstrip("\n")))

    reader = threading.Thread(target=read)
    reader.start()
    peak, parent = 0, psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [parent, *parent.children(recursive=True)]
            peak = max(peak, sum(_memory(p) for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    reader.join()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in ok:
        raise SystemExit(f"{' '.join(args)} failed:\n" + "\n".join(t for _, t in lines[-30:]))
    return {
        "s": round(seconds, 2),
        "cpu_s": round(cpu, 2),
        "peak_mb": round(peak / 2**20),
        "lines": lines,
    }


def floor_csv(assign_dir: Path, out_dir: Path) -> tuple[float, int]:
    """Seconds for pyarrow to write the rows of every CSV of ``assign_dir`` again; rows written."""
    import pyarrow.csv as pacsv

    tables = [
        pacsv.read_csv(p, convert_options=pacsv.ConvertOptions(strings_can_be_null=True))
        for p in sorted(assign_dir.glob("*.csv"))
    ]
    start = time.perf_counter()
    for i, table in enumerate(tables):
        pacsv.write_csv(table, out_dir / f"{i}.csv")
    return time.perf_counter() - start, sum(t.num_rows for t in tables)


def national_job(workspace: Path | None = None, skip_to_assign: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        ws = workspace or Path(tmp) / "vn"
        steps = {
            "import": ["import", "vn2025", "--all", "--new-units", str(NATIONAL), "--out", str(ws)],
            "generate": ["generate", "registers", str(ws)],
            "check": ["check", str(ws)],
            "assign": ["assign", str(ws)],
        }
        if skip_to_assign:  # the workspace holds the imported, generated and checked plan
            steps = {"assign": steps["assign"]}
        # check exits 1 when the plan has problems (the national plan has some): still a good run
        done = {
            name: run_step(args, (0, 1) if name == "check" else (0,))
            for name, args in steps.items()
        }
        assign = done["assign"]
        begun = [t for t, text in assign["lines"] if OUTPUT_STAGE in text]
        output_s = assign["s"] - begun[0] if begun else None
        floor_dir = Path(tmp) / "floor"
        floor_dir.mkdir()
        floor_s, rows = floor_csv(ws / "results" / "assign", floor_dir)
        units = len(list((ws / "results" / "units").glob("*.xlsx")))
        gpkg_mb = (ws / "results" / "transition.gpkg").stat().st_size / 2**20
    total = sum(d["s"] for d in done.values())
    return {
        "name": "national_job",
        "ours_s": round(total, 2),
        "peer": "floor: assign's output rows as plain CSV by pyarrow",
        "peer_s": round(floor_s, 2),
        "ratio": round(output_s / floor_s, 1) if output_s else None,
        "peak_mb": max(d["peak_mb"] for d in done.values()),
        "detail": {
            **{f"{k}_s": d["s"] for k, d in done.items()},
            **{f"{k}_cpu_s": d["cpu_s"] for k, d in done.items()},
            **{f"{k}_peak_mb": d["peak_mb"] for k, d in done.items()},
            "assign_output_stage_s": round(output_s, 2) if output_s else None,
            "output_rows": rows,
            "unit_workbooks": units,
            "gpkg_mb": round(gpkg_mb),
            "assign_stages": [f"{t:.1f}s {text}" for t, text in assign["lines"]],
        },
    }


if __name__ == "__main__":
    import json

    args = [a for a in sys.argv[1:] if a != "--assign-only"]
    where = Path(args[0]) if args else None
    result = national_job(where, skip_to_assign="--assign-only" in sys.argv)
    print(json.dumps(result, indent=2, ensure_ascii=False))

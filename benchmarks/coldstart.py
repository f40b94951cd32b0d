"""Cold-start time of the commands a researcher types most: ``nhskg duties`` and ``nhskg query NAME``.

A cold start is a new Python process: interpreter start, imports, opening the store, the query and
printing, all counted (issue 7 target 2: under 1.5 s). ``python -X importtime`` shows which
imports the time goes to, so a regression names its culprit.

    python benchmarks/coldstart.py --out nhskg-out [--repeat 5]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HEAVY = ("owlready2", "pyvis", "networkx", "matplotlib", "SPARQLWrapper", "pyshacl", "jinja2")


def nhskg_exe() -> list[str]:
    """The nhskg console script beside this Python (the venv's), else ``python -m nhskg``."""
    exe = Path(sys.executable).with_name("nhskg")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "nhskg"]


def commands(out: Path) -> dict[str, list[str]]:
    base = nhskg_exe()
    cmds = {"nhskg duties": base + ["duties", "--out", str(out)]}
    probe = subprocess.run(base + ["query", "--help"], capture_output=True, text=True)
    if probe.returncode == 0:
        cmds["nhskg query duty-matrix"] = base + ["query", "duty-matrix", "--out", str(out)]
    return cmds


def time_command(cmd: list[str], repeat: int) -> dict[str, Any]:
    """Median wall time of ``repeat`` fresh processes, after one untimed run (warms the OS file cache)."""
    env = {**os.environ, "COLUMNS": "160"}
    first = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if first.returncode != 0:
        return {"error": (first.stderr or first.stdout)[-300:]}
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, check=True)
        times.append(time.perf_counter() - t0)
    return {"median_s": round(statistics.median(times), 4), "min_s": round(min(times), 4), "runs": repeat}


def import_profile(cmd: list[str], top: int = 12) -> dict[str, Any]:
    """Cumulative import time per top-level package from ``-X importtime`` (microseconds -> seconds)."""
    script = cmd[0]
    if Path(script).name == "nhskg" and shutil.which(script):
        cmd = [sys.executable, "-X", "importtime", "-m", "nhskg"] + cmd[1:]
    else:
        cmd = [sys.executable, "-X", "importtime"] + cmd[1:]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    packages: dict[str, float] = {}
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|\s*(\S+)", line)
        if m:  # self time, summed per top-level package: each module is counted once
            pkg = m.group(3).split(".")[0]
            packages[pkg] = packages.get(pkg, 0.0) + int(m.group(1)) / 1e6
    loaded = sorted(packages.items(), key=lambda kv: -kv[1])
    return {"total_import_s": round(sum(packages.values()), 4),
            "top": [[k, round(v, 4)] for k, v in loaded[:top]],
            "heavy_loaded": sorted(h for h in HEAVY if h in packages)}


def measure(out: Path, repeat: int = 5) -> dict[str, Any]:
    result = {}
    for label, cmd in commands(out).items():
        r = time_command(cmd, repeat)
        if "error" not in r:
            r["imports"] = import_profile(cmd)
        result[label] = r
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Cold-start time of nhskg duties / nhskg query.")
    ap.add_argument("--out", type=Path, default=Path("nhskg-out"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    print(json.dumps(measure(args.out, args.repeat), indent=1))


if __name__ == "__main__":
    main()

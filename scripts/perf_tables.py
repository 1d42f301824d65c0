#!/usr/bin/python3
"""Render a Google Benchmark JSON result as a Markdown table into docs/PERFORMANCE.md.

Usage: perf_tables.py NAME RESULT.json "COMMAND" PERFORMANCE.md
The table replaces the text between <!-- NAME:begin --> and <!-- NAME:end -->.
"""
import json
import platform
import re
import subprocess
import sys
from datetime import datetime, timezone


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def fmt_rate(v):
    if v >= 1e6:
        return f"{v / 1e6:.2f} M/s"
    if v >= 1e3:
        return f"{v / 1e3:.1f} k/s"
    return f"{v:.0f} /s"


def main():
    name, result, command, doc = sys.argv[1:5]
    data = json.load(open(result))
    rows = []
    for b in data["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        rate = b.get("items_per_second")
        # A benchmark whose work runs on another thread measures wall time (UseRealTime), and
        # Google Benchmark names it ".../real_time"; its rate is then per wall second too.
        label, wall = re.subn(r"/real_time$", "", b["run_name"])
        t = b["real_time"] if wall else b["cpu_time"]
        rows.append((label + (" (wall time)" if wall else ""), f'{t:.2f} {b["time_unit"]}', fmt_rate(rate) if rate else "-"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    ctx = data.get("context", {})
    lines = [
        f"<!-- {name}:begin -->",
        f"Command: `{command}`  ",
        f"Machine: {cpu_model()}, {ctx.get('num_cpus', '?')} cores; pinned to one core. "
        f"Commit {commit or '?'}, {datetime.now(timezone.utc).strftime('%Y-%m-%d')}. Medians of 5 runs.",
        "",
        "| benchmark | CPU time per iteration (wall time where marked) | items per second |",
        "|---|---:|---:|",
    ]
    lines += [f"| {r[0]} | {r[1]} | {r[2]} |" for r in rows]
    lines.append(f"<!-- {name}:end -->")
    text = open(doc).read()
    pattern = re.compile(rf"<!-- {re.escape(name)}:begin -->.*?<!-- {re.escape(name)}:end -->", re.S)
    if not pattern.search(text):
        sys.exit(f"{doc}: no <!-- {name}:begin --> ... <!-- {name}:end --> markers")
    open(doc, "w").write(pattern.sub(lambda _: "\n".join(lines), text))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""satupintu against bpmn-engine (npm), side by side on the 10-step Purwakarta SOP, in one run:
the same number of lifecycles for both, in memory and persisting every step to PostgreSQL
(bpmn-engine's getState() upserted per step; satupintu's durable transitions), plus satupintu
on SQLite, and the memory each keeps per live case.

Usage: run.py SERVICE_LIFECYCLES_BINARY REPO_DIR [PERFORMANCE.md]
Env: ENGINE_LIFECYCLES (default 2000), ENGINE_LIVE_CASES (default 2000: 10,000 engines exceed Node.js's default 4 GB heap), BENCH_RUNS (default 3).
Prints the figures; with PERFORMANCE.md, rewrites its <!-- engine_compare --> table.
"""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "integration"))
import harness  # noqa: E402

N = int(os.environ.get("ENGINE_LIFECYCLES", "2000"))
LIVE = int(os.environ.get("ENGINE_LIVE_CASES", "2000"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
# Concurrency for the durable runs: bpmn-engine's pool as in its run.mjs default; satupintu with
# as many writer threads as its server uses on PostgreSQL (cores + 1) and on SQLite (16).
BPMN_CONCURRENCY = 16
SATUPINTU_PG_THREADS = os.cpu_count() + 1
SATUPINTU_SQLITE_THREADS = 16


def run_json(cmd, cwd=None):
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({out.returncode}): {out.stderr.strip()[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def median(results, key):
    results = sorted(results, key=lambda r: r[key])
    return dict(results[len(results) // 2], runs=[round(r[key], 1) for r in results])


def ensure_bpmn_packages(bpmn_dir):
    if not os.path.isdir(os.path.join(bpmn_dir, "node_modules", "bpmn-engine")):
        subprocess.run(["npm", "install", "--no-fund", "--no-audit", "--loglevel=error"], cwd=bpmn_dir, check=True)
    return json.load(open(os.path.join(bpmn_dir, "node_modules", "bpmn-engine", "package.json")))["version"]


def measure(binary, repo):
    bpmn_dir = os.path.join(repo, "bench", "bpmn")
    version = ensure_bpmn_packages(bpmn_dir)
    node = ["node", "--expose-gc", "run.mjs"]
    r = {"bpmn_version": version}
    r["sp_memory"] = median([run_json([binary, "memory", str(N)]) for _ in range(RUNS)], "per_second")
    r["bpmn_memory"] = median([run_json(node + ["memory", str(N)], bpmn_dir) for _ in range(RUNS)], "per_second")
    r["sp_live"] = run_json([binary, "live", str(LIVE)])
    r["bpmn_live"] = run_json(node + ["live", str(LIVE)], bpmn_dir)

    workdir = tempfile.mkdtemp(prefix="satupintu-engine-compare-")
    os.chmod(workdir, 0o755)
    pg = harness.PostgresCluster(workdir)
    try:
        # A fresh database per run: every run starts from the same (empty) state.
        r["sp_postgresql"] = median([run_json([binary, "durable", str(N), pg.new_database(unix_socket=True),
                                               str(SATUPINTU_PG_THREADS)]) for _ in range(RUNS)], "per_second")
        r["bpmn_postgresql"] = median([run_json(node + ["postgres", str(N), pg.new_database(unix_socket=True),
                                                        str(BPMN_CONCURRENCY)], bpmn_dir) for _ in range(RUNS)],
                                      "per_second")
        sqlite_runs = []
        for i in range(RUNS):
            path = os.path.join(workdir, f"sqlite{i}", "satupintu.db")
            os.makedirs(os.path.dirname(path))
            sqlite_runs.append(run_json([binary, "durable", str(N), path, str(SATUPINTU_SQLITE_THREADS)]))
        r["sp_sqlite"] = median(sqlite_runs, "per_second")
    finally:
        pg.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return r


def mib(b):
    return f"{b / (1 << 20):.0f} MiB"


def table(r):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    sm, bm = r["sp_memory"], r["bpmn_memory"]
    sp, bp, sq = r["sp_postgresql"], r["bpmn_postgresql"], r["sp_sqlite"]
    sl, bl = r["sp_live"], r["bpmn_live"]
    return [
        "<!-- engine_compare:begin -->",
        f"Command: `make bench` (`bench/engine_compare/run.py`: `build/bin/service_lifecycles` and "
        f"`node --expose-gc bench/bpmn/run.mjs`; {N} lifecycles per run, median of {RUNS} runs; {LIVE} live cases)  ",
        f"Machine: {cpu}, {os.cpu_count()} cores. {datetime.date.today()}. bpmn-engine {r['bpmn_version']}, "
        f"Node.js {subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}. "
        "PostgreSQL: one throwaway local cluster for both (fsync=on and synchronous_commit=on, as in the tests), over its Unix socket.",
        "",
        "| run | satupintu lifecycles/s | bpmn-engine lifecycles/s | ratio | satupintu peak RSS | bpmn-engine peak RSS |",
        "|---|---:|---:|---:|---:|---:|",
        f"| in memory | {sm['per_second']:,.0f} | {bm['per_second']:,.1f} | {sm['per_second'] / bm['per_second']:,.0f}x | "
        f"{mib(sm['peak_rss_bytes'])} | {mib(bm['peak_rss_bytes'])} |",
        f"| every step persisted to PostgreSQL | {sp['per_second']:,.1f} ({sp['threads']} threads) | "
        f"{bp['per_second']:,.1f} ({BPMN_CONCURRENCY} at once) | {sp['per_second'] / bp['per_second']:,.1f}x | "
        f"{mib(sp['peak_rss_bytes'])} | {mib(bp['peak_rss_bytes'])} |",
        f"| satupintu on SQLite (WAL, group commit) | {sq['per_second']:,.1f} ({sq['threads']} threads) | - | - | "
        f"{mib(sq['peak_rss_bytes'])} | - |",
        "",
        "| memory per live case (waiting at step 5) | satupintu | bpmn-engine | ratio |",
        "|---|---:|---:|---:|",
        f"| bytes held in memory | {sl['bytes_per_case']:,} | {bl['bytes_per_case']:,} | "
        f"{bl['bytes_per_case'] / sl['bytes_per_case']:,.0f}x less |",
        "<!-- engine_compare:end -->",
    ]


def main():
    binary, repo = sys.argv[1:3]
    doc = sys.argv[3] if len(sys.argv) > 3 else None
    r = measure(binary, repo)
    print(json.dumps(r, indent=1))
    if doc:
        text = open(doc).read()
        block = "\n".join(table(r))
        if "<!-- engine_compare:begin -->" not in text:
            raise SystemExit(f"{doc} has no <!-- engine_compare:begin --> marker")
        text = re.sub(r"<!-- engine_compare:begin -->.*?<!-- engine_compare:end -->", lambda _: block, text, flags=re.S)
        open(doc, "w").write(text)


if __name__ == "__main__":
    main()

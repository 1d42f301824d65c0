#!/usr/bin/python3
"""The Buku Registrasi's export at scale: one office with at least 100,000 registered applications
(scale_generate), a real `satupintu serve`, and GET /api/v1/office/register/export in each format.
Reports each export's time to the last byte and the server's RSS growth while it ran (the peak,
reset before each export through /proc/PID/clear_refs, less the RSS before). Targets (issue 16):
under 10 s and under 50 MB of growth for 100,000 rows, in every format.

Usage: run.py SATUPINTU_BINARY SCALE_GENERATE_BINARY REPO_DIR [PERFORMANCE.md]
Env: REGISTER_APPLICATIONS (default 115000: some of them stay unsubmitted drafts),
     REGISTER_BACKENDS (default "sqlite postgresql").
"""
import datetime
import http.client
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "integration"))
import harness  # noqa: E402

_spec = importlib.util.spec_from_file_location("scale_run", os.path.join(HERE, "..", "scale", "run.py"))
scale = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scale)
scale.OFFICES = 1  # one office holds them all: its register is the one exported

N = int(os.environ.get("REGISTER_APPLICATIONS", "115000"))
BACKENDS = os.environ.get("REGISTER_BACKENDS", "sqlite postgresql").split()
TARGET_SECONDS, TARGET_MB, TARGET_ROWS = 10, 50, 100000


def export(port, token, period, fmt):
    """Seconds to the last byte, bytes, lines, and the status."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    start = time.monotonic()
    conn.request("GET", f"/api/v1/office/register/export?{period}&format={fmt}",
                 headers={"Authorization": f"Bearer {token}"})
    r = conn.getresponse()
    size = 0
    while True:
        chunk = r.read(1 << 20)
        if not chunk:
            break
        size += len(chunk)
    seconds = time.monotonic() - start
    conn.close()
    if r.status != 200:
        raise RuntimeError(f"export {fmt}: HTTP {r.status}")
    return seconds, size, int(r.getheader("X-Export-Lines"))


def measure(backend, binary, generator, data_dir, workdir, pg):
    db = pg.new_database(unix_socket=True) if pg else os.path.join(workdir, "register.db")
    gen = subprocess.run([generator, db, data_dir, str(N)], capture_output=True, text=True)
    if gen.returncode != 0:
        raise RuntimeError(f"scale_generate failed: {gen.stderr[-3000:]}")
    print(f"{backend}: loaded {gen.stdout.strip().splitlines()[-1]}", flush=True)
    os.sync()
    port = harness.free_port()
    env = dict(os.environ, SATUPINTU_DATA_DIR=data_dir, SATUPINTU_BLOB_DIR=os.path.join(workdir, "blobs"),
               SATUPINTU_PKI_DIR=os.path.join(workdir, "pki"), SATUPINTU_RATE_LIMIT_SCALE="0")
    log = open(os.path.join(workdir, f"server-{backend}.log"), "w")
    proc = subprocess.Popen([binary, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"], env=env, stdout=log,
                            stderr=log)
    try:
        harness.wait_for_port(port, proc, timeout=120)
        c = harness.Client(port)
        c.login("front_office@kab01.scale", password="satupintu-scale", kind="bearer")
        today = datetime.date.today()
        period = f"from={(today - datetime.timedelta(days=3 * 365)).isoformat()}&to={today.isoformat()}"
        export(port, c.bearer, period, "csv")  # warm: the first read pulls the database into the page cache
        rows = []
        for fmt in ("csv", "xlsx", "pdf"):
            before = scale.rss_kb(proc.pid)["VmRSS"]
            with open(f"/proc/{proc.pid}/clear_refs", "w") as f:
                f.write("5")  # resets VmHWM to the current RSS
            seconds, size, lines = export(port, c.bearer, period, fmt)
            peak = scale.rss_kb(proc.pid)["VmHWM"]
            growth = (peak - before) / 1024
            print(f"{backend} {fmt}: {lines} lines, {size / 1e6:.1f} MB in {seconds:.2f} s, RSS +{growth:.1f} MB",
                  flush=True)
            rows.append({"backend": backend, "format": fmt, "lines": lines, "mb": size / 1e6, "seconds": seconds,
                         "growth_mb": growth})
        return rows
    finally:
        proc.terminate()
        proc.wait(30)


def table(rows):
    out = ["| backend | format | lines | file | time to the last byte | RSS growth | target |",
           "|---|---|---:|---:|---:|---:|---|"]
    for r in rows:
        out.append(f"| {r['backend']} | {r['format']} | {r['lines']} | {r['mb']:.1f} MB | {r['seconds']:.2f} s | "
                   f"{r['growth_mb']:.1f} MB | < {TARGET_SECONDS} s, < {TARGET_MB} MB |")
    return "\n".join(out)


def main():
    binary, generator, repo = sys.argv[1:4]
    perf_md = sys.argv[4] if len(sys.argv) > 4 else None
    rows = []
    with tempfile.TemporaryDirectory() as work:
        data_dir = os.path.join(work, "data")
        scale.make_data_dir(repo, data_dir)
        for backend in BACKENDS:
            env = harness.Environment(backend, binary, repo) if backend == "postgresql" else None
            try:
                workdir = os.path.join(work, backend)
                os.makedirs(workdir)
                rows += measure(backend, binary, generator, data_dir, workdir, env.pg if env else None)
            finally:
                if env:
                    env.close()
    print(table(rows))
    failed = [r for r in rows if r["lines"] < TARGET_ROWS or r["seconds"] >= TARGET_SECONDS or r["growth_mb"] >= TARGET_MB]
    if perf_md:
        text = open(perf_md).read()
        block = (f"<!-- register_export:begin -->\nCommand: `make bench` (`bench/register_export/run.py`: one office, "
                 f"{N} generated applications, the export through the API by an officer, each format after a warm-up "
                 f"CSV)  \nMachine: AMD EPYC, 2 cores. {datetime.date.today().isoformat()}.\n\n{table(rows)}\n"
                 "<!-- register_export:end -->")
        text = re.sub(r"<!-- register_export:begin -->.*<!-- register_export:end -->", block, text, flags=re.S)
        open(perf_md, "w").write(text)
    if failed:
        print(f"targets missed: {failed}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

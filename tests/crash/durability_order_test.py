#!/usr/bin/python3
"""Power-loss durability, as the kernel sees it: the real server on SQLite under strace, one
document upload, and the order of its flushes.

Usage: durability_order_test.py SATUPINTU_BINARY DATA_DIR

A power cut keeps only what was flushed. For an uploaded requirement document to survive one,
and for no committed row to name bytes that were lost, this order must hold before the upload's
response arrives:
  1. fsync of the blob's temporary file (its bytes),
  2. rename of the temporary file to the blob's name,
  3. fsync of the blob's directory (the rename itself),
  4. fsync of SQLite's write-ahead log after 3 (the COMMIT of the row that names the blob;
     synchronous=FULL; NORMAL would leave it to a later checkpoint).
A process kill is covered by crash_test.py; this test covers what a kill cannot show.
"""
import hashlib
import os
import re
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))
import harness  # noqa: E402

LINE = re.compile(r"^(\d+)\s+(\d+\.\d+)\s+(\w+)\((.*)\)\s+=\s+(-?\d+).*<(\d+\.\d+)>$")
UNFINISHED = re.compile(r"^(\d+)\s+(\d+\.\d+)\s+(\w+)\((.*) <unfinished \.\.\.>$")
RESUMED = re.compile(r"^(\d+)\s+\d+\.\d+\s+<\.\.\. (\w+) resumed>(.*)\)\s+=\s+(-?\d+).*<(\d+\.\d+)>$")


def events(trace_path):
    """(time the call returned, call, arguments) of every successful traced call, in that order.
    A call that another thread's call interrupted in the log is split over two lines."""
    out, pending = [], {}
    with open(trace_path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if m := LINE.match(line):
                pid, start, call, args, rc, took = m.groups()
            elif m := UNFINISHED.match(line):
                pending[m.group(1)] = m.groups()[1:]
                continue
            elif (m := RESUMED.match(line)) and m.group(1) in pending:
                pid, call, rest, rc, took = m.groups()
                start, _, args = pending.pop(pid)
                args += rest
            else:
                continue
            if rc == "0":
                out.append((float(start) + float(took), call, args))
    return sorted(out)


def first(evs, after, pred, what):
    for t, call, args in evs:
        if t >= after and pred(call, args):
            return t
    raise AssertionError(f"not found after {after:.6f}: {what}")


def main():
    binary, data_dir = sys.argv[1:3]
    env = harness.Environment("sqlite", binary, data_dir)
    proc = None
    try:
        db = env.new_db()
        blobs = os.path.join(env.workdir, "blobs")
        run_env = dict(os.environ, SATUPINTU_DATA_DIR=data_dir, SATUPINTU_BLOB_DIR=blobs,
                       SATUPINTU_PKI_DIR=os.path.join(env.workdir, "pki"), **harness.TEST_SERVER_ENV)
        subprocess.run([binary, "demo", "--db", db], check=True, env=run_env, stdout=subprocess.DEVNULL)
        port = harness.free_port()
        trace = os.path.join(env.workdir, "strace.log")
        log = open(os.path.join(env.workdir, "server.log"), "w")
        # -y names each descriptor's file, -ttt stamps each call in seconds since the epoch, -T
        # adds how long it took: the order below is the order in which the calls returned.
        proc = subprocess.Popen(["strace", "-f", "-y", "-ttt", "-T", "-o", trace,
                                 "-e", "trace=fsync,fdatasync,rename,renameat,renameat2",
                                 binary, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"],
                                env=run_env, stdout=log, stderr=log, start_new_session=True)
        harness.wait_for_port(port, proc, timeout=60)
        me = harness.Client(port)
        me.login("rina@pemohon.demo", kind="bearer")
        r = me.post("/api/v1/applications", {"sop": "pwk-iptk", "data": harness.example_data(port, "pwk-iptk")})
        assert r.status == 201, r
        app_id = r.json()["id"]
        pdf = harness.small_pdf(f"durability {time.time_ns()}")
        sha = hashlib.sha256(pdf).hexdigest()
        sent = time.time()
        r = me.request("POST", f"/api/v1/applications/{app_id}/documents/str?filename=str.pdf", raw=pdf,
                       headers={"Content-Type": "application/pdf"})
        answered = time.time()
        assert r.status == 201, r
        time.sleep(0.5)  # strace writes its log as the calls return
        evs = events(trace)
        try:
            return check_order(evs, sent, answered, sha, os.path.join(blobs, sha[:2]))
        except AssertionError:
            with open(trace, errors="replace") as f:
                print("".join(l for l in f if sha in l or "-wal" in l or "/blobs/" in l)[-6000:])
            raise
    finally:
        if proc and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the server and strace with it
            proc.wait(30)
        env.close()


def check_order(evs, sent, answered, sha, blob_dir):
    t1 = first(evs, sent, lambda c, a: c in ("fsync", "fdatasync") and f"/{sha}.tmp" in a,
               "fsync of the blob's temporary file")
    t2 = first(evs, t1, lambda c, a: c.startswith("rename") and f"/{sha}.tmp" in a and a.rstrip().endswith(f'/{sha}"'),
               "rename to the blob's name")
    t3 = first(evs, t2, lambda c, a: c in ("fsync", "fdatasync") and a.endswith(f"<{blob_dir}>"),
               "fsync of the blob's directory")
    t4 = first(evs, t3, lambda c, a: c in ("fsync", "fdatasync") and "satupintu.db-wal>" in a,
               "fsync of the write-ahead log (the commit)")
    assert t4 <= answered, f"the commit was flushed at {t4:.6f}, after the response arrived at {answered:.6f}"
    print(f"sqlite: blob flushed +{(t1 - sent) * 1000:.1f} ms, renamed +{(t2 - sent) * 1000:.1f} ms, "
          f"directory flushed +{(t3 - sent) * 1000:.1f} ms, commit flushed +{(t4 - sent) * 1000:.1f} ms, "
          f"answered +{(answered - sent) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

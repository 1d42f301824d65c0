#!/usr/bin/python3
"""HTTP load on a real `satupintu serve`, on SQLite and on PostgreSQL, with wrk and the Lua
scripts beside this file. Every transition is durable (committed before the response).

Usage: run.py SATUPINTU_BINARY DATA_DIR [PERFORMANCE.md]
Prints the figures; with PERFORMANCE.md, rewrites its <!-- api_load --> table. Exits non-zero when
any request of the load failed, so that a change of the API the scripts do not follow is seen
(CTest's api_load_smoke runs it briefly: BENCH_SECONDS=6 BENCH_RUNS=1 BENCH_DRAIN=0).
"""
import contextlib
import datetime
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "integration"))
import harness  # noqa: E402

ROLES = ["front_office", "back_office", "tim_teknis", "kasi", "kabid", "kepala_dinas"]
DURATION = os.environ.get("BENCH_SECONDS", "10")
# A lifecycle waits three seconds for its inspection, so the lifecycle runs are longer: their rate
# is counted after lifecycle.lua's warm-up of five seconds (see there).
LIFECYCLE_DURATION = os.environ.get("BENCH_LIFECYCLE_SECONDS", "20")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def median(runs, key):
    runs = sorted(runs, key=lambda r: r[key])
    return dict(runs[len(runs) // 2], runs=[r[key] for r in runs])


def wrk(script, port, connections, env_extra, path="/", duration=DURATION):
    env = dict(os.environ, **env_extra)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s", os.path.join(HERE, script),
                          f"http://127.0.0.1:{port}{path}"], env=env, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    lifecycles = re.search(r"^lifecycles .* lifecycles_per_s ([\d.]+)", out, re.M)
    steady = re.search(r"^steady_lifecycles_per_s ([\d.]+)", out, re.M)
    failed = re.search(r"failed (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    first = re.search(r"first failure: (.*)", out)
    if first:
        print(f"{script}: {first.group(1)}", file=sys.stderr)
    return {"rps": rps, "p99_ms": p99_ms, "lifecycles_per_s": float(lifecycles.group(1)) if lifecycles else None,
            "steady_per_s": float(steady.group(1)) if steady else None,
            # The lifecycle script counts its failures (a non-2xx answer or one naming no
            # application); wrk counts the non-2xx answers of any script.
            "failed": max(int(failed.group(1)) if failed else 0, int(non_2xx.group(1)) if non_2xx else 0), "raw": out}


def lifecycle_inputs(port, workdir):
    """The bearer tokens of the applicant and of each Purwakarta role (lifecycle.lua's TOKENS),
    and a small PDF to upload: lifecycle.lua's environment."""
    tokens = {}
    for who, email in [("pemohon", "rina@pemohon.demo")] + [(r, f"{r}@purwakarta.demo") for r in ROLES]:
        c = harness.Client(port)
        c.login(email, kind="bearer")
        tokens[who] = c.bearer
    pdf = os.path.join(workdir, "bench.pdf")
    with open(pdf, "wb") as f:
        f.write(harness.small_pdf("bench"))
    return {"TOKENS": ",".join(f"{k}={v}" for k, v in tokens.items()), "PDF": pdf}


def pending_documents(port):
    text = harness.Client(port).get("/metrics", headers={"Authorization": f"Bearer {harness.METRICS_TOKEN}"}).body.decode()
    return int(re.search(r"^satupintu_documents_pending (\d+)", text, re.M).group(1))


def drain_documents(port):
    """The lifecycles planned receipts, invitations, reports and permits; the document worker
    renders (and signs) them at the lowest CPU priority, so under load they wait. Returns how many were
    still pending when the load stopped, and the seconds until the last was ready."""
    backlog = pending_documents(port)
    start = time.time()
    while pending_documents(port) > 0:
        if time.time() - start > 600:
            raise RuntimeError("documents not produced within 10 minutes")
        time.sleep(0.5)
    return backlog, time.time() - start


@contextlib.contextmanager
def load_server(env, extra_env=None):
    """A fresh server for a load (on a fresh database): yields (server, PostgreSQL URL or None).

    No SMTP server: a local Python sink would take a core's share from the server under test.
    Every transaction still writes its outbox rows; only their delivery is left out.
    PostgreSQL runs on this machine, so the server reaches it over its Unix socket, as a
    same-host deployment would (TCP on 127.0.0.1 costs each query more kernel time).
    One load generator is one address: the per-address limits would measure themselves, so
    they are off (SATUPINTU_RATE_LIMIT_SCALE=0).
    """
    url = env.pg.new_database(unix_socket=True) if env.pg else None
    server = env.server(db=url, mail=False, extra_env={"SATUPINTU_RATE_LIMIT_SCALE": "0", **(extra_env or {})})
    try:
        yield server, url
    finally:
        server.stop()


def measure(env):
    with load_server(env) as (server, _):
        applicant = harness.Client(server.port)
        applicant.login("rina@pemohon.demo", kind="bearer")
        ids = [str(a["id"]) for a in applicant.get("/api/v1/applications").json()["items"]]
        inputs = lifecycle_inputs(server.port, env.workdir)
        # The machine is shared, so one 10 s run can be off by a fifth: each load runs RUNS times
        # and the median run (by throughput) is reported.
        status = median([wrk("status_read.lua", server.port, 64, {"TOKEN": applicant.bearer, "IDS": ",".join(ids)})
                         for _ in range(RUNS)], "rps")
        lives = [wrk("lifecycle.lua", server.port, 16, inputs, duration=LIFECYCLE_DURATION) for _ in range(RUNS)]
        # lifecycle.lua gives the steady rate only for a run longer than its warm-up.
        life = median(lives, "steady_per_s" if all(r["steady_per_s"] is not None for r in lives) else "lifecycles_per_s")
        if os.environ.get("BENCH_DRAIN", "1") == "1":
            life["documents"], life["drain_s"] = drain_documents(server.port)
        else:
            life["documents"], life["drain_s"] = pending_documents(server.port), float("nan")
        return status, life


def main():
    binary, data_dir = sys.argv[1:3]
    doc = sys.argv[3] if len(sys.argv) > 3 else None
    rows = []
    for backend in os.environ.get("BENCH_BACKENDS", "sqlite,postgresql").split(","):
        env = harness.Environment(backend, binary, data_dir)
        try:
            status, life = measure(env)
        finally:
            env.close()
        print(f"{backend}: status reads {status['rps']:.0f}/s p99 {status['p99_ms']:.2f} ms; "
              f"lifecycles {life['steady_per_s'] or 0:.1f}/s steady, {life['lifecycles_per_s']:.1f}/s over the run "
              f"({life['rps']:.0f} req/s, p99 {life['p99_ms']:.2f} ms, "
              f"failed {life['failed']}); {life['documents']} documents pending at the end, "
              f"ready {life['drain_s']:.0f} s later")
        rows.append((backend, status, life))
    if any(life["failed"] or not life["lifecycles_per_s"] for _, _, life in rows):
        sys.exit("some requests of the load failed, or no lifecycle completed; the figures are not recorded")
    if doc:
        cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
        lines = ["<!-- api_load:begin -->",
                 f"Command: `make bench` (`bench/api_load/run.py`: wrk -t2, median of {RUNS} runs of {DURATION} s for reads and "
                 f"{LIFECYCLE_DURATION} s for lifecycles, server with its default threads: 2 per core for I/O and reads, 16 writers)  ",
                 f"Machine: {cpu}, {os.cpu_count()} cores shared by wrk and the server. {datetime.date.today()}.",
                 "PostgreSQL: a throwaway local cluster with fsync=on and synchronous_commit=on (as in the tests), over its Unix socket; SQLite: WAL, synchronous=FULL, "
                 "group commit. Mail goes to the outbox in each transaction; no SMTP server runs during the load.",
                 "",
                 "| backend | status reads/s (64 conn.) | p99 | target | 10-step lifecycles/s (16 conn., after 5 s) | completed over the whole run | requests/s | p99 | target | documents pending at the end | ready after |",
                 "|---|---:|---:|---|---:|---:|---:|---:|---|---:|---:|"]
        for backend, s, l in rows:
            lines.append(f"| {backend} | {s['rps']:.0f} | {s['p99_ms']:.1f} ms | >= 20000, p99 < 10 ms | "
                         f"{l['steady_per_s']:.1f} | {l['lifecycles_per_s']:.1f}/s | {l['rps']:.0f} | {l['p99_ms']:.1f} ms | >= 300 | "
                         f"{l['documents']} | {l['drain_s']:.0f} s |")
        lines.append("<!-- api_load:end -->")
        text = open(doc).read()
        text = re.sub(r"<!-- api_load:begin -->.*?<!-- api_load:end -->", lambda _: "\n".join(lines), text, flags=re.S)
        open(doc, "w").write(text)


if __name__ == "__main__":
    main()

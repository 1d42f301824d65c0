#!/usr/bin/python3
"""How busy the database writer is under the lifecycle load: one run of lifecycle.lua (16
connections) against a fresh server, with the writer's counters from /metrics over the run, per
second, and the writer's time per write (its busy seconds over the writes it committed).

Usage: writer_load.py SATUPINTU_BINARY sqlite|postgresql [DATA_DIR]   (BENCH_LIFECYCLE_SECONDS: run length)
"""
import importlib.util
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "integration"))
import harness  # noqa: E402

_spec = importlib.util.spec_from_file_location("api_load_run", os.path.join(HERE, "run.py"))
api_load = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(api_load)


def writer_counters(client):
    text = client.get("/metrics", headers={"Authorization": f"Bearer {harness.METRICS_TOKEN}"}).body.decode()
    out = {}
    for line in text.splitlines():
        if line.startswith("satupintu_db_") and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            if name.endswith("_total"):
                out[name] = float(value)
    return out


def main():
    binary, backend = sys.argv[1:3]
    data_dir = sys.argv[3] if len(sys.argv) > 3 else "."
    env = harness.Environment(backend, binary, data_dir)
    try:
        with api_load.load_server(env) as (server, _):
            inputs = api_load.lifecycle_inputs(server.port, env.workdir)
            client = harness.Client(server.port)
            before, started = writer_counters(client), time.monotonic()
            r = api_load.wrk("lifecycle.lua", server.port, 16, inputs, duration=api_load.LIFECYCLE_DURATION)
            after, took = writer_counters(client), time.monotonic() - started
            rate = {k: (after[k] - before.get(k, 0)) / took for k in after}
            for k, v in sorted(rate.items()):
                print(f"{k}: {v:.3f}/s")
            writes = rate.get("satupintu_db_writes_total", 0)
            if writes:
                busy = rate["satupintu_db_writer_busy_seconds_total"]
                print(f"writer time per write: {busy / writes * 1000:.3f} ms; "
                      f"writes per group: {writes / rate['satupintu_db_write_batches_total']:.1f}")
            print(f"lifecycles/s after the warm-up: {r['steady_per_s'] or 0:.1f}")
    finally:
        env.close()


if __name__ == "__main__":
    main()

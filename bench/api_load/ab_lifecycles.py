#!/usr/bin/python3
"""Lifecycle throughput of two builds side by side, on SQLite: the same load as run.py's
lifecycle figure (lifecycle.lua, 16 connections, BENCH_LIFECYCLE_SECONDS each, the steady rate after
its warm-up), alternating A and B,
each run on a fresh server, so that a machine whose speed drifts affects both alike.

Usage: ab_lifecycles.py BINARY_A BINARY_B DATA_DIR [ROUNDS]   (prints each run and the medians)
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "integration"))
import harness  # noqa: E402

_spec = importlib.util.spec_from_file_location("api_load_run", os.path.join(HERE, "run.py"))
api_load = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(api_load)


def one_run(binary, data_dir):
    env = harness.Environment(os.environ.get("AB_BACKEND", "sqlite"), binary, data_dir)
    try:
        extra = {}
        if os.environ.get("AB_WRITER_THREADS"):
            extra["SATUPINTU_WRITER_THREADS"] = os.environ["AB_WRITER_THREADS"]
        with api_load.load_server(env, extra) as (server, _):
            inputs = api_load.lifecycle_inputs(server.port, env.workdir)
            r = api_load.wrk("lifecycle.lua", server.port, 16, inputs, duration=api_load.LIFECYCLE_DURATION)
            if r["failed"]:
                raise RuntimeError(f"{binary}: {r['failed']} failed requests")
            return r["steady_per_s"] or r["lifecycles_per_s"]
    finally:
        env.close()


def main():
    a, b, data_dir = sys.argv[1:4]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    runs = {"A": [], "B": []}
    for i in range(rounds):
        for name, binary in (("A", a), ("B", b)):
            runs[name].append(one_run(binary, data_dir))
            print(f"{name} run {i + 1}: {runs[name][-1]:.1f} lifecycles/s", flush=True)
    for name, values in runs.items():
        values.sort()
        print(f"{name}: median {values[len(values) // 2]:.1f} lifecycles/s of {values}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Where PostgreSQL's time goes under the lifecycle load: one run of lifecycle.lua against a
server on a throwaway cluster with pg_stat_statements loaded, then the statements by total time.

Usage: pg_statements.py SATUPINTU_BINARY DATA_DIR   (BENCH_LIFECYCLE_SECONDS sets the run's length)
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


def main():
    binary, data_dir = sys.argv[1:3]
    os.environ["SATUPINTU_PG_OPTIONS"] = "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
    env = harness.Environment("postgresql", binary, data_dir)
    try:
        with api_load.load_server(env) as (server, url):
            env.pg.psql(url, "CREATE EXTENSION pg_stat_statements")
            inputs = api_load.lifecycle_inputs(server.port, env.workdir)
            env.pg.psql(url, "SELECT pg_stat_statements_reset()")
            r = api_load.wrk("lifecycle.lua", server.port, 16, inputs, duration=api_load.LIFECYCLE_DURATION)
            print(f"{r['rps']:.0f} requests/s, {r['lifecycles_per_s']:.1f} lifecycles/s completed over the run, "
                  f"{r['steady_per_s'] or 0:.1f}/s after the warm-up")
            print("calls | total ms | mean ms | statement")
            print(env.pg.psql(url, "SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), "
                                   "left(regexp_replace(query, '\\s+', ' ', 'g'), 110) FROM pg_stat_statements "
                                   "ORDER BY total_exec_time DESC LIMIT 25"))
            print("all:", env.pg.psql(url, "SELECT sum(calls), round(sum(total_exec_time)::numeric, 1) FROM pg_stat_statements"))
    finally:
        env.close()


if __name__ == "__main__":
    main()

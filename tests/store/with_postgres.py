#!/usr/bin/python3
"""Runs a test binary against a throwaway PostgreSQL cluster (tests/integration/harness.py),
naming a fresh database in SATUPINTU_TEST_POSTGRES_URL, and the shell commands that stop and
start the cluster in SATUPINTU_TEST_POSTGRES_STOP and _START; stops the cluster after.

Usage: with_postgres.py BINARY [ARGS...]
"""
import os
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
import harness  # noqa: E402


def main():
    work = tempfile.mkdtemp(prefix="satupintu-pg-")
    cluster = harness.PostgresCluster(work)
    try:
        env = dict(os.environ, SATUPINTU_TEST_POSTGRES_URL=cluster.new_database(),
                   SATUPINTU_TEST_POSTGRES_STOP=shlex.join(cluster.stop_command()) + " > /dev/null",
                   SATUPINTU_TEST_POSTGRES_START=shlex.join(cluster.start_command()) + " > /dev/null")
        sys.exit(subprocess.run(sys.argv[1:], env=env).returncode)
    finally:
        cluster.stop()
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Runs the integration tests against one backend: run.py BINARY DATA_DIR sqlite|postgresql"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import test_lifecycles  # noqa: E402
import test_rules  # noqa: E402
import test_authz  # noqa: E402
import test_hardening  # noqa: E402


def main():
    binary, data_dir, backend = sys.argv[1:4]
    env = harness.Environment(backend, binary, data_dir)
    test_lifecycles.ENV = test_rules.ENV = test_authz.ENV = test_hardening.ENV = env
    try:
        suite = unittest.TestSuite()
        loader = unittest.TestLoader()
        suite.addTests(loader.loadTestsFromModule(test_lifecycles))
        suite.addTests(loader.loadTestsFromModule(test_rules))
        suite.addTests(loader.loadTestsFromModule(test_authz))
        suite.addTests(loader.loadTestsFromModule(test_hardening))
        result = unittest.TextTestRunner(verbosity=2).run(suite)
        code = test_lifecycles.World.stop()
        if code != 0:
            print(f"server exited with {code} after SIGTERM")
            return 1
        return 0 if result.wasSuccessful() else 1
    finally:
        env.close()


if __name__ == "__main__":
    sys.exit(main())

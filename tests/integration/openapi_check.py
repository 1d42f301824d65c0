#!/usr/bin/python3
"""Fails when a route exists that docs/openapi.json lacks, or the reverse.
Usage: openapi_check.py SATUPINTU_BINARY OPENAPI_JSON"""
import json
import subprocess
import sys

binary, doc_path = sys.argv[1:3]
routes = {(r["method"].lower(), r["path"]) for r in json.loads(
    subprocess.run([binary, "routes", "--json"], check=True, capture_output=True, text=True).stdout)}
doc = json.load(open(doc_path))
assert doc.get("openapi", "").startswith("3.1"), "the document must be OpenAPI 3.1"
documented = {(m, p) for p, item in doc["paths"].items() for m in item if m in ("get", "post", "put", "delete", "patch")}
missing = sorted(routes - documented)
stale = sorted(documented - routes)
for m, p in missing:
    print(f"route not in {doc_path}: {m.upper()} {p}")
for m, p in stale:
    print(f"{doc_path} documents a route the server lacks: {m.upper()} {p}")
print(f"{len(routes & documented)} passed, {len(missing) + len(stale)} failed")
sys.exit(1 if missing or stale else 0)

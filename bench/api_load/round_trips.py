#!/usr/bin/python3
"""Database round trips of each request of one Purwakarta lifecycle (the requests of
lifecycle.lua, one after another), read from the server's /metrics
(satupintu_db_round_trips_per_request): on PostgreSQL the protocol exchanges the server waits on,
on SQLite the statements it runs.

Usage: round_trips.py SATUPINTU_BINARY DATA_DIR [PERFORMANCE.md]
Prints the table; with PERFORMANCE.md, rewrites its <!-- round_trips --> table.
"""
import importlib.util
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "integration"))
import harness  # noqa: E402

_spec = importlib.util.spec_from_file_location("api_load_run", os.path.join(HERE, "run.py"))
api_load = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(api_load)

PLAN = [("pemohon", "create", ""), ("pemohon", "upload", "str"), ("pemohon", "upload", "tempat_praktik"),
        ("pemohon", "upload", "ktp"), ("pemohon", "upload", "pas_foto"), ("pemohon", "act", "selesai"),
        ("front_office", "act", "lengkap"), ("back_office", "schedule", ""), ("back_office", "act", "diagendakan"),
        ("tim_teknis", "act", "rekomendasi_positif"), ("back_office", "act", "naskah_dibuat"),
        ("kasi", "act", "terverifikasi"), ("kabid", "act", "terverifikasi"), ("kepala_dinas", "act", "ditandatangani")]
ROUTES = {"create": "/api/v1/applications", "upload": "/api/v1/applications/{id}/documents/{requirement}",
          "schedule": "/api/v1/applications/{id}/schedule", "act": "/api/v1/applications/{id}/actions"}


def round_trips(client, route):
    text = client.get("/metrics", headers={"Authorization": f"Bearer {harness.METRICS_TOKEN}"}).body.decode()
    m = re.search(r'satupintu_db_round_trips_per_request_sum\{method="POST",route="' + re.escape(route) + r'"\} (\d+)', text)
    return int(m.group(1)) if m else 0


def one_lifecycle(env):
    with api_load.load_server(env, {"SATUPINTU_ROUND_TRIP_SAMPLE_EVERY": "1"}) as (server, _):
        clients = {}
        for role in ["pemohon"] + [p[0] for p in PLAN if p[0] != "pemohon"]:
            if role not in clients:
                c = harness.Client(server.port)
                c.login("rina@pemohon.demo" if role == "pemohon" else f"{role}@purwakarta.demo", kind="bearer")
                clients[role] = c
        watcher = harness.Client(server.port)
        pdf = harness.small_pdf("round trips")
        app_id = None
        out = []
        for role, kind, arg in PLAN:
            before = round_trips(watcher, ROUTES[kind])
            c = clients[role]
            if kind == "create":
                r = c.post("/api/v1/applications", {"sop": "pwk-iptk", "data": harness.example_data(c.port, "pwk-iptk")})
                app_id = r.json()["id"]
            elif kind == "upload":
                r = c.request("POST", f"/api/v1/applications/{app_id}/documents/{arg}?filename={arg}.pdf", raw=pdf,
                              headers={"Content-Type": "application/pdf"})
            elif kind == "schedule":
                # Two seconds ahead (any hour, confirmed), as lifecycle.lua does: its report is
                # refused before the inspection's time.
                at = time.time() + 2
                r = c.post(f"/api/v1/applications/{app_id}/schedule", {
                    "kind": "peninjauan_lapangan", "place": "Lokasi praktik", "members": ["dr. Anwar"],
                    "at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(at)), "outside_hours_confirmed": True})
            else:
                if role == "tim_teknis":
                    time.sleep(max(0.0, at + 1 - time.time()))
                body = {"action": arg}
                if role == "tim_teknis":
                    body["report"] = {"findings": ["Ruang praktik layak"], "conclusion": "Memenuhi persyaratan"}
                r = c.post(f"/api/v1/applications/{app_id}/actions", body)
            assert r.status < 300, (kind, arg, r)
            out.append((role, kind, arg, round_trips(watcher, ROUTES[kind]) - before))
        return out


def main():
    binary, data_dir = sys.argv[1:3]
    doc = sys.argv[3] if len(sys.argv) > 3 else None
    counts = {}
    for backend in ("sqlite", "postgresql"):
        env = harness.Environment(backend, binary, data_dir)
        try:
            counts[backend] = one_lifecycle(env)
        finally:
            env.close()
    rows = []
    for i, (role, kind, arg, _) in enumerate(counts["postgresql"]):
        what = {"create": "create the application", "upload": f"upload `{arg}`", "schedule": "schedule the inspection",
                "act": f"action `{arg}`"}[kind]
        rows.append(f"| {i + 1} | {role} | {what} | {counts['postgresql'][i][3]} | {counts['sqlite'][i][3]} |")
    total = [sum(r[3] for r in counts[b]) for b in ("postgresql", "sqlite")]
    rows.append(f"| | | **one lifecycle** | **{total[0]}** | **{total[1]}** |")
    lines = ["<!-- round_trips:begin -->",
             "Command: `bench/api_load/round_trips.py build/bin/satupintu .` (one lifecycle, request by request, "
             "read from `/metrics`).",
             "",
             "| # | role | request | PostgreSQL round trips | SQLite statements |",
             "|---:|---|---|---:|---:|"] + rows + ["<!-- round_trips:end -->"]
    print("\n".join(lines))
    if doc:
        text = open(doc).read()
        text = re.sub(r"<!-- round_trips:begin -->.*?<!-- round_trips:end -->", lambda _: "\n".join(lines), text, flags=re.S)
        open(doc, "w").write(text)


if __name__ == "__main__":
    main()

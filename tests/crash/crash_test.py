#!/usr/bin/python3
"""Crash durability: the real server under concurrent write load, killed with SIGKILL at random
moments, restarted on the same database, again and again.

Usage: crash_test.py SATUPINTU_BINARY DATA_DIR sqlite|postgresql [KILLS]

After every restart:
  - every action whose HTTP response arrived is there (its application has at least the
    version the response reported);
  - `satupintu audit verify` passes (the hash chains are whole);
  - every application is in a state its SOP can reach (a known step, a known phase; a closed
    file has an outcome, an open one has none).
At the end the server runs with SMTP until the outbox is empty, and each outbox message must
have reached the SMTP sink: none lost, none as two different messages. A message whose send
succeeded just before a kill, but whose "sent" mark did not commit, is sent again with the same
Message-ID (SMTP offers no exactly-once delivery; receivers de-duplicate by Message-ID); such
re-deliveries are counted and printed.
Prints: kills, acknowledged actions, lost actions (must be 0).
"""
import http.client
import os
import random
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))
import harness  # noqa: E402

ROLES = ["front_office", "back_office", "tim_teknis", "kasi", "kabid", "kepala_dinas"]
WORKERS = 6
REPORT = {"findings": ["Ruang praktik layak"], "conclusion": "Memenuhi persyaratan", "members": ["dr. Anwar"]}


class Acks:
    """What the server acknowledged: application id -> the highest version a response reported."""

    def __init__(self):
        self.lock = threading.Lock()
        self.versions = {}
        self.count = 0

    def record(self, app_id, version):
        with self.lock:
            self.versions[app_id] = max(version, self.versions.get(app_id, 0))
            self.count += 1


def client(port, token):
    c = harness.Client(port)
    c.bearer = token
    return c


def lifecycle_step(port, tokens, app, acks, pdf):
    """Moves one application one request further; returns False when it is finished."""
    me = client(port, tokens["pemohon"])
    if app.get("id") is None:
        r = me.post("/api/v1/applications", {"sop": "pwk-iptk", "data": harness.example_data(port, "pwk-iptk")})
        if r.status != 201:
            raise RuntimeError(f"create: {r}")
        app["id"] = r.json()["id"]
        acks.record(app["id"], r.json()["version"])
        app["uploads"] = ["str", "tempat_praktik", "ktp", "pas_foto"]  # pwk-iptk's mandatory requirements
        return True
    if app["uploads"]:
        q = app["uploads"][0]
        r = me.request("POST", f"/api/v1/applications/{app['id']}/documents/{q}?filename={q}.pdf", raw=pdf,
                       headers={"Content-Type": "application/pdf"})
        if r.status != 201:
            raise RuntimeError(f"upload: {r}")
        app["uploads"].pop(0)
        return True
    view = me.get(f"/api/v1/applications/{app['id']}").json()
    if view["phase"] == "closed":
        return False
    role = view["step"]["actor"]
    actor = me if role == "pemohon" else client(port, tokens[role])
    view = actor.get(f"/api/v1/applications/{app['id']}").json()
    if not view["actions"]:
        raise RuntimeError(f"no action for {role}: {view['step']}")
    action = view["actions"][0]
    if view["step"].get("code") == "entri_data_teknis":
        r = actor.post(f"/api/v1/applications/{app['id']}/schedule", {
            "kind": "peninjauan_lapangan", "at": "2031-01-06T09:00+07:00", "place": "Lokasi", "members": ["dr. Anwar"]})
        if r.status not in (201, 409):
            raise RuntimeError(f"schedule: {r}")
    body = {"action": action["code"], "version": view["version"]}
    if action["report_required"]:
        body["report"] = REPORT
    r = actor.post(f"/api/v1/applications/{app['id']}/actions", body)
    if r.status == 200:
        acks.record(app["id"], r.json()["version"])
    elif r.status != 409:
        raise RuntimeError(f"act: {r}")
    return True


def worker(port, tokens, acks, pdf, stop, errors):
    app = {}
    while not stop.is_set():
        try:
            if not lifecycle_step(port, tokens, app, acks, pdf):
                app = {}
        except (ConnectionError, OSError, http.client.HTTPException):
            return  # the server is gone: whatever had no response is not acknowledged
        except Exception as e:  # noqa: BLE001 (a wrong answer from a live server is a failure)
            if not stop.is_set():
                errors.append(repr(e))
            return


def sql(env, db, query):
    if db.startswith("sqlite:"):
        return subprocess.run(["sqlite3", db[len("sqlite:"):], query], check=True, capture_output=True,
                              text=True).stdout.split()
    return env.pg.psql(db, query).split()


def verify(env, server, db, acks, tokens):
    """The checks after a restart; returns the number of acknowledged actions found missing."""
    officer = client(server.port, tokens["front_office"])
    applicant = client(server.port, tokens["pemohon"])
    lost = 0
    with acks.lock:
        expected = dict(acks.versions)
    for app_id, version in expected.items():
        r = applicant.get(f"/api/v1/applications/{app_id}")
        if r.status != 200 or r.json()["version"] < version:
            lost += 1
            print(f"  LOST: application {app_id} acknowledged at version {version}, now {r}")
    audit = subprocess.run([env.binary, "audit", "verify", "--db", db], capture_output=True, text=True,
                           env=dict(os.environ, SATUPINTU_DATA_DIR=env.data_dir))
    if audit.returncode != 0:
        raise AssertionError(f"audit verify failed: {audit.stdout}{audit.stderr}")
    steps = {s["no"] for s in officer.get("/api/v1/offices/purwakarta/permits").json()["items"][0]["steps"]}
    for row in sql(env, db, "SELECT step || ',' || phase || ',' || outcome FROM applications"):
        step, phase, outcome = row.split(",")
        ok = int(step) in steps and phase in ("at_step", "with_applicant", "closed") and \
            ((phase == "closed") == (outcome != "none"))
        if not ok:
            raise AssertionError(f"unreachable state: step {step}, phase {phase}, outcome {outcome}")
    return lost


def main():
    binary, data_dir, backend = sys.argv[1:4]
    kills = int(sys.argv[4]) if len(sys.argv) > 4 else 50
    env = harness.Environment(backend, binary, data_dir)
    random.seed(int(os.environ.get("CRASH_SEED", "0")) or None)
    pdf = harness.small_pdf("crash")
    acks = Acks()
    lost = 0
    errors = []
    try:
        db = env.new_db()
        server = env.server(db=db)
        tokens = {}
        for who, email in [("pemohon", "rina@pemohon.demo")] + [(r, f"{r}@purwakarta.demo") for r in ROLES]:
            c = harness.Client(server.port)
            c.login(email, kind="bearer")
            tokens[who] = c.bearer
        for k in range(kills):
            stop = threading.Event()
            threads = [threading.Thread(target=worker, args=(server.port, tokens, acks, pdf, stop, errors))
                       for _ in range(WORKERS)]
            for t in threads:
                t.start()
            time.sleep(random.uniform(0.2, 1.5))
            server.proc.send_signal(signal.SIGKILL)
            server.proc.wait()
            stop.set()
            for t in threads:
                t.join(30)
            server.log.close()
            if errors:
                raise AssertionError(f"a live server answered wrongly: {errors[:3]}")
            server = env.server(db=db)
            lost += verify(env, server, db, acks, tokens)
        # Mail: let the outbox drain, then compare it with what the sink received. Messages the
        # killed server had claimed wait for their lease (120 s, notify/outbox_worker.cpp).
        deadline = time.time() + 300
        while int(sql(env, db, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")[0]) > 0:
            if time.time() > deadline:
                raise AssertionError("the outbox did not drain within 5 minutes")
            time.sleep(0.5)
        rows = int(sql(env, db, "SELECT COUNT(*) FROM outbox")[0])
        ids = [m["Message-ID"] for m in env.smtp.messages()]
        distinct = len(set(ids))
        server.stop()
        print(f"{backend}: kills {kills}, acknowledged actions {acks.count} on {len(acks.versions)} applications, "
              f"lost actions {lost}; outbox {rows} messages, delivered {distinct} distinct, "
              f"re-deliveries with the same Message-ID {len(ids) - distinct}")
        if lost:
            return 1
        if distinct != rows:
            print(f"FAIL: {rows} outbox messages but {distinct} distinct deliveries")
            return 1
        return 0
    finally:
        env.close()


if __name__ == "__main__":
    sys.exit(main())

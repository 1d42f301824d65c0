#!/usr/bin/python3
"""Two app servers on one PostgreSQL database, receiving concurrent and conflicting requests.

Usage: two_nodes_test.py SATUPINTU_BINARY DATA_DIR

Checks:
  - conflicting actions on one application, sent at once through both servers: exactly one
    wins, the others get 409, and the application moved exactly one step (no lost update);
  - concurrent submissions through both servers: registration numbers unique and gap-free;
  - permits signed concurrently through both servers: permit numbers unique and gap-free;
  - a retried request with the same Idempotency-Key, through either server: created once;
  - escalation: two servers (the test build, on a clock of their own) looking for overdue steps at
    the same moments (each second) while the counter's deadline of 24 files passes: each file
    escalated once, one notice and one history event each, however the two servers split the work;
  - status reads, which each server answers from its cache: a change shows at once on the
    server that made it and within a second on the other, a change made in psql shows on both,
    and after a database restart the servers never answer from a cache that missed changes.
"""
import os
import re
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))
import harness  # noqa: E402

SUBMISSIONS = 40
ESCALATED = 24


def bearer(port, email):
    c = harness.Client(port)
    c.login(email, kind="bearer")
    return c.bearer


def client(port, token):
    c = harness.Client(port)
    c.bearer = token
    return c


def draft(port, token, pdf):
    me = client(port, token)
    r = me.post("/api/v1/applications", {"sop": "kpr-dokter", "data": harness.example_data(port, "kpr-dokter")})
    assert r.status == 201, r
    app_id = r.json()["id"]
    permits = me.get("/api/v1/offices/kampar/permits").json()["items"]
    for q in next(p for p in permits if p["sop"] == "kpr-dokter")["requirements"]:
        if q["mandatory"]:
            r = me.request("POST", f"/api/v1/applications/{app_id}/documents/{q['code']}?filename=a.pdf", raw=pdf,
                           headers={"Content-Type": "application/pdf"})
            assert r.status == 201, r
    return app_id


def at_once(calls):
    """Runs the calls in threads released together; returns their results in order."""
    results = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(i, fn):
        barrier.wait()
        results[i] = fn()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def numbers(values):
    """The sequence parts of numbers like 0012/REG/DPMPTSP-KPR/2026 or 503/0012/DPMPTSP/2026: the
    4-digit group that is not the year."""
    return sorted(int(next(g for g in re.findall(r"\d+", v) if len(g) == 4 and not g.startswith("20"))) for v in values)


def status(port, token, app_id):
    r = client(port, token).get(f"/api/v1/applications/{app_id}/status")
    assert r.status == 200, r
    return r.json()


def seen_within(seconds, check):
    """Polls `check` until it is true or `seconds` pass; returns the wait, or None."""
    start = time.time()
    while time.time() - start < seconds:
        if check():
            return time.time() - start
        time.sleep(0.02)
    return None


def cached_status(a, b, env, db, applicant, loket, drafts, failures):
    waits = []
    for d in drafts:
        before = [status(p, applicant, d) for p in (a.port, b.port) for _ in range(2)]  # both servers cache it
        v = before[0]["version"]
        r = client(a.port, loket[a.port]).post(f"/api/v1/applications/{d}/actions", {"action": "lengkap"})
        if r.status != 200:
            failures.append(f"status test: acting on {d}: {r}")
            continue
        if status(a.port, applicant, d)["version"] != v + 1:
            failures.append(f"application {d}: the server that acted still answers version {v}")
        wait = seen_within(2, lambda: status(b.port, applicant, d)["version"] == v + 1)
        if wait is None:
            failures.append(f"application {d}: the other server still answers version {v} after 2 s")
        waits.append(wait or 0)
    # A change no server made (a fix in psql) reaches both caches through the trigger.
    d = drafts[0]
    at = [status(p, applicant, d)["deadline"]["at"] for p in (a.port, b.port)]
    env.pg.psql(db, f"UPDATE applications SET deadline_at = deadline_at + 86400 WHERE id = {d}")
    for p in (a.port, b.port):
        if seen_within(2, lambda p=p: status(p, applicant, d)["deadline"]["at"] != at[0]) is None:
            failures.append(f"application {d}: a change made in psql not seen through port {p} after 2 s")
    # A restart drops the listening connections; a change made before they listen again must
    # not be hidden by anything cached before.
    cached = [status(p, applicant, d)["deadline"]["at"] for p in (a.port, b.port)]
    env.pg.restart()
    env.pg.psql(db, f"UPDATE applications SET deadline_at = deadline_at + 86400 WHERE id = {d}")
    for p, old in zip((a.port, b.port), cached):
        def moved(p=p, old=old):
            try:
                return status(p, applicant, d)["deadline"]["at"] != old
            except AssertionError:
                return False  # the server's pooled connection is being renewed
        if seen_within(5, moved) is None:
            failures.append(f"application {d}: after a database restart, port {p} still answers the old deadline")
    return max(waits) if waits else 0


def escalation_race(env, binary, data_dir, db, failures):
    """Two servers of the test build, with a clock of their own, look for overdue steps every
    second, on the same second; files are submitted through them, then their clock passes the
    counter's fifteen minutes."""
    test_binary = binary if os.path.basename(binary) == "satupintu-test" else os.path.join(
        os.path.dirname(binary), "satupintu-test")
    shift = os.path.join(env.workdir, "escalation-shift")
    with open(shift, "w") as f:
        f.write("0")
    servers = [harness.Server(test_binary, db, env.smtp.url, env.workdir, data_dir, {"SATUPINTU_ESCALATION_SECONDS": "1"},
                              clock=harness.private_clock_args(test_binary, shift)) for _ in range(2)]
    try:
        ports = [s.port for s in servers]
        applicant = bearer(ports[0], "budi@pemohon.demo")
        pdf = harness.small_pdf("eskalasi")
        waiting = [draft(ports[i % 2], applicant, pdf) for i in range(ESCALATED)]
        for i, d in enumerate(waiting):
            r = client(ports[i % 2], applicant).post(f"/api/v1/applications/{d}/actions", {"action": "selesai"})
            if r.status != 200:
                failures.append(f"escalation: submitting {d}: {r}")
        time.sleep(1.5)  # the demo's own late files are escalated first
        with open(shift, "w") as f:
            f.write(str(16 * 60))
        time.sleep(4)
    finally:
        for s in servers:
            s.stop()
    ids = ",".join(str(i) for i in waiting)
    counts = {
        "escalations": f"SELECT application_id, COUNT(*) FROM escalations WHERE application_id IN ({ids}) GROUP BY 1",
        "notices": f"SELECT application_id, COUNT(*) FROM notifications WHERE application_id IN ({ids}) GROUP BY 1",
        "history events": f"SELECT application_id, COUNT(*) FROM events WHERE kind = 'escalated' AND application_id "
                          f"IN ({ids}) GROUP BY 1",
    }
    for what, sql in counts.items():
        got = dict(line.split("|") for line in env.pg.psql(db, sql).split())
        wrong = {k: v for k, v in got.items() if v != "1"}
        if len(got) != len(waiting) or wrong:
            failures.append(f"escalation: {what} per file {got} (want exactly 1 for each of {len(waiting)})")
    # Which server escalated what: both took part when both logged escalations after the jump.
    done = []
    for s in servers:
        with open(s.log_path) as f:
            done.append(sum(int(n) for n in re.findall(r"escalation: (\d+) overdue step", f.read())))
    return f"exactly once each (server logs: {done[0]} and {done[1]} escalations, the demo's late files included)"


def main():
    binary, data_dir = sys.argv[1:3]
    env = harness.Environment("postgresql", binary, data_dir)
    failures = []
    try:
        db = env.new_db()
        a, b = env.server(db=db), env.server(db=db)
        ports = [a.port, b.port]
        pdf = harness.small_pdf("dua")
        applicant = bearer(a.port, "budi@pemohon.demo")
        loket = {p: bearer(p, "loket@kampar.demo") for p in ports}
        bidang = {p: bearer(p, "bidang@kampar.demo") for p in ports}
        kepala = {p: bearer(p, "kepala_dinas@kampar.demo") for p in ports}

        # Submissions through both servers at once: registration numbers.
        drafts = [draft(ports[i % 2], applicant, pdf) for i in range(SUBMISSIONS)]
        submitted = at_once([lambda i=i, d=d: client(ports[i % 2], applicant).post(
            f"/api/v1/applications/{d}/actions", {"action": "selesai"}) for i, d in enumerate(drafts)])
        bad = [r for r in submitted if r.status != 200]
        if bad:
            failures.append(f"submissions failed: {bad[:3]}")
        regs = [r.json()["registration_number"] for r in submitted if r.status == 200]
        before = numbers(regs)
        if len(set(regs)) != len(regs) or before != list(range(before[0], before[0] + len(before))):
            failures.append(f"registration numbers not unique and gap-free: {before}")

        # Conflicting actions: both counter officers, through both servers, on each file at once.
        moved = 0
        for d in drafts[:10]:
            version = client(a.port, loket[a.port]).get(f"/api/v1/applications/{d}").json()["version"]
            rs = at_once([lambda p=p: client(p, loket[p]).post(f"/api/v1/applications/{d}/actions",
                                                               {"action": "lengkap", "version": version})
                          for p in ports for _ in range(3)])
            wins = [r for r in rs if r.status == 200]
            if len(wins) != 1 or any(r.status not in (200, 409) for r in rs):
                failures.append(f"application {d}: {[r.status for r in rs]} (want one 200, the rest 409)")
            after = client(b.port, loket[b.port]).get(f"/api/v1/applications/{d}").json()
            if after["version"] != version + 1 or after["step"]["no"] != 3:
                failures.append(f"application {d}: version {version} -> {after['version']}, step {after['step']['no']}")
            moved += 1

        # Permits: the division and the head through alternating servers, the signatures at once.
        for i, d in enumerate(drafts[:10]):
            r = client(ports[i % 2], bidang[ports[i % 2]]).post(f"/api/v1/applications/{d}/actions",
                                                                {"action": "terverifikasi"})
            if r.status != 200:
                failures.append(f"verification of {d}: {r}")
        signed = at_once([lambda i=i, d=d: client(ports[i % 2], kepala[ports[i % 2]]).post(
            f"/api/v1/applications/{d}/actions", {"action": "ditandatangani"}) for i, d in enumerate(drafts[:10])])
        permits = [r.json()["permit_number"] for r in signed if r.status == 200]
        got = numbers(permits)
        if len(permits) != 10 or len(set(permits)) != 10 or got != list(range(got[0], got[0] + 10)):
            failures.append(f"permit numbers not unique and gap-free: {[r.status for r in signed]} {got}")

        # Idempotent retries: one key, sent through both servers, several times, partly at once.
        key = {"Idempotency-Key": f"dua-node-{os.getpid()}"}
        body = {"sop": "kpr-dokter", "data": harness.example_data(a.port, "kpr-dokter")}
        count_before = len(client(a.port, applicant).get("/api/v1/applications").json()["items"])
        rs = at_once([lambda p=p: client(p, applicant).request("POST", "/api/v1/applications", body, headers=key)
                      for p in ports for _ in range(2)])
        rs += [client(p, applicant).request("POST", "/api/v1/applications", body, headers=key) for p in ports]
        ids = {r.json()["id"] for r in rs if r.status == 201}
        count_after = len(client(b.port, applicant).get("/api/v1/applications").json()["items"])
        if len(ids) != 1 or count_after != count_before + 1 or any(r.status not in (201, 409) for r in rs):
            failures.append(f"idempotent retries: statuses {[r.status for r in rs]}, ids {ids}, "
                            f"applications {count_before} -> {count_after}")
        slowest = cached_status(a, b, env, db, applicant, loket, drafts[10:16], failures)
        audit = subprocess.run([binary, "audit", "verify", "--db", db], capture_output=True, text=True,
                                       env=dict(os.environ, SATUPINTU_DATA_DIR=data_dir))
        if audit.returncode != 0:
            failures.append(f"audit verify: {audit.stdout}{audit.stderr}")
        a.stop()
        b.stop()
        raced = escalation_race(env, binary, data_dir, db, failures)
        print(f"two nodes: {len(regs)} concurrent submissions -> registration numbers {before[0]}..{before[-1]}; "
              f"{moved} files with 6 conflicting actions each -> one winner each; 10 concurrent signatures -> "
              f"permit numbers {got[0] if got else '-'}..{got[-1] if got else '-'}; idempotent retries -> {len(ids)} "
              f"application; status changes seen on the other server within {slowest * 1000:.0f} ms; "
              f"{ESCALATED} files escalated by both servers at once -> {raced}")
    finally:
        env.close()
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Backup under write load, restored into a fresh database, checked as an operator would need.

Usage: backup_restore_test.py SATUPINTU_BINARY DATA_DIR sqlite|postgresql

The real server runs the crash test's clients (every step of the Purwakarta SOP, uploads too).
While they write, the deployment is backed up:
  - sqlite: `satupintu backup` (SQLite's online backup API, blobs, PKI with sealed keys, manifest);
  - postgresql: `pg_dump -Fc`, then the blob and PKI directories (docs/BACKUP.md).
The backup is restored into a fresh database and fresh directories (`satupintu restore`, or
`pg_restore`), and then:
  - every action acknowledged before the backup began is there (its version at least);
  - `satupintu audit verify` passes;
  - every blob the restored database names exists and matches its SHA-256;
  - a server starts on the restored copy, serves a stored document byte for byte, and takes new
    writes; the restored signing keys are the original ones.
A damaged backup (one changed byte) is refused by `satupintu restore`, naming the file.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))
sys.path.insert(0, HERE)
import harness  # noqa: E402
import crash_test  # noqa: E402

PASSPHRASE = {"SATUPINTU_BACKUP_PASSPHRASE": "kunci cadangan kantor 2026"}
BLOBS_SQL = "SELECT sha256 FROM documents UNION SELECT sha256 FROM generated_documents WHERE sha256 IS NOT NULL"


def run(args, env, what):
    r = subprocess.run(args, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise AssertionError(f"{what} failed ({r.returncode}): {r.stdout}{r.stderr}")
    return r.stdout


def backup_sqlite(env, db, live, out, run_env):
    return run([env.binary, "backup", "--db", db, "--blob-dir", live["blobs"], "--pki-dir", live["pki"],
                "--key-passphrase-env", "SATUPINTU_BACKUP_PASSPHRASE", "-o", out], run_env, "satupintu backup")


def restore_sqlite(env, out, fresh, run_env):
    db = f"sqlite:{fresh['dir']}/db/satupintu.db"
    print(run([env.binary, "restore", out, "--db", db, "--blob-dir", fresh["blobs"], "--pki-dir", fresh["pki"],
               "--key-passphrase-env", "SATUPINTU_BACKUP_PASSPHRASE"], run_env, "satupintu restore").strip())
    return db


def backup_postgres(env, db, live, out, run_env):
    # The dump is one snapshot; blobs are stored before the rows naming them commit, so copying
    # the blob directory after the dump finished holds every blob the dump names.
    os.makedirs(out)
    run(["pg_dump", "-Fc", "-f", os.path.join(out, "satupintu.dump"), db], run_env, "pg_dump")
    shutil.copytree(live["blobs"], os.path.join(out, "blobs"))
    shutil.copytree(live["pki"], os.path.join(out, "pki"))
    return "pg_dump"


def restore_postgres(env, out, fresh, run_env):
    db = env.pg.new_database()
    run(["pg_restore", "--no-owner", "-d", db, os.path.join(out, "satupintu.dump")], run_env, "pg_restore")
    shutil.copytree(os.path.join(out, "blobs"), fresh["blobs"])
    shutil.copytree(os.path.join(out, "pki"), fresh["pki"])
    return db


def files_under(root):
    out = {}
    for d, _, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            out[os.path.relpath(p, root)] = open(p, "rb").read()
    return out


def main():
    binary, data_dir, backend = sys.argv[1:4]
    env = harness.Environment(backend, binary, data_dir)
    run_env = dict(os.environ, SATUPINTU_DATA_DIR=data_dir, **PASSPHRASE)
    pdf = harness.small_pdf("cadangan")
    acks = crash_test.Acks()
    errors = []
    stop = threading.Event()
    threads = []
    server = None
    try:
        db = env.new_db()
        server = env.server(db=db)
        live = {"blobs": os.path.join(env.workdir, "blobs"), "pki": os.path.join(env.workdir, "pki")}
        tokens = {}
        for who, email in [("pemohon", "rina@pemohon.demo")] + [(r, f"{r}@purwakarta.demo") for r in crash_test.ROLES]:
            c = harness.Client(server.port)
            c.login(email, kind="bearer")
            tokens[who] = c.bearer
        threads = [threading.Thread(target=crash_test.worker, args=(server.port, tokens, acks, pdf, stop, errors))
                   for _ in range(crash_test.WORKERS)]
        for t in threads:
            t.start()
        time.sleep(4)
        with acks.lock:
            before = dict(acks.versions)
            count_before = acks.count
        out = os.path.join(env.workdir, "backup")
        took = time.time()
        (backup_sqlite if backend == "sqlite" else backup_postgres)(env, db, live, out, run_env)
        took = time.time() - took
        time.sleep(1)  # the load goes on after the backup, too
        stop.set()
        for t in threads:
            t.join(30)
        if errors:
            raise AssertionError(f"the live server answered wrongly: {errors[:3]}")
        if not before:
            raise AssertionError("no action was acknowledged before the backup")

        fresh_dir = os.path.join(env.workdir, "restored")
        fresh = {"dir": fresh_dir, "blobs": os.path.join(fresh_dir, "blobs"), "pki": os.path.join(fresh_dir, "pki")}
        os.makedirs(fresh_dir)
        restored = (restore_sqlite if backend == "sqlite" else restore_postgres)(env, out, fresh, run_env)

        run(env.command("audit", "verify", "--db", restored), run_env, "audit verify of the restored copy")
        names = crash_test.sql(env, restored, BLOBS_SQL)
        for sha in names:
            path = os.path.join(fresh["blobs"], sha[:2], sha)
            if not os.path.exists(path):
                raise AssertionError(f"blob {sha} named by the restored database is missing")
            if hashlib.sha256(open(path, "rb").read()).hexdigest() != sha:
                raise AssertionError(f"blob {sha} does not match its checksum")
        originals = {k: v for k, v in files_under(live["pki"]).items()}
        restored_pki = files_under(fresh["pki"])
        for name, data in originals.items():
            if restored_pki.get(name) != data:
                raise AssertionError(f"PKI file {name} was not restored as it was")

        # The restored copy serves: every acknowledged action is there, documents come back byte
        # for byte, and new writes are taken.
        copy = harness.Server(binary, restored, env.smtp.url, fresh_dir, data_dir, dict(PASSPHRASE))
        try:
            applicant = crash_test.client(copy.port, tokens["pemohon"])
            lost = []
            for app_id, version in before.items():
                r = applicant.get(f"/api/v1/applications/{app_id}")
                if r.status != 200 or r.json()["version"] < version:
                    lost.append((app_id, version, r.status))
            if lost:
                raise AssertionError(f"{len(lost)} actions acknowledged before the backup are missing: {lost[:5]}")
            served = 0
            for app_id in list(before)[:20]:
                for d in applicant.get(f"/api/v1/applications/{app_id}").json().get("documents", []):
                    body = applicant.get(f"/api/v1/applications/{app_id}/documents/{d['id']}").body
                    if body != pdf:
                        raise AssertionError(f"document {d['id']} of application {app_id} differs after the restore")
                    served += 1
            if served == 0:
                raise AssertionError("no uploaded document to read back")
            r = applicant.post("/api/v1/applications", {"sop": "pwk-iptk", "data": harness.example_data(applicant.port, "pwk-iptk")})
            if r.status != 201:
                raise AssertionError(f"the restored server refused a new application: {r}")
        finally:
            copy.stop()

        if backend == "sqlite":
            damaged = os.path.join(env.workdir, "damaged")
            shutil.copytree(out, damaged)
            victim = os.path.join(damaged, "blobs", names[0][:2], names[0])
            with open(victim, "ab") as f:
                f.write(b"x")
            r = subprocess.run([binary, "restore", damaged, "--db", f"sqlite:{env.workdir}/never/satupintu.db",
                                "--key-passphrase-env", "SATUPINTU_BACKUP_PASSPHRASE"],
                               capture_output=True, text=True, env=run_env)
            if r.returncode == 0 or names[0] not in r.stderr or os.path.exists(f"{env.workdir}/never/satupintu.db"):
                raise AssertionError(f"a damaged backup was not refused: {r.returncode} {r.stderr}")

        print(f"{backend}: backup in {took:.1f} s under load; {len(before)} applications ({count_before} actions) "
              f"acknowledged before it, all restored; {len(names)} blobs checked; audit chains intact; "
              f"the restored server served {served} documents and took a new application")
        return 0
    finally:
        stop.set()
        for t in threads:
            t.join(30)
        if server:
            server.stop()
        env.close()


if __name__ == "__main__":
    sys.exit(main())

"""Bad input gets a clear 4xx problem and changes nothing; authorization, CSRF, concurrency,
idempotency, throttling and the audit chain hold against a real server."""
import datetime
import json
import re
import subprocess
import threading
import struct
import time
import unittest
import urllib.parse
import zlib

import harness
from harness import mail_body
from test_lifecycles import World, act, drive, new_nik, open_application, register_applicant, sop_office

ENV = None  # set by run.py


def count(client_as_admin):
    return len(client_as_admin.get("/api/v1/worklist").json()["items"])


class Rules(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        World.get()
        cls.applicant = register_applicant("purwakarta", "front_office")
        cls.app_id = open_application(cls.applicant, "pwk-iptk")
        act(cls.applicant, cls.app_id, "selesai")

    def assertProblem(self, r, status, type_suffix, field=None):
        self.assertEqual(r.status, status, r)
        self.assertTrue(r.headers["content-type"].startswith("application/problem+json"), r.headers)
        p = r.json()
        self.assertEqual(p["type"], "/problems/" + type_suffix, p)
        self.assertTrue(p["detail"])
        if field:
            self.assertEqual(p.get("field"), field, p)
        if type_suffix == "invalid_field":  # a client words it from the field and the rule's code
            self.assertTrue(p["errors"] and all(e["field"] and e["rule"] for e in p["errors"]), p)

    def version(self):
        return self.applicant.get(f"/api/v1/applications/{self.app_id}").json()["version"]

    def test_malformed_json_is_400_and_changes_nothing(self):
        fo = World.officer("purwakarta", "front_office")
        before = self.version()
        r = fo.request("POST", f"/api/v1/applications/{self.app_id}/actions", raw=b"{\"action\": ",
                       headers={"Content-Type": "application/json"})
        self.assertProblem(r, 400, "malformed_json")
        self.assertEqual(self.version(), before)

    def test_wrong_types_and_unknown_fields(self):
        fo = World.officer("purwakarta", "front_office")
        self.assertProblem(fo.post(f"/api/v1/applications/{self.app_id}/actions", {"action": 5}), 422, "invalid_field", "action")
        self.assertProblem(fo.post(f"/api/v1/applications/{self.app_id}/actions", {"action": "lengkap", "colour": "red"}),
                           422, "invalid_field", "colour")
        self.assertProblem(fo.post(f"/api/v1/applications/{self.app_id}/actions", {"action": "lengkap", "version": "x"}),
                           422, "invalid_field", "version")

    def test_body_over_the_limit(self):
        r = self.applicant.request("POST", f"/api/v1/applications/{self.app_id}/documents/ktp",
                                   raw=b"%PDF-" + b"0" * (9 * 1024 * 1024))
        self.assertProblem(r, 413, "body_too_large")

    def test_bad_nik(self):
        anon = World.server.client()
        for nik, why in [("123", "16 digits"), ("9914011501900001", "province"), ("3214013201900001", "date")]:
            r = anon.post("/api/v1/accounts", {"office": "purwakarta", "full_name": "X", "nik": nik,
                                               "email": "nik@uji.example", "phone": "081234567890", "profession": "Bidan"})
            self.assertProblem(r, 422, "invalid_field", "nik")
            self.assertIn(why, r.json()["detail"])
            self.assertEqual(r.json()["errors"][0]["rule"], "invalid_nik")

    def test_forged_and_expired_sessions(self):
        c = World.server.client()
        c.cookie = "forged-token-value"
        self.assertProblem(c.get("/api/v1/worklist"), 401, "unauthenticated")
        self.assertProblem(World.server.client().get("/api/v1/worklist"), 401, "unauthenticated")
        # An expired session: moved into the past in the database; the server's short session
        # cache (5 s) must not outlive it for long.
        e = harness.Client(World.server.port)
        e.login("kabid@purwakarta.demo")
        self.assertEqual(e.get("/api/v1/worklist").status, 200)
        exec_sql(World.server.db, "UPDATE sessions SET expires_at = 1 WHERE user_id = "
                                  f"(SELECT id FROM users WHERE email = 'kabid@purwakarta.demo')")
        import time
        time.sleep(6)
        self.assertProblem(e.get("/api/v1/worklist"), 401, "unauthenticated")

    def test_logout_ends_the_session_and_login_makes_a_new_one(self):
        c = harness.Client(World.server.port)
        c.cookie = "attacker-chosen-value"  # session fixation: a planted cookie is never adopted
        c.login("bidang@kampar.demo")
        self.assertNotEqual(c.cookie, "attacker-chosen-value")
        old = c.cookie
        r = c.request("DELETE", "/api/v1/session")
        self.assertEqual(r.status, 204)
        c.cookie = old
        self.assertProblem(c.get("/api/v1/me"), 401, "unauthenticated")

    def test_missing_csrf_token(self):
        fo = harness.Client(World.server.port)
        fo.login("front_office@purwakarta.demo")
        fo.csrf = None
        r = fo.post(f"/api/v1/applications/{self.app_id}/actions", {"action": "lengkap"})
        self.assertProblem(r, 403, "csrf")

    def test_bearer_tokens_need_no_csrf(self):
        api = harness.Client(World.server.port)
        api.login("front_office@purwakarta.demo", kind="bearer")
        self.assertEqual(api.get("/api/v1/me").json()["office"], "purwakarta")

    def test_not_your_step_and_cross_office(self):
        kasi = World.officer("purwakarta", "kasi")
        self.assertProblem(kasi.post(f"/api/v1/applications/{self.app_id}/actions", {"action": "lengkap"}), 403,
                           "not_your_step")
        kampar = World.officer("kampar", "loket")
        self.assertProblem(kampar.get(f"/api/v1/applications/{self.app_id}"), 404, "not_found")
        self.assertProblem(kampar.post(f"/api/v1/applications/{self.app_id}/actions", {"action": "lengkap"}), 404,
                           "not_found")
        self.assertNotIn(self.app_id, [i["id"] for i in kampar.get("/api/v1/worklist").json()["items"]])
        other = register_applicant("purwakarta", "front_office")
        self.assertProblem(other.get(f"/api/v1/applications/{self.app_id}"), 404, "not_found")

    def test_acting_twice_and_concurrent_actions(self):
        a = register_applicant("kampar", "loket")
        app_id = open_application(a, "kpr-dokter")
        act(a, app_id, "selesai")
        v = a.get(f"/api/v1/applications/{app_id}").json()["version"]
        results = []
        clients = [harness.Client(World.server.port) for _ in range(4)]
        for c in clients:
            c.login("loket@kampar.demo")

        def go(c):
            results.append(c.post(f"/api/v1/applications/{app_id}/actions", {"action": "lengkap", "version": v}).status)

        threads = [threading.Thread(target=go, args=(c,)) for c in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(results), [200, 409, 409, 409])
        # Acting again on the step that has passed is refused too.
        r = clients[0].post(f"/api/v1/applications/{app_id}/actions", {"action": "lengkap"})
        self.assertIn(r.status, (403, 422))
        # If-Match with a stale version is a 409.
        bidang = World.officer("kampar", "bidang")
        r = bidang.post(f"/api/v1/applications/{app_id}/actions", {"action": "terverifikasi"}, headers={"If-Match": f'"{v}"'})
        self.assertProblem(r, 409, "version_conflict")

    def test_form_data_is_checked_against_the_permits_own_form(self):
        a = register_applicant("kampar", "loket")
        data = harness.example_data(a.port, "kpr-dokter", str_number="abc", sip_held="1", hobby="catur",
                                    practice_kind="rumah", practice_phone="12345")
        del data["practice_place"]
        r = a.post("/api/v1/applications", {"sop": "kpr-dokter", "data": data})
        self.assertProblem(r, 422, "invalid_field")
        p = r.json()
        rules = {e["field"]: e["rule"] for e in p["errors"]}
        self.assertEqual(rules, {"data.str_number": "invalid_str_number", "data.sip_held": "wrong_type",
                                 "data.hobby": "unknown_field", "data.practice_kind": "not_an_option",
                                 "data.practice_phone": "invalid_phone", "data.practice_place": "required"}, p)
        self.assertEqual(p["field"], p["errors"][0]["field"])
        # Identifiers are stored in one form; the optician permit asks for a facility, not an STR.
        r = a.post("/api/v1/applications", {"sop": "pwk-optikal", "data": harness.example_data(
            a.port, "pwk-optikal", business_phone="0812-3456-7890")})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["data"]["business_phone"], "+6281234567890")
        self.assertNotIn("str_number", r.json()["data"])
        # The form of the version an application runs under, for labelling its data.
        v = a.get(f"/api/v1/sops/pwk-optikal/versions/{r.json()['sop_version']}")
        self.assertEqual(v.status, 200)
        self.assertEqual(v.json()["form"]["sections"][0]["fields"][0]["key"], "business_name")
        self.assertEqual(a.get("/api/v1/sops/pwk-optikal/versions/99").status, 404)
        self.assertEqual(a.get("/api/v1/sops/pwk-optikal/versions/x1").status, 404)

    def test_codes_typed_in_lower_case_are_the_same_codes(self):
        rina = harness.Client(self.applicant.port)
        rina.login("rina@pemohon.demo", kind="bearer")
        app = next(a for a in rina.get("/api/v1/applications").json()["items"] if a["registration_number"])
        public = harness.Client(self.applicant.port)
        number = app["registration_number"]
        r = public.get("/api/v1/status?" + urllib.parse.urlencode({"registration": number.lower()}))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["registration_number"], number)
        deadline = time.time() + 30
        while True:  # the demo's documents are produced in the background after start
            docs = rina.get(f"/api/v1/applications/{app['id']}").json()["generated_documents"]
            ready = [d["verify_code"] for d in docs if d["status"] == "ready"]
            if ready or time.time() > deadline:
                break
            time.sleep(0.2)
        code = ready[0]
        self.assertEqual(public.get(f"/api/v1/verify/{code.lower()}").status, 200)

    def test_idempotency_key_replays(self):
        a = register_applicant("kampar", "loket")
        body = {"sop": "kpr-radiografer", "data": harness.example_data(a.port, "kpr-radiografer")}
        r1 = a.post("/api/v1/applications", body, headers={"Idempotency-Key": "abc-123"})
        r2 = a.post("/api/v1/applications", body, headers={"Idempotency-Key": "abc-123"})
        self.assertEqual(r1.status, 201)
        self.assertEqual(r2.status, 201)
        self.assertEqual(r1.json()["id"], r2.json()["id"])
        self.assertEqual(r2.headers.get("idempotent-replayed"), "true")
        self.assertEqual(len(a.get("/api/v1/applications").json()["items"]), 1)
        r3 = a.post("/api/v1/applications", dict(body, sop="kpr-dokter"), headers={"Idempotency-Key": "abc-123"})
        self.assertProblem(r3, 422, "idempotency_mismatch")

    def test_login_is_throttled(self):
        c = World.server.client()
        for _ in range(5):
            self.assertEqual(c.post("/api/v1/session", {"email": "kasi@kampar.demo", "password": "salah"}).status, 401)
        self.assertProblem(c.post("/api/v1/session", {"email": "kasi@kampar.demo", "password": "salah"}), 429,
                           "too_many_attempts")

    def test_uploads_refuse_what_is_not_a_document(self):
        a = register_applicant("kampar", "loket")
        app_id = open_application(a, "kpr-dokter")
        for raw, code in [(b"", "invalid_file"), (b"MZ\x90\x00 not a pdf", "unsupported_file")]:
            r = a.request("POST", f"/api/v1/applications/{app_id}/documents/ktp?filename=x.pdf", raw=raw)
            self.assertProblem(r, 415 if code == "unsupported_file" else 422, code)
        r = a.request("POST", f"/api/v1/applications/{app_id}/documents/ktp?filename=..%2F..%2Fetc%2Fpasswd",
                      raw=harness.small_pdf())
        self.assertProblem(r, 422, "invalid_field", "filename")
        r = a.request("POST", f"/api/v1/applications/{app_id}/documents/ktp?filename=ktp%00.pdf",
                      raw=harness.small_pdf())
        self.assertProblem(r, 422, "invalid_field", "filename")
        before = a.get(f"/api/v1/applications/{app_id}").json()["documents"]
        pdf = harness.small_pdf()
        ihdr = struct.pack(">II", 100000, 100000) + b"\x08\x02\x00\x00\x00"
        huge_png = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr +
                    struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)) + struct.pack(">I", 0) + b"IEND" +
                    struct.pack(">I", zlib.crc32(b"IEND")))
        for raw, name, why in [(pdf[: len(pdf) // 2], "ktp.pdf", "truncated"), (huge_png, "ktp.png", "pixels"),
                               (pdf, "ktp.jpg", ".jpg")]:
            r = a.request("POST", f"/api/v1/applications/{app_id}/documents/ktp?filename={name}", raw=raw)
            self.assertProblem(r, 422, "invalid_file")
            self.assertIn(why, r.json()["detail"])
        # Nothing of the refused files was stored.
        self.assertEqual(a.get(f"/api/v1/applications/{app_id}").json()["documents"], before)
        r = a.request("POST", f"/api/v1/applications/{app_id}/documents/ktp?filename=C%3A%5Cscan%5Cktp.pdf", raw=pdf)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["filename"], "ktp.pdf")
        # Stored documents may be framed by this site's own pages (inline viewing), by no other,
        # and run nothing: the page's CSP sandboxes them.
        doc = a.get(f"/api/v1/applications/{app_id}/documents/{r.json()['id']}")
        self.assertEqual(doc.status, 200)
        self.assertEqual(doc.headers["x-frame-options"], "SAMEORIGIN")
        self.assertIn("frame-ancestors 'self'", doc.headers["content-security-policy"])
        self.assertIn("sandbox", doc.headers["content-security-policy"])
        self.assertEqual(doc.headers["x-content-type-options"], "nosniff")

    def test_security_headers_and_metrics(self):
        r = World.server.client().get("/healthz")
        self.assertEqual(r.headers["x-content-type-options"], "nosniff")
        self.assertIn("frame-ancestors 'none'", r.headers["content-security-policy"])
        m = World.server.metrics()
        self.assertIn("satupintu_http_requests_total", m)
        self.assertIn("satupintu_outbox_backlog", m)
        self.assertIn('satupintu_applications{office="purwakarta"', m)
        # Recent latency quantiles per route, in order; the backlogs' ages; the writers' queue.
        for _ in range(5):
            World.server.client().get("/healthz")
        m = World.server.metrics()
        quantiles = {}
        for line in m.splitlines():
            if line.startswith('satupintu_http_request_latency_seconds{method="GET",route="/healthz"'):
                quantiles[line.split('quantile="')[1].split('"')[0]] = float(line.rsplit(" ", 1)[1])
        self.assertEqual(sorted(quantiles), ["0.5", "0.9", "0.99"], m)
        self.assertTrue(0 < quantiles["0.5"] <= quantiles["0.9"] <= quantiles["0.99"], quantiles)
        for gauge in ("satupintu_outbox_oldest_pending_seconds", "satupintu_documents_oldest_pending_seconds",
                      "satupintu_documents_pending", "satupintu_write_requests_waiting"):
            values = [l for l in m.splitlines() if l.startswith(gauge + " ")]
            self.assertEqual(len(values), 1, gauge)
            self.assertGreaterEqual(float(values[0].split()[1]), 0, values)

    def test_public_writes_take_json_only_and_sign_in_again_needs_no_csrf(self):
        r = World.server.client().request("POST", "/api/v1/session", raw=b'{"email":"a@b.c","password":"x"}',
                                          headers={"Content-Type": "text/plain"})
        self.assertProblem(r, 415, "unsupported_media_type")
        c = harness.Client(World.server.port)
        c.login("kasi@purwakarta.demo")
        c.csrf = None
        c.login("kasi@purwakarta.demo")  # a second sign-in with the cookie present

    def test_path_traversal_never_reaches_files_outside_the_app(self):
        c = World.server.client()
        for path in ("/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2f..%2f..%2fetc%2fpasswd",
                     "/assets/%2e%2e%5c%2e%2e%5cetc%5cpasswd", "/..%00/etc/passwd", "/api/v1/applications/..%2f..%2fetc%2fpasswd"):
            r = c.get(path)
            self.assertNotIn(b"root:", r.body, path)
            self.assertIn(r.status, (200, 400, 404), (path, r))
            if r.status == 200:  # the app's index (SPA fallback), never a file from elsewhere
                self.assertIn(b'<div id="root">', r.body, path)

    def test_the_official_sop_sheet(self):
        c = World.server.client()
        pdf = c.get("/api/v1/sops/pwk-iptk/versions/2/sheet")
        self.assertEqual(pdf.status, 200, pdf)
        self.assertEqual(pdf.headers["content-type"], "application/pdf")
        self.assertTrue(pdf.body.startswith(b"%PDF-"))
        f4 = c.get("/api/v1/sops/pwk-iptk/versions/2/sheet?paper=f4")
        self.assertEqual(f4.status, 200, f4)
        self.assertNotEqual(f4.body, pdf.body)
        svg = c.get("/api/v1/sops/kpr-dokter/versions/2/sheet?format=svg")
        self.assertEqual(svg.status, 200, svg)
        self.assertTrue(svg.headers["content-type"].startswith("image/svg+xml"))
        # Drawn from office data, so nothing in it may run when opened on its own: no script in
        # it, and the server's policy allows no inline script anyway.
        self.assertNotIn(b"<script", svg.body)
        self.assertIn("default-src 'self'", svg.headers["content-security-policy"])
        self.assertNotIn("script-src", svg.headers["content-security-policy"])
        self.assertIn(b"Loket FO dan BO", svg.body)
        self.assertProblem(c.get("/api/v1/sops/pwk-iptk/versions/2/sheet?format=png"), 422, "invalid_field", "format")
        self.assertProblem(c.get("/api/v1/sops/pwk-iptk/versions/2/sheet?paper=letter"), 422, "invalid_field", "paper")
        self.assertProblem(c.get("/api/v1/sops/pwk-iptk/versions/99/sheet"), 404, "not_found")
        self.assertProblem(c.get("/api/v1/sops/nope/versions/1/sheet"), 404, "not_found")

    def test_unknown_route_and_method(self):
        self.assertProblem(World.server.client().get("/api/v1/nothing"), 404, "not_found")
        self.assertProblem(World.server.client().request("PUT", "/api/v1/session"), 405, "method_not_allowed")


class Cookies(unittest.TestCase):
    def test_session_cookie_attributes(self):
        c = World.get().server.client()
        c.login("kasi@purwakarta.demo")
        for attribute in ("HttpOnly", "SameSite=Lax", "Path=/"):
            self.assertIn(attribute, c.cookie_attributes)
        self.assertNotIn("Secure", c.cookie_attributes)  # plain HTTP here

    def test_secure_behind_a_tls_proxy(self):
        server = ENV.server(extra_env={"SATUPINTU_SECURE_COOKIES": "1"})
        try:
            c = server.client()
            c.login("kasi@purwakarta.demo")
            self.assertIn("; Secure", c.cookie_attributes)
        finally:
            server.stop()


class AuditChain(unittest.TestCase):
    def test_tampering_is_detected(self):
        server = ENV.server()
        try:
            a = harness.Client(server.port)
            a.login("budi@pemohon.demo")
        finally:
            server.stop()
        verify = ENV.command("audit", "verify", "--db", server.db)
        ok = subprocess.run(verify, capture_output=True, text=True, env=ENV_DATA())
        self.assertEqual(ok.returncode, 0, ok.stdout + ok.stderr)
        exec_sql(server.db, "UPDATE events SET note = 'diubah' WHERE office = 'kampar' AND seq = 7")
        bad = subprocess.run(verify, capture_output=True, text=True, env=ENV_DATA())
        self.assertEqual(bad.returncode, 1)
        self.assertIn("kampar: BROKEN at event 7", bad.stdout)
        exec_sql(server.db, "DELETE FROM events WHERE office = 'purwakarta' AND seq = (SELECT MAX(seq) FROM events WHERE office = 'purwakarta')")
        bad = subprocess.run(verify + ["--office", "purwakarta"], capture_output=True, text=True, env=ENV_DATA())
        self.assertEqual(bad.returncode, 1)
        self.assertIn("removed from the end", bad.stdout)


def ENV_DATA():
    import os
    return dict(os.environ, SATUPINTU_DATA_DIR=ENV.data_dir)


def exec_sql(db_url, sql):
    if db_url.startswith("sqlite:"):
        subprocess.run(["sqlite3", db_url[len("sqlite:"):], sql], check=True)
    else:
        subprocess.run(["psql", db_url, "-q", "-c", sql], check=True, stdout=subprocess.DEVNULL)


class SopVersions(unittest.TestCase):
    """Publishing a new SOP version never changes running applications."""

    def test_running_applications_keep_their_version(self):
        import os
        import shutil
        import tempfile
        data = tempfile.mkdtemp(prefix="satupintu-data-")
        try:
            for part in ("sop", "calendar", "templates", "docs"):
                shutil.copytree(os.path.join(ENV.data_dir, part), os.path.join(data, part))
            # The web app's packages hold the region data address fields choose from.
            os.symlink(os.path.join(os.path.abspath(ENV.data_dir), "web"), os.path.join(data, "web"))
            sop_file = os.path.join(data, "sop", "kampar", "izin-praktik-dokter.yaml")
            db = ENV.new_db()
            server = harness.Server(ENV.binary, db, ENV.smtp.url, ENV.workdir, data)
            try:
                a = harness.Client(server.port)
                a.login("budi@pemohon.demo")
                app = a.get("/api/v1/applications").json()["items"][0]["id"]
                self.assertEqual(a.get(f"/api/v1/applications/{app}").json()["sop_version"], 2)
            finally:
                server.stop()
            text = open(sop_file).read()
            # Changing version 2 in place is refused: running applications follow it.
            open(sop_file, "w").write(text.replace("time: 15 menit", "time: 30 menit"))
            env = dict(os.environ, SATUPINTU_DATA_DIR=data)
            r = subprocess.run(ENV.command("migrate", "--db", db), capture_output=True, text=True, env=env)
            self.assertEqual(r.returncode, 1)
            self.assertIn("publish the change under a new version number", r.stderr)
            # Version 3 in place of version 2's file: old applications still run version 2.
            open(sop_file, "w").write(re.sub(r"^version: 2\b.*$", "version: 3", text, count=1, flags=re.M)
                                      .replace("time: 15 menit", "time: 30 menit"))
            server = harness.Server(ENV.binary, db, ENV.smtp.url, ENV.workdir, data)
            try:
                a = harness.Client(server.port)
                a.login("budi@pemohon.demo")
                old = a.get(f"/api/v1/applications/{app}").json()
                self.assertEqual(old["sop_version"], 2)
                new = a.post("/api/v1/applications", {"sop": "kpr-dokter", "data": harness.example_data(a.port, "kpr-dokter")}).json()
                self.assertEqual(new["sop_version"], 3)
                permits = a.get("/api/v1/offices/kampar/permits").json()["items"]
                step2 = next(p for p in permits if p["sop"] == "kpr-dokter")["steps"][1]
                self.assertEqual(step2["time"], "30 menit")
            finally:
                server.stop()
        finally:
            shutil.rmtree(data, ignore_errors=True)


class SopEditing(unittest.TestCase):
    """The office admin publishes the next version of an SOP from the web app: checked line by
    line, previewed as its sheet, in effect from its Tanggal Efektif; running files keep theirs."""

    assertProblem = Rules.assertProblem

    def test_an_admin_publishes_a_version(self):
        server = ENV.server()  # a database of its own: the versions published here stay here
        try:
            admin = harness.Client(server.port)
            admin.login("admin@kampar.demo")
            a = harness.Client(server.port)
            a.login("budi@pemohon.demo")
            running = a.get("/api/v1/applications").json()["items"][0]["id"]
            public = harness.Client(server.port)
            source = public.get("/api/v1/sops/kpr-dokter/versions/2/source")
            self.assertEqual(source.status, 200, source)
            self.assertTrue(source.headers["content-type"].startswith("application/yaml"))
            v2 = source.body.decode()
            today = harness.now().date().isoformat()
            draft = (re.sub(r"^version: 2\b.*$", "version: 3", v2, count=1, flags=re.M)
                     .replace("effective: 2022-01-11", f"effective: {today}")
                     .replace("time: 15 menit", "time: 30 menit"))

            def check(text, client=admin):
                return client.post("/api/v1/sops/kpr-dokter/drafts/check", {"source": text})

            # Unchanged, it is version 2 again: the next number is 3.
            r = check(v2)
            self.assertEqual(r.status, 200, r)
            self.assertFalse(r.json()["publishable"])
            self.assertIn("the next version is 3", " ".join(p["message"] for p in r.json()["problems"]))
            r = check(draft)
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json()["problems"], [])
            self.assertTrue(r.json()["publishable"])
            self.assertEqual((r.json()["version"], r.json()["effective"]), (3, today))
            # A problem is reported at its line of the draft.
            broken = draft.replace("    actor: loket\n", "    actor: loket_x\n", 1)
            line = broken[:broken.index("actor: loket_x")].count("\n") + 1
            problems = check(broken).json()["problems"]
            self.assertTrue(any(p["line"] == line and "loket_x" in p["message"] for p in problems), problems)
            past = draft.replace(f"effective: {today}", "effective: 2024-01-02")
            self.assertTrue(any("has passed" in p["message"] for p in check(past).json()["problems"]))
            # Only the office's own admin: not another office's, not an officer, not an applicant.
            other = harness.Client(server.port)
            other.login("admin@purwakarta.demo")
            self.assertProblem(check(draft, other), 403, "forbidden")
            loket = harness.Client(server.port)
            loket.login("loket@kampar.demo")
            self.assertProblem(check(draft, loket), 403, "forbidden")
            self.assertProblem(check(draft, a), 403, "forbidden")
            # Hostile drafts are refused with a reason; the server stays up.
            nested = check("[" * 100000 + "]" * 100000)  # read with a reason, or refused by the sandbox
            if nested.status == 200:
                self.assertFalse(nested.json()["publishable"], nested)
            else:
                self.assertProblem(nested, 422, "invalid_file")
            self.assertProblem(check("x" * (300 * 1024)), 422, "invalid_field", "source")
            unreadable = check("kind: sop\ncode: [\n").json()
            self.assertFalse(unreadable["publishable"])
            self.assertEqual(unreadable["problems"][0]["line"], 3, unreadable)
            self.assertEqual(public.get("/healthz").status, 200)
            # The preview: the sheet as it would be published.
            sheet = admin.post("/api/v1/sops/kpr-dokter/drafts/sheet?format=svg", {"source": draft})
            self.assertEqual(sheet.status, 200, sheet)
            self.assertIn(b"30 menit", sheet.body)
            self.assertProblem(admin.post("/api/v1/sops/kpr-dokter/drafts/sheet", {"source": broken}), 422,
                               "invalid_definition")
            # A draft opened under version 2 before version 3 is published.
            permit = public.get("/api/v1/offices/kampar/permits").json()["items"]
            requirements = next(p for p in permit if p["sop"] == "kpr-dokter")["requirements"]
            opened = a.post("/api/v1/applications", {"sop": "kpr-dokter",
                                                     "data": harness.example_data(a.port, "kpr-dokter")}).json()
            self.assertEqual(opened["sop_version"], 2)
            for q in requirements:
                if q["mandatory"]:
                    r = a.request("POST", f"/api/v1/applications/{opened['id']}/documents/{q['code']}?filename=x.pdf",
                                  raw=harness.small_pdf(q["name"]), headers={"Content-Type": "application/pdf"})
                    self.assertEqual(r.status, 201, r)
            # Publish.
            r = admin.post("/api/v1/sops/kpr-dokter/versions", {"source": draft})
            self.assertEqual(r.status, 201, r)
            self.assertEqual((r.json()["version"], r.json()["status"], r.json()["effective"]), (3, "in_effect", today))
            self.assertTrue(r.json()["published_by"])
            self.assertProblem(admin.post("/api/v1/sops/kpr-dokter/versions", {"source": draft}), 422, "invalid_definition")
            # New files follow version 3; the running one stays on version 2.
            new = a.post("/api/v1/applications", {"sop": "kpr-dokter", "data": harness.example_data(a.port, "kpr-dokter")})
            self.assertEqual(new.json()["sop_version"], 3, new)
            self.assertEqual(a.get(f"/api/v1/applications/{running}").json()["sop_version"], 2)
            permits = public.get("/api/v1/offices/kampar/permits").json()["items"]
            dokter = next(p for p in permits if p["sop"] == "kpr-dokter")
            self.assertEqual((dokter["sop_version"], dokter["steps"][1]["time"]), (3, "30 menit"))
            # The draft opened under version 2 is submitted under the version in effect: 3.
            view = a.get(f"/api/v1/applications/{opened['id']}").json()
            act(a, opened["id"], view["actions"][0]["code"])
            self.assertEqual(a.get(f"/api/v1/applications/{opened['id']}").json()["sop_version"], 3)
            # A version with a later date waits for it.
            v4 = re.sub(r"^version: 3\b.*$", "version: 4", draft, count=1, flags=re.M).replace(
                f"effective: {today}", "effective: 2030-01-02")
            r = admin.post("/api/v1/sops/kpr-dokter/versions", {"source": v4})
            self.assertEqual((r.status, r.json()["status"]), (201, "upcoming"), r)
            self.assertEqual(a.post("/api/v1/applications", {"sop": "kpr-dokter", "data": harness.example_data(
                a.port, "kpr-dokter")}).json()["sop_version"], 3)
            history = public.get("/api/v1/sops/kpr-dokter/versions").json()["items"]
            self.assertEqual([(v["version"], v["status"]) for v in history],
                             [(2, "superseded"), (3, "in_effect"), (4, "upcoming")])
            self.assertIsNone(history[0]["published_by"])
            self.assertEqual(public.get("/api/v1/sops/kpr-dokter/versions/4/source").body.decode(), v4)
        finally:
            server.stop()
        # Published in the web app, the versions live in the database alone: a restart brings them back.
        again = ENV.server(db=server.db)
        try:
            public = harness.Client(again.port)
            history = public.get("/api/v1/sops/kpr-dokter/versions").json()["items"]
            self.assertEqual([v["version"] for v in history], [2, 3, 4])
            a = harness.Client(again.port)
            a.login("budi@pemohon.demo")
            self.assertEqual(a.get(f"/api/v1/applications/{new.json()['id']}").json()["sop_version"], 3)
        finally:
            again.stop()


class Survey(unittest.TestCase):
    """The satisfaction survey: the applicant rates a handed-over file once; the office sees the
    IKM without names, in the API and on the command line alike."""

    assertProblem = Rules.assertProblem

    def test_the_applicant_rates_a_handed_over_file(self):
        import os
        server = ENV.server()  # a database of its own: the answer given here stays here
        try:
            rina = harness.Client(server.port)
            rina.login("rina@pemohon.demo")
            issued = next(a for a in rina.get("/api/v1/applications").json()["items"] if a["outcome"] == "issued")
            url = f"/api/v1/applications/{issued['id']}/survey"
            self.assertEqual(rina.get(f"/api/v1/applications/{issued['id']}").json()["survey"], "open")
            questions = harness.Client(server.port).get("/api/v1/survey/questions").json()
            self.assertEqual([e["name"] for e in questions["elements"]][:2], ["Persyaratan", "Sistem, Mekanisme dan Prosedur"])
            body = {"scores": [4, 4, 3, 4, 3, 4, 4, 3, 4], "comment": "Cepat dan jelas.", "gender": "perempuan",
                    "age_band": "30_39", "education": "s1", "occupation": "tenaga_kesehatan"}
            self.assertProblem(rina.post(url, dict(body, scores=[4] * 8)), 422, "invalid_field", "scores")
            self.assertProblem(rina.post(url, dict(body, gender="x")), 422, "invalid_field", "gender")
            r = rina.post(url, body)
            self.assertEqual(r.status, 201, r)
            self.assertProblem(rina.post(url, body), 409, "conflict")
            self.assertEqual(rina.get(f"/api/v1/applications/{issued['id']}").json()["survey"], "answered")
            # One respondent, element total 33: 33 × 0.111 × 25 = 91.575, given as 91.58: A.
            office = issued["office"]
            admin = harness.Client(server.port)
            admin.login(f"admin@{office}.demo")
            today = harness.now().date()
            period = f"from={today.replace(day=1).isoformat()}&to={today.isoformat()}"
            report = admin.get(f"/api/v1/office/survey?{period}")
            self.assertEqual(report.status, 200, report)
            got = report.json()
            self.assertEqual((got["respondents"], got["ikm"], got["grade"], got["grade_label"]), (1, 91.58, "A", "Sangat Baik"))
            self.assertEqual([c["text"] for c in got["comments"]], ["Cepat dan jelas."])
            self.assertNotIn("rina", report.body.decode().lower(), "answers are never shown with names")
            self.assertProblem(rina.get(f"/api/v1/office/survey?{period}"), 403, "forbidden")
            # The office publishes its index of the year so far, to anyone, without the comments.
            public = harness.Client(server.port).get(f"/api/v1/offices/{office}/ikm")
            self.assertEqual(public.status, 200, public)
            self.assertEqual((public.json()["ikm"], public.json()["grade"], public.json()["respondents"]), (91.58, "A", 1))
            self.assertEqual(public.json()["from"], f"{today.year}-01-01")
            self.assertNotIn("Cepat", public.body.decode())
            self.assertEqual(public.headers["cache-control"], "public, max-age=300")
            self.assertProblem(harness.Client(server.port).get("/api/v1/offices/nowhere/ikm"), 404, "not_found")
            self.assertProblem(admin.get("/api/v1/office/survey?from=2026-12-31&to=2026-12-01"), 422, "invalid_field", "to")
            cli = subprocess.run(ENV.command("survey", "ikm", "--db", server.db, "--office", office, "--from",
                                             today.replace(day=1).isoformat(), "--to", today.isoformat(), "--json"),
                                 capture_output=True, text=True, env=dict(os.environ, SATUPINTU_DATA_DIR=ENV.data_dir))
            self.assertEqual(cli.returncode, 0, cli.stderr)
            self.assertEqual(json.loads(cli.stdout)["ikm"], 91.58)
            # As offices publish it: the respondent's scores, each element's figures, the IKM.
            import io
            import openpyxl
            sheet = admin.get(f"/api/v1/office/survey/export?{period}&format=xlsx")
            self.assertEqual(sheet.status, 200, sheet)
            self.assertEqual(sheet.headers["x-export-lines"], "1")
            rows = list(openpyxl.load_workbook(io.BytesIO(sheet.body), read_only=True).active.iter_rows(values_only=True))
            self.assertEqual(rows[0][0], "Pengolahan Data Survei Kepuasan Masyarakat")
            self.assertNotIn("rina", str(rows).lower(), "no names in the published sheet")
            header = next(n for n, r in enumerate(rows) if r[0] == "No. Responden")
            self.assertEqual(rows[header][1:10], tuple(f"U{i}" for i in range(1, 10)))
            self.assertEqual(rows[header + 1], ('1', 4, 4, 3, 4, 3, 4, 4, 3, 4))
            self.assertEqual(rows[header + 3][0], "NRR per unsur")
            self.assertEqual(rows[header + 3][3], 3.0)
            self.assertEqual(rows[header + 4][1], 0.444, "NRR 4 × 0.111")
            self.assertEqual(rows[header + 5][:3], ("IKM (Σ NRR tertimbang × 25)", 91.58, "A (Sangat Baik)"))
            pdf = admin.get(f"/api/v1/office/survey/export?{period}&format=pdf")
            text = subprocess.run(["pdftotext", "-", "-"], input=pdf.body, capture_output=True, check=True).stdout.decode()
            self.assertIn("91.58", text)
            self.assertProblem(rina.get(f"/api/v1/office/survey/export?{period}&format=csv"), 403, "forbidden")
        finally:
            server.stop()


class Register(unittest.TestCase):
    """The Buku Registrasi: officers browse their office's register page by page and export it;
    the file is the same from the API and the CLI, and real readers open it (openpyxl for the
    spreadsheet, pdftotext for the PDF)."""

    assertProblem = Rules.assertProblem

    def test_the_office_browses_and_exports_its_register(self):
        import io
        import os
        import tempfile
        import openpyxl
        server = ENV.server()
        try:
            fo = harness.Client(server.port)
            fo.login("front_office@purwakarta.demo")
            admin = harness.Client(server.port)
            admin.login("admin@purwakarta.demo")
            today = harness.now().date()
            period = f"from={today.replace(month=1, day=1).isoformat()}&to={today.isoformat()}"
            first = fo.get(f"/api/v1/office/register?{period}&limit=2")
            self.assertEqual(first.status, 200, first)
            page = first.json()
            total = page["total"]
            self.assertGreaterEqual(total, 3, "the demo registers several Purwakarta files")
            self.assertEqual([i["no"] for i in page["items"]], [1, 2])
            rest = fo.get(f"/api/v1/office/register?{period}&limit=100&after={page['next']}").json()
            lines = page["items"] + rest["items"]
            self.assertEqual(len(lines), total)
            self.assertEqual([i["no"] for i in lines], list(range(1, total + 1)))
            self.assertIsNone(rest["next"])
            issued = next(i for i in lines if i["status"] == "issued")
            self.assertTrue(issued["permit_number"] and issued["decided"], issued)
            self.assertIsNone(issued["step"])
            rina = next(i for i in lines if i["applicant"] == "dr. Rina Kartika")
            self.assertRegex(rina["nik"], r"^\d{4}\*{8}\d{4}$", "an officer sees the NIK masked")
            whole = admin.get(f"/api/v1/office/register?{period}&limit=100").json()["items"]
            self.assertRegex(next(i for i in whole if i["id"] == rina["id"])["nik"], r"^\d{16}$", "the admin sees it whole")
            only = fo.get(f"/api/v1/office/register?{period}&status=issued").json()
            self.assertTrue(only["items"] and all(i["status"] == "issued" for i in only["items"]))
            self.assertProblem(fo.get(f"/api/v1/office/register?{period}&status=lost"), 422, "invalid_field", "status")
            self.assertProblem(fo.get(f"/api/v1/office/register?{period}&limit=0"), 422, "invalid_field", "limit")
            self.assertProblem(fo.get(f"/api/v1/office/register?{period}&after=x"), 422, "invalid_field", "after")
            self.assertProblem(fo.get(f"/api/v1/office/register/export?{period}&format=doc"), 422, "invalid_field", "format")
            applicant = harness.Client(server.port)
            applicant.login("rina@pemohon.demo")
            self.assertProblem(applicant.get(f"/api/v1/office/register?{period}"), 403, "forbidden")

            # The export: the CLI writes the very file the API sends.
            csv = fo.get(f"/api/v1/office/register/export?{period}&format=csv")
            self.assertEqual(csv.status, 200, csv)
            self.assertEqual(csv.headers["content-type"], "text/csv; charset=utf-8")
            self.assertIn("attachment", csv.headers["content-disposition"])
            self.assertEqual(int(csv.headers["x-export-lines"]), total)
            with tempfile.TemporaryDirectory() as d:
                out = os.path.join(d, "reg.csv")
                cli = subprocess.run(ENV.command("register", "export", "--db", server.db, "--office", "purwakarta",
                                                 "--from", today.replace(month=1, day=1).isoformat(), "--to",
                                                 today.isoformat(), "--format", "csv", "-o", out),
                                     capture_output=True, text=True, env=dict(os.environ, SATUPINTU_DATA_DIR=ENV.data_dir))
                self.assertEqual(cli.returncode, 0, cli.stderr)
                with open(out, "rb") as f:
                    self.assertEqual(f.read(), csv.body, "the CLI's file is the API's")
                bad = subprocess.run(ENV.command("register", "export", "--db", server.db, "--office", "purwakarta",
                                                 "--from", "2026-12-31", "--to", "2026-12-01", "-o", out),
                                     capture_output=True, text=True, env=dict(os.environ, SATUPINTU_DATA_DIR=ENV.data_dir))
                self.assertEqual(bad.returncode, 1)
                self.assertIn("satupintu: to: the period ends on or after 2026-12-31", bad.stderr)
            rows = csv.body.decode("utf-8-sig").splitlines()
            self.assertEqual(len(rows), total + 1)
            self.assertTrue(rows[0].startswith("No,No. Registrasi,Tgl. Registrasi,Pemohon,NIK,"))

            xlsx = fo.get(f"/api/v1/office/register/export?{period}&format=xlsx")
            self.assertEqual(xlsx.status, 200, xlsx)
            sheet = openpyxl.load_workbook(io.BytesIO(xlsx.body), read_only=True).active
            cells = list(sheet.iter_rows(values_only=True))
            self.assertEqual(cells[0][0], "Buku Registrasi Permohonan Izin")
            header = next(n for n, r in enumerate(cells) if r[0] == "No")
            body = cells[header + 1:]
            self.assertEqual(len(body), total)
            self.assertEqual([r[0] for r in body], list(range(1, total + 1)), "numbers are numbers")
            self.assertEqual(body[0][1], lines[0]["registration_number"])
            self.assertEqual(body[0][11], lines[0]["office_minutes"])

            pdf = fo.get(f"/api/v1/office/register/export?{period}&format=pdf")
            self.assertEqual(pdf.status, 200, pdf)
            self.assertTrue(pdf.body.startswith(b"%PDF-"))
            text = subprocess.run(["pdftotext", "-", "-"], input=pdf.body, capture_output=True, check=True).stdout.decode()
            self.assertIn("Buku Registrasi Permohonan Izin", text)
            self.assertIn(lines[0]["applicant"], text)
            self.assertIn("Halaman 1", text)
        finally:
            server.stop()


class MutuBaku(unittest.TestCase):
    """The Mutu Baku dashboard on the demo's files: its figures agree with one another (steps,
    officers, the month's trend), what is overdue now is listed longest first, and its step table
    exports as CSV and XLSX that real readers open."""

    assertProblem = Rules.assertProblem

    def test_the_office_reads_its_dashboard(self):
        import io
        import openpyxl
        server = ENV.server()
        try:
            fo = harness.Client(server.port)
            fo.login("front_office@purwakarta.demo")
            res = fo.get("/api/v1/office/dashboard")
            self.assertEqual(res.status, 200, res)
            d = res.json()
            today = harness.now().date()
            self.assertEqual(d["from"], today.replace(day=1).isoformat(), "the current month by default")
            self.assertGreater(d["handled"], 0, "the demo's officers did steps this month")
            self.assertEqual(sum(s["handled"] for s in d["steps"]), d["handled"])
            self.assertEqual(sum(s["on_time"] for s in d["steps"]), d["on_time"])
            for s in d["steps"]:
                self.assertEqual(sum(o["handled"] for o in s["officers"]), s["handled"], s)
                self.assertLessEqual(s["median_minutes"], s["p90_minutes"], s)
                self.assertTrue(s["permit"]["name"] and s["title"] and s["role"], s)
                self.assertTrue(all(o["name"] for o in s["officers"]), s)
                if s["standard"]:
                    self.assertGreater(s["standard_minutes"], 0, s)
            self.assertEqual(len(d["trend"]), 12)
            self.assertEqual(d["trend"][-1]["month"], today.isoformat()[:7])
            self.assertEqual((d["trend"][-1]["handled"], d["trend"][-1]["on_time"]), (d["handled"], d["on_time"]),
                             "the month's trend point counts the same steps")
            # Kampar's demo files wait at its counter past their fifteen minutes; its drafts, at the
            # applicant's own step, are no delay of the office's.
            kampar = harness.Client(server.port)
            kampar.login("loket@kampar.demo")
            overdue = kampar.get("/api/v1/office/dashboard").json()["overdue"]
            self.assertGreater(overdue["total"], 0)
            self.assertEqual(len(overdue["items"]), overdue["total"])
            deadlines = [o["deadline"] for o in overdue["items"]]
            self.assertEqual(deadlines, sorted(deadlines), "longest overdue first")
            for o in overdue["items"]:
                self.assertTrue(o["registration_number"] and o["step"]["title"], o)
                self.assertNotEqual(o["step"]["role"], "Pemohon", o)
                self.assertGreaterEqual(o["overdue_minutes"], 0, o)
            self.assertEqual(overdue["items"][0]["step"]["number"], 2)
            self.assertGreater(overdue["items"][0]["overdue_minutes"], 30)

            permit = d["steps"][0]["permit"]["code"]
            one = fo.get(f"/api/v1/office/dashboard?permit={permit}").json()
            self.assertTrue(one["steps"] and all(s["permit"]["code"] == permit for s in one["steps"]))
            self.assertEqual(one["trend"][-1]["handled"], one["handled"])
            self.assertLessEqual(one["overdue"]["total"], d["overdue"]["total"])
            month = f"from={d['from']}&to={d['to']}"
            self.assertEqual(fo.get(f"/api/v1/office/dashboard?{month}").json()["handled"], d["handled"])
            self.assertProblem(fo.get("/api/v1/office/dashboard?permit=NOPE"), 422, "invalid_field", "permit")
            self.assertProblem(fo.get("/api/v1/office/dashboard?from=2026-01-01&to=2026-12-31"), 422, "invalid_field", "to")
            self.assertProblem(fo.get("/api/v1/office/dashboard?from=2026-12-31&to=2026-12-01"), 422, "invalid_field", "to")
            self.assertProblem(fo.get("/api/v1/office/dashboard/export?format=doc"), 422, "invalid_field", "format")
            applicant = harness.Client(server.port)
            applicant.login("rina@pemohon.demo")
            self.assertProblem(applicant.get("/api/v1/office/dashboard"), 403, "forbidden")

            officers = sum(len(s["officers"]) for s in d["steps"])
            csv = fo.get("/api/v1/office/dashboard/export?format=csv")
            self.assertEqual(csv.status, 200, csv)
            self.assertEqual(int(csv.headers["x-export-lines"]), len(d["steps"]) + officers)
            rows = csv.body.decode("utf-8-sig").splitlines()
            self.assertTrue(rows[0].startswith("Jenis Izin,Langkah,Kegiatan,Pelaksana,Petugas,"))
            self.assertEqual(len(rows), 1 + len(d["steps"]) + officers)
            xlsx = fo.get("/api/v1/office/dashboard/export?format=xlsx")
            self.assertEqual(xlsx.status, 200, xlsx)
            cells = list(openpyxl.load_workbook(io.BytesIO(xlsx.body), read_only=True).active.iter_rows(values_only=True))
            self.assertEqual(cells[0][0], "Capaian Mutu Baku Layanan")
            header = next(n for n, r in enumerate(cells) if r[0] == "Jenis Izin")
            first = cells[header + 1]
            step = d["steps"][0]
            self.assertEqual((first[1], first[4], first[7], first[8], first[10], first[11]),
                             (step["step"], "Semua petugas", step["handled"], step["on_time"], step["median_minutes"],
                              step["p90_minutes"]), "numbers are numbers, and the API's")
        finally:
            server.stop()


class MonthlyReport(unittest.TestCase):
    """The monthly report counts what the office's files did this month: a file driven to its
    permit and one withdrawn move the figures by exactly one each; the figures agree with the
    register; the PDF carries its chart and the XLSX the chart's sheet, as real readers see them."""

    assertProblem = Rules.assertProblem

    def test_the_month_counts_its_files(self):
        import io
        import openpyxl
        World.get()
        loket = World.officer("kampar", "loket")
        before = loket.get("/api/v1/office/report")
        self.assertEqual(before.status, 200, before)
        before = before.json()
        today = harness.now().date()
        self.assertEqual(before["from"], today.replace(day=1).isoformat(), "the current month by default")

        issued = register_applicant("kampar", "loket")
        app = drive(issued, open_application(issued, "kpr-dokter"))
        self.assertEqual(app["outcome"], "issued")
        leaving = register_applicant("kampar", "loket")
        left = open_application(leaving, "kpr-dokter")
        drive(leaving, left, stop_at_step=3)
        act(leaving, left, "withdrawn")

        after = loket.get("/api/v1/office/report").json()
        line = lambda r: next(p for p in r["permits"] if p["permit"]["code"] == "SIP-DOKTER")
        b, a = line(before), line(after)
        moved = {k: a[k] - b[k] for k in ("received", "issued", "rejected", "withdrawn", "in_progress", "decided",
                                            "decided_on_time")}
        self.assertEqual(moved, {"received": 2, "issued": 1, "rejected": 0, "withdrawn": 1, "in_progress": 0,
                                 "decided": 1, "decided_on_time": 1}, (b, a))
        for key in ("received", "issued", "rejected", "withdrawn", "in_progress", "decided_on_time"):
            self.assertEqual(sum(p[key] for p in after["permits"]), after["total"][key], key)
        t = after["total"]
        if t["decided"]:
            self.assertEqual(t["on_time_percent"], round(t["decided_on_time"] * 1000 / t["decided"]) / 10)
        month = f"from={after['from']}&to={after['to']}"
        register = loket.get(f"/api/v1/office/register?{month}&limit=1").json()
        self.assertEqual(register["total"], t["received"], "the register lists the month's registrations")

        self.assertProblem(loket.get("/api/v1/office/report?from=2025-01-01&to=2026-12-31"), 422, "invalid_field", "to")
        self.assertProblem(loket.get("/api/v1/office/report?from=2026-12-31&to=2026-12-01"), 422, "invalid_field", "to")
        self.assertProblem(loket.get("/api/v1/office/report?from=kemarin&to=2026-12-01"), 422, "invalid_field", "from")
        self.assertProblem(loket.get("/api/v1/office/report/export?format=doc"), 422, "invalid_field", "format")
        self.assertProblem(issued.get("/api/v1/office/report"), 403, "forbidden")

        xlsx = loket.get(f"/api/v1/office/report/export?{month}&format=xlsx")
        self.assertEqual(xlsx.status, 200, xlsx)
        self.assertEqual(int(xlsx.headers["x-export-lines"]), len(after["permits"]) + 1)
        book = openpyxl.load_workbook(io.BytesIO(xlsx.body))
        self.assertEqual(book.sheetnames, ["Laporan", "Grafik"])
        rows = list(book["Laporan"].iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "Laporan Pelayanan Perizinan")
        header = next(n for n, r in enumerate(rows) if r[0] == "Jenis Izin")
        body = rows[header + 1:header + 2 + len(after["permits"])]
        self.assertEqual([r[0] for r in body], [p["permit"]["name"] for p in after["permits"]] + ["Jumlah"])
        self.assertEqual(body[-1][1:7], (t["received"], t["issued"], t["rejected"], t["withdrawn"], t["in_progress"],
                                         t["decided_on_time"]), "numbers are numbers, and the API's")
        chart = list(book["Grafik"].iter_rows(values_only=True))
        self.assertEqual(chart[0][1:], ("Diterima", "Izin terbit", "Ditolak", "Ditarik", "Dalam proses"))
        self.assertEqual([(r[0], r[1]) for r in chart[1:]],
                         [(p["permit"]["name"], p["received"]) for p in after["permits"]])
        pdf = loket.get(f"/api/v1/office/report/export?{month}&format=pdf")
        self.assertEqual(pdf.status, 200, pdf)
        text = harness.pdf_text(pdf.body)
        for words in ("Laporan Pelayanan Perizinan", "Permohonan per jenis izin", "Izin terbit", "Dalam proses",
                      "Surat Izin Praktik Dokter", "Jumlah"):
            self.assertIn(words, text)
        csv = loket.get(f"/api/v1/office/report/export?{month}&format=csv")
        self.assertEqual(csv.body.decode("utf-8-sig").splitlines()[-1].split(",")[:3],
                         ["Jumlah", str(t["received"]), str(t["issued"])])


class Escalation(unittest.TestCase):
    """An overdue step is escalated once to the next role up: two servers on one database looking
    every second, then a restart, tell the Bidang of Kampar's late counter file exactly once, by
    e-mail, as a notice and in the file's history; the head of office gets one digest that day.
    These servers run a clock of their own, so only they see the file's deadline pass."""

    assertProblem = Rules.assertProblem

    def test_once_across_servers_and_a_restart(self):
        import os
        import tempfile
        sink = harness.SmtpSink(tempfile.mkdtemp(dir=ENV.workdir))
        shift = os.path.join(ENV.workdir, f"escalation-shift-{time.time_ns()}")
        with open(shift, "w") as f:
            f.write("0")
        db = ENV.new_db()
        every_second = {"SATUPINTU_ESCALATION_SECONDS": "1"}

        def server():
            return harness.Server(ENV.binary, db, sink.url, ENV.workdir, ENV.data_dir, every_second,
                                  clock=harness.private_clock_args(ENV.binary, shift))

        def mails(to, words):
            return [m for m in sink.messages() if to in (m["To"] or "") and words in harness.decoded_subject(m)]

        servers = [server(), server()]
        try:
            budi = servers[0].client()
            budi.login("budi@pemohon.demo")
            permits = budi.get("/api/v1/offices/kampar/permits").json()["items"]
            permit = next(p for p in permits if p["sop"] == "kpr-dokter")
            r = budi.post("/api/v1/applications", {"sop": "kpr-dokter", "data": harness.example_data(budi.port, "kpr-dokter")})
            self.assertEqual(r.status, 201, r)
            app_id = r.json()["id"]
            for q in permit["requirements"]:
                if q["mandatory"]:
                    r = budi.request("POST", f"/api/v1/applications/{app_id}/documents/{q['code']}?filename=x.pdf",
                                     raw=harness.small_pdf(q["name"]), headers={"Content-Type": "application/pdf"})
                    self.assertEqual(r.status, 201, r)
            registration = act(budi, app_id, "selesai")["registration_number"]
            bidang = [s.client() for s in servers]
            for c in bidang:
                c.login("bidang@kampar.demo")
            notices = lambda c: [n for n in c.get("/api/v1/notifications").json()["items"] if n["application_id"] == app_id]
            time.sleep(1.5)
            self.assertEqual(notices(bidang[0]), [], "fifteen minutes at the counter have not passed")

            with open(shift, "w") as f:
                f.write(str(16 * 60))  # both servers' clocks pass the counter's fifteen minutes
            deadline = time.time() + 15
            while not notices(bidang[0]) and time.time() < deadline:
                time.sleep(0.2)
            time.sleep(2.5)  # both servers have looked again since
            mine = notices(bidang[1])
            self.assertEqual(len(mine), 1, mine)
            n = mine[0]
            self.assertEqual((n["kind"], n["facts"]["registration_number"], n["facts"]["step"]["number"],
                              n["facts"]["to_role"]), ("escalation", registration, 2, "bidang"))
            self.assertIsNone(n["read_at"])
            self.assertEqual(len(sink.wait_for(lambda m: "bidang@kampar.demo" in (m["To"] or "") and
                                               registration in harness.decoded_subject(m))), 1)
        finally:
            for s in servers:
                s.stop()

        again = server()  # a restart on the same database, its clock past the deadline too
        try:
            time.sleep(2.5)
            c = again.client()
            c.login("bidang@kampar.demo")
            mine = notices(c)
            self.assertEqual(len(mine), 1, "nothing new after the restart")
            self.assertEqual(len(mails("bidang@kampar.demo", registration)), 1)
            history = c.get(f"/api/v1/applications/{app_id}/timeline").json()["events"]
            escalated = [e for e in history if e["kind"] == "escalated"]
            self.assertEqual(len(escalated), 1, history)
            self.assertEqual((escalated[0]["step"], escalated[0]["details"]["to_role"]), (2, "bidang"))
            # The head of office's digest for the day went out once, whichever server sent it.
            self.assertEqual(len(mails("kepala_dinas@kampar.demo", "Ringkasan harian")), 1)
            head = again.client()
            head.login("kepala_dinas@kampar.demo")
            digest = [x for x in head.get("/api/v1/notifications").json()["items"] if x["kind"] == "digest"]
            self.assertEqual(len(digest), 1)
            self.assertGreaterEqual(digest[0]["facts"]["total"], 1)

            # A notice is its reader's own.
            before = c.get("/api/v1/notifications?unread=1").json()["unread"]
            self.assertProblem(head.post(f"/api/v1/notifications/{mine[0]['id']}/read", {}), 404, "not_found")
            r = c.post(f"/api/v1/notifications/{mine[0]['id']}/read", {})
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json()["unread"], before - 1)
            self.assertIsNotNone(notices(c)[0]["read_at"])
            self.assertProblem(c.get("/api/v1/notifications?unread=yes"), 422, "invalid_field", "unread")
            r = c.post("/api/v1/notifications/read", {})
            self.assertEqual(r.json(), {"marked": before - 1, "unread": 0})
            self.assertEqual(c.get("/api/v1/notifications?unread=1").json()["items"], [])
        finally:
            again.stop()
            sink.stop()


class Complaints(unittest.TestCase):
    """A complaint filed without an account about a Kampar file: its receipt mail, its files
    through the upload checks, the office's list with the contact, the public lookup without any
    personal data, the admin's assignment, the answer mailed and shown, the closure; the
    dashboard and the monthly report count it; an applicant reads their own answer."""

    assertProblem = Rules.assertProblem

    def test_filed_answered_and_looked_up(self):
        World.get()
        port = World.server.port
        loket = World.officer("kampar", "loket")
        admin = World.officer("kampar", "admin")
        before = admin.get("/api/v1/office/report").json()["complaints"]
        applicant = register_applicant("kampar", "loket")
        app_id = open_application(applicant, "kpr-dokter")
        registration = act(applicant, app_id, "selesai")["registration_number"]

        anyone = harness.Client(port)
        email = f"warga.{time.time_ns()}@contoh.example"
        complaint = {"office": "kampar", "registration_number": registration, "subject": "Berkas belum diperiksa",
                     "body": "Berkas saya sudah dua hari belum diperiksa loket.", "name": "Kerabat Pemohon",
                     "email": email}
        r = anyone.post("/api/v1/complaints", complaint)
        self.assertEqual(r.status, 201, r)
        receipt = r.json()
        number = receipt["number"]
        self.assertRegex(number, r"^ADU-KAMPAR-\d{4}-\d{4}-[A-HJ-NP-Z2-9]{5}$")
        mail = ENV.smtp.wait_for(lambda m: email in (m["To"] or "") and number in harness.decoded_subject(m))[0]
        self.assertIn(receipt["due_at"][:10], mail_body(mail), "the receipt says by when the answer comes")

        self.assertProblem(anyone.post("/api/v1/complaints", dict(complaint, email="", phone="")), 422, "invalid_field",
                           "email")
        self.assertProblem(anyone.post("/api/v1/complaints", dict(complaint, registration_number="0000/X")), 422,
                           "invalid_field", "registration_number")
        self.assertProblem(anyone.post("/api/v1/complaints", dict(complaint, extra=1)), 422, "invalid_field")
        self.assertProblem(loket.post("/api/v1/complaints", complaint), 403, "forbidden")

        upload = lambda key, raw, kind="application/pdf": anyone.request(
            "POST", f"/api/v1/complaints/{number}/attachments?filename=bukti.pdf", raw=raw,
            headers={"Content-Type": kind, "X-Complaint-Key": key})
        self.assertProblem(upload("bukan-kunci", harness.small_pdf("x")), 404, "not_found")
        self.assertProblem(upload(receipt["attachment_key"], b"MZ\x90\x00 not a pdf", "application/pdf"), 415,
                           "unsupported_file")
        r = upload(receipt["attachment_key"], harness.small_pdf("bukti"))
        self.assertEqual(r.status, 201, r)

        public = anyone.get(f"/api/v1/complaints/{number}")
        self.assertEqual(public.status, 200, public)
        text = public.body.decode()
        for private in (email, "Kerabat Pemohon", registration, "dua hari belum diperiksa", "Berkas belum diperiksa"):
            self.assertNotIn(private, text, "the public lookup shows no personal data")
        self.assertEqual((public.json()["status"], public.json()["about"], public.json()["answer"]),
                         ("received", "application", None))
        self.assertProblem(anyone.get("/api/v1/complaints/ADU-KAMPAR-2026-0001-ZZZZZ"), 404, "not_found")

        listed = loket.get("/api/v1/office/complaints?status=open").json()
        mine = next(c for c in listed["items"] if c["number"] == number)
        self.assertEqual((mine["filer"]["email"], mine["registration_number"], mine["application_id"]),
                         (email, registration, app_id))
        self.assertEqual(len(mine["attachments"]), 1)
        f = loket.get(f"/api/v1/office/complaints/{mine['id']}/attachments/{mine['attachments'][0]['id']}")
        self.assertEqual((f.status, f.body[:5]), (200, b"%PDF-"))
        self.assertProblem(World.officer("purwakarta", "front_office").get(f"/api/v1/office/complaints/{mine['id']}"),
                           404, "not_found")
        self.assertProblem(loket.get("/api/v1/office/complaints?status=lama"), 422, "invalid_field", "status")

        me = loket.get("/api/v1/me").json()
        self.assertProblem(loket.post(f"/api/v1/office/complaints/{mine['id']}/assignment", {"officer_id": me["id"]}),
                           403, "forbidden")
        r = admin.post(f"/api/v1/office/complaints/{mine['id']}/assignment", {"officer_id": me["id"],
                                                                              "version": mine["version"]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["assigned_to"]["id"], me["id"])
        self.assertProblem(admin.post(f"/api/v1/office/complaints/{mine['id']}/assignment",
                                      {"officer_id": me["id"], "version": mine["version"]}), 409, "complaint_changed")
        answer = "Mohon maaf atas keterlambatan; berkas Anda sudah kami periksa hari ini."
        r = loket.post(f"/api/v1/office/complaints/{mine['id']}/answer", {"answer": answer})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["status"], "answered")
        ENV.smtp.wait_for(lambda m: email in (m["To"] or "") and "Jawaban atas pengaduan" in harness.decoded_subject(m))
        self.assertProblem(upload(receipt["attachment_key"], harness.small_pdf("telat")), 409, "conflict")
        seen = anyone.get(f"/api/v1/complaints/{number}").json()
        self.assertEqual((seen["status"], seen["answer"]), ("answered", answer))
        r = loket.post(f"/api/v1/office/complaints/{mine['id']}/closure", {})
        self.assertEqual((r.status, r.json()["status"]), (200, "closed"))

        after = admin.get("/api/v1/office/report").json()["complaints"]
        self.assertEqual((after["filed"] - before["filed"], after["answered"] - before["answered"]), (1, 1))
        self.assertIsNotNone(after["median_answer_minutes"])
        board = admin.get("/api/v1/office/dashboard").json()["complaints"]
        self.assertGreaterEqual(board["filed"], 1)
        pdf = admin.get("/api/v1/office/report/export?format=pdf")
        self.assertIn("Pengaduan: diterima", harness.pdf_text(pdf.body))

        # An applicant files from their account and reads the answer there.
        r = applicant.post("/api/v1/complaints", {"office": "kampar", "subject": "Formulir membingungkan",
                                                  "body": "Isian alamat praktik sulit dipahami."})
        self.assertEqual(r.status, 201, r)
        own = applicant.get("/api/v1/me/complaints").json()["items"]
        self.assertEqual([c["number"] for c in own], [r.json()["number"]])
        self.assertNotIn("filer", own[0])


class DatabaseRestart(unittest.TestCase):
    """PostgreSQL restarts (an upgrade, a failover): the server connects again on its own."""

    def test_requests_work_after_the_database_restarts(self):
        if ENV.backend != "postgresql":
            self.skipTest("PostgreSQL only")
        server = ENV.server(db=ENV.new_db())
        try:
            officer = harness.Client(server.port)
            officer.login("front_office@purwakarta.demo", kind="bearer")
            self.assertEqual(officer.get("/api/v1/worklist").status, 200)
            applicant = harness.Client(server.port)
            applicant.login("rina@pemohon.demo", kind="bearer")
            ENV.pg.restart()
            # Every pooled connection is now dead. Reads and writes renew them: no request may
            # fail once the database is back, however many connections the pool holds.
            for _ in range(40):
                self.assertEqual(officer.get("/api/v1/worklist").status, 200)
                self.assertEqual(applicant.get("/api/v1/applications").status, 200)
            created = applicant.post("/api/v1/applications", {"sop": "pwk-iptk", "data": harness.example_data(server.port, "pwk-iptk")})
            self.assertEqual(created.status, 201, created.body)
            self.assertEqual(harness.Client(server.port).get("/readyz").status, 200)
        finally:
            server.stop()


class OfficeClosures(unittest.TestCase):
    """The office admin closes a working day: it is listed publicly, running deadlines move past
    it, withdrawing it moves them back; bad dates and other actors are refused."""

    def test_server_runs_on_the_pinned_clock(self):
        """Integration servers run the test executable with --test-clock: a new file's creation
        time is the harness's clock (a Monday morning in Purwakarta), not this machine's hour."""
        import datetime
        World.get()
        applicant = register_applicant("purwakarta", "front_office")
        # Bracketed by the harness's clock on both sides, however long a loaded machine takes to
        # answer (a fixed tolerance around one reading failed under load); a second of slack for
        # the servers' clock being given in whole seconds.
        before = harness.now() - datetime.timedelta(seconds=1)
        app_id = open_application(applicant, "pwk-iptk")
        after = harness.now() + datetime.timedelta(seconds=1)
        created = datetime.datetime.fromisoformat(applicant.get(f"/api/v1/applications/{app_id}").json()["created_at"])
        self.assertTrue(before <= created <= after, (before, created, after))

    def test_closure_moves_deadlines_and_is_checked(self):
        import datetime
        World.get()
        admin = World.officer("purwakarta", "admin")
        clerk = World.officer("purwakarta", "front_office")
        applicant = register_applicant("purwakarta", "front_office")
        app_id = open_application(applicant, "pwk-iptk")
        deadline = act(applicant, app_id, "selesai")["deadline"]  # step 4: one working day
        before = deadline["at"]
        day = before[:10]
        # Dates are the office's (Purwakarta keeps WIB, UTC+7) on the servers' pinned clock. A
        # closure may be added from the office's today on.
        office_today = harness.now().astimezone(harness.WIB).date()
        self.assertGreaterEqual(day, office_today.isoformat())
        r = admin.post("/api/v1/office/closures", {"date": day, "name": "Pindah gedung kantor"})
        self.assertEqual(r.status, 201, r)
        listed = World.server.client().get("/api/v1/offices/purwakarta/closures").json()["items"]
        self.assertIn({"date": day, "name": "Pindah gedung kantor"}, listed)
        moved_deadline = clerk.get(f"/api/v1/applications/{app_id}").json()["deadline"]
        moved = moved_deadline["at"]
        self.assertGreater(moved[:10], day, "the deadline skips the closed day")
        # Not the same time of day: a Friday's hours end later than a Thursday's. The working
        # time left is what stays (a minute may tick between the two reads).
        self.assertLessEqual(abs(moved_deadline["working_minutes_left"] - deadline["working_minutes_left"]), 1,
                             (deadline, moved_deadline))
        # Refused: again, past, weekend, malformed, too far, not the admin, another office's admin.
        again = admin.post("/api/v1/office/closures", {"date": day, "name": "x"})
        self.assertEqual(again.status, 422, again)
        self.assertIn("closed already", again.json()["detail"])
        yesterday = (office_today - datetime.timedelta(days=1)).isoformat()
        for bad in (yesterday, "2031-03-08", "2031-13-01", "besok", "2099-01-05"):
            r = admin.post("/api/v1/office/closures", {"date": bad, "name": "x"})
            self.assertEqual(r.status, 422, (bad, r))
            self.assertTrue(r.json()["detail"].startswith("date"), r.json())
        self.assertEqual(admin.post("/api/v1/office/closures", {"date": "2031-03-04"}).status, 422)
        self.assertEqual(clerk.post("/api/v1/office/closures", {"date": "2031-03-05", "name": "x"}).status, 403)
        kampar = World.officer("kampar", "admin")
        self.assertEqual(kampar.request("DELETE", f"/api/v1/office/closures/{day}").status, 404)
        # Withdrawn: the deadline is back, and both changes are in the audit trail.
        self.assertEqual(admin.request("DELETE", f"/api/v1/office/closures/{day}").status, 204)
        self.assertEqual(clerk.get(f"/api/v1/applications/{app_id}").json()["deadline"]["at"], before)
        self.assertEqual(admin.request("DELETE", f"/api/v1/office/closures/{day}").status, 404)
        r = subprocess.run(ENV.command("audit", "verify", "--db", World.server.db, "--office", "purwakarta"),
                           capture_output=True, text=True, env=ENV_DATA())
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)


class OfficeCalendar(unittest.TestCase):
    """A closure over a range of days closes its working days in one change; the public month
    view shows working days with their hours, weekends, holidays and the office's closures."""

    def test_range_closure_and_month_view(self):
        World.get()
        admin = World.officer("purwakarta", "admin")
        public = World.server.client()
        december = public.get("/api/v1/offices/purwakarta/calendar?month=2026-12").json()
        days = {d["date"]: d for d in december["days"]}
        self.assertEqual(len(days), 31)
        self.assertEqual(days["2026-12-25"]["kind"], "libur_nasional")          # Christmas
        self.assertEqual(days["2026-12-06"]["kind"], "akhir_pekan")             # a Sunday
        self.assertEqual(days["2026-12-07"]["kind"], "kerja")
        self.assertTrue(days["2026-12-07"]["hours"] and days["2026-12-07"]["hours"][0]["from"] < days["2026-12-07"]["hours"][-1]["to"])
        # Monday 3 to Sunday 9 March 2031: the weekend in it is closed already and left out.
        r = admin.post("/api/v1/office/closures", {"date": "2031-03-03", "until": "2031-03-09", "name": "Renovasi gedung"})
        self.assertEqual(r.status, 201, r)
        closed = r.json()["dates"]
        self.assertEqual(r.json()["date"], closed[0])
        self.assertTrue(closed and all(d < "2031-03-08" for d in closed), closed)
        march = {d["date"]: d for d in public.get("/api/v1/offices/purwakarta/calendar?month=2031-03").json()["days"]}
        for d in closed:
            self.assertEqual((march[d]["kind"], march[d]["name"]), ("penutupan_kantor", "Renovasi gedung"))
        self.assertEqual(march["2031-03-08"]["kind"], "akhir_pekan")
        # Refused: a range the wrong way round, one too long, a month the calendar does not hold.
        self.assertEqual(admin.post("/api/v1/office/closures", {"date": "2031-04-10", "until": "2031-04-01", "name": "x"}).status, 422)
        long = admin.post("/api/v1/office/closures", {"date": "2031-04-01", "until": "2031-06-01", "name": "x"})
        self.assertEqual((long.status, long.json()["errors"][0]["rule"] if long.json().get("errors") else None), (422, "range_too_long"), long)
        self.assertEqual(public.get("/api/v1/offices/purwakarta/calendar?month=2099-01").status, 422)
        self.assertEqual(public.get("/api/v1/offices/purwakarta/calendar?month=maret").status, 422)
        self.assertEqual(public.get("/api/v1/offices/tidak-ada/calendar?month=2026-12").status, 404)
        # Withdrawn as a range: every day of it open again.
        self.assertEqual(admin.request("DELETE", "/api/v1/office/closures/2031-03-03?until=2031-03-09").status, 204)
        march = {d["date"]: d for d in public.get("/api/v1/offices/purwakarta/calendar?month=2031-03").json()["days"]}
        self.assertTrue(all(march[d]["kind"] == "kerja" for d in closed), [march[d] for d in closed])
        self.assertEqual(admin.request("DELETE", "/api/v1/office/closures/2031-03-03?until=2031-03-09").status, 404)


class Schedules(unittest.TestCase):
    """The technical meeting or field inspection: shown again, moved with a history line, kept
    outside working time only when confirmed; its report filed only once it has taken place."""

    def test_schedule_rules_and_the_report_after_it(self):
        World.get()
        applicant = register_applicant("purwakarta", "front_office")
        app_id = open_application(applicant, "pwk-iptk")
        act(applicant, app_id, "selesai")
        act(World.officer("purwakarta", "front_office"), app_id, "lengkap")
        bo = World.officer("purwakarta", "back_office")
        self.assertEqual(bo.get(f"/api/v1/applications/{app_id}/schedule").json(), {"schedule": None})
        now = harness.now().astimezone(harness.WIB)
        # The Sunday after: refused until the officer confirms it.
        sunday = (now + datetime.timedelta(days=(6 - now.weekday()) or 7)).replace(hour=9, minute=0, second=0, microsecond=0)
        body = {"kind": "peninjauan_lapangan", "at": sunday.isoformat(), "place": "Lokasi praktik", "members": ["dr. Anwar"]}
        r = bo.post(f"/api/v1/applications/{app_id}/schedule", body)
        self.assertEqual(r.status, 422, r)
        self.assertEqual((r.json()["errors"][0]["field"], r.json()["errors"][0]["rule"]), ("at", "not_working_day"))
        late = (now + datetime.timedelta(days=1)).replace(hour=22, minute=0, second=0, microsecond=0)
        while late.weekday() >= 5:
            late += datetime.timedelta(days=1)
        r = bo.post(f"/api/v1/applications/{app_id}/schedule", dict(body, at=late.isoformat()))
        self.assertEqual(r.json()["errors"][0]["rule"], "outside_office_hours", r.json())
        r = bo.post(f"/api/v1/applications/{app_id}/schedule", dict(body, outside_hours_confirmed=True))
        self.assertEqual(r.status, 201, r)
        # Moved to a working morning: the page shows the new one, the history says it moved.
        soon = (now + datetime.timedelta(minutes=2)).replace(microsecond=0)
        r = bo.post(f"/api/v1/applications/{app_id}/schedule", dict(body, at=soon.isoformat(), place="Ruang praktik"))
        self.assertEqual(r.status, 201, r)
        shown = applicant.get(f"/api/v1/applications/{app_id}/schedule").json()["schedule"]
        self.assertEqual((shown["place"], shown["at"]), ("Ruang praktik", soon.isoformat()))
        kinds = [e["kind"] for e in applicant.get(f"/api/v1/applications/{app_id}/timeline").json()["events"]]
        self.assertEqual(kinds[-2:], ["scheduled", "rescheduled"], kinds)
        act(bo, app_id, "diagendakan")
        # The team cannot report an inspection that has not happened yet ...
        tt = World.officer("purwakarta", "tim_teknis")
        view = tt.get(f"/api/v1/applications/{app_id}").json()
        code = next(a["code"] for a in view["actions"] if a["report_required"])
        # A standard of 7 working days counts down in days, not in hours of working time.
        self.assertEqual(view["deadline"]["working_days_left"], 7, view["deadline"])
        report = {"findings": ["Ruang praktik layak"], "conclusion": "Memenuhi persyaratan", "members": ["dr. Anwar"]}
        r = tt.post(f"/api/v1/applications/{app_id}/actions", {"action": code, "report": report})
        self.assertEqual((r.status, r.json()["code"]), (409, "before_schedule"), r)
        # ... and can once it has.
        harness.advance(180)
        r = tt.post(f"/api/v1/applications/{app_id}/actions", {"action": code, "report": report})
        self.assertEqual(r.status, 200, r)


class OfficeFiles(unittest.TestCase):
    """The front office finds a signed permit again: by search, and in the lists of letters to
    print (siap cetak) and to hand over (siap diserahkan); the handover is on record."""

    def test_search_lists_and_handover(self):
        World.get()
        applicant = register_applicant("purwakarta", "front_office")
        app_id = open_application(applicant, "pwk-iptk")
        app = drive(applicant, app_id)
        clerk = World.officer("purwakarta", "front_office")
        deadline = time.time() + 30
        while True:
            docs = clerk.get(f"/api/v1/applications/{app_id}").json()["generated_documents"]
            permit = [d for d in docs if d["kind"] == "izin" and d["signed"]]
            if permit and permit[-1]["status"] == "ready":
                permit = permit[-1]
                break
            self.assertLess(time.time(), deadline, docs)
            time.sleep(0.1)

        def listed(which, q=None):
            query = f"list={which}" + (f"&q={urllib.parse.quote(q)}" if q else "")
            r = clerk.get(f"/api/v1/office-files?{query}")
            self.assertEqual(r.status, 200, r)
            return [f["id"] for f in r.json()["items"]]

        self.assertIn(app_id, listed("siap_cetak"))
        self.assertNotIn(app_id, listed("siap_diserahkan"))
        self.assertIn(app_id, listed("siap_cetak", app["registration_number"].lower()))
        # Search by part of the registration number (any case), permit number or name.
        for q in (app["registration_number"].lower(), app["permit_number"], applicant.email and "pemohon uji"):
            r = clerk.get("/api/v1/office-files?q=" + urllib.parse.quote(q))
            self.assertEqual(r.status, 200, r)
            found = [f for f in r.json()["items"] if f["id"] == app_id]
            if q != "pemohon uji":  # many applicants share the test name; the first two are exact
                self.assertEqual(len(found), 1, (q, r.json()))
                self.assertEqual((found[0]["phase"], found[0]["permit_number"]), ("closed", app["permit_number"]))
        # Patterns typed are text: a lone % matches nothing of itself.
        self.assertEqual(clerk.get("/api/v1/office-files?q=%25%25").json()["items"], [])
        # Too short, an unknown list, an applicant, another office.
        r = clerk.get("/api/v1/office-files?q=a")
        self.assertEqual((r.status, r.json()["errors"][0]["rule"], r.json()["errors"][0]["min"]), (422, "too_short", 2), r)
        r = clerk.get("/api/v1/office-files?list=semua")
        self.assertEqual((r.status, r.json()["errors"][0]["rule"]), (422, "not_an_option"), r)
        self.assertEqual(applicant.get("/api/v1/office-files?q=" + urllib.parse.quote(app["registration_number"])).status, 403)
        other = World.officer("kampar", "loket")
        self.assertEqual(other.get("/api/v1/office-files?q=" + urllib.parse.quote(app["registration_number"])).json()["items"], [])
        # Handing over waits for the print; then the file moves from one list to the other.
        handover = f"/api/v1/applications/{app_id}/generated-documents/{permit['id']}/handover"
        r = clerk.post(handover, {})
        self.assertEqual((r.status, r.json()["code"]), (409, "not_printed"), r)
        self.assertEqual(clerk.post(f"/api/v1/applications/{app_id}/generated-documents/{permit['id']}/printed", {}).status, 200)
        self.assertNotIn(app_id, listed("siap_cetak"))
        self.assertIn(app_id, listed("siap_diserahkan"))
        self.assertEqual(applicant.post(handover, {}).status, 403)
        r = clerk.post(handover, {})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["kind"], "izin")
        self.assertNotIn(app_id, listed("siap_diserahkan"))
        r = clerk.post(handover, {})
        self.assertEqual((r.status, r.json()["code"]), (409, "already_delivered"), r)
        # The applicant's later download adds no second receipt of it.
        self.assertEqual(applicant.get(f"/api/v1/applications/{app_id}/generated-documents/{permit['id']}").status, 200)
        events = applicant.get(f"/api/v1/applications/{app_id}/timeline").json()["events"]
        about = [e["kind"] for e in events if (e.get("details") or {}).get("document_id") == permit["id"]]
        self.assertEqual(about.count("handed_over"), 1, events)
        self.assertNotIn("delivered", about, events)


class ChangePassword(unittest.TestCase):
    """A signed-in user changes their password with the current one; every session ends."""

    def test_change_password(self):
        World.get()
        user = register_applicant("purwakarta", "front_office")
        other = World.server.client()
        other.login(user.email, "rahasia-pemohon-123")
        r = user.post("/api/v1/me/password", {"current_password": "salah-sekali-123", "new_password": "kata-sandi-baru-456"})
        self.assertEqual((r.status, r.json()["errors"][0]["field"], r.json()["errors"][0]["rule"]),
                         (422, "current_password", "wrong_password"), r)
        r = user.post("/api/v1/me/password", {"current_password": "rahasia-pemohon-123", "new_password": "pendek"})
        self.assertEqual((r.status, r.json()["errors"][0]["field"], r.json()["errors"][0]["rule"]),
                         (422, "new_password", "length"), r)
        r = user.post("/api/v1/me/password", {"current_password": "rahasia-pemohon-123", "new_password": "rahasia-pemohon-123"})
        self.assertEqual(r.json()["errors"][0]["rule"], "unchanged", r)
        r = user.post("/api/v1/me/password", {"current_password": "rahasia-pemohon-123", "new_password": "kata-sandi-baru-456"})
        self.assertEqual(r.status, 200, r)
        self.assertIn("Max-Age=0", r.headers.get("set-cookie", ""), r.headers)
        # Both sessions ended; the old password no longer signs in, the new one does.
        self.assertEqual(other.get("/api/v1/me").status, 401)
        fresh = World.server.client()
        self.assertEqual(fresh.post("/api/v1/session", {"email": user.email, "password": "rahasia-pemohon-123"}).status, 401)
        fresh.login(user.email, "kata-sandi-baru-456")
        self.assertEqual(fresh.get("/api/v1/me").json()["email"], user.email)


class OfficerRoles(unittest.TestCase):
    """The office admin changes an officer's roles; the officer's next request sees them."""

    def test_admin_replaces_roles(self):
        import os
        World.get()
        admin = World.officer("purwakarta", "admin")
        email = f"peran.{os.getpid()}@rules.example"
        r = admin.post("/api/v1/office/officers", {"full_name": "Petugas Peran", "email": email, "roles": ["kasi"]})
        self.assertEqual(r.status, 201, r)
        officer_id = r.json()["id"]
        listed = {a["id"]: a for a in admin.get("/api/v1/office/accounts?status=active").json()["items"]}
        self.assertEqual(listed[officer_id]["roles"], ["kasi"])
        r = admin.request("PUT", f"/api/v1/office/officers/{officer_id}/roles", {"roles": ["kabid", "kasi"]})
        self.assertEqual(r.status, 200, r)
        listed = {a["id"]: a for a in admin.get("/api/v1/office/accounts?status=active").json()["items"]}
        self.assertEqual(sorted(listed[officer_id]["roles"]), ["kabid", "kasi"])
        for bad in ([], ["pemohon"], ["tidak_ada"]):
            r = admin.request("PUT", f"/api/v1/office/officers/{officer_id}/roles", {"roles": bad})
            self.assertEqual(r.status, 422, (bad, r))
        self.assertEqual(admin.request("PUT", f"/api/v1/office/officers/{officer_id}/roles", {"roles": "kasi"}).status, 422)
        # Kampar's admin cannot touch a Purwakarta officer; nor can an officer change roles.
        kampar = World.officer("kampar", "admin")
        self.assertEqual(kampar.request("PUT", f"/api/v1/office/officers/{officer_id}/roles", {"roles": ["bidang"]}).status, 404)
        clerk = World.officer("purwakarta", "front_office")
        self.assertEqual(clerk.request("PUT", f"/api/v1/office/officers/{officer_id}/roles", {"roles": ["kasi"]}).status, 403)
        kinds = audit_kinds("purwakarta")
        self.assertIn("officer_roles_changed", kinds)


class OfficerCare(unittest.TestCase):
    """The office admin puts an officer's account out of use and back, resets its password, and
    records its NIP."""

    @classmethod
    def setUpClass(cls):
        World.get()

    def new_officer(self, roles):
        admin = World.officer("purwakarta", "admin")
        email = f"rawat.{time.time_ns()}@rules.example"
        r = admin.post("/api/v1/office/officers", {"full_name": "Petugas Rawat", "email": email, "roles": roles})
        self.assertEqual(r.status, 201, r)
        c = World.server.client()
        self.assertEqual(c.post("/api/v1/accounts/password", {"token": self.link(email), "password": "petugas-rawat-123"}).status, 200)
        c.login(email, "petugas-rawat-123")
        return r.json()["id"], email, c

    def link(self, email, subject=""):
        mail = ENV.smtp.wait_for(lambda m: email in (m["To"] or "") and subject in harness.decoded_subject(m))[0]
        return re.search(r"token=([A-Za-z0-9_-]+)", mail_body(mail)).group(1)

    def test_deactivation_ends_sessions_and_sign_in(self):
        admin = World.officer("purwakarta", "admin")
        officer_id, email, officer = self.new_officer(["front_office"])
        self.assertEqual(officer.get("/api/v1/worklist").status, 200)
        r = admin.post(f"/api/v1/office/officers/{officer_id}/deactivation", {})
        self.assertEqual((r.status, r.json()["status"]), (200, "disabled"), r)
        self.assertEqual(officer.get("/api/v1/worklist").status, 401)  # the session ended at once
        self.assertEqual(World.server.client().post("/api/v1/session", {"email": email, "password": "petugas-rawat-123"}).status, 401)
        listed = {a["id"]: a for a in admin.get("/api/v1/office/accounts?status=disabled").json()["items"]}
        self.assertEqual(listed[officer_id]["status"], "disabled")
        # A password reset waits until the account is back in use.
        self.assertEqual(admin.post(f"/api/v1/office/officers/{officer_id}/password-reset", {}).status, 409)
        self.assertEqual(admin.post(f"/api/v1/office/officers/{officer_id}/activation", {}).status, 200)
        again = World.server.client()
        again.login(email, "petugas-rawat-123")
        self.assertEqual(again.get("/api/v1/worklist").status, 200)
        # Nobody looks after their own account here, nor an officer of another office.
        me = admin.get("/api/v1/me").json()["id"]
        self.assertEqual(admin.post(f"/api/v1/office/officers/{me}/deactivation", {}).status, 403)
        self.assertEqual(World.officer("kampar", "admin").post(f"/api/v1/office/officers/{officer_id}/deactivation", {}).status, 404)
        kinds = audit_kinds("purwakarta")
        self.assertIn("officer_deactivated", kinds)
        self.assertIn("officer_reactivated", kinds)

    def test_password_reset_stops_the_old_password(self):
        admin = World.officer("purwakarta", "admin")
        officer_id, email, officer = self.new_officer(["front_office"])
        r = admin.post(f"/api/v1/office/officers/{officer_id}/password-reset", {})
        self.assertEqual((r.status, r.json()["status"]), (200, "link_sent"), r)
        self.assertEqual(officer.get("/api/v1/worklist").status, 401)
        self.assertEqual(World.server.client().post("/api/v1/session", {"email": email, "password": "petugas-rawat-123"}).status, 401)
        c = World.server.client()
        self.assertEqual(c.post("/api/v1/accounts/password", {"token": self.link(email, "Atur ulang"), "password": "sandi-baru-4567"}).status, 200)
        c.login(email, "sandi-baru-4567")
        self.assertEqual(c.get("/api/v1/worklist").status, 200)
        self.assertIn("officer_password_reset", audit_kinds("purwakarta"))

    def test_nip_is_checked_and_listed(self):
        admin = World.officer("purwakarta", "admin")
        officer_id, _, _ = self.new_officer(["front_office"])
        # Too short, a 13th month of birth, a sex digit of 3, a letter: each refused by the NIP rule.
        for bad in ("12345", "19701301200003 1 001", "197001012000033001", "19700101200003100a"):
            r = admin.request("PUT", f"/api/v1/office/officers/{officer_id}/nip", {"nip": bad})
            self.assertEqual(r.status, 422, (bad, r))
            self.assertEqual((r.json().get("errors") or [{}])[0].get("rule"), "invalid_nip", (bad, r.json()))
        r = admin.request("PUT", f"/api/v1/office/officers/{officer_id}/nip", {"nip": "19700101 200003 1 001"})
        self.assertEqual((r.status, r.json()["nip"]), (200, "197001012000031001"), r)
        listed = {a["id"]: a for a in admin.get("/api/v1/office/accounts?status=active").json()["items"]}
        self.assertEqual(listed[officer_id]["nip"], "197001012000031001")
        self.assertIn("officer_nip_recorded", audit_kinds("purwakarta"))


def audit_kinds(office):
    """Event kinds of an office's audit chain, straight from the database."""
    db = World.server.db
    sql = f"SELECT kind FROM events WHERE office = '{office}' ORDER BY seq"
    if db.startswith("sqlite:"):
        out = subprocess.run(["sqlite3", db[len("sqlite:"):], sql], capture_output=True, text=True, check=True).stdout
    else:
        out = subprocess.run(["psql", db, "-qtA", "-c", sql], capture_output=True, text=True, check=True).stdout
    return out.split()


class OneAccountEveryOffice(unittest.TestCase):
    """One account applies in every office. Kampar's SOP has no account steps: its registration
    is active once the e-mailed link is used. Purwakarta's has them: its approver decides, once
    per applicant, the first time they apply there, and a file is submitted only after that."""

    @classmethod
    def setUpClass(cls):
        World.get()

    def test_a_kampar_account_applies_in_purwakarta_after_its_approval(self):
        applicant = register_applicant("kampar", "loket")  # active through the registration's link
        standing = {s["office"]: s for s in applicant.get("/api/v1/me/offices").json()["items"]}
        self.assertEqual((standing["kampar"]["status"], standing["kampar"]["approval_required"]), ("approved", False))
        app_id = open_application(applicant, "pwk-iptk")  # a draft can be prepared meanwhile
        first = applicant.get(f"/api/v1/applications/{app_id}").json()["actions"][0]["code"]
        r = applicant.post(f"/api/v1/applications/{app_id}/actions", {"action": first})
        self.assertEqual((r.status, r.json()["code"]), (409, "office_approval_pending"), r)
        standing = {s["office"]: s for s in applicant.get("/api/v1/me/offices").json()["items"]}
        self.assertEqual(standing["purwakarta"]["status"], "pending")
        self.assertTrue(standing["purwakarta"]["approval_required"])

        fo = World.officer("purwakarta", "front_office")
        me = applicant.get("/api/v1/me").json()["id"]
        waiting = {a["id"]: a for a in fo.get("/api/v1/office/accounts?status=pending").json()["items"]}
        self.assertIn(me, waiting)
        self.assertGreater(waiting[me]["approval_due_at"], waiting[me]["approval_requested_at"])
        r = fo.post(f"/api/v1/office/accounts/{me}/decision", {"approve": False, "note": "STR tidak terbaca"})
        self.assertEqual(r.status, 200, r)
        ENV.smtp.wait_for(lambda m: applicant.email in (m["To"] or "") and "belum dapat disetujui" in harness.decoded_subject(m))
        r = applicant.post(f"/api/v1/applications/{app_id}/actions", {"action": first})
        self.assertEqual((r.status, r.json()["code"]), (409, "office_approval_rejected"), r)
        self.assertIn("STR tidak terbaca", r.json()["detail"])
        # The account stays in use: the applicant asks again, and the office approves.
        r = applicant.post("/api/v1/me/offices/purwakarta/approval-request", {})
        self.assertEqual((r.status, r.json()["status"]), (200, "pending"), r)
        self.assertEqual(fo.post(f"/api/v1/office/accounts/{me}/decision", {"approve": True}).status, 200)
        self.assertEqual(fo.post(f"/api/v1/office/accounts/{me}/decision", {"approve": True}).status, 409)
        ENV.smtp.wait_for(lambda m: applicant.email in (m["To"] or "") and "disetujui untuk mengajukan" in harness.decoded_subject(m))
        act(applicant, app_id, first)
        app = drive(applicant, app_id)
        self.assertEqual(app["outcome"], "issued")
        kinds = audit_kinds("purwakarta")
        for kind in ("office_approval_requested", "account_rejected", "account_approved"):
            self.assertIn(kind, kinds)

    def test_a_purwakarta_account_applies_in_kampar_without_approval(self):
        applicant = register_applicant("purwakarta", "front_office")
        app_id = open_application(applicant, "kpr-dokter")
        first = applicant.get(f"/api/v1/applications/{app_id}").json()["actions"][0]["code"]
        act(applicant, app_id, first)
        standing = {s["office"]: s["status"] for s in applicant.get("/api/v1/me/offices").json()["items"]}
        self.assertEqual(standing, {"purwakarta": "approved", "kampar": "approved"})
        # Kampar lists the applicant among its accounts; nothing waits for a decision there.
        loket = World.officer("kampar", "admin")
        me = applicant.get("/api/v1/me").json()["id"]
        self.assertIn(me, [a["id"] for a in loket.get("/api/v1/office/accounts?status=active").json()["items"]])
        self.assertNotIn(me, [a["id"] for a in loket.get("/api/v1/office/accounts?status=pending").json()["items"]])

    def test_officers_have_no_standing_and_unknown_offices_are_refused(self):
        applicant = register_applicant("kampar", "loket")
        r = applicant.post("/api/v1/me/offices/jakarta/approval-request", {})
        self.assertEqual((r.status, r.json()["code"]), (422, "invalid_field"), r)
        self.assertEqual(World.officer("purwakarta", "front_office").get("/api/v1/me/offices").status, 403)


class WalkIns(unittest.TestCase):
    """Kampar step 1 takes applications at the counter too: the loket registers a walk-in
    applicant, opens the file for them, uploads the scanned documents and submits it; every event
    names both. The applicant claims the account by the mailed link, or without e-mail follows the
    file by its registration number. An officer acts for walk-ins of their own office only."""

    @classmethod
    def setUpClass(cls):
        World.get()

    def walk_in(self, officer, **person):
        r = officer.post("/api/v1/office/walk-ins", person)
        self.assertIn(r.status, (200, 201), r)
        return r.json()

    def counter_file(self, officer, applicant_id, sop="kpr-dokter"):
        permits = World.server.client().get(f"/api/v1/offices/{sop_office(sop)}/permits").json()["items"]
        permit = next(p for p in permits if p["sop"] == sop)
        r = officer.post("/api/v1/applications", {"sop": sop, "data": harness.example_data(officer.port, sop),
                                                  "applicant_id": applicant_id})
        self.assertEqual(r.status, 201, r)
        app = r.json()
        self.assertTrue(app["applicants_part"] and app["opened_at_counter"], app)
        for q in permit["requirements"]:
            if q["mandatory"]:
                r = officer.request("POST", f"/api/v1/applications/{app['id']}/documents/{q['code']}?filename=pindai.pdf",
                                    raw=harness.small_pdf(q["name"]), headers={"Content-Type": "application/pdf"})
                self.assertEqual(r.status, 201, r)
        return app["id"]

    def test_the_counter_takes_a_walk_in_to_a_signed_permit_and_the_applicant_claims_the_account(self):
        loket = World.officer("kampar", "loket")
        email = f"datang.{time.time_ns()}@rules.example"
        nik = new_nik("1406")
        person = self.walk_in(loket, full_name="Pengunjung Loket", nik=nik, email=email, phone="0812 7777 1111",
                              profession="Dokter")
        self.assertTrue(person["created"] and person["link_mailed"], person)
        self.assertEqual(person["nik"][:4], "1406")
        self.assertIn("*", person["nik"])  # masked
        app_id = self.counter_file(loket, person["id"])
        first = loket.get(f"/api/v1/applications/{app_id}").json()["actions"][0]["code"]
        submitted = act(loket, app_id, first)
        self.assertTrue(submitted["registration_number"], submitted)
        app = drive(loket, app_id)  # the loket also confirms the handover at the counter
        self.assertEqual(app["outcome"], "issued")
        events = loket.get(f"/api/v1/applications/{app_id}/timeline").json()["events"]
        loket_id = loket.get("/api/v1/me").json()["id"]
        for kind in ("created", "document_attached"):
            e = next(x for x in events if x["kind"] == kind)
            self.assertEqual((e["details"]["for_applicant"], e["details"]["applicant_name"]),
                             (person["id"], "Pengunjung Loket"), e)
        submission = next(x for x in events if x["role"] == "pemohon" and x["details"].get("registration_number"))
        self.assertEqual(submission["details"]["for_applicant"], person["id"], submission)
        self.assertNotEqual(submission["by"], "Pengunjung Loket")  # the officer acted
        # The applicant claims the account by the mailed link and sees the file.
        mail = ENV.smtp.wait_for(lambda m: email in (m["To"] or "") and "dibuat di loket" in harness.decoded_subject(m))[0]
        token = re.search(r"token=([A-Za-z0-9_-]+)", mail_body(mail)).group(1)
        anon = World.server.client()
        self.assertEqual(anon.post("/api/v1/accounts/password", {"token": token, "password": "pengunjung-loket-123"}).status, 200)
        c = World.server.client()
        c.login(email, "pengunjung-loket-123")
        mine = c.get("/api/v1/applications").json()["items"]
        self.assertEqual([a["id"] for a in mine], [app_id])
        self.assertTrue(c.get(f"/api/v1/applications/{app_id}").json()["applicants_part"])
        self.assertNotEqual(loket_id, person["id"])

    def test_without_an_email_the_walk_in_follows_the_file_by_its_number(self):
        loket = World.officer("kampar", "loket")
        nik = new_nik("1406")
        person = self.walk_in(loket, full_name="Tanpa Surel", nik=nik, phone="081288889999")
        self.assertEqual((person["email"], person["link_mailed"]), (None, False), person)
        app_id = self.counter_file(loket, person["id"])
        first = loket.get(f"/api/v1/applications/{app_id}").json()["actions"][0]["code"]
        number = act(loket, app_id, first)["registration_number"]
        status = World.server.client().get("/api/v1/status?registration=" + urllib.parse.quote(number))
        self.assertEqual(status.status, 200, status)
        self.assertEqual(status.json()["registration_number"], number)
        # The same NIK again finds the account instead of making a second one.
        again = self.walk_in(loket, full_name="Tanpa Surel", nik=nik, phone="081288889999")
        self.assertEqual((again["id"], again["created"]), (person["id"], False), again)

    def test_an_officer_acts_for_walk_ins_of_their_own_office_only(self):
        loket = World.officer("kampar", "loket")
        person = self.walk_in(loket, full_name="Orang Kampar", nik=new_nik("1406"), phone="081211112222")
        fo = World.officer("purwakarta", "front_office")
        # Not Purwakarta's applicant, nor Purwakarta's permit to open at Kampar's counter.
        r = fo.post("/api/v1/applications", {"sop": "pwk-iptk", "data": harness.example_data(fo.port, "pwk-iptk"),
                                            "applicant_id": person["id"]})
        self.assertEqual((r.status, r.json()["code"]), (404, "not_found"), r)
        r = fo.post("/api/v1/applications", {"sop": "kpr-dokter", "data": harness.example_data(fo.port, "kpr-dokter"),
                                            "applicant_id": person["id"]})
        self.assertEqual(r.status, 403, r)
        app_id = self.counter_file(loket, person["id"])
        self.assertEqual(fo.get(f"/api/v1/applications/{app_id}").status, 404)
        r = fo.request("POST", f"/api/v1/applications/{app_id}/documents/ktp?filename=x.pdf",
                       raw=harness.small_pdf("x"), headers={"Content-Type": "application/pdf"})
        self.assertEqual(r.status, 404, r)
        # Other Kampar roles do not serve the counter.
        bidang = World.officer("kampar", "bidang")
        self.assertEqual(bidang.post("/api/v1/office/walk-ins", {"full_name": "X", "nik": new_nik("1406"),
                                                                 "phone": "081200000000"}).status, 403)
        r = bidang.request("POST", f"/api/v1/applications/{app_id}/documents/ktp?filename=x.pdf",
                           raw=harness.small_pdf("x"), headers={"Content-Type": "application/pdf"})
        self.assertEqual(r.status, 403, r)
        # Nor does the counter act as the applicant in a file the applicant opened online.
        online = register_applicant("kampar", "loket")
        own = open_application(online, "kpr-dokter")
        r = loket.request("POST", f"/api/v1/applications/{own}/documents/ktp?filename=x.pdf",
                          raw=harness.small_pdf("x"), headers={"Content-Type": "application/pdf"})
        self.assertEqual(r.status, 403, r)
        first = online.get(f"/api/v1/applications/{own}").json()["actions"][0]["code"]
        self.assertEqual(loket.post(f"/api/v1/applications/{own}/actions", {"action": first}).status, 403)
        # A walk-in needs a way to be reached, and a valid NIK.
        r = loket.post("/api/v1/office/walk-ins", {"full_name": "Tanpa Kontak", "nik": new_nik("1406")})
        self.assertEqual((r.status, r.json()["errors"][0]["field"]), (422, "phone"), r)
        r = loket.post("/api/v1/office/walk-ins", {"full_name": "NIK Salah", "nik": "123", "phone": "081200000000"})
        self.assertEqual((r.status, r.json()["errors"][0]["field"]), (422, "nik"), r)

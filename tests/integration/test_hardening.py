"""Findings of the outside security probe (docs/SECURITY.md, "Probe of 2026-12"), each checked
against the real server: hostile PDFs on the public verification endpoint, rate limits, ..."""
import re
import threading
import time
import unittest

import harness
from harness import decoded_subject, mail_body
from test_lifecycles import World, drive, new_nik, open_application, register_applicant, registration_id

ENV = None  # set by run.py


def nested_pdf(levels):
    """A one-page PDF whose page dictionary holds `<< /A << /A ... 1 >> ... >>`, `levels` deep:
    the shape that overflowed PoDoFo's stack (30,000 levels) or cost seconds of CPU (1,000)."""
    return harness.small_pdf("nested", " /X " + "<< /A " * levels + "1" + " >>" * levels)


class Issued:
    """One permit issued through the whole Purwakarta SOP, shared by the tests here."""
    app = None
    applicant = None

    @classmethod
    def get(cls):
        if cls.app is None:
            World.get()
            # Earlier modules end some of the shared officer sessions (sign-out, role changes).
            World.officers = {}
            cls.applicant = register_applicant("purwakarta", "front_office")
            app_id = open_application(cls.applicant, "pwk-iptk")
            cls.app = drive(cls.applicant, app_id)
            assert cls.app["outcome"] == "issued", cls.app
        return cls

    @classmethod
    def permit_code(cls):
        deadline = time.time() + 30
        while time.time() < deadline:
            docs = cls.applicant.get(f"/api/v1/applications/{cls.app['id']}").json()["generated_documents"]
            permits = [d for d in docs if d["kind"] == "izin" and d["status"] == "ready"]
            if permits:
                return permits[-1]["verify_code"]
            time.sleep(0.1)
        raise AssertionError("the permit was not produced")


class Base(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        World.get()

    def assertProblem(self, r, status, type_suffix):
        self.assertEqual(r.status, status, r)
        self.assertTrue(r.headers["content-type"].startswith("application/problem+json"), r.headers)
        p = r.json()
        self.assertEqual(p["type"], "/problems/" + type_suffix, p)
        self.assertTrue(p["detail"], p)
        return p

    def assertServerUp(self):
        self.assertEqual(World.server.proc.poll(), None, "the server process died")
        self.assertEqual(World.server.client().get("/healthz").status, 200)


class HostilePdfs(Base):
    """Finding 1: a deeply nested PDF posted to the public verification endpoint crashed the
    server (30,000 levels) or held a core for seconds (1,000 levels)."""

    @classmethod
    def setUpClass(cls):
        cls.code = Issued.get().permit_code()

    def post_check(self, pdf):
        start = time.time()
        r = World.server.client().request("POST", f"/api/v1/verify/{self.code}", raw=pdf,
                                           headers={"Content-Type": "application/pdf"})
        return r, time.time() - start

    def test_deep_nesting_on_the_public_endpoint_is_refused_at_once(self):
        for levels in (30_000, 1_000):
            r, took = self.post_check(nested_pdf(levels))
            p = self.assertProblem(r, 422, "invalid_file")
            self.assertIn("nests", p["detail"])
            self.assertLess(took, 1.0, f"{levels} levels took {took:.2f} s")
            self.assertServerUp()

    def test_many_at_once_do_not_stall_the_server(self):
        results = []

        def post():
            results.append(self.post_check(nested_pdf(1_000)))

        threads = [threading.Thread(target=post) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for r, took in results:
            self.assertProblem(r, 422, "invalid_file")
            self.assertLess(took, 1.0)
        start = time.time()
        self.assertServerUp()
        self.assertLess(time.time() - start, 1.0)

    def test_a_genuine_permit_still_verifies_afterwards(self):
        for levels in (30_000, 1_000):
            self.post_check(nested_pdf(levels))
        issued = Issued.applicant.get(f"/api/v1/applications/{Issued.app['id']}").json()["generated_documents"]
        permit = [d for d in issued if d["kind"] == "izin"][-1]
        pdf = Issued.applicant.get(f"/api/v1/applications/{Issued.app['id']}/generated-documents/{permit['id']}").body
        r, took = self.post_check(pdf)
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.json()["genuine"], r.json())

    def test_an_applicants_upload_is_refused_the_same_way(self):
        applicant = register_applicant("purwakarta", "front_office")
        app_id = open_application(applicant, "pwk-iptk")
        for levels in (30_000, 1_000):
            start = time.time()
            r = applicant.request("POST", f"/api/v1/applications/{app_id}/documents/ktp?filename=ktp.pdf",
                                  raw=nested_pdf(levels), headers={"Content-Type": "application/pdf"})
            self.assertProblem(r, 422, "invalid_file")
            self.assertLess(time.time() - start, 1.0)
            self.assertServerUp()


class RateLimits(Base):
    """The public verification upload and the account endpoints are limited per client address
    (at their real size here: this test has a server of its own)."""

    def test_the_verification_upload_is_limited_per_address(self):
        server = ENV.server(extra_env={"SATUPINTU_RATE_LIMIT_SCALE": "1"}, mail=False)
        try:
            c = server.client()
            statuses = []
            for _ in range(5):
                r = c.request("POST", "/api/v1/verify/TIDAKADA123", raw=harness.small_pdf(),
                              headers={"Content-Type": "application/pdf"})
                statuses.append(r.status)
            self.assertEqual(statuses, [404] * 5)
            r = c.request("POST", "/api/v1/verify/TIDAKADA123", raw=harness.small_pdf(),
                          headers={"Content-Type": "application/pdf"})
            self.assertProblem(r, 429, "rate_limited")
            self.assertGreaterEqual(int(r.headers["retry-after"]), 1)
            # Another public route has its own allowance.
            self.assertEqual(c.get("/api/v1/offices").status, 200)
        finally:
            server.stop()


def exec_sql(db_url, sql):
    if db_url.startswith("sqlite:"):
        import subprocess
        return subprocess.run(["sqlite3", db_url[len("sqlite:"):], sql], capture_output=True, text=True, check=True).stdout
    return ENV.pg.psql(db_url, sql)


class TextInput(Base):
    """Finding 2: a file name that is not UTF-8 was stored, after which every read of the
    application answered 500; a NUL in a form field cut the value printed on the permit."""

    @classmethod
    def setUpClass(cls):
        World.get()
        cls.applicant = register_applicant("purwakarta", "front_office")
        cls.app_id = open_application(cls.applicant, "pwk-iptk")

    def documents(self):
        return self.applicant.get(f"/api/v1/applications/{self.app_id}").json()["documents"]

    def test_a_file_name_that_is_not_utf8_is_refused_and_nothing_is_stored(self):
        before = self.documents()
        r = self.applicant.request("POST", f"/api/v1/applications/{self.app_id}/documents/ktp?filename=%ff%fe.pdf",
                                   raw=harness.small_pdf(), headers={"Content-Type": "application/pdf"})
        p = self.assertProblem(r, 422, "invalid_field")
        self.assertEqual(p["field"], "filename", p)
        self.assertEqual(self.documents(), before)
        self.assertEqual(World.officer("purwakarta", "front_office").get(f"/api/v1/applications/{self.app_id}").status, 200)

    def test_control_characters_in_query_and_body_are_refused(self):
        r = self.applicant.request("POST", f"/api/v1/applications/{self.app_id}/documents/ktp?filename=a%00b.pdf",
                                   raw=harness.small_pdf(), headers={"Content-Type": "application/pdf"})
        self.assertProblem(r, 422, "invalid_field")
        r = self.applicant.post("/api/v1/applications", {"sop": "pwk-iptk", "data": harness.example_data(
            self.applicant.port, "pwk-iptk", practice_place="Klinik\u0000Palsu")})
        p = self.assertProblem(r, 422, "invalid_field")
        self.assertEqual(p["field"], "data.practice_place", p)
        self.assertIn("NUL", p["detail"])
        r = self.applicant.post(f"/api/v1/applications/{self.app_id}/actions", {"action": "selesai", "note": "a\u001bb"})
        p = self.assertProblem(r, 422, "invalid_field")
        self.assertEqual(p["field"], "note", p)
        # Line breaks in a note are text.
        r = self.applicant.post("/api/v1/applications", {"sop": "pwk-iptk", "data": harness.example_data(
            self.applicant.port, "pwk-iptk", practice_address="Jl. Merdeka 1\nRT 02")})
        self.assertEqual(r.status, 201, r)

    def test_bytes_already_stored_never_make_a_read_or_an_action_fail(self):
        if ENV.backend != "sqlite":
            self.skipTest("PostgreSQL refuses to store invalid UTF-8 in the first place")
        applicant = register_applicant("purwakarta", "front_office")
        app_id = open_application(applicant, "pwk-iptk")
        # As the old server stored it: a file name that is not UTF-8.
        exec_sql(World.server.db, f"UPDATE documents SET filename = CAST(X'FFFE2E706466' AS TEXT) "
                                  f"WHERE application_id = {app_id}")
        r = applicant.get(f"/api/v1/applications/{app_id}")
        self.assertEqual(r.status, 200, r)
        self.assertIn("\ufffd", r.json()["documents"][0]["filename"])
        r = applicant.post(f"/api/v1/applications/{app_id}/actions", {"action": "selesai"})
        self.assertEqual(r.status, 200, r)
        fo = World.officer("purwakarta", "front_office")
        self.assertEqual(fo.get(f"/api/v1/applications/{app_id}").status, 200)
        self.assertEqual(fo.get(f"/api/v1/applications/{app_id}/timeline").status, 200)


def verification(code):
    return World.server.client().request("GET", f"/api/v1/verify/{code}", headers={"Accept": "application/json"}).json()


def wait_documents_ready(client, app_id):
    deadline = time.time() + 30
    while True:
        docs = client.get(f"/api/v1/applications/{app_id}").json()["generated_documents"]
        if all(d["status"] == "ready" for d in docs):
            return docs
        assert time.time() < deadline, docs
        time.sleep(0.1)


class WithdrawalEndsAtSignature(Base):
    """Finding 3: at Kampar's print and handover steps the applicant could still withdraw; the
    application closed as withdrawn while its signed permit stayed valid."""

    def test_no_withdrawal_once_the_permit_is_signed(self):
        applicant = register_applicant("kampar", "loket")
        app_id = open_application(applicant, "kpr-dokter")
        before = drive(applicant, app_id, stop_at_step=4)  # the head's signature
        view = applicant.get(f"/api/v1/applications/{app_id}").json()
        self.assertIn("withdrawn", [a["code"] for a in view["actions"]])
        after = drive(applicant, app_id, stop_at_step=5)  # printing, after the signature
        self.assertEqual(after["step"]["no"], 5, after)
        view = applicant.get(f"/api/v1/applications/{app_id}").json()
        self.assertNotIn("withdrawn", [a["code"] for a in view["actions"]])
        r = applicant.post(f"/api/v1/applications/{app_id}/actions", {"action": "withdrawn"})
        p = self.assertProblem(r, 409, "signed")
        self.assertIn("revocation", p["detail"])
        self.assertEqual(applicant.get(f"/api/v1/applications/{app_id}").json()["version"], view["version"])
        closed = drive(applicant, app_id)
        self.assertEqual(closed["outcome"], "issued")
        self.assertNotEqual(before["version"], closed["version"])

    def test_every_final_path_leaves_a_valid_permit_only_when_issued(self):
        for sop, office, approver in (("pwk-iptk", "purwakarta", "front_office"), ("kpr-dokter", "kampar", "loket")):
            paths = {"issued": (), "rejected": ("rekomendasi_negatif" if office == "purwakarta" else "tidak_memenuhi",)}
            for expected, detours in paths.items():
                applicant = register_applicant(office, approver)
                app_id = open_application(applicant, sop)
                app = drive(applicant, app_id, detours=detours)
                self.assertEqual(app["outcome"], expected, (sop, app))
                self.check_permits(World.officer(office, approver), app_id, sop, expected)
            # Withdrawn at the last step before the signature, when a draft permit exists.
            applicant = register_applicant(office, approver)
            app_id = open_application(applicant, sop)
            signing = 10 if office == "purwakarta" else 4
            drive(applicant, app_id, stop_at_step=signing)
            r = applicant.post(f"/api/v1/applications/{app_id}/actions", {"action": "withdrawn"})
            self.assertEqual(r.status, 200, r)
            self.check_permits(World.officer(office, approver), app_id, sop, "withdrawn")

    def check_permits(self, officer, app_id, sop, outcome):
        """Every permit document of the application, drafts included (the officer sees them)."""
        docs = wait_documents_ready(officer, app_id)
        states = [verification(d["verify_code"])["status"] for d in docs if d["kind"] == "izin" and d.get("verify_code")]
        valid = [s for s in states if s == "valid"]
        self.assertEqual(len(valid), 1 if outcome == "issued" else 0, (sop, outcome, states))


def registration(office, name, nik, email):
    return {"office": office, "full_name": name, "nik": nik, "email": email, "phone": "081200009999",
            "profession": "Perawat"}


class Enumeration(Base):
    """Finding 4: sign-in took 40-100 times longer for a known e-mail; registration said which
    e-mails and NIKs were registered, and a pending registration blocked a NIK's owner."""

    def test_sign_in_takes_as_long_for_unknown_accounts(self):
        applicant = register_applicant("purwakarta", "front_office")
        c = World.server.client()

        def timed(email):
            start = time.perf_counter()
            r = c.post("/api/v1/session", {"email": email, "password": "bukan-kata-sandinya"})
            self.assertEqual(r.status, 401, r)
            return time.perf_counter() - start

        known, unknown = [], []
        for i in range(4):  # under the throttle's allowance
            known.append(timed(applicant.email))
            unknown.append(timed(f"tidak.ada.{i}.{time.time_ns()}@uji.example"))
        known.sort()
        unknown.sort()
        ratio = known[1] / unknown[1]
        self.assertLess(ratio, 2.5, (known, unknown))
        self.assertGreater(ratio, 0.4, (known, unknown))
        c.login(applicant.email, "rahasia-pemohon-123")  # clears this address's failures

    def test_registration_answers_alike_and_mails_the_owner(self):
        anon = World.server.client()
        known = register_applicant("purwakarta", "front_office")
        fresh = f"baru.{time.time_ns()}@uji.example"
        answers = [
            anon.post("/api/v1/accounts", registration("purwakarta", "Orang Baru", new_nik(), fresh)),
            anon.post("/api/v1/accounts", registration("purwakarta", "Penyusup", new_nik(), known.email)),
            anon.post("/api/v1/accounts", registration("purwakarta", "Penyusup", known.nik, f"lain.{time.time_ns()}@uji.example")),
        ]
        for r in answers:
            self.assertEqual(r.status, 202, r)
        self.assertEqual({r.body for r in answers}, {answers[0].body}, "the answers tell the cases apart")
        self.assertNotIn(b"id", answers[0].body)
        ENV.smtp.wait_for(lambda m: fresh in (m["To"] or "") and "kami terima" in decoded_subject(m))
        ENV.smtp.wait_for(lambda m: known.email in (m["To"] or "") and "alamat e-mail Anda" in decoded_subject(m))
        ENV.smtp.wait_for(lambda m: known.email in (m["To"] or "") and "NIK Anda" in decoded_subject(m))
        # The known address's account is unchanged: its owner still signs in.
        World.server.client().login(known.email, "rahasia-pemohon-123")

    def test_a_pending_registration_never_blocks_the_niks_owner(self):
        nik = new_nik()
        anon = World.server.client()
        squatter = f"penyerobot.{time.time_ns()}@uji.example"
        owner = f"pemilik.{time.time_ns()}@uji.example"
        self.assertEqual(anon.post("/api/v1/accounts", registration("purwakarta", "Penyerobot", nik, squatter)).status, 202)
        self.assertEqual(anon.post("/api/v1/accounts", registration("purwakarta", "Pemilik NIK", nik, owner)).status, 202)
        fo = World.officer("purwakarta", "front_office")
        r = fo.post(f"/api/v1/office/accounts/{registration_id('purwakarta', owner)}/decision", {"approve": True})
        self.assertEqual(r.status, 200, r)
        # One active account per NIK: the other registration can only be refused now.
        r = fo.post(f"/api/v1/office/accounts/{registration_id('purwakarta', squatter)}/decision", {"approve": True})
        p = self.assertProblem(r, 409, "conflict")
        self.assertIn("NIK", p["detail"])

    def test_a_pending_registration_expires(self):
        email = f"lambat.{time.time_ns()}@uji.example"
        anon = World.server.client()
        self.assertEqual(anon.post("/api/v1/accounts", registration("purwakarta", "Lambat", new_nik(), email)).status, 202)
        old_id = registration_id("purwakarta", email)
        # Eight days pass without a decision (the office's limit is seven).
        exec_sql(World.server.db, f"UPDATE users SET created_at = created_at - 8 * 86400 WHERE id = {old_id}")
        items = World.officer("purwakarta", "admin").get("/api/v1/office/accounts?status=pending").json()["items"]
        self.assertNotIn(email, [a["email"] for a in items])
        r = World.officer("purwakarta", "front_office").post(f"/api/v1/office/accounts/{old_id}/decision", {"approve": True})
        self.assertProblem(r, 409, "conflict")
        # The address can register again.
        self.assertEqual(anon.post("/api/v1/accounts", registration("purwakarta", "Lambat", new_nik(), email)).status, 202)
        self.assertEqual(registration_id("purwakarta", email), old_id)


class MailFlood(Base):
    """Per account: mail that anyone can trigger for an address (password links, registration
    notices) is capped at three of a kind an hour, whatever the number of requests."""

    def test_password_links_are_capped_per_account(self):
        applicant = register_applicant("purwakarta", "front_office")
        c = World.server.client()
        for _ in range(6):
            self.assertEqual(c.post("/api/v1/accounts/password-reset", {"email": applicant.email}).status, 202)
        resets = lambda m: applicant.email in (m["To"] or "") and "Atur ulang" in decoded_subject(m)  # noqa: E731
        ENV.smtp.wait_for(lambda m: len([x for x in ENV.smtp.messages() if resets(x)]) >= 3)
        time.sleep(2)  # time for more to arrive, were they sent
        self.assertEqual(len([m for m in ENV.smtp.messages() if resets(m)]), 3)


class Lockout(Base):
    """Finding 6 (lockout): five failures locked an account for anyone who knew its e-mail, with no
    Retry-After, and the password reset did not lift it. This server trusts X-Forwarded-For,
    so two client addresses can be played."""

    def test_an_attacker_elsewhere_does_not_lock_the_owner_out(self):
        server = ENV.server(extra_env={"SATUPINTU_TRUST_FORWARDED_FOR": "1"})
        try:
            attacker, owner = server.client(), server.client()
            email = "loket@kampar.demo"
            statuses = [attacker.post("/api/v1/session", {"email": email, "password": "tebak-tebak"},
                                      headers={"X-Forwarded-For": "203.0.113.9"}).status for _ in range(6)]
            self.assertEqual(statuses[:5], [401] * 5)
            self.assertEqual(statuses[5], 429)
            r = attacker.post("/api/v1/session", {"email": email, "password": "tebak-tebak"},
                              headers={"X-Forwarded-For": "203.0.113.9"})
            self.assertProblem(r, 429, "too_many_attempts")
            self.assertGreaterEqual(int(r.headers["retry-after"]), 1)
            r = owner.post("/api/v1/session", {"email": email, "password": "satupintu-demo"},
                           headers={"X-Forwarded-For": "198.51.100.7"})
            self.assertEqual(r.status, 200, r)
        finally:
            server.stop()

    def test_the_reset_link_lets_the_owner_in(self):
        applicant = register_applicant("purwakarta", "front_office")
        c = World.server.client()
        for _ in range(5):
            c.post("/api/v1/session", {"email": applicant.email, "password": "salah-salah"})
        self.assertEqual(c.post("/api/v1/session", {"email": applicant.email, "password": "rahasia-pemohon-123"}).status, 429)
        self.assertEqual(c.post("/api/v1/accounts/password-reset", {"email": applicant.email}).status, 202)
        mail = ENV.smtp.wait_for(lambda m: applicant.email in (m["To"] or "") and "Atur ulang" in decoded_subject(m))[0]
        token = re.search(r"token=([A-Za-z0-9_-]+)", mail_body(mail)).group(1)
        self.assertEqual(c.post("/api/v1/accounts/password", {"token": token, "password": "kata-sandi-baru-789"}).status, 200)
        self.assertEqual(c.post("/api/v1/session", {"email": applicant.email, "password": "kata-sandi-baru-789"}).status, 200)


class SmallFindings(Base):
    """Finding 6: /metrics in public, no connection cap, error texts with library internals and
    in English only, drafts that claimed a signature, multipart uploads, unknown actions, and
    validity dates shown two ways."""

    def test_metrics_need_the_token(self):
        c = World.server.client()
        r = c.get("/metrics")
        self.assertProblem(r, 401, "unauthenticated")
        self.assertNotIn(b"satupintu_", r.body)
        r = c.get("/metrics", headers={"Authorization": "Bearer salah"})
        self.assertProblem(r, 401, "unauthenticated")
        self.assertIn("satupintu_http_requests_total", World.server.metrics())

    def test_connections_beyond_the_cap_wait_and_the_server_stays_up(self):
        import socket
        server = ENV.server(extra_env={"SATUPINTU_MAX_CONNECTIONS": "4"}, mail=False)
        idle = []
        try:
            for _ in range(4):
                idle.append(socket.create_connection(("127.0.0.1", server.port)))
            time.sleep(0.3)
            extra = socket.create_connection(("127.0.0.1", server.port))  # waits in the backlog
            extra.settimeout(1.0)
            extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            with self.assertRaises(socket.timeout):
                extra.recv(100)
            idle.pop().close()  # one closes: the waiting client is served
            extra.settimeout(5.0)
            self.assertIn(b"200", extra.recv(100))
            extra.close()
        finally:
            for s in idle:
                s.close()
            server.stop()

    def test_problems_carry_a_code_and_titles_in_both_languages(self):
        c = World.server.client()
        r = c.post("/api/v1/session", {"email": "x@uji.example", "password": "salah-salah"})
        p = self.assertProblem(r, 401, "bad_credentials")
        self.assertEqual(p["code"], "bad_credentials")
        self.assertEqual(p["title"], "Surel atau kata sandi salah")
        self.assertEqual(p["title_en"], "Wrong e-mail or password")
        r = c.post("/api/v1/session", {"email": "x@uji.example", "password": "salah-salah"},
                   headers={"Accept-Language": "en-US,en;q=0.9,id;q=0.5"})
        self.assertEqual(r.json()["title"], "Wrong e-mail or password")

    def test_a_damaged_pdf_is_refused_without_parser_internals(self):
        applicant = register_applicant("purwakarta", "front_office")
        app_id = open_application(applicant, "pwk-iptk")
        damaged = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
        r = applicant.request("POST", f"/api/v1/applications/{app_id}/documents/ktp?filename=ktp.pdf", raw=damaged,
                              headers={"Content-Type": "application/pdf"})
        p = self.assertProblem(r, 422, "invalid_file")
        self.assertNotIn("ePdfError", p["detail"])
        self.assertNotIn("PoDoFo", p["detail"])

    def test_a_multipart_upload_is_told_what_the_endpoint_expects(self):
        applicant = register_applicant("purwakarta", "front_office")
        app_id = open_application(applicant, "pwk-iptk")
        body = (b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ktp.pdf\"\r\n"
                b"Content-Type: application/pdf\r\n\r\n" + harness.small_pdf() + b"\r\n--b--\r\n")
        r = applicant.request("POST", f"/api/v1/applications/{app_id}/documents/ktp", raw=body,
                              headers={"Content-Type": "multipart/form-data; boundary=b"})
        p = self.assertProblem(r, 415, "unsupported_media_type")
        self.assertIn("request body", p["detail"])
        self.assertIn("?filename=", p["detail"])

    def test_an_unknown_action_lists_the_allowed_ones(self):
        applicant = register_applicant("purwakarta", "front_office")
        app_id = open_application(applicant, "pwk-iptk")
        r = applicant.post(f"/api/v1/applications/{app_id}/actions", {"action": "terbang"})
        p = self.assertProblem(r, 422, "unknown_action")
        self.assertIn("selesai", p["detail"])
        self.assertIn("withdrawn", p["detail"])

    def test_a_draft_permit_is_marked_on_every_page(self):
        applicant = register_applicant("purwakarta", "front_office")
        app_id = open_application(applicant, "pwk-iptk")
        drive(applicant, app_id, stop_at_step=10)  # drafted, verified, waiting for the head
        kasi = World.officer("purwakarta", "kasi")
        docs = wait_documents_ready(kasi, app_id)
        drafts = [d for d in docs if d["kind"] == "izin"]
        self.assertTrue(drafts, docs)
        pdf = kasi.get(f"/api/v1/applications/{app_id}/generated-documents/{drafts[-1]['id']}").body
        pages = harness.pdf_text(pdf).split("\f")
        for page in [p for p in pages if p.strip()]:
            self.assertIn("DRAF", page)
        self.assertNotIn("ditandatangani secara elektronik", harness.pdf_text(pdf))
        self.assertNotIn("Signature is Valid", harness.pdfsig(pdf))

    def test_verify_shows_the_validity_as_the_permit_prints_it(self):
        issued = Issued.get()
        code = issued.permit_code()
        v = verification(code)
        self.assertRegex(v["valid_until"], r"^\d{4}-\d{2}-\d{2}$")
        permit = [d for d in issued.applicant.get(f"/api/v1/applications/{issued.app['id']}").json()["generated_documents"]
                  if d["kind"] == "izin"][-1]
        text = " ".join(harness.pdf_text(
            issued.applicant.get(f"/api/v1/applications/{issued.app['id']}/generated-documents/{permit['id']}").body).split())
        self.assertIn("sampai dengan " + v["valid_until_text"], text)
        page = World.server.client().get(f"/verify/{code}").body.decode()
        self.assertIn(v["valid_until_text"], page)
        self.assertNotIn("T00:00", page)


class SeparationOfDuties(Base):
    """Finding 5: an office admin gave their own account the head's signing role and signed as
    the head, since the key belonged to the role."""

    def new_officer(self, name):
        admin = World.officer("purwakarta", "admin")
        email = f"{name.lower().replace(' ', '.')}.{time.time_ns()}@uji.example"
        r = admin.post("/api/v1/office/officers", {"full_name": name, "email": email, "roles": ["kasi"]})
        self.assertEqual(r.status, 201, r)
        mail = ENV.smtp.wait_for(lambda m: email in (m["To"] or ""))[0]
        token = re.search(r"token=([A-Za-z0-9_-]+)", mail_body(mail)).group(1)
        c = World.server.client()
        self.assertEqual(c.post("/api/v1/accounts/password", {"token": token, "password": "petugas-baru-123"}).status, 200)
        c.login(email, "petugas-baru-123")
        return r.json()["id"], c

    def test_nobody_changes_their_own_roles(self):
        admin = World.officer("purwakarta", "admin")
        me = admin.get("/api/v1/me").json()["id"]
        r = admin.request("PUT", f"/api/v1/office/officers/{me}/roles", {"roles": ["kepala_dinas"]})
        self.assertProblem(r, 403, "forbidden")
        self.assertEqual(admin.get("/api/v1/me").json()["roles"], [])

    def test_admins_do_not_appoint_admins_or_signers_directly(self):
        admin = World.officer("purwakarta", "admin")
        r = admin.post("/api/v1/office/officers", {"full_name": "Boneka", "email": f"boneka.{time.time_ns()}@uji.example",
                                                   "roles": [], "admin": True})
        self.assertProblem(r, 403, "forbidden")
        r = admin.post("/api/v1/office/officers", {"full_name": "Kepala Palsu", "email": f"palsu.{time.time_ns()}@uji.example",
                                                   "roles": ["kepala_dinas"]})
        self.assertProblem(r, 422, "invalid_field")

    def test_a_signing_role_needs_a_second_admin_and_signs_in_the_officers_own_name(self):
        officer_id, officer = self.new_officer("Pejabat Pengganti")
        admin = World.officer("purwakarta", "admin")
        r = admin.request("PUT", f"/api/v1/office/officers/{officer_id}/roles", {"roles": ["kasi", "kepala_dinas"]})
        self.assertEqual(r.status, 202, r)
        grant = r.json()["grant_id"]
        self.assertEqual(officer.get("/api/v1/me").json()["roles"], ["kasi"])
        self.assertProblem(admin.post(f"/api/v1/office/role-grants/{grant}/approval", {}), 403, "forbidden")
        second = World.second_admin("purwakarta")
        self.assertIn(grant, [g["id"] for g in second.get("/api/v1/office/role-grants").json()["items"]])
        r = second.post(f"/api/v1/office/role-grants/{grant}/approval", {})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(sorted(officer.get("/api/v1/me").json()["roles"]), ["kasi", "kepala_dinas"])
        self.assertProblem(second.post(f"/api/v1/office/role-grants/{grant}/approval", {}), 409, "conflict")
        # The new signer signs a permit: the signature carries their name, not the head's.
        applicant = register_applicant("purwakarta", "front_office")
        app_id = open_application(applicant, "pwk-iptk")
        view = drive(applicant, app_id, stop_at_step=10)
        r = officer.post(f"/api/v1/applications/{app_id}/actions", {"action": "ditandatangani", "version": view["version"]})
        self.assertEqual(r.status, 200, r)
        docs = wait_documents_ready(applicant, app_id)
        permit = [d for d in docs if d["kind"] == "izin"][-1]
        pdf = applicant.get(f"/api/v1/applications/{app_id}/generated-documents/{permit['id']}").body
        report = harness.pdfsig(pdf)
        self.assertIn("Signature is Valid", report)
        self.assertIn("Pejabat Pengganti", report)
        self.assertEqual(verification(permit["verify_code"])["signer"].count("Pejabat Pengganti"), 1)

    def test_the_operator_sets_a_signing_role_from_the_command_line(self):
        import os
        import subprocess
        officer_id, officer = self.new_officer("Pejabat Operator")
        email = officer.get("/api/v1/me").json()["email"]
        env = dict(os.environ, SATUPINTU_DATA_DIR=ENV.data_dir, SATUPINTU_PKI_DIR=os.path.join(ENV.workdir, "pki"))
        subprocess.run(ENV.command("officer", "roles", "--db", World.server.db, "--office", "purwakarta",
                        "--email", email, "--roles", "kasi,kepala_dinas"), check=True, env=env, stdout=subprocess.DEVNULL)
        deadline = time.time() + 10  # the server's session cache holds roles for up to 5 s
        while sorted(officer.get("/api/v1/me").json()["roles"]) != ["kasi", "kepala_dinas"]:
            self.assertLess(time.time(), deadline)
            time.sleep(0.5)

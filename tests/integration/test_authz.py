"""Walks tests/authz/matrix.yaml: every endpoint x every actor against a running server."""
import itertools
import os
import unittest

import yaml

import harness
from test_lifecycles import World, act, open_application, register_applicant, registration_id

ENV = None  # set by run.py
MATRIX = os.path.join(os.path.dirname(__file__), "..", "authz", "matrix.yaml")
_n = itertools.count(1)
ROLE_LOGINS = {"front_office", "back_office", "tim_teknis", "kasi", "kabid", "kepala_dinas"}


def future_tuesday(n):
    """A distinct working day years ahead for each call (no national holidays are defined that far)."""
    import datetime
    return (datetime.date(2031, 3, 4) + datetime.timedelta(weeks=n)).isoformat()


class Authorization(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        w = World.get()
        cls.port = w.server.port
        cls.applicant = register_applicant("purwakarta", "front_office")
        cls.other_applicant = register_applicant("purwakarta", "front_office")
        cls.shared_app = open_application(cls.applicant, "pwk-iptk")
        act(cls.applicant, cls.shared_app, "selesai")
        cls.doc_id = cls.applicant.get(f"/api/v1/applications/{cls.shared_app}").json()["documents"][0]["id"]
        cls.draft = open_application(cls.applicant, "pwk-iptk")
        cls.registration = cls.applicant.get(f"/api/v1/applications/{cls.shared_app}").json()["registration_number"]
        # A file the front office accepted has a receipt (a generated document).
        cls.receipt_app = cls.app_at(cls, 5)
        receipt = cls.applicant.get(f"/api/v1/applications/{cls.receipt_app}").json()["generated_documents"][0]
        cls.receipt_id, cls.receipt_code = receipt["id"], receipt["verify_code"]
        # A complaint to Purwakarta, filed without an account, with one attachment.
        cls.complaint = cls.new_complaint(cls)
        r = harness.Client(cls.port).request(
            "POST", f"/api/v1/complaints/{cls.complaint['number']}/attachments?filename=bukti.pdf",
            raw=harness.small_pdf("bukti"), headers={"Content-Type": "application/pdf",
                                                     "X-Complaint-Key": cls.complaint["attachment_key"]})
        assert r.status == 201, r
        cls.complaint_file = r.json()["id"]

    def new_complaint(self):
        n = next(_n)
        r = harness.Client(self.port).post("/api/v1/complaints", {
            "office": "purwakarta", "subject": "Antrean loket lama", "body": "Saya menunggu dua jam di loket.",
            "name": "Warga", "email": f"adu{n}.{os.getpid()}@authz.example"})
        assert r.status == 201, r
        receipt = r.json()
        listed = World.officer("purwakarta", "admin").get("/api/v1/office/complaints").json()["items"]
        receipt["id"] = next(c["id"] for c in listed if c["number"] == receipt["number"])
        return receipt

    def client(self, actor):
        c = harness.Client(self.port)
        if actor == "anonymous":
            return c
        if actor == "applicant":
            c.login(self.applicant.email, "rahasia-pemohon-123")
        elif actor == "other_applicant":
            c.login(self.other_applicant.email, "rahasia-pemohon-123")
        elif actor in ROLE_LOGINS:
            c.login(f"{actor}@purwakarta.demo")
        elif actor == "admin":
            c.login("admin@purwakarta.demo")
        elif actor == "other_office":
            c.login("loket@kampar.demo")
        return c

    def app_at(self, step):
        app_id = open_application(self.applicant, "pwk-iptk")
        act(self.applicant, app_id, "selesai")
        if step >= 5:
            act(World.officer("purwakarta", "front_office"), app_id, "lengkap")
        return app_id

    def pending_account(self):
        n = next(_n)
        email = f"calon{n}.{os.getpid()}@authz.example"
        r = harness.Client(self.port).post("/api/v1/accounts", {
            "office": "purwakarta", "full_name": f"Calon {n}", "nik": f"32140117029{n % 10}{n:04d}"[:16],
            "email": email, "phone": "081200000000", "profession": "Bidan"})
        assert r.status == 202, r
        return registration_id("purwakarta", email)

    def call(self, endpoint, c):  # noqa: C901 (one branch per endpoint)
        method, path = endpoint.split(" ", 1)
        n = next(_n)
        pdf = {"Content-Type": "application/pdf"}
        if endpoint == "GET /api/v1/offices/{office}/permits":
            return c.get("/api/v1/offices/purwakarta/permits")
        if endpoint == "GET /api/v1/offices/{office}/ikm":
            return c.get("/api/v1/offices/purwakarta/ikm")
        if endpoint == "GET /api/v1/sops/{code}/versions/{version}":
            return c.get("/api/v1/sops/pwk-iptk/versions/2")
        if endpoint == "GET /api/v1/sops/{code}/versions/{version}/bpmn":
            return c.get("/api/v1/sops/pwk-iptk/versions/2/bpmn")
        if endpoint == "GET /api/v1/sops/{code}/versions/{version}/sheet":
            return c.get("/api/v1/sops/pwk-iptk/versions/2/sheet?format=svg")
        if endpoint == "GET /api/v1/sops/{code}/versions":
            return c.get("/api/v1/sops/pwk-iptk/versions")
        if endpoint == "GET /api/v1/sops/{code}/versions/{version}/source":
            return c.get("/api/v1/sops/pwk-iptk/versions/2/source")
        if endpoint.startswith(("POST /api/v1/sops/{code}/", )):
            # The published version 2 as a draft: its version number is taken, so the admin's
            # publish and sheet are refused as invalid (422) and nothing is published here.
            source = harness.Client(self.port).get("/api/v1/sops/pwk-iptk/versions/2/source").body.decode()
            return c.post(path.replace("{code}", "pwk-iptk"), {"source": source})
        if endpoint == "PUT /api/v1/office/officers/{id}/roles":
            admin = World.officer("purwakarta", "admin")
            r = admin.post("/api/v1/office/officers", {"full_name": f"Petugas {n}", "email": f"peran{n}.{os.getpid()}@authz.example",
                                                       "roles": ["kasi"]})
            assert r.status == 201, r
            return c.request("PUT", f"/api/v1/office/officers/{r.json()['id']}/roles", {"roles": ["kasi", "kabid"]})
        if endpoint.startswith(("POST /api/v1/office/officers/{id}/", "PUT /api/v1/office/officers/{id}/nip")):
            # A fresh officer of Purwakarta for each call: the care of one never affects the next.
            admin = World.officer("purwakarta", "admin")
            r = admin.post("/api/v1/office/officers", {"full_name": f"Petugas {n}", "email": f"rawat{n}.{os.getpid()}@authz.example",
                                                       "roles": ["front_office"]})
            assert r.status == 201, r
            target = path.replace("{id}", str(r.json()["id"]))
            if method == "PUT":
                return c.request("PUT", target, {"nip": "197001012000031001"})
            return c.post(target, {})
        if endpoint == "POST /api/v1/me/offices/{office}/approval-request":
            # The fixtures' applicants stand approved at Purwakarta already: asking changes nothing
            # (asking Kampar would make them Kampar's applicants too, visible to its officers).
            return c.post("/api/v1/me/offices/purwakarta/approval-request", {})
        if endpoint == "GET /api/v1/office/role-grants":
            return c.get(path)
        if endpoint == "POST /api/v1/office/role-grants/{id}/approval":
            # Requested by the office's second admin, so the demo admin may approve it.
            admin = World.officer("purwakarta", "admin")
            r = admin.post("/api/v1/office/officers", {"full_name": f"Calon Kepala {n}",
                                                       "email": f"kepala{n}.{os.getpid()}@authz.example", "roles": ["kasi"]})
            assert r.status == 201, r
            r = World.second_admin("purwakarta").request("PUT", f"/api/v1/office/officers/{r.json()['id']}/roles",
                                                         {"roles": ["kasi", "kepala_dinas"]})
            assert r.status == 202, r
            return c.post(f"/api/v1/office/role-grants/{r.json()['grant_id']}/approval", {})
        if endpoint == "GET /api/v1/offices/{office}/closures":
            return c.get("/api/v1/offices/purwakarta/closures")
        if endpoint == "GET /api/v1/offices/{office}/calendar":
            return c.get("/api/v1/offices/purwakarta/calendar?month=2026-12")
        if endpoint == "POST /api/v1/office/closures":
            return c.post(path, {"date": future_tuesday(n), "name": "Uji penutupan"})
        if endpoint == "DELETE /api/v1/office/closures/{date}":
            day = future_tuesday(n)
            r = World.officer("purwakarta", "admin").post("/api/v1/office/closures", {"date": day, "name": "Uji"})
            assert r.status == 201, r
            return c.request("DELETE", f"/api/v1/office/closures/{day}")
        if endpoint == "GET /api/v1/status":
            return c.get("/api/v1/status?registration=" + harness.quote(self.registration))
        if endpoint == "POST /api/v1/accounts":
            return c.post(path, {"office": "kampar", "full_name": f"Pendaftar {n}", "nik": f"14060115029{n % 10}{n:04d}"[:16],
                                 "email": f"daftar{n}.{os.getpid()}@authz.example", "phone": "081200000001", "profession": "Perawat"})
        if endpoint == "POST /api/v1/accounts/password":
            return c.post(path, {"token": "not-a-real-token", "password": "kata-sandi-baru-123"})
        if endpoint == "POST /api/v1/accounts/password-reset":
            return c.post(path, {"email": "siapa@authz.example"})
        if endpoint == "POST /api/v1/session":
            return harness.Client(self.port).post(path, {"email": "budi@pemohon.demo", "password": "satupintu-demo"})
        if endpoint == "POST /api/v1/office/accounts/{id}/decision":
            return c.post(f"/api/v1/office/accounts/{self.pending_account()}/decision", {"approve": True})
        if endpoint == "POST /api/v1/office/walk-ins":
            return c.post(path, {"full_name": f"Pengunjung {n}", "nik": f"32140116029{n % 10}{n:04d}"[:16],
                                 "phone": "081200000003"})
        if endpoint == "POST /api/v1/office/officers":
            return c.post(path, {"full_name": f"Petugas {n}", "email": f"petugas{n}.{os.getpid()}@authz.example", "roles": ["kasi"]})
        if endpoint == "POST /api/v1/applications":
            return c.post(path, {"sop": "pwk-iptk", "data": harness.example_data(c.port, "pwk-iptk")})
        if endpoint == "POST /api/v1/verify/{code}":
            return c.request("POST", f"/api/v1/verify/{self.receipt_code}", raw=harness.small_pdf(), headers=pdf)
        if "{code}" in endpoint:
            return c.request(method, path.replace("{code}", self.receipt_code))
        if endpoint == "POST /api/v1/applications/{id}/generated-documents/{doc}/printed":
            return c.post(f"/api/v1/applications/{self.receipt_app}/generated-documents/{self.receipt_id}/printed", {})
        if endpoint == "POST /api/v1/applications/{id}/generated-documents/{doc}/handover":
            return c.post(f"/api/v1/applications/{self.receipt_app}/generated-documents/{self.receipt_id}/handover", {})
        if endpoint == "GET /api/v1/office-files":
            return c.get(path + "?list=siap_cetak")
        if endpoint == "POST /api/v1/applications/{id}/generated-documents/{doc}/revocation":
            return c.post(f"/api/v1/applications/{self.receipt_app}/generated-documents/{self.receipt_id}/revocation",
                          {"reason": "Uji pencabutan"})
        if endpoint == "GET /api/v1/applications/{id}/generated-documents/{doc}":
            return c.get(f"/api/v1/applications/{self.receipt_app}/generated-documents/{self.receipt_id}")
        if endpoint.startswith("GET /api/v1/applications/{id}/documents"):
            return c.get(f"/api/v1/applications/{self.shared_app}/documents/{self.doc_id}")
        if endpoint == "PUT /api/v1/applications/{id}/data":
            return c.request("PUT", f"/api/v1/applications/{self.draft}/data",
                             {"data": harness.example_data(c.port, "pwk-iptk", practice_hours=f"Senin {n}")})
        if endpoint.startswith("POST /api/v1/applications/{id}/documents"):
            return c.request("POST", f"/api/v1/applications/{self.draft}/documents/ktp?filename=ktp.pdf",
                             raw=harness.small_pdf(), headers=pdf)
        if endpoint == "POST /api/v1/applications/{id}/survey":
            # A file still running: its applicant is told it is not yet time (409), anyone else is refused.
            return c.post(f"/api/v1/applications/{self.shared_app}/survey", {
                "scores": [4, 4, 4, 4, 4, 4, 4, 4, 4], "gender": "perempuan", "age_band": "30_39", "education": "s1",
                "occupation": "swasta"})
        if endpoint in ("GET /api/v1/office/survey", "GET /api/v1/office/register"):
            return c.get(path + "?from=2026-12-01&to=2026-12-31")
        if endpoint in ("GET /api/v1/office/dashboard/export", "GET /api/v1/office/report/export"):
            return c.get(path + "?format=csv")
        if endpoint in ("GET /api/v1/office/register/export", "GET /api/v1/office/survey/export"):
            return c.get(path + "?from=2026-12-01&to=2026-12-31&format=csv")
        if endpoint == "POST /api/v1/complaints":
            return c.post(path, {"office": "purwakarta", "subject": "Pelayanan lambat", "body": "Berkas saya lama sekali.",
                                 "name": "Warga", "email": f"aduan{n}.{os.getpid()}@authz.example"})
        if endpoint == "GET /api/v1/complaints/{number}":
            return c.get(f"/api/v1/complaints/{self.complaint['number']}")
        if endpoint == "POST /api/v1/complaints/{number}/attachments":
            # The receipt's key is what lets a file in, whoever sends it; a full complaint says 409.
            return c.request("POST", f"/api/v1/complaints/{self.complaint['number']}/attachments?filename=b.pdf",
                             raw=harness.small_pdf("b"), headers={"Content-Type": "application/pdf",
                                                                  "X-Complaint-Key": self.complaint["attachment_key"]})
        if endpoint == "GET /api/v1/office/complaints/{id}":
            return c.get(f"/api/v1/office/complaints/{self.complaint['id']}")
        if endpoint == "GET /api/v1/office/complaints/{id}/attachments/{file}":
            return c.get(f"/api/v1/office/complaints/{self.complaint['id']}/attachments/{self.complaint_file}")
        if endpoint.startswith("POST /api/v1/office/complaints/{id}/"):
            # A fresh complaint each call: only the admin assigns, answers (nobody is assigned) and
            # closes (refused as unanswered: 409, let through).
            fresh = self.new_complaint()
            target = path.replace("{id}", str(fresh["id"]))
            if endpoint.endswith("/assignment"):
                officer = World.officer("purwakarta", "front_office").get("/api/v1/me").json()["id"]
                return c.post(target, {"officer_id": officer})
            if endpoint.endswith("/answer"):
                return c.post(target, {"answer": "Terima kasih, sudah kami tindak lanjuti."})
            return c.post(target, {})
        if endpoint == "POST /api/v1/notifications/{id}/read":
            return c.post("/api/v1/notifications/1099511627776/read", {})  # nobody's notice
        if endpoint == "POST /api/v1/applications/{id}/actions":
            return c.post(f"/api/v1/applications/{self.app_at(4)}/actions", {"action": "lengkap"})
        if endpoint == "POST /api/v1/applications/{id}/schedule":
            return c.post(f"/api/v1/applications/{self.app_at(5)}/schedule", {
                "kind": "rapat_kajian_teknis", "at": "2031-02-03T09:00+07:00", "place": "Ruang rapat", "members": ["A"]})
        path = path.replace("{id}", str(self.shared_app))
        return c.request(method, path)

    def test_matrix(self):
        spec = yaml.safe_load(open(MATRIX))
        actors = spec["actors"]
        routes = {f"{m} {p}" for m, p in harness_routes()}
        self.assertEqual(set(spec["matrix"]), routes, "the matrix must list every route exactly once")
        cells = 0
        for endpoint, row in spec["matrix"].items():
            expected = row.split()
            self.assertEqual(len(expected), len(actors), endpoint)
            for actor, want in zip(actors, expected):
                with self.subTest(endpoint=endpoint, actor=actor):
                    r = self.call(endpoint, self.client(actor))
                    cells += 1
                    denied = r.status in (401, 403, 404)
                    self.assertLess(r.status, 500, r)
                    self.assertEqual("D" if denied else "A", want, f"{endpoint} as {actor}: {r}")
                    if actor == "other_office" and not denied:
                        body = r.body.decode(errors="replace")
                        self.assertNotIn(self.applicant.email, body)
                        self.assertNotIn(self.registration, body) if endpoint != "GET /api/v1/status" else None
        self.assertGreaterEqual(cells, 26 * 11)


def harness_routes():
    import json
    import subprocess
    out = subprocess.run([ENV.binary, "routes", "--json"], check=True, capture_output=True, text=True).stdout
    return [(r["method"], r["path"]) for r in json.loads(out)]


class SecondOffice(unittest.TestCase):
    """The other direction, with Kampar's fixtures: every Purwakarta actor is denied every route
    that names a Kampar application, document or account, and Kampar's own officers are let in."""

    def test_purwakarta_sees_nothing_of_kampar(self):
        World.get()
        applicant = register_applicant("kampar", "loket")
        app_id = open_application(applicant, "kpr-dokter")
        view = applicant.get(f"/api/v1/applications/{app_id}").json()
        first = next(a["code"] for a in view["actions"])
        act(applicant, app_id, first)  # submitted: now at the counter (loket)
        loket = World.officer("kampar", "loket")
        act(loket, app_id, "lengkap")  # the receipt is planned; the file goes to the division
        detail = loket.get(f"/api/v1/applications/{app_id}").json()
        doc_id = detail["documents"][0]["id"]
        receipt = detail["generated_documents"][0]["id"]
        email = f"calon.kampar.{os.getpid()}@authz.example"
        pending = harness.Client(World.server.port).post("/api/v1/accounts", {
            "office": "kampar", "full_name": "Calon Kampar", "nik": f"140601150290{os.getpid() % 10000:04d}",
            "email": email, "phone": "081200000002", "profession": "Perawat"})
        self.assertEqual(pending.status, 202, pending)
        account = registration_id("kampar", email)
        requests = [
            ("GET", f"/api/v1/applications/{app_id}", None),
            ("GET", f"/api/v1/applications/{app_id}/status", None),
            ("GET", f"/api/v1/applications/{app_id}/timeline", None),
            ("GET", f"/api/v1/applications/{app_id}/documents/{doc_id}", None),
            ("GET", f"/api/v1/applications/{app_id}/generated-documents/{receipt}", None),
            ("POST", f"/api/v1/applications/{app_id}/generated-documents/{receipt}/printed", {}),
            ("POST", f"/api/v1/applications/{app_id}/generated-documents/{receipt}/handover", {}),
            ("POST", f"/api/v1/applications/{app_id}/generated-documents/{receipt}/revocation", {"reason": "x"}),
            ("POST", f"/api/v1/applications/{app_id}/actions", {"action": "terverifikasi"}),
            ("POST", f"/api/v1/applications/{app_id}/schedule", {
                "kind": "rapat_kajian_teknis", "at": "2031-02-03T09:00+07:00", "place": "R", "members": ["A"]}),
            ("POST", f"/api/v1/office/accounts/{account}/decision", {"approve": True}),
        ]
        for actor in sorted(ROLE_LOGINS) + ["admin"]:
            # A fresh sign-in: other tests expire the shared officers' sessions on purpose.
            c = harness.Client(World.server.port)
            c.login(f"{actor}@purwakarta.demo")
            for method, path, body in requests:
                with self.subTest(actor=actor, path=path):
                    r = c.request(method, path, body)
                    self.assertIn(r.status, (403, 404), f"{actor} {method} {path}: {r}")
        # Kampar's own staff see the file (reads), so the fixtures are real.
        for role in ("loket", "bidang", "kepala_dinas", "admin"):
            self.assertEqual(World.officer("kampar", role).get(f"/api/v1/applications/{app_id}").status, 200, role)
        # The Kampar registration still waits for its e-mail's confirmation: none of the refused
        # decisions went through.
        pending_now = loket.get("/api/v1/office/accounts?status=unconfirmed").json()["items"]
        self.assertIn(account, [a["id"] for a in pending_now])

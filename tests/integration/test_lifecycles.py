"""Full lifecycles of all five seed SOPs over HTTP against a real `satupintu serve`:
the happy path, a returned file, a rejection and a verification send-back, with the mail that
each sends arriving at a real SMTP sink."""
import datetime
import itertools
import json
import re
import subprocess
import hashlib
import time
import unittest

import harness
from harness import decoded_subject, mail_body

ENV = None  # set by run.py
_serial = itertools.count(1)

# Outcomes that leave the main path; the driver takes them only when a test asks.
DETOURS = {"tidak_lengkap", "rekomendasi_negatif", "tidak_memenuhi", "dikembalikan", "ditolak", "withdrawn"}


class World:
    """One server with demo officers, shared by the tests of a backend."""

    server = None
    officers = {}

    @classmethod
    def get(cls):
        if cls.server is None:
            cls.server = ENV.server()
        return cls

    @classmethod
    def officer(cls, office, role):
        key = (office, role)
        if key not in cls.officers:
            c = cls.server.client()
            c.login(f"{role}@{office}.demo")
            cls.officers[key] = c
        return cls.officers[key]

    @classmethod
    def second_admin(cls, office):
        """A second admin of the office, appointed by the deployment operator on the command line
        (admins never appoint admins), signed in after setting a password from the mailed link."""
        key = (office, "second_admin")
        if key not in cls.officers:
            import os
            email = f"admin2.{os.getpid()}.{time.time_ns()}.{office}@uji.example"
            env = dict(os.environ, SATUPINTU_DATA_DIR=ENV.data_dir, SATUPINTU_PKI_DIR=os.path.join(ENV.workdir, "pki"))
            subprocess.run(ENV.command("officer", "add-admin", "--db", cls.server.db, "--office", office,
                            "--name", "Admin Kedua", "--email", email), check=True, env=env, stdout=subprocess.DEVNULL)
            mail = ENV.smtp.wait_for(lambda m: email in (m["To"] or ""))[0]
            token = re.search(r"token=([A-Za-z0-9_-]+)", mail_body(mail)).group(1)
            c = cls.server.client()
            r = c.post("/api/v1/accounts/password", {"token": token, "password": "admin-kedua-123"})
            assert r.status == 200, r
            c.login(email, "admin-kedua-123")
            cls.officers[key] = c
        return cls.officers[key]

    @classmethod
    def stop(cls):
        if cls.server:
            code = cls.server.stop()
            cls.server = None
            cls.officers = {}
            return code
        return 0


def new_nik(province_regency="3214"):
    n = next(_serial)
    return f"{province_regency}01150190{n:04d}"


def registration_id(office, email, status=None):
    """The id of the registration of `email`, as the office's admin sees it: the public answer to
    a registration never carries one (it must not tell new addresses from known ones). Waiting
    for approval where the office's SOP has account steps (Purwakarta), else for the e-mail's
    confirmation (Kampar)."""
    status = status or ("pending" if office == "purwakarta" else "unconfirmed")
    items = World.officer(office, "admin").get(f"/api/v1/office/accounts?status={status}").json()["items"]
    found = [a["id"] for a in items if a["email"] == email]
    assert found, f"no {status} registration of {email}"
    return found[0]


def register_applicant(office, approver_role):
    w = World.get()
    n = next(_serial)
    email = f"pemohon{n}@uji.example"
    anon = w.server.client()
    nik = new_nik("3214" if office == "purwakarta" else "1406")
    r = anon.post("/api/v1/accounts", {"office": office, "full_name": f"Pemohon Uji {n}", "nik": nik,
                                       "email": email, "phone": "0812-3456-78" + f"{n % 100:02d}",
                                       "profession": "Dokter"})
    assert r.status == 202, r
    approval = office == "purwakarta"  # its SOP has the account steps; Kampar's has none
    assert r.json()["approval_required"] == approval, r
    user_id = registration_id(office, email)
    approver = World.officer(office, approver_role)
    listed = approver.get(f"/api/v1/office/accounts?status={'pending' if approval else 'unconfirmed'}").json()["items"]
    mine = [a for a in listed if a["id"] == user_id]
    assert mine, listed
    assert mine[0]["phone"] == "+62812345678" + f"{n % 100:02d}", mine  # typed with dashes, stored in one form
    if approval:
        # Purwakarta's SOP step 2 gives the approval 1 working hour from the request.
        assert mine[0]["approval_due_at"] > mine[0]["approval_requested_at"], mine
        r = approver.post(f"/api/v1/office/accounts/{user_id}/decision", {"approve": True})
        assert r.status == 200, r
        mails = ENV.smtp.wait_for(lambda m: email in (m["To"] or "") and "disetujui" in decoded_subject(m))
    else:
        # Nothing to approve: the registration's own mail carries the link that activates it.
        assert mine[0]["approval_due_at"] is None, mine
        r = approver.post(f"/api/v1/office/accounts/{user_id}/decision", {"approve": True})
        assert r.status == 409, r
        mails = ENV.smtp.wait_for(lambda m: email in (m["To"] or "") and "Aktifkan" in decoded_subject(m))
    body = mail_body(mails[0])
    assert "kata sandi" in body.lower()
    token = re.search(r"token=([A-Za-z0-9_-]+)", body).group(1)
    r = anon.post("/api/v1/accounts/password", {"token": token, "password": "rahasia-pemohon-123"})
    assert r.status == 200, r
    # The link works once only.
    r = anon.post("/api/v1/accounts/password", {"token": token, "password": "rahasia-lain-4567"})
    assert r.status == 400, r
    c = w.server.client()
    c.login(email, "rahasia-pemohon-123")
    c.email = email
    c.nik = nik
    return c


def open_application(applicant, sop):
    permits = World.server.client().get(f"/api/v1/offices/{sop_office(sop)}/permits").json()["items"]
    permit = next(p for p in permits if p["sop"] == sop)
    r = applicant.post("/api/v1/applications", {"sop": sop, "data": harness.example_data(applicant.port, sop)})
    assert r.status == 201, r
    app = r.json()
    for q in permit["requirements"]:
        if q["mandatory"]:
            r = applicant.request("POST", f"/api/v1/applications/{app['id']}/documents/{q['code']}?filename={q['code']}.pdf",
                                  raw=harness.small_pdf(q["name"]), headers={"Content-Type": "application/pdf"})
            assert r.status == 201, r
    return app["id"]


def sop_office(sop):
    return "purwakarta" if sop.startswith("pwk") else "kampar"


def act(client, app_id, action, expect=200, **extra):
    body = {"action": action}
    body.update(extra)
    r = client.post(f"/api/v1/applications/{app_id}/actions", body)
    assert r.status == expect, f"{action}: {r}"
    return r.json()


def drive(applicant, app_id, detours=(), stop_at_phase=None, stop_at_step=None, stop_after_detours=False):
    """Acts as whoever holds the current step until the application closes (or reaches the
    phase or step number given, or has taken every detour when stop_after_detours). `detours`
    are outcome codes to take once each when offered (returns, refusals, send-backs)."""
    pending = list(detours)
    office = None
    for _ in range(40):
        app = applicant.get(f"/api/v1/applications/{app_id}").json()
        office = app["office"]
        if app["phase"] == "closed" or app["phase"] == stop_at_phase or (
                stop_at_step is not None and app["phase"] == "at_step" and app["step"]["no"] == stop_at_step):
            return app
        if app["phase"] == "with_applicant":
            # As an applicant must: every returned document replaced, then resubmitted.
            for q in {r["requirement"] for r in app["return_reasons"]}:
                r = applicant.request("POST", f"/api/v1/applications/{app_id}/documents/{q}?filename={q}-baru.pdf",
                                      raw=harness.small_pdf("baru"), headers={"Content-Type": "application/pdf"})
                assert r.status == 201, r
            act(applicant, app_id, "resubmitted")
            continue
        role = app["step"]["actor"]
        client = applicant if role == "pemohon" else World.officer(office, role)
        view = client.get(f"/api/v1/applications/{app_id}").json()
        assert "actions" in view, f"{role} cannot see application {app_id}: {view}"
        codes = [a["code"] for a in view["actions"]]
        choice = next((d for d in pending if d in codes), None)
        report = {"findings": ["Ruang praktik tersedia dan layak", "Peralatan sesuai standar"],
                  "conclusion": "Memenuhi persyaratan", "members": ["dr. Anwar (Dinas Kesehatan)"]}
        if choice:
            pending.remove(choice)
            extra = {"note": f"alasan {choice}"}
            if any(a["code"] == choice and a["report_required"] for a in view["actions"]):
                extra["report"] = dict(report, conclusion="Tidak memenuhi persyaratan")
            if any(a["code"] == choice and a["returns_file"] for a in view["actions"]):
                extra["reasons"] = [{"requirement": view["requirements"][-1]["code"] if view["requirements"][-1]["mandatory"]
                                     else view["requirements"][0]["code"], "reason": "Dokumen tidak terbaca"}]
            act(client, app_id, choice, version=view["version"], **extra)
            if stop_after_detours and not pending:
                return applicant.get(f"/api/v1/applications/{app_id}").json()
            continue
        forward = [c for c in codes if c not in DETOURS]
        assert forward, f"no forward action at step {app['step']['no']}: {codes}"
        if app["step"]["code"] == "entri_data_teknis":
            # A minute from now (office hours on the run's clock); the clock then passes it, as
            # the team's report is filed only once the inspection has taken place.
            at = (harness.now() + datetime.timedelta(minutes=1)).isoformat(timespec="seconds")
            r = client.post(f"/api/v1/applications/{app_id}/schedule", {
                "kind": "peninjauan_lapangan", "at": at, "place": "Lokasi praktik",
                "members": ["dr. Anwar (Dinas Kesehatan)", "Ir. Sari (DPMPTSP)"]})
            assert r.status == 201, r
            harness.advance(120)
        extra = {}
        if any(a["code"] == forward[0] and a["report_required"] for a in view["actions"]):
            extra["report"] = report
        act(client, app_id, forward[0], version=view["version"], **extra)
    raise AssertionError("the application did not close")


class Lifecycles(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        World.get()

    def applicant(self, sop):
        return register_applicant(sop_office(sop), "front_office" if sop.startswith("pwk") else "loket")

    def mails_to(self, email, word):
        return ENV.smtp.wait_for(lambda m: email in (m["To"] or "") and word in decoded_subject(m).lower())

    def documents(self, client, app_id, kinds):
        """Waits until the generated documents of these kinds are ready; returns kind -> text."""
        deadline = time.time() + 30
        while True:
            docs = client.get(f"/api/v1/applications/{app_id}").json()["generated_documents"]
            ready = {d["kind"]: d for d in docs}  # the latest of each kind
            if all(k in ready for k in kinds) and all(d["status"] == "ready" for d in docs):
                break
            self.assertLess(time.time(), deadline, f"documents not produced: {kinds} in {docs}")
            time.sleep(0.1)
        texts = {}
        for k in kinds:
            r = client.get(f"/api/v1/applications/{app_id}/generated-documents/{ready[k]['id']}")
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.headers["content-type"], "application/pdf")
            # Saved under its kind and registration number, never as the database id.
            self.assertRegex(r.headers["content-disposition"], rf'^inline; filename="{k}-[0-9A-Za-z-]+\.pdf"; filename\*=')
            self.assertEqual(hashlib.sha256(r.body).hexdigest(), ready[k]["sha256"])
            texts[k] = harness.pdf_text(r.body)
            if ready[k]["signed"]:
                report = harness.pdfsig(r.body)
                self.assertIn("Signature is Valid", report)
                self.assertIn("Total document signed", report)
                texts[k + ".pdfsig"] = report
        return texts

    def check_issued(self, applicant, app):
        self.assertEqual(app["outcome"], "issued")
        self.assertTrue(app["permit_number"])
        mine = next(m for m in applicant.get("/api/v1/applications").json()["items"] if m["id"] == app["id"])
        self.assertEqual(mine["progress"]["position"], mine["progress"]["steps"])
        self.assertIsNone(mine["returned"])
        texts = self.documents(applicant, app["id"], ["tanda_terima", "izin"])
        self.assertIn(app["registration_number"], texts["tanda_terima"])
        self.assertIn("Pemohon Uji", texts["tanda_terima"])
        self.assertIn(app["permit_number"], texts["izin"])
        self.assertIn("ETSI.CAdES.detached", texts["izin.pdfsig"])  # the issued permit is signed
        # The permit prints its own form's data, labelled by the form: a facility's NIB on the
        # optician permit, a practitioner's STR on the others.
        permit = applicant.get(f"/api/v1/sops/{app['sop']}/versions/{app['sop_version']}").json()
        printed = " ".join(texts["izin"].split())
        fields = {f["key"]: f for s in permit["form"]["sections"] for f in s["fields"]}
        for f in fields.values():
            value = app["data"].get(f["key"])
            if f["on_permit"] and isinstance(value, str) and f["type"] != "choice":
                self.assertIn(value[:20], printed, f["key"])  # a long value wraps; its start is on one line
        self.assertEqual(texts["izin"].count("\x0c"), 1, "the permit is one page")
        self.assertIn("Ditetapkan di " + ("Bangkinang" if app["office"] == "kampar" else "Purwakarta"), printed)
        if app["sop"] == "pwk-optikal":
            self.assertIn("Nomor Induk Berusaha (NIB) : " + app["data"]["nib"], printed)
            self.assertNotIn("Nomor STR :", printed)
        else:
            self.assertIn(fields["str_number"]["label"]["id"] + " : " + app["data"]["str_number"], printed)
        self.mails_to(applicant.email, "tanda terima")
        self.mails_to(applicant.email, "telah terbit")
        timeline = applicant.get(f"/api/v1/applications/{app['id']}/timeline").json()["events"]
        self.assertEqual(timeline[0]["kind"], "created")
        acted = [e for e in timeline if e["kind"] == "acted"]
        self.assertTrue(all(e["elapsed_working_minutes"] is not None for e in acted))
        self.check_verification(applicant, app)

    def check_verification(self, applicant, app):
        """The permit's QR code leads to a public page; the holder's PDF checks as genuine, a changed one not."""
        permit = [d for d in applicant.get(f"/api/v1/applications/{app['id']}").json()["generated_documents"]
                  if d["kind"] == "izin"][-1]
        public = World.server.client()
        page = public.get(f"/verify/{permit['verify_code']}")
        self.assertEqual(page.status, 200, page)
        self.assertTrue(page.headers["content-type"].startswith("text/html"))
        html = page.body.decode()
        self.assertIn("Dokumen sah dan berlaku", html)
        self.assertIn(app["permit_number"], html)
        v = public.request("GET", f"/verify/{permit['verify_code']}", headers={"Accept": "application/json"}).json()
        self.assertEqual(v["status"], "valid")
        self.assertEqual(v["verdict"], "valid")
        self.assertEqual(v["permit_number"], app["permit_number"])
        self.assertTrue(v["signed"])
        # The signer by name and title, never as the certificate's raw subject.
        self.assertTrue(v["signer_name"] and v["signer_title"], v)
        self.assertIn(f"{v['signer_name']}, {v['signer_title']}", html)
        self.assertNotIn("CN=", html)
        for private in (applicant.email, applicant.nik, "STR-123456", "Jl. Merdeka", "08123456"):
            self.assertNotIn(private, html)
            self.assertNotIn(private, json.dumps(v))
        pdf = applicant.get(f"/api/v1/applications/{app['id']}/generated-documents/{permit['id']}").body
        check = public.request("POST", f"/api/v1/verify/{permit['verify_code']}", raw=pdf,
                               headers={"Content-Type": "application/pdf"}).json()
        self.assertTrue(check["genuine"], check)
        self.assertEqual(check["verdict"], "identical_valid")
        self.assertTrue(check["upload"]["signature"]["trusted"], check)
        # An unsigned receipt is on record, and its holder's copy is the issued one; neither
        # answer may read as a valid signature.
        receipt = [d for d in applicant.get(f"/api/v1/applications/{app['id']}").json()["generated_documents"]
                   if d["kind"] == "tanda_terima"][-1]
        rv = public.request("GET", f"/verify/{receipt['verify_code']}", headers={"Accept": "application/json"}).json()
        self.assertEqual((rv["verdict"], rv["signed"]), ("valid_unsigned", False), rv)
        self.assertIn("tanpa tanda tangan elektronik", public.get(f"/verify/{receipt['verify_code']}").body.decode())
        receipt_pdf = applicant.get(f"/api/v1/applications/{app['id']}/generated-documents/{receipt['id']}").body
        rc = public.request("POST", f"/api/v1/verify/{receipt['verify_code']}", raw=receipt_pdf,
                            headers={"Content-Type": "application/pdf"}).json()
        self.assertEqual(rc["verdict"], "identical_valid_unsigned", rc)
        # Someone else's file under this code: one verdict, that it is not the issued document.
        other = public.request("POST", f"/api/v1/verify/{permit['verify_code']}", raw=receipt_pdf,
                               headers={"Content-Type": "application/pdf"}).json()
        self.assertEqual((other["verdict"], other["genuine"]), ("not_issued", False), other)
        changed = bytearray(pdf)
        changed[len(changed) // 3] ^= 1
        r = public.request("POST", f"/api/v1/verify/{permit['verify_code']}", raw=bytes(changed),
                           headers={"Content-Type": "application/pdf"})
        if r.status == 200:
            self.assertFalse(r.json()["genuine"])
            self.assertFalse(r.json()["upload"]["identical"])
        else:  # the flipped byte broke the file's structure: refused as unreadable, never genuine
            self.assertEqual(r.status, 422, r)
        self.assertEqual(public.get("/verify/TIDAKADA123").status, 404)
        # Print and handover: the officer's print and the applicant's download are on record.
        clerk = World.officer(app["office"], "front_office" if app["office"] == "purwakarta" else "loket")
        r = clerk.post(f"/api/v1/applications/{app['id']}/generated-documents/{permit['id']}/printed", {})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["print_count"], 1)
        r = applicant.post(f"/api/v1/applications/{app['id']}/generated-documents/{permit['id']}/printed", {})
        self.assertEqual(r.status, 403, r)
        doc = [d for d in applicant.get(f"/api/v1/applications/{app['id']}").json()["generated_documents"]
               if d["id"] == permit["id"]][0]
        self.assertIsNotNone(doc["printed_at"])
        self.assertIsNotNone(doc["delivered_at"])  # the applicant downloaded it above
        kinds = [e["kind"] for e in applicant.get(f"/api/v1/applications/{app['id']}/timeline").json()["events"]]
        self.assertIn("printed", kinds)
        # One delivery event per document the applicant received, however often they download it.
        received = [d for d in applicant.get(f"/api/v1/applications/{app['id']}").json()["generated_documents"]
                    if d["delivered_at"]]
        self.assertEqual(kinds.count("delivered"), len(received))
        # Revocation: only the office's admin, with a reason; the public page then says so.
        r = clerk.post(f"/api/v1/applications/{app['id']}/generated-documents/{permit['id']}/revocation",
                       {"reason": "Izin dicabut"})
        self.assertEqual(r.status, 403, r)
        admin = World.officer(app["office"], "admin")
        r = admin.post(f"/api/v1/applications/{app['id']}/generated-documents/{permit['id']}/revocation",
                       {"reason": "Tempat praktik ditutup"})
        self.assertEqual(r.status, 200, r)
        v = public.request("GET", f"/verify/{permit['verify_code']}", headers={"Accept": "application/json"}).json()
        self.assertEqual(v["status"], "revoked")
        self.assertEqual(v["revoked_reason"], "Tempat praktik ditutup")
        self.assertIn("Dokumen telah dicabut", public.get(f"/verify/{permit['verify_code']}").body.decode())
    def run_happy(self, sop):
        a = self.applicant(sop)
        app_id = open_application(a, sop)
        app = drive(a, app_id)
        self.check_issued(a, app)
        status = World.server.client().get("/api/v1/status?registration=" + harness.quote(app["registration_number"]))
        self.assertEqual(status.status, 200)
        text = status.body.decode()
        for private in (a.email, a.nik, "Pemohon Uji", "STR-123456", "Jl. Merdeka", "08123456"):
            self.assertNotIn(private, text)

    def run_returned(self, sop):
        a = self.applicant(sop)
        app_id = open_application(a, sop)
        app = drive(a, app_id, detours=["tidak_lengkap"], stop_at_phase="with_applicant")
        self.assertEqual(app["phase"], "with_applicant")
        self.assertIsNone(app["deadline"])  # the clock stops
        self.assertEqual(len(app["return_reasons"]), 1)
        mail = self.mails_to(a.email, "dikembalikan")[0]
        self.assertIn("Dokumen tidak terbaca", mail_body(mail))
        letter = self.documents(a, app_id, ["surat_pengembalian"])["surat_pengembalian"]
        self.assertIn("Dokumen tidak terbaca", letter)
        # The front office's own note is kept beside the reasons: in the letter, the mail and the history.
        self.assertIn("Catatan petugas: alasan tidak_lengkap", letter)
        self.assertIn("Catatan petugas: alasan tidak_lengkap", mail_body(mail))
        events = a.get(f"/api/v1/applications/{app_id}/timeline").json()["events"]
        returned = [e for e in events if e["action"] == "tidak_lengkap"][-1]
        self.assertEqual((returned["note"], returned["action_label"] != ""), ("alasan tidak_lengkap", True), returned)
        q = app["return_reasons"][0]["requirement"]
        # The applicant's own list says what to fix: the requirement by name, the reason, the note.
        mine = next(m for m in a.get("/api/v1/applications").json()["items"] if m["id"] == app_id)
        back = mine["returned"]
        self.assertEqual(back["note"], "alasan tidak_lengkap")
        self.assertEqual([(r["requirement"], r["reason"]) for r in back["reasons"]],
                         [(x["requirement"], x["reason"]) for x in app["return_reasons"]])
        self.assertEqual(back["reasons"][0]["requirement_name"],
                         next(x["name"] for x in app["requirements"] if x["code"] == q))
        self.assertTrue(0 < mine["progress"]["position"] < mine["progress"]["steps"], mine["progress"])
        self.assertTrue(mine["step"]["title"] and "_" not in mine["step"]["title"], mine["step"])
        # Not resubmitted before the returned document is replaced; the refusal names it.
        r = a.post(f"/api/v1/applications/{app_id}/actions", {"action": "resubmitted"})
        self.assertEqual(r.status, 422, r)
        self.assertEqual(r.json()["code"], "documents_not_replaced")
        name = next(x["name"] for x in app["requirements"] if x["code"] == q)
        self.assertIn(name, r.json()["detail"])
        self.assertEqual(r.json()["items"], [q])  # the codes, for a client's own words
        r = a.request("POST", f"/api/v1/applications/{app_id}/documents/{q}?filename=baru.pdf",
                      raw=harness.small_pdf("ganti"), headers={"Content-Type": "application/pdf"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["revision"], 2)
        # The returned file's form data is corrected too, checked as on creation, and the permit
        # prints the corrected value.
        permit = a.get(f"/api/v1/sops/{sop}/versions/{app['sop_version']}").json()
        field = next(f for s in permit["form"]["sections"] for f in s["fields"]
                     if f["on_permit"] and f["type"] == "text" and f["key"] in app["data"])
        data = dict(app["data"], **{field["key"]: "Dikoreksi " + app["data"][field["key"]]})
        bad = a.request("PUT", f"/api/v1/applications/{app_id}/data", {"data": dict(data, **{field["key"]: ""})})
        self.assertEqual(bad.status, 422, bad)
        self.assertEqual(bad.json()["errors"][0]["rule"], "required")
        r = a.request("PUT", f"/api/v1/applications/{app_id}/data", {"data": data})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["data"][field["key"]], data[field["key"]])
        events = a.get(f"/api/v1/applications/{app_id}/timeline").json()["events"]
        self.assertEqual([e for e in events if e["kind"] == "data_corrected"][-1]["details"]["fields"], [field["key"]], events)
        # Resubmitted, the file is marked in the returning step's worklist as back from the applicant.
        back_at = drive(a, app_id, stop_at_step=app["step"]["no"])
        officer = World.officer(back_at["office"], back_at["step"]["actor"])
        item = next(i for i in officer.get("/api/v1/worklist").json()["items"] if i["id"] == app_id)
        self.assertEqual((item["arrived"], item["arrived_from"], item["new"]), ("resubmitted", None, True), item)
        issued = drive(a, app_id)
        self.check_issued(a, issued)
        self.assertEqual(issued["data"][field["key"]], data[field["key"]])
        late = a.request("PUT", f"/api/v1/applications/{app_id}/data", {"data": data})
        self.assertEqual(late.status, 409, late)

    def run_rejected(self, sop):
        a = self.applicant(sop)
        app_id = open_application(a, sop)
        refusal = "rekomendasi_negatif" if sop.startswith("pwk") else "tidak_memenuhi"
        app = drive(a, app_id, detours=[refusal])
        self.assertEqual(app["outcome"], "rejected")
        self.assertIsNone(app["permit_number"])
        mail = self.mails_to(a.email, "ditolak")[0]
        self.assertIn(f"alasan {refusal}", mail_body(mail))
        self.assertIn(f"alasan {refusal}", self.documents(a, app_id, ["penolakan"])["penolakan"])
        # The draft letter the verifiers reviewed is the office's: the applicant sees only the
        # signed one, and the draft's QR code says it is a draft, never a valid document.
        mine = [d for d in a.get(f"/api/v1/applications/{app_id}").json()["generated_documents"] if d["kind"] == "penolakan"]
        self.assertEqual([d["signed"] for d in mine], [True])
        clerk = World.officer(sop_office(sop), "front_office" if sop.startswith("pwk") else "loket")
        letters = [d for d in clerk.get(f"/api/v1/applications/{app_id}").json()["generated_documents"]
                   if d["kind"] == "penolakan"]
        self.assertEqual([d["signed"] for d in letters], [False, True])
        draft = letters[0]
        self.assertEqual(a.get(f"/api/v1/applications/{app_id}/generated-documents/{draft['id']}").status, 404)
        self.assertEqual(clerk.get(f"/api/v1/applications/{app_id}/generated-documents/{draft['id']}").status, 200)
        public = World.server.client()
        v = public.request("GET", f"/verify/{draft['verify_code']}", headers={"Accept": "application/json"}).json()
        self.assertEqual((v["status"], v["verdict"]), ("draft", "draft"))
        self.assertIn("bukan dokumen yang berlaku", public.get(f"/verify/{draft['verify_code']}").body.decode())
        draft_pdf = clerk.get(f"/api/v1/applications/{app_id}/generated-documents/{draft['id']}").body
        check = public.request("POST", f"/api/v1/verify/{draft['verify_code']}", raw=draft_pdf,
                               headers={"Content-Type": "application/pdf"}).json()
        self.assertEqual(check["verdict"], "identical_draft", check)

    def test_signed_permit_names_the_signer_with_their_recorded_nip(self):
        admin = World.officer("purwakarta", "admin")
        head = next(x for x in admin.get("/api/v1/office/accounts?status=active").json()["items"]
                    if "kepala_dinas" in x["roles"])
        r = admin.request("PUT", f"/api/v1/office/officers/{head['id']}/nip", {"nip": "198001012005011002"})
        self.assertEqual(r.status, 200, r)
        try:
            a = self.applicant("pwk-iptk")
            app = drive(a, open_application(a, "pwk-iptk"))
            permit = self.documents(a, app["id"], ["izin"])["izin"]
            self.assertIn("NIP. 198001012005011002", permit)
            self.assertIn(head["full_name"], permit)
        finally:
            admin.request("PUT", f"/api/v1/office/officers/{head['id']}/nip", {"nip": ""})

    def run_sent_back(self, sop):
        a = self.applicant(sop)
        app_id = open_application(a, sop)
        # Sent back, the file is marked in the drafting step's worklist with the step that sent it.
        events = a.get(f"/api/v1/applications/{app_id}/timeline").json()["events"]
        before = len(events)
        back = drive(a, app_id, detours=["dikembalikan"], stop_after_detours=True)
        sent = [e for e in a.get(f"/api/v1/applications/{app_id}/timeline").json()["events"][before - 1:]
                if e["action"] == "dikembalikan"][-1]
        officer = World.officer(back["office"], back["step"]["actor"])
        item = next(i for i in officer.get("/api/v1/worklist").json()["items"] if i["id"] == app_id)
        self.assertEqual((item["arrived"], item["arrived_from"]), ("sent_back", sent["step"]), item)
        self.assertGreater(sent["step"], back["step"]["no"])
        app = drive(a, app_id)
        self.check_issued(a, app)
        actions = [e["action"] for e in a.get(f"/api/v1/applications/{app_id}/timeline").json()["events"]]
        self.assertIn("dikembalikan", actions)


# The five seed SOPs and the sixth permit (SIPA), added to Kampar as YAML only.
SOPS = ["pwk-iptk", "pwk-optikal", "kpr-dokter", "kpr-okupasi-terapis", "kpr-radiografer", "kpr-apoteker"]
for _sop in SOPS:
    for _kind in ("happy", "returned", "rejected", "sent_back"):
        def _test(self, sop=_sop, kind=_kind):
            getattr(self, f"run_{kind}")(sop)
        setattr(Lifecycles, f"test_{_sop.replace('-', '_')}_{_kind}", _test)

// `satupintu demo`: officers for every role of every office, applicants, and applications in
// several states, all made through the same services the API uses; with `--history-months`, the
// months of handled files before them.
#include <algorithm>
#include <functional>
#include <iostream>
#include <random>
#include <set>

#include "cli/runtime.hpp"
#include "core/text.hpp"
#include "service/role_grants.hpp"
#include "documents/pdf_objects.hpp"
#include "engine/sop_simulation.hpp"
#include "forms/form_examples.hpp"
#include "service/accounts.hpp"
#include "service/applications.hpp"
#include "service/complaints.hpp"
#include "service/generated_documents.hpp"
#include "store/account_repository.hpp"

namespace sp::cli {

namespace {

constexpr const char* kPassword = "satupintu-demo";

// A small valid one-page PDF standing in for a scanned requirement.
std::string demo_pdf(const std::string& title) {
  const std::string text = "BT /F1 14 Tf 72 770 Td (" + title + ") Tj ET";
  const std::vector<std::string> objects{
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(text.size()) + " >>\nstream\n" + text + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  return documents::pdf_from_objects(objects);
}

// The demo's files were handled in the hour before it is loaded: its clock starts an hour back
// and passes each inspection it schedules, so a report is filed after the inspection it reports.
// The history before it (`--history-months`) runs on a clock set to past instants.
class DemoClock final : public Clock {
 public:
  explicit DemoClock(const Clock& real) : real_(real) {}
  Instant now() const override { return set_ ? *set_ : Instant{real_.now().unix_seconds - 3600 + passed_}; }
  void pass(long long seconds) {
    if (set_) set_->unix_seconds += seconds;
    else passed_ += seconds;
  }
  void set(std::optional<Instant> at) { set_ = at; }

 private:
  const Clock& real_;
  long long passed_ = 0;
  std::optional<Instant> set_;
};

struct Demo {
  service::AppContext& app;
  DemoClock& clock;
  std::vector<std::array<std::string, 3>> logins;  // who, e-mail, office

  Result<service::Principal> user(const std::string& office, service::UserKind kind, const std::string& name,
                                  const std::string& email, std::vector<std::string> roles,
                                  const service::Registration* reg = nullptr) {
    service::OfficerSpec spec{name, email, roles, kind == service::UserKind::Admin};
    auto id = service::create_active_user(app, office, kind, spec, kPassword, reg);
    if (!id) return id.error();
    service::Principal p;
    p.user_id = *id;
    p.kind = kind;
    p.office = kind == service::UserKind::Applicant ? "" : office;
    p.roles = std::move(roles);
    p.full_name = name;
    p.email = email;
    std::string who = kind == service::UserKind::Admin ? "admin kantor" : kind == service::UserKind::Applicant ? "pemohon" : "";
    for (const auto& r : p.roles) who += (who.empty() ? "" : ", ") + r;
    logins.push_back({who, email, office});
    return p;
  }

  // Opens an application and drives it with `actions` (role code -> principal map).
  // `pace`, when given, is called before each action with the step it acts on (moving the clock);
  // when it says no, the file stays where it is.
  Result<ApplicationId> application(const service::Principal& applicant, const Sop& sop,
                                const std::map<std::string, service::Principal>& officers,
                                const std::vector<std::string>& actions,
                                const std::function<bool(const Step&)>& pace = nullptr) {
    // The examples the permit's form declares: the demo never names a permit's fields.
    const nlohmann::json form = forms::example_data(app.catalog.form(sop));
    auto id = service::create_draft(app, applicant, sop.code, form, std::nullopt);
    if (!id) return id.error();
    if (actions.empty()) return *id;
    for (const auto& q : sop.permit.requirements)
      if (q.mandatory) {
        auto d = service::attach_document(app, applicant, *id, {q.code, q.code + ".pdf", "application/pdf", demo_pdf(q.name)});
        if (!d) return d.error();
      }
    for (const auto& a : actions) {
      // "role:action[:note]"
      const auto c1 = a.find(':');
      const auto c2 = a.find(':', c1 + 1);
      const std::string role = a.substr(0, c1);
      service::ActRequest req;
      req.action = a.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1);
      if (c2 != std::string::npos) req.note = a.substr(c2 + 1);
      if (req.action == "tidak_lengkap")
        req.reasons = {{sop.permit.requirements.back().mandatory ? sop.permit.requirements.back().code
                                                                 : sop.permit.requirements.front().code,
                        "Dokumen hasil pindaian tidak terbaca; unggah ulang yang jelas"}};
      const service::Principal& who = role == "pemohon" ? applicant : officers.at(role);
      std::vector<std::string> produces;
      const Step* at_step = nullptr;
      for (const auto& st : sop.steps)
        for (const auto& o : st.outcomes)
          if (o.code == req.action && sop.roles[st.actor].code == role) {
            produces = o.produces;
            at_step = &st;
          }
      if (pace && at_step && !pace(*at_step)) return *id;
      const auto producing = [&](const char* p) { return std::find(produces.begin(), produces.end(), p) != produces.end(); };
      if (producing("undangan")) {
        // In a minute, whatever the hour the demo is loaded at (confirmed outside office hours).
        service::ScheduleRequest sched{"peninjauan_lapangan", Instant{app.clock.now().unix_seconds + 60},
                                       "Lokasi tempat praktik", {"dr. Anwar Hidayat (Dinas Kesehatan)", "Ir. Sari Dewi (DPMPTSP)"},
                                       true};
        if (auto made = service::schedule_review(app, who, *id, sched); !made)
          return make_error("demo: " + sop.code + " schedule: " + made.error().message);
        clock.pass(120);
      }
      if (producing("rekomendasi_teknis") || producing("bap"))
        req.report = nlohmann::json{{"findings", {"Ruang praktik tersedia, bersih dan layak", "Peralatan sesuai standar"}},
                                    {"conclusion", "Tempat praktik memenuhi persyaratan; direkomendasikan untuk diterbitkan."},
                                    {"members", {"dr. Anwar Hidayat (Dinas Kesehatan)", "Ir. Sari Dewi (DPMPTSP)"}}};
      auto r = service::act(app, who, *id, req);
      if (!r) return make_error("demo: " + sop.code + " " + a + ": " + r.error().message);
    }
    return *id;
  }
};

// The main-path actions of an SOP up to (not including) step `stop_before` (0: to the end).
std::vector<std::string> main_path(const Sop& sop, int stop_before) {
  std::vector<std::string> out;
  StepIndex i = sop.first_application_step();
  for (std::size_t guard = 0; guard < sop.steps.size(); ++guard) {
    const Step& st = sop.steps[i];
    if (st.number == stop_before) break;
    const Outcome* next = main_path_outcome(st, i);
    if (!next) break;
    out.push_back(sop.roles[st.actor].code + ":" + next->code);
    if (next->target.kind != Target::Kind::Step) break;
    i = next->target.step;
  }
  return out;
}

// Months of files before today, so that the Mutu Baku trend and the register have a past: three
// files per SOP and month, each down its main path to the handover, each step taking a share of
// its standard drawn at random (about one in five over it), in office hours. A file whose next
// action would fall after `until` (today's demo files) stays open at that step.
Result<bool> history(Demo& demo, const service::Principal& applicant, const Office& office,
                     const std::map<std::string, service::Principal>& officers, Instant until, int months,
                     std::mt19937& random) {
  const WorkingCalendar* cal = demo.app.catalog.calendar(office.code);
  std::uniform_int_distribution<int> share(20, 120);  // percent of the standard: one in five over
  const Date today = to_local(until, cal->zone()).date;
  for (int m = months; m >= 1; --m) {
    const int index = today.year * 12 + (today.month - 1) - m;
    const Date first{index / 12, index % 12 + 1, 1};
    int n = 0;
    for (const auto& sop : demo.app.catalog.sops()) {
      if (sop.office != office.code || demo.app.catalog.sop_in_effect(sop.code, format_date(first)) != &sop) continue;
      for (int k = 0; k < 3; ++k, ++n) {
        // Spread over the month: the n-th file starts some working days into it.
        auto start = cal->add(from_local(first, 8 * 60, cal->zone()), WorkingDays{1 + (n * 3) % 15});
        if (!start) return start.error();
        demo.clock.set(*start);
        const auto pace = [&](const Step& st) {
          long long minutes = 10;
          if (st.actor != sop.applicant && !st.time.is_none())
            minutes = (st.time.is_days() ? st.time.days().count * 450 : st.time.minutes().count) * share(random) / 100;
          auto t = cal->add(demo.clock.now(), WorkingMinutes{std::max(1LL, minutes)});
          if (!t || until < *t) return false;
          demo.clock.set(*t);
          return true;
        };
        if (auto r = demo.application(applicant, sop, officers, main_path(sop, 0), pace); !r) return r.error();
      }
    }
  }
  demo.clock.set(std::nullopt);
  return true;
}

}  // namespace

// Complaints for the office's Pengaduan page: with a history, one answered and closed and one
// left unanswered past its five working days (both filed two weeks ago); always one filed now,
// assigned to the officer of the first step after submission.
Result<bool> complaints(Demo& demo, const Office& office, const service::Principal& admin,
                        const service::Principal& handler, bool with_past) {
  const auto file = [&](const std::string& who, const std::string& subject, const std::string& body)
      -> Result<long long> {
    service::ComplaintForm f{office.code, "", subject, body, who,
                             ascii_lower(std::string(who.substr(0, who.find(' ')))) + "@warga.example", ""};
    auto r = service::file_complaint(demo.app, std::nullopt, f);
    if (!r) return r.error();
    auto listed = service::office_complaints(demo.app, admin, "");
    if (!listed) return listed.error();
    for (const auto& c : *listed)
      if (c.number == r->number) return c.id;
    return make_error("internal", "the demo's complaint was not listed");
  };
  if (with_past) {
    demo.clock.set(Instant{demo.clock.now().unix_seconds - 14 * 86400});
    auto answered = file("Dewi Lestari", "Informasi persyaratan tidak jelas",
                         "Di laman perizinan tidak tertulis apakah STR harus dilegalisir.");
    if (!answered) return answered.error();
    auto late = file("Agus Salim", "Petugas loket tidak ada di tempat",
                     "Pukul 10.00 loket kosong selama setengah jam, tidak ada petugas pengganti.");
    if (!late) return late.error();
    demo.clock.pass(2 * 86400);
    auto a = service::answer_complaint(demo.app, admin, *answered,
                                       "STR cukup diunggah dalam bentuk pindaian asli; legalisir tidak diperlukan. "
                                       "Keterangan ini sudah kami tambahkan di laman perizinan.", std::nullopt);
    if (!a) return a.error();
    if (auto c = service::close_complaint(demo.app, admin, *answered, std::nullopt); !c) return c.error();
    demo.clock.set(std::nullopt);
  }
  auto fresh = file("Rudi Hartono", "Antrean tanpa nomor",
                    "Antrean di loket tidak memakai nomor, sehingga ada yang menyerobot.");
  if (!fresh) return fresh.error();
  auto assigned = service::assign_complaint(demo.app, admin, *fresh, handler.user_id.value, std::nullopt);
  if (!assigned) return assigned.error();
  return true;
}

Result<bool> load_demo(service::AppContext& real, int history_months) {
  DemoClock clock(real.clock);
  service::AppContext app{real.catalog, real.monitor, real.store, clock, real.blobs, real.settings, real.mail};
  app.applications_cache = real.applications_cache;
  app.document_templates = real.document_templates;
  app.signers = real.signers;
  app.pdf_sandbox = real.pdf_sandbox;
  app.documents_planned = real.documents_planned;
  auto exists =
      app.store.read([](store::Transaction& tx) -> Result<bool> { return tx.accounts().any_email_ending(".demo"); });
  if (!exists) return exists.error();
  if (*exists) {
    std::cout << "Demo data is already loaded. Logins use the password '" << kPassword << "'.\n";
    return true;
  }
  Demo demo{app, clock, {}};
  const service::Registration pwk_reg{"purwakarta", "dr. Rina Kartika", "3214014501900001", "rina@pemohon.demo",
                                      "081234567801", "Dokter"};
  const service::Registration kpr_reg{"kampar", "Budi Santoso, A.Md.Rad", "1406011203920002", "budi@pemohon.demo",
                                      "081234567802", "Radiografer"};
  std::mt19937 random(20261203);  // the same history every time
  for (const auto& office : app.catalog.offices()) {
    // With a history, the office's people exist from its start.
    const Instant until = clock.now();
    const Date today = to_local(until, app.catalog.calendar(office.code)->zone()).date;
    if (history_months > 0) {
      const int index = today.year * 12 + (today.month - 1) - history_months;
      clock.set(from_local(Date{index / 12, index % 12 + 1, 1}, 7 * 60, app.catalog.calendar(office.code)->zone()));
    }
    std::set<std::string> roles;
    for (const auto& sop : app.catalog.sops())
      if (sop.office == office.code)
        for (std::size_t i = 0; i < sop.roles.size(); ++i)
          if (i != sop.applicant) roles.insert(sop.roles[i].code);
    auto admin = demo.user(office.code, service::UserKind::Admin, "Admin " + office.regency,
                           "admin@" + office.code + ".demo", {});
    if (!admin) return admin.error();
    std::map<std::string, service::Principal> officers;
    const auto signers = service::signing_roles(app.catalog, office.code);
    for (const auto& r : roles) {
      // The head of office signs; the demo's signer carries the head's name from office.yaml.
      const bool signs = std::find(signers.begin(), signers.end(), r) != signers.end();
      auto p = demo.user(office.code, service::UserKind::Officer, signs ? office.head.name : "Petugas " + r,
                         r + "@" + office.code + ".demo", {r});
      if (!p) return p.error();
      officers[r] = *p;
    }
    // Development keys for the office's signers, in their own names, before anyone signs.
    if (auto pki = init_development_pki(app); !pki) return pki.error();
    const service::Registration& reg = office.code == "kampar" ? kpr_reg : pwk_reg;
    auto applicant = demo.user(office.code, service::UserKind::Applicant, reg.full_name, reg.email, {}, &reg);
    if (!applicant) return applicant.error();
    if (history_months > 0)
      if (auto h = history(demo, *applicant, office, officers, until, history_months, random); !h) return h.error();
    for (const auto& sop : app.catalog.sops()) {
      if (sop.office != office.code || app.catalog.sop(sop.code) != &sop) continue;
      const auto full = main_path(sop, 0);
      const std::string submit = full.front();
      const std::string check_role = full.size() > 1 ? full[1].substr(0, full[1].find(':')) : "";
      // A draft, a submitted file waiting for the counter, a returned file, one half-way, one issued.
      if (auto r = demo.application(*applicant, sop, officers, {}); !r) return r.error();
      if (auto r = demo.application(*applicant, sop, officers, {submit}); !r) return r.error();
      if (auto r = demo.application(*applicant, sop, officers, {submit, check_role + ":tidak_lengkap"}); !r)
        return r.error();
      const int half = sop.steps.size() > 6 ? 8 : 4;
      if (auto r = demo.application(*applicant, sop, officers, main_path(sop, half)); !r) return r.error();
      if (auto r = demo.application(*applicant, sop, officers, full); !r) return r.error();
    }
    const auto counter = officers.count("loket") ? officers.at("loket") : officers.begin()->second;
    const auto handler = officers.count("front_office") ? officers.at("front_office") : counter;
    if (auto c = complaints(demo, office, *admin, handler, history_months > 0); !c) return c.error();
  }
  // One registration waiting for approval.
  service::Registration pending{"purwakarta", "Siti Aminah, S.Tr.Kes", "3214016708950003", "siti@pemohon.demo",
                                "081234567803", "Perawat"};
  if (auto r = service::register_applicant(app, pending); !r) return r.error();
  // The receipts, letters and permits the demo's steps produced.
  // A batch at a time until none is left (or none of a batch can be made: the server logs those).
  for (;;) {
    auto made = service::produce_pending_documents(app, std::nullopt);
    if (!made) return made.error();
    if (*made == 0) break;
  }

  std::cout << "\nDemo logins (password for all: " << kPassword << ")\n";
  for (const auto& [who, email, office] : demo.logins)
    std::cout << "  " << office << "  " << email << "  (" << who << ")\n";
  std::cout << "  Pending registration to approve: siti@pemohon.demo (purwakarta)\n";
  return true;
}

}  // namespace sp::cli

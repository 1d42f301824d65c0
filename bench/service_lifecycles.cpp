// satupintu's side of the engine comparison with bpmn-engine (bench/bpmn/run.mjs): whole
// Purwakarta lifecycles (SOP pwk-iptk, 10 steps) without HTTP, timed the same way.
//
//   service_lifecycles memory N             the domain engine alone: start at step 3 and the
//                                           8 transitions to the signed permit, events kept
//   service_lifecycles durable N DB THREADS every step through the services the API calls, on
//                                           SQLite (a path) or PostgreSQL (a URL): the account's
//                                           registration and approval (steps 1-2), the draft,
//                                           four checked uploads, submission, the schedule, the
//                                           technical report and every officer's step; each a
//                                           committed transaction with its audit event,
//                                           deadlines and outbox mail
//   service_lifecycles live M               memory per live case: M applications held in
//                                           memory waiting at step 5, with their events
// Prints one JSON line like run.mjs: {mode, lifecycles, seconds, per_second, peak_rss_bytes}
// or {mode, cases, bytes_per_case}.
#include <malloc.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "auth/secrets.hpp"
#include "catalog/catalog_loader.hpp"
#include "documents/blob_store.hpp"
#include "documents/pdf_objects.hpp"
#include "engine/engine.hpp"
#include "forms/form_examples.hpp"
#include "service/accounts.hpp"
#include "service/office_approvals.hpp"
#include "service/applications.hpp"
#include "service/audit_log.hpp"
#include "service/sop_publishing.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/sql_store.hpp"

namespace sp {
namespace {

const std::string kData = SATUPINTU_SOURCE_DIR;

LoadedCatalog load() {
  auto c = load_catalog({kData + "/calendar/id-holidays.yaml", kData + "/sop"});
  if (!c.problems.empty()) throw std::runtime_error(c.problems.front().to_string());
  return c;
}

long long peak_rss_bytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss * 1024LL;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

nlohmann::json rate(const char* mode, long long n, double seconds) {
  return {{"mode", mode}, {"lifecycles", n}, {"seconds", seconds}, {"per_second", static_cast<double>(n) / seconds},
          {"peak_rss_bytes", peak_rss_bytes()}};
}

// One in-memory case: the engine's state and the events it produced (what the timeline shows).
struct MemoryCase {
  ApplicationState state;
  std::vector<Event> events;
};

// Runs the case forward until `stop_at_step` (a step index) or its end; false on an engine error.
bool advance(const Sop& sop, const WorkingCalendar& cal, MemoryCase& c, Instant& t, std::size_t stop_at_step) {
  while (c.state.phase != Phase::Closed && c.state.step != stop_at_step) {
    t.unix_seconds += 1800;
    Command cmd{Command::Kind::Act, 0, UserId{2}, sop.steps[c.state.step].actor, t, {}};
    auto e = apply(sop, cal, c.state, std::move(cmd));
    if (!e) {
      std::cerr << "engine: " << e.error().message << "\n";
      return false;
    }
    c.events.push_back(std::move(*e));
  }
  return true;
}

bool start(const Sop& sop, const WorkingCalendar& cal, MemoryCase& c, Instant t) {
  auto e = start_application(sop, cal, UserId{1}, t, c.state);
  if (!e) return false;
  c.events.push_back(std::move(*e));
  return true;
}

int memory(long long n) {
  const auto cat = load();
  const Sop& sop = *cat.catalog.sop("pwk-iptk");
  const WorkingCalendar& cal = *cat.catalog.calendar("purwakarta");
  Instant t = *parse_instant("2026-11-23T08:00+07:00");
  const auto t0 = std::chrono::steady_clock::now();
  for (long long i = 0; i < n; ++i) {
    MemoryCase c;
    if (!start(sop, cal, c, t) || !advance(sop, cal, c, t, sop.steps.size())) return 1;
  }
  std::cout << rate("memory", n, seconds_since(t0)).dump() << "\n";
  return 0;
}

int live(long long m) {
  const auto cat = load();
  const Sop& sop = *cat.catalog.sop("pwk-iptk");
  const WorkingCalendar& cal = *cat.catalog.calendar("purwakarta");
  Instant t = *parse_instant("2026-11-23T08:00+07:00");
  std::vector<MemoryCase> held;
  held.reserve(static_cast<std::size_t>(m));
  const auto before = mallinfo2().uordblks;
  for (long long i = 0; i < m; ++i) {
    held.emplace_back();
    // Waiting at step 5 (index 4): registration, approval, submission and the check done.
    if (!start(sop, cal, held.back(), t) || !advance(sop, cal, held.back(), t, 4)) return 1;
  }
  const auto after = mallinfo2().uordblks;
  // The vector's own slots are part of what each case costs.
  const double per_case = static_cast<double>(after - before) / static_cast<double>(m) + sizeof(MemoryCase);
  std::cout << nlohmann::json{{"mode", "live"}, {"cases", m}, {"bytes_per_case", static_cast<long long>(per_case)}}.dump()
            << "\n";
  return 0;
}

// A small valid one-page PDF standing in for a scanned requirement.
std::string small_pdf() {
  return documents::pdf_from_objects({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"});
}

struct Officers {
  service::Principal front_office, back_office, tim_teknis, kasi, kabid, kepala;
};

service::Principal officer(service::AppContext& app, const std::string& role) {
  service::OfficerSpec spec{"Petugas " + role, role + "@bench.local", {role}, false};
  auto id = service::create_active_user(app, "purwakarta", service::UserKind::Officer, spec, "bench-password-1");
  if (!id) throw std::runtime_error(id.error().message);
  service::Principal p;
  p.user_id = UserId{*id};
  p.kind = service::UserKind::Officer;
  p.office = "purwakarta";
  p.roles = {role};
  return p;
}

// Steps 1 to 10 for applicant number `i`; an error names the call that failed.
Result<bool> durable_lifecycle(service::AppContext& app, const Officers& o, long long i, const std::string& pdf) {
  // Province 32, a real birth date, a sequence: unique and plausible for every i below 280,000.
  char nik[24];
  std::snprintf(nik, sizeof nik, "321401%02d0890%04d", static_cast<int>(1 + (i / 9999) % 28),
                static_cast<int>(1 + i % 9999));
  service::Registration reg{"purwakarta", "Pemohon " + std::to_string(i), nik,
                            "pemohon" + std::to_string(i) + "@bench.local", "081234567890", "Bidan"};
  auto user = service::register_applicant(app, reg);
  if (!user) return user.error();
  if (auto ok = service::decide_account(app, o.front_office, UserId{*user}, true, ""); !ok) return ok.error();
  service::Principal applicant;
  applicant.user_id = UserId{*user};
  applicant.kind = service::UserKind::Applicant;

  const nlohmann::json form = forms::example_data(app.catalog.form(*app.catalog.sop("pwk-iptk")));
  auto id = service::create_draft(app, applicant, "pwk-iptk", form, std::nullopt);
  if (!id) return id.error();
  for (const char* req : {"str", "tempat_praktik", "ktp", "pas_foto"}) {
    auto up = service::attach_document(app, applicant, *id, {req, std::string(req) + ".pdf", "application/pdf", pdf});
    if (!up) return up.error();
  }
  auto act = [&](const service::Principal& who, const char* action) -> Result<bool> {
    service::ActRequest r;
    r.action = action;
    if (who.roles == o.tim_teknis.roles)
      r.report = nlohmann::json{{"findings", {"Ruang praktik layak"}}, {"conclusion", "Memenuhi persyaratan"}};
    auto done = service::act(app, who, *id, r);
    if (!done) return done.error();
    return true;
  };
  if (auto r = act(applicant, "selesai"); !r) return r;
  if (auto r = act(o.front_office, "lengkap"); !r) return r;
  service::ScheduleRequest sched{"peninjauan_lapangan", *parse_instant("2031-01-06T09:00+07:00"), "Lokasi praktik",
                                 {"dr. Anwar"}};
  if (auto s = service::schedule_review(app, o.back_office, *id, sched); !s) return s.error();
  for (auto [who, action] : {std::pair{&o.back_office, "diagendakan"}, {&o.tim_teknis, "rekomendasi_positif"},
                             {&o.back_office, "naskah_dibuat"}, {&o.kasi, "terverifikasi"},
                             {&o.kabid, "terverifikasi"}, {&o.kepala, "ditandatangani"}})
    if (auto r = act(*who, action); !r) return r;
  return true;
}

int durable(long long n, const std::string& url, int threads) {
  if (!auth::init_crypto()) return 1;
  auto cat = load();
  auto db = store::Database::open(url, static_cast<std::size_t>(threads) + 2);
  if (!db) {
    std::cerr << db.error().message << "\n";
    return 1;
  }
  if (auto v = store::migrate(**db); !v) {
    std::cerr << v.error().message << "\n";
    return 1;
  }
  SystemClock clock;
  store::SqlStore sql_store(**db);
  if (auto p = service::publish_sop_versions(sql_store, cat.catalog, clock.now()); !p) {
    std::cerr << p.error().message << "\n";
    return 1;
  }
  (void)sql_store.write([&](store::Transaction& tx) -> Result<bool> {
    service::ensure_chain_heads(tx, {"purwakarta", "kampar"});
    return true;
  });
  auto mail = service::MailTemplates::load(kData + "/templates/mail");
  if (!mail) {
    std::cerr << mail.error().message << "\n";
    return 1;
  }
  const auto blob_dir = std::filesystem::temp_directory_path() / ("satupintu-bench-blobs-" + std::to_string(getpid()));
  auto blobs = documents::filesystem_blob_store(blob_dir.string());
  // No document templates: the permit PDFs are the documents benchmark's subject, not the engine's.
  service::AppContext app{cat.catalog, &sql_store, sql_store, clock, *blobs, {}, std::move(*mail)};
  const Officers o{officer(app, "front_office"), officer(app, "back_office"), officer(app, "tim_teknis"),
                   officer(app, "kasi"),         officer(app, "kabid"),       officer(app, "kepala_dinas")};
  const std::string pdf = small_pdf();

  std::atomic<long long> next{0};
  std::atomic<bool> failed{false};
  const auto t0 = std::chrono::steady_clock::now();
  {
    std::vector<std::jthread> workers;
    for (int w = 0; w < threads; ++w)
      workers.emplace_back([&] {
        for (long long i = next++; i < n && !failed; i = next++)
          if (auto r = durable_lifecycle(app, o, i, pdf); !r) {
            std::cerr << "lifecycle " << i << ": " << r.error().code << ": " << r.error().message << "\n";
            failed = true;
          }
      });
  }
  const double seconds = seconds_since(t0);
  std::filesystem::remove_all(blob_dir);
  if (failed) return 1;
  auto out = rate("durable", n, seconds);
  out["backend"] = (*db)->backend() == store::Backend::Sqlite ? "sqlite" : "postgresql";
  out["threads"] = threads;
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace
}  // namespace sp

int main(int argc, char** argv) {
  const std::vector<std::string> a(argv + 1, argv + argc);
  try {
    if (a.size() == 2 && a[0] == "memory") return sp::memory(std::stoll(a[1]));
    if (a.size() == 2 && a[0] == "live") return sp::live(std::stoll(a[1]));
    if (a.size() == 4 && a[0] == "durable") return sp::durable(std::stoll(a[1]), a[2], std::stoi(a[3]));
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  std::cerr << "usage: service_lifecycles memory N | durable N DB THREADS | live M\n";
  return 2;
}

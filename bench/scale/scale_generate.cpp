// Loads a database with a deployment's worth of history for the scale benchmark
// (bench/scale/run.py): N applications across every office of DATA_DIR's catalog, each with the
// history the services would have written (registration and approval of its applicant, the
// draft, uploads, submission with its registration number, every officer's step with returns,
// resubmissions, send-backs, refusals and overdue steps, schedules, technical reports, the
// generated letters and the permit number), spread over the two years before now. Recent
// applications are still open at the step their next action has not reached yet.
//
//   scale_generate DB DATA_DIR APPLICATIONS [SEED]
//
// The history is simulated in time order across all offices (a queue of each open
// application's next action), so rows land in the order a live system writes them and the
// audit chain of each office is in time order. The engine decides every transition; rows are
// built the way the services build them (service/application_record.hpp, audit_log.hpp). Rows
// are written in bulk: SQLite through prepared inserts in large transactions, PostgreSQL
// through COPY (foreign keys dropped during the load and validated when added back).
// Officers (one per role, an admin per office) are created through the services first.
// Uploaded and generated files are rows only: their bytes are not written to a blob store.
#include <libpq-fe.h>
#include <soci/soci.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include "auth/secrets.hpp"
#include "catalog/catalog_loader.hpp"
#include "catalog/time_limit.hpp"
#include "forms/form_examples.hpp"
#include "documents/blob_store.hpp"
#include "core/civil_time.hpp"
#include "engine/engine.hpp"
#include "engine/sop_simulation.hpp"
#include "service/accounts.hpp"
#include "service/office_approvals.hpp"
#include "service/application_record.hpp"
#include "service/applications.hpp"
#include "service/audit_log.hpp"
#include "service/generated_documents.hpp"
#include "service/numbering.hpp"
#include "service/sop_publishing.hpp"
#include "store/sql/database_runs.hpp"
#include "store/migrations.hpp"
#include "store/sql/row_access.hpp"
#include "store/sql_store.hpp"

namespace sp {
namespace {

using Value = std::optional<std::string>;
using Row = std::vector<Value>;

std::string num(long long v) { return std::to_string(v); }

// Where rows go. One table's rows may interleave with another's.
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void add(const std::string& table, const Row& row) = 0;
  virtual void finish() = 0;
};

const std::map<std::string, std::vector<std::string>>& tables() {
  static const std::map<std::string, std::vector<std::string>> t{
      {"users", {"id", "kind", "office", "full_name", "nik", "email", "phone", "profession", "status", "password_hash",
                 "created_at", "decided_at", "decided_by", "decision_note"}},
      {"applications", {"id", "office", "sop_code", "sop_version", "applicant_id", "registration_number",
                        "permit_number", "step", "phase", "outcome", "verdict", "created_at", "submitted_at",
                        "step_started_at", "deadline_at", "office_minutes", "applicant_minutes", "version", "data"}},
      {"documents", {"id", "application_id", "requirement", "revision", "filename", "content_type", "size_bytes",
                     "sha256", "uploaded_by", "uploaded_at"}},
      {"return_reasons", {"application_id", "event_seq", "requirement", "reason"}},
      {"schedules", {"id", "application_id", "kind", "at", "place", "members", "created_by", "created_at"}},
      {"events", {"office", "seq", "application_id", "kind", "actor_id", "role", "step", "action", "note", "at",
                  "elapsed_minutes", "allowed", "overdue", "payload", "prev_hash", "hash"}},
      {"generated_documents", {"id", "application_id", "office", "event_seq", "kind", "status", "verify_code",
                               "sha256", "size_bytes", "signer_role", "signed", "signer", "print_count", "created_at",
                               "ready_at", "valid_until"}},
      {"counters", {"office", "kind", "year", "value"}},
  };
  return t;
}

class SqliteSink final : public RowSink {
 public:
  explicit SqliteSink(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + path);
    // Durable as the server runs it: the load commits every 500,000 rows, so FULL costs a few
    // flushes, and the measured database is one a power cut could not have left half-written.
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA cache_size=-262144");
    exec("BEGIN");
  }
  ~SqliteSink() override {
    for (auto& [_, st] : statements_) sqlite3_finalize(st);
    sqlite3_close(db_);
  }
  void add(const std::string& table, const Row& row) override {
    sqlite3_stmt*& st = statements_[table];
    if (!st) {
      const auto& cols = tables().at(table);
      std::string sql = "INSERT INTO " + table + " (", marks;
      for (std::size_t i = 0; i < cols.size(); ++i) {
        sql += (i ? ", " : "") + cols[i];
        marks += i ? ", ?" : "?";
      }
      sql += ") VALUES (" + marks + ")";
      if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
        throw std::runtime_error(sqlite3_errmsg(db_));
    }
    for (std::size_t i = 0; i < row.size(); ++i) {
      // Text into INTEGER-affinity columns is stored as an integer, as a typed bind would be.
      if (row[i]) sqlite3_bind_text(st, static_cast<int>(i + 1), row[i]->data(), static_cast<int>(row[i]->size()), SQLITE_STATIC);
      else sqlite3_bind_null(st, static_cast<int>(i + 1));
    }
    if (sqlite3_step(st) != SQLITE_DONE) throw std::runtime_error(table + ": " + sqlite3_errmsg(db_));
    sqlite3_reset(st);
    if (++rows_ % 500000 == 0) exec("COMMIT; BEGIN");
  }
  void finish() override { exec("COMMIT"); }

 private:
  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : "?";
      sqlite3_free(err);
      throw std::runtime_error(m);
    }
  }
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*> statements_;
  long long rows_ = 0;
};

// One connection per table, each in its own COPY, so tables' rows can interleave.
class PostgresSink final : public RowSink {
 public:
  explicit PostgresSink(std::string url) : url_(std::move(url)) {}
  ~PostgresSink() override {
    for (auto& [_, c] : copies_) PQfinish(c.conn);
  }
  void add(const std::string& table, const Row& row) override {
    auto it = copies_.find(table);
    if (it == copies_.end()) it = copies_.emplace(table, open(table)).first;
    std::string& line = it->second.buffer;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) line += '\t';
      if (!row[i]) {
        line += "\\N";
        continue;
      }
      for (char c : *row[i]) {
        switch (c) {
          case '\\': line += "\\\\"; break;
          case '\t': line += "\\t"; break;
          case '\n': line += "\\n"; break;
          case '\r': line += "\\r"; break;
          default: line += c;
        }
      }
    }
    line += '\n';
    if (line.size() > (1 << 20)) flush(it->second);
  }
  void finish() override {
    for (auto& [table, c] : copies_) {
      flush(c);
      if (PQputCopyEnd(c.conn, nullptr) != 1) throw std::runtime_error(table + ": " + PQerrorMessage(c.conn));
      PGresult* r = PQgetResult(c.conn);
      const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
      if (!ok) throw std::runtime_error(table + ": " + PQerrorMessage(c.conn));
    }
  }

 private:
  struct Copy {
    PGconn* conn = nullptr;
    std::string buffer;
  };
  Copy open(const std::string& table) {
    Copy c;
    c.conn = PQconnectdb(url_.c_str());
    if (PQstatus(c.conn) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(c.conn));
    const auto& cols = tables().at(table);
    std::string sql = "COPY " + table + " (";
    for (std::size_t i = 0; i < cols.size(); ++i) sql += (i ? ", " : "") + cols[i];
    sql += ") FROM STDIN";
    PGresult* r = PQexec(c.conn, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!ok) throw std::runtime_error(table + ": " + PQerrorMessage(c.conn));
    return c;
  }
  void flush(Copy& c) {
    if (!c.buffer.empty() && PQputCopyData(c.conn, c.buffer.data(), static_cast<int>(c.buffer.size())) != 1)
      throw std::runtime_error(PQerrorMessage(c.conn));
    c.buffer.clear();
  }
  std::string url_;
  std::map<std::string, Copy> copies_;
};

// Runs SQL on PostgreSQL outside SOCI (foreign keys, sequences); throws on failure.
std::vector<std::vector<std::string>> pg_exec(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  std::unique_ptr<PGconn, decltype(&PQfinish)> guard(c, PQfinish);
  if (PQstatus(c) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(c));
  PGresult* r = PQexec(c, sql.c_str());
  std::unique_ptr<PGresult, decltype(&PQclear)> rg(r, PQclear);
  if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
    throw std::runtime_error(sql.substr(0, 80) + ": " + PQerrorMessage(c));
  std::vector<std::vector<std::string>> out;
  for (int i = 0; i < PQntuples(r); ++i) {
    out.emplace_back();
    for (int j = 0; j < PQnfields(r); ++j) out.back().push_back(PQgetvalue(r, i, j));
  }
  return out;
}

struct OfficeState {
  const Office* office = nullptr;
  std::vector<const Sop*> sops;
  std::map<std::string, long long> officer;  // role code -> user id
  long long seq = 0;
  std::string prev_hash;
  std::map<std::pair<int, int>, long long> counters;  // (kind 0 reg / 1 permit, year) -> last
  std::vector<long long> applicants;                  // for returning applicants
};

struct Case {
  long long id = 0;
  OfficeState* office = nullptr;
  const Sop* sop = nullptr;
  const WorkingCalendar* cal = nullptr;
  service::ApplicationRecord rec;
  int returns = 0, send_backs = 0;
  std::vector<std::string> returned;  // requirements named by the latest return
  bool abandons = false;  // a draft never submitted
  std::map<std::string, int> revisions;
};

class Generator {
 public:
  Generator(const Catalog& catalog, RowSink& sink, Instant now, unsigned seed)
      : catalog_(catalog), sink_(sink), now_(now), rng_(seed) {}

  // The permit's form filled with its examples, built once per SOP.
  const std::string& example_form(const Sop& sop) {
    auto it = example_forms_.find(&sop);
    if (it == example_forms_.end()) it = example_forms_.emplace(&sop, forms::example_data(catalog_.form(sop)).dump()).first;
    return it->second;
  }

  std::map<std::string, OfficeState> offices;
  long long next_user = 0, next_app = 0, next_doc = 0, next_schedule = 0, next_generated = 0;
  long long events = 0, open_cases = 0;

  void run(long long n) {
    // Arrivals spread uniformly over the last two years, in time order.
    std::vector<long long> arrivals(static_cast<std::size_t>(n));
    std::uniform_int_distribution<long long> when(now_.unix_seconds - 730LL * 86400, now_.unix_seconds - 600);
    for (auto& a : arrivals) a = when(rng_);
    std::sort(arrivals.begin(), arrivals.end());
    std::vector<OfficeState*> office_list;
    for (auto& [_, o] : offices) office_list.push_back(&o);
    using Item = std::pair<long long, Case*>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    std::size_t next_arrival = 0;
    std::uniform_int_distribution<std::size_t> pick_office(0, office_list.size() - 1);
    while (next_arrival < arrivals.size() || !queue.empty()) {
      const bool arrival = next_arrival < arrivals.size() && (queue.empty() || arrivals[next_arrival] <= queue.top().first);
      if (arrival) {
        OfficeState& o = *office_list[pick_office(rng_)];
        const Sop* sop = o.sops[std::uniform_int_distribution<std::size_t>(0, o.sops.size() - 1)(rng_)];
        Case* c = create(o, *sop, Instant{arrivals[next_arrival++]});
        schedule(queue, c);
        continue;
      }
      auto [t, c] = queue.top();
      queue.pop();
      step(*c, Instant{t});
      schedule(queue, c);
    }
  }

  // Open cases left at the end were written when their next action fell after now.
 private:
  template <class Q>
  void schedule(Q& queue, Case* c) {
    if (c->rec.state.phase == Phase::Closed) {
      write_application(*c);
      delete c;
      return;
    }
    const Instant t = next_action_time(*c);
    if (t.unix_seconds > now_.unix_seconds || c->abandons) {
      ++open_cases;
      write_application(*c);
      delete c;
      return;
    }
    queue.push({t.unix_seconds, c});
  }

  double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng_); }
  bool chance(double p) { return uniform(0, 1) < p; }

  // When the case's next action happens: within the step's time standard mostly, late sometimes.
  Instant next_action_time(const Case& c) {
    const auto& st = c.rec.state;
    const Step& step = c.sop->steps[st.step];
    const long long start = st.step_started.unix_seconds;
    if (st.phase == Phase::WithApplicant) return Instant{start + static_cast<long long>(uniform(0.5, 6) * 86400)};
    if (step.actor == c.sop->applicant) return Instant{start + static_cast<long long>(uniform(600, 2 * 86400))};
    if (!st.deadline) return Instant{start + static_cast<long long>(uniform(3600, 3 * 86400))};
    const double span = static_cast<double>(st.deadline->unix_seconds - start);
    // 9 in 10 on time (a share of the allowed time), 1 in 10 late (up to 60% past the deadline).
    const double f = chance(0.9) ? uniform(0.05, 0.95) : uniform(1.02, 1.6);
    return Instant{start + std::max<long long>(60, static_cast<long long>(span * f))};
  }

  void emit_event(OfficeState& o, service::AuditEvent e, long long* seq_out = nullptr) {
    const long long seq = ++o.seq;
    const std::string hash = service::chain_hash(e, seq, o.prev_hash);
    sink_.add("events", {o.office->code, num(seq), e.application_id ? Value(num(*e.application_id)) : std::nullopt, e.kind,
                         e.actor_id ? Value(num(*e.actor_id)) : std::nullopt, e.role, num(e.step), e.action, e.note,
                         num(e.at.unix_seconds), e.elapsed_minutes ? Value(num(*e.elapsed_minutes)) : std::nullopt,
                         e.allowed, num(e.overdue ? 1 : 0), e.payload.dump(), o.prev_hash, hash});
    o.prev_hash = hash;
    ++events;
    if (seq_out) *seq_out = seq;
  }

  long long new_applicant(OfficeState& o, Instant at) {
    const long long id = ++next_user;
    const long long registered = at.unix_seconds - static_cast<long long>(uniform(2 * 3600, 5 * 86400));
    const long long approved = registered + static_cast<long long>(uniform(600, 86400));
    // NIK: a West Java or Riau prefix, then birth day, month and year and a serial, all from the
    // user id, so every NIK is unique and plausible.
    char nik[32];
    std::snprintf(nik, sizeof nik, "%s%02d%02d%02d%04d", o.office->code.size() % 2 ? "327101" : "140601",
                  static_cast<int>(1 + id % 28), static_cast<int>(1 + (id / 28) % 12),
                  static_cast<int>(60 + (id / 336) % 40), static_cast<int>(1 + (id / 13440) % 9999));
    static const char* kProfessions[] = {"Bidan", "Perawat", "Dokter", "Apoteker", "Refraksionis Optisien"};
    sink_.add("users", {num(id), "applicant", o.office->code, "Pemohon " + num(id), std::string(nik),
                        "pemohon" + num(id) + "@contoh.id", "08" + num(1000000000 + id), kProfessions[id % 5], "active",
                        std::nullopt, num(registered), num(approved), num(approver(o)), ""});
    service::AuditEvent reg;
    reg.office = o.office->code;
    reg.kind = "account_registered";
    reg.actor_id = id;
    reg.role = "pemohon";
    reg.step = 1;
    reg.action = "registrasi";
    reg.at = Instant{registered};
    reg.payload = {{"user_id", id}};
    emit_event(o, reg);
    service::AuditEvent ok;
    ok.office = o.office->code;
    ok.kind = "account_approved";
    ok.actor_id = approver(o);
    ok.step = 2;
    ok.action = "disetujui";
    ok.at = Instant{approved};
    ok.payload = {{"user_id", id}};
    emit_event(o, ok);
    o.applicants.push_back(id);
    return id;
  }

  long long approver(OfficeState& o) {
    for (const auto& r : service::account_approver_roles(catalog_, o.office->code))
      if (o.officer.count(r)) return o.officer.at(r);
    return o.officer.begin()->second;
  }

  Case* create(OfficeState& o, const Sop& sop, Instant at) {
    auto* c = new Case;
    c->id = ++next_app;
    c->office = &o;
    c->sop = &sop;
    c->cal = catalog_.calendar(o.office->code);
    // One applicant in seven comes back for another permit.
    const long long applicant = !o.applicants.empty() && chance(1.0 / 7)
                                    ? o.applicants[std::uniform_int_distribution<std::size_t>(0, o.applicants.size() - 1)(rng_)]
                                    : new_applicant(o, at);
    auto& rec = c->rec;
    rec.id = c->id;
    rec.office = o.office->code;
    rec.sop_code = sop.code;
    rec.sop_version = sop.version;
    rec.applicant_id = applicant;
    rec.sop = &sop;
    rec.calendar = c->cal;
    rec.data = example_form(sop);
    auto created = start_application(sop, *c->cal, UserId{applicant}, at, rec.state);
    if (!created) throw std::runtime_error(created.error().message);
    c->abandons = chance(0.02);
    service::AuditEvent e;
    e.office = rec.office;
    e.application_id = c->id;
    e.kind = "created";
    e.actor_id = applicant;
    e.role = sop.roles[sop.applicant].code;
    e.step = sop.steps[rec.state.step].number;
    e.action = "created";
    e.at = at;
    e.payload = {{"sop", sop.code}, {"sop_version", sop.version}};
    emit_event(o, e);
    Instant t = at;
    for (const auto& q : sop.permit.requirements)
      if (q.mandatory || chance(0.5)) upload(*c, q.code, t = Instant{t.unix_seconds + 60 + static_cast<long long>(uniform(0, 600))});
    return c;
  }

  void upload(Case& c, const std::string& requirement, Instant at) {
    const long long id = ++next_doc;
    const int revision = ++c.revisions[requirement];
    const std::string sha = auth::sha256_hex("upload " + num(id));
    const long long size = 80000 + static_cast<long long>(uniform(0, 900000));
    sink_.add("documents", {num(id), num(c.id), requirement, num(revision), requirement + ".pdf", "application/pdf",
                            num(size), sha, num(c.rec.applicant_id), num(at.unix_seconds)});
    service::AuditEvent e;
    e.office = c.rec.office;
    e.application_id = c.id;
    e.kind = "document_attached";
    e.actor_id = c.rec.applicant_id;
    e.role = c.sop->roles[c.sop->applicant].code;
    e.step = c.sop->steps[c.rec.state.step].number;
    e.action = "document_attached";
    e.at = at;
    e.payload = {{"document_id", id}, {"requirement", requirement}, {"revision", revision}, {"sha256", sha}};
    emit_event(*c.office, e);
  }

  // Which outcome the actor of the current step chooses.
  std::uint16_t choose(Case& c) {
    const auto& st = c.rec.state;
    const Step& step = c.sop->steps[st.step];
    const Outcome* main = main_path_outcome(step, st.step);
    std::vector<std::pair<double, std::uint16_t>> options;
    for (std::uint16_t i = 0; i < step.outcomes.size(); ++i) {
      const Outcome& o = step.outcomes[i];
      if (&o == main) options.push_back({0.83, i});
      else if (o.target.kind == Target::Kind::ReturnToApplicant) options.push_back({c.returns < 2 ? 0.10 : 0, i});
      else if (o.target.kind == Target::Kind::Step && o.target.step <= st.step)
        options.push_back({c.send_backs < 1 ? 0.03 : 0, i});
      else options.push_back({0.04, i});  // refusals and other endings
    }
    double total = 0;
    for (auto& [w, _] : options) total += w;
    double x = uniform(0, total);
    for (auto& [w, i] : options)
      if ((x -= w) <= 0) return i;
    return options.back().second;
  }

  int local_year(const Case& c, Instant t) { return to_local(t, c.cal->zone()).date.year; }
  int local_month(const Case& c, Instant t) { return to_local(t, c.cal->zone()).date.month; }

  std::string next_number(Case& c, int kind, Instant t) {
    const int year = local_year(c, t);
    const long long seq = ++c.office->counters[{kind, year}];
    const auto& numbering = c.office->office->numbering;
    return service::format_number(kind == 0 ? numbering.registration : numbering.permit, seq, year, local_month(c, t));
  }

  // One action at `t`: what the step's actor (or the applicant) does next.
  void step(Case& c, Instant t) {
    auto& rec = c.rec;
    const Sop& sop = *c.sop;
    const StepIndex before = rec.state.step;
    Command cmd;
    cmd.at = t;
    std::vector<service::ReturnReason> reasons;
    const Outcome* outcome = nullptr;
    if (rec.state.phase == Phase::WithApplicant) {
      for (const auto& req : c.returned) upload(c, req, Instant{t.unix_seconds - 300});
      cmd.kind = Command::Kind::Resubmit;
      cmd.role = sop.applicant;
      cmd.actor = UserId{rec.applicant_id};
    } else {
      cmd.kind = Command::Kind::Act;
      cmd.outcome = choose(c);
      outcome = &sop.steps[before].outcomes[cmd.outcome];
      cmd.role = sop.steps[before].actor;
      cmd.actor = UserId{cmd.role == sop.applicant ? rec.applicant_id : c.office->officer.at(sop.roles[cmd.role].code)};
      if (outcome->target.kind == Target::Kind::ReturnToApplicant) {
        const auto& reqs = sop.permit.requirements;
        const auto& q = reqs[std::uniform_int_distribution<std::size_t>(0, reqs.size() - 1)(rng_)];
        reasons.push_back({q.code, "Dokumen tidak terbaca, mohon unggah ulang"});
        cmd.note = q.code + ": " + reasons.back().reason;
        c.returned = {q.code};
        ++c.returns;
      } else if (outcome->note_required) {
        cmd.note = "Tidak memenuhi persyaratan teknis";
      }
      if (outcome->target.kind == Target::Kind::Step && outcome->target.step <= before) ++c.send_backs;
    }
    const bool submitting = cmd.kind == Command::Kind::Act && before == sop.first_application_step() &&
                            cmd.role == sop.applicant && rec.submitted_at == 0;
    const long long actor = cmd.actor.value;
    auto ev = apply(sop, *c.cal, rec.state, std::move(cmd));
    if (!ev) throw std::runtime_error("engine: " + ev.error().message);
    std::vector<std::string> kinds;
    if (ev->produces) kinds = service::document_kinds_for(*ev->produces, rec);
    const bool invites = std::find(kinds.begin(), kinds.end(), "undangan") != kinds.end();
    if (invites) {
      const long long id = ++next_schedule;
      sink_.add("schedules", {num(id), num(c.id), "peninjauan_lapangan", num(t.unix_seconds + 3 * 86400), "Lokasi praktik",
                              R"(["Tim teknis"])", num(actor), num(t.unix_seconds - 600)});
    }
    if (submitting) {
      rec.submitted_at = t.unix_seconds;
      rec.registration_number = next_number(c, 0, t);
    }
    const bool signs_grant =
        outcome && sop.steps[before].signs && rec.state.verdict == Verdict::Grant && rec.permit_number.empty();
    if (signs_grant) rec.permit_number = next_number(c, 1, t);
    service::AuditEvent e = service::transition_event(rec, *ev, actor);
    if (std::find(kinds.begin(), kinds.end(), "rekomendasi_teknis") != kinds.end())
      e.payload["report"] = {{"findings", {"Ruang praktik sesuai standar"}}, {"conclusion", "Memenuhi persyaratan"}};
    if (submitting) e.payload["registration_number"] = rec.registration_number;
    if (signs_grant) e.payload["permit_number"] = rec.permit_number;
    if (!reasons.empty())
      e.payload["reasons"] = {nlohmann::json{{"requirement", reasons[0].requirement}, {"reason", reasons[0].reason}}};
    long long seq = 0;
    emit_event(*c.office, e, &seq);
    for (const auto& r : reasons) sink_.add("return_reasons", {num(c.id), num(seq), r.requirement, r.reason});
    const Step& acted = sop.steps[before];
    const std::string signer = acted.signs ? sop.roles[acted.actor].code : "";
    for (const auto& kind : kinds) {
      const long long id = ++next_generated;
      const std::string code = auth::sha256_hex("code " + num(id)).substr(0, 20);
      std::optional<std::string> until;
      if (kind == "izin" && !signer.empty() && sop.permit.validity_years > 0)
        until = num(t.unix_seconds + sop.permit.validity_years * 365LL * 86400);
      sink_.add("generated_documents",
                {num(id), num(c.id), rec.office, num(seq), kind, "ready", code, auth::sha256_hex("doc " + num(id)),
                 num(40000 + id % 20000), signer.empty() ? Value() : Value(signer), signer.empty() ? "0" : "1",
                 signer.empty() ? Value() : Value("CN=" + c.office->office->head.name), "0", num(t.unix_seconds),
                 num(t.unix_seconds + 5), until});
    }
  }

  void write_application(const Case& c) {
    const auto& r = c.rec;
    const auto& st = r.state;
    sink_.add("applications",
              {num(c.id), r.office, r.sop_code, num(r.sop_version), num(r.applicant_id),
               r.registration_number.empty() ? Value() : Value(r.registration_number),
               r.permit_number.empty() ? Value() : Value(r.permit_number), num(c.sop->steps[st.step].number),
               service::phase_db(st.phase), std::string(final_outcome_key(st.outcome)),
               st.verdict == Verdict::Refuse ? "refuse" : "grant", num(st.created.unix_seconds),
               r.submitted_at ? Value(num(r.submitted_at)) : Value(), num(st.step_started.unix_seconds),
               st.deadline ? Value(num(st.deadline->unix_seconds)) : Value(), num(st.office_time.count),
               num(st.applicant_time.count), num(st.version), r.data});
  }

  const Catalog& catalog_;
  std::map<const Sop*, std::string> example_forms_;
  RowSink& sink_;
  Instant now_;
  std::mt19937_64 rng_;
};

int generate(const std::string& db_url, const std::string& data_dir, long long n, unsigned seed) {
  if (!auth::init_crypto()) return 1;
  auto loaded = load_catalog({data_dir + "/calendar/id-holidays.yaml", data_dir + "/sop"});
  if (!loaded.problems.empty()) {
    for (const auto& p : loaded.problems) std::cerr << p.to_string() << "\n";
    return 1;
  }
  Catalog& catalog = loaded.catalog;
  const bool postgres = db_url.rfind("postgres", 0) == 0;
  SystemClock clock;
  const Instant now = clock.now();
  std::map<std::string, OfficeState> offices;
  long long max_user = 0;
  {
    // Schema, published SOPs and officers through the services, as `satupintu demo` does.
    auto db = store::Database::open(db_url, 2);
    if (!db) throw std::runtime_error(db.error().message);
    if (auto v = store::migrate(**db); !v) throw std::runtime_error(v.error().message);
    store::SqlStore sql_store(**db);
    if (auto p = service::publish_sop_versions(sql_store, catalog, now); !p) throw std::runtime_error(p.error().message);
    std::vector<std::string> codes;
    for (const auto& o : catalog.offices()) codes.push_back(o.code);
    (void)sql_store.write([&](store::Transaction& tx) -> Result<bool> {
      service::ensure_chain_heads(tx, codes);
      return true;
    });
    auto mail = service::MailTemplates::load(data_dir + "/templates/mail");
    if (!mail) throw std::runtime_error(mail.error().message);
    // Officers upload nothing; the store is never written.
    auto blobs = documents::filesystem_blob_store("/nonexistent/satupintu-scale-blobs");
    service::AppContext app{catalog, &sql_store, sql_store, clock, *blobs, {}, std::move(*mail)};
    for (const auto& office : catalog.offices()) {
      OfficeState& o = offices[office.code];
      o.office = &office;
      std::vector<std::string> roles;
      for (const auto& sop : catalog.sops())
        if (sop.office == office.code) {
          o.sops.push_back(&sop);
          for (const auto& r : sop.roles)
            if (r.code != sop.roles[sop.applicant].code && std::find(roles.begin(), roles.end(), r.code) == roles.end())
              roles.push_back(r.code);
        }
      for (const auto& role : roles) {
        service::OfficerSpec spec{"Petugas " + role + " " + office.code, role + "@" + office.code + ".scale", {role}, false};
        auto id = service::create_active_user(app, office.code, service::UserKind::Officer, spec, "satupintu-scale");
        if (!id) throw std::runtime_error(id.error().message);
        o.officer[role] = id->value;
      }
      service::OfficerSpec admin{"Admin " + office.code, "admin@" + office.code + ".scale", {}, true};
      if (auto id = service::create_active_user(app, office.code, service::UserKind::Admin, admin, "satupintu-scale"); !id)
        throw std::runtime_error(id.error().message);
    }
    (void)(*db)->read([&](soci::session& s) -> Result<bool> {
      s << "SELECT MAX(id) FROM users", soci::into(max_user);
      soci::rowset<soci::row> heads = (s.prepare << "SELECT office, seq, hash FROM chain_heads");
      for (const auto& h : heads) {
        // SQLite reports the seq column as int, PostgreSQL as bigint: read it as either.
        auto& o = offices[store::text_at(h, 0)];
        o.seq = store::int_at(h, 1);
        o.prev_hash = store::text_at(h, 2);
      }
      return true;
    });
  }
  std::vector<std::pair<std::string, std::string>> foreign_keys;  // (table, definition) dropped for the load
  if (postgres) {
    for (const auto& fk : pg_exec(db_url, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                                          "FROM pg_constraint WHERE contype = 'f'")) {
      pg_exec(db_url, "ALTER TABLE " + fk[0] + " DROP CONSTRAINT " + fk[1]);
      foreign_keys.push_back({fk[0], "ADD CONSTRAINT " + fk[1] + " " + fk[2]});
    }
  }
  std::unique_ptr<RowSink> sink;
  if (postgres) sink = std::make_unique<PostgresSink>(db_url);
  else sink = std::make_unique<SqliteSink>(db_url.rfind("sqlite:", 0) == 0 ? db_url.substr(7) : db_url);
  const auto t0 = std::chrono::steady_clock::now();
  Generator g(catalog, *sink, now, seed);
  g.offices = std::move(offices);
  g.next_user = max_user;
  g.run(n);
  for (const auto& [code, o] : g.offices)
    for (const auto& [key, value] : o.counters)
      sink->add("counters", {code, key.first == 0 ? "registration" : "permit", num(key.second), num(value)});
  sink->finish();
  sink.reset();
  // The chain heads, and on PostgreSQL the id sequences and the foreign keys.
  std::string heads;
  for (const auto& [code, o] : g.offices)
    heads += "UPDATE chain_heads SET seq = " + num(o.seq) + ", hash = '" + o.prev_hash + "' WHERE office = '" + code + "';";
  if (postgres) {
    pg_exec(db_url, heads);
    for (const char* t : {"users", "applications", "documents", "schedules", "generated_documents"})
      pg_exec(db_url, std::string("SELECT setval(pg_get_serial_sequence('") + t + "', 'id'), (SELECT MAX(id) FROM " + t + "))");
    for (const auto& [table, def] : foreign_keys) pg_exec(db_url, "ALTER TABLE " + table + " " + def);
    // A deployment that has been running is vacuumed; measuring right after a bulk load would
    // measure autovacuum's first pass over 15 million fresh rows instead.
    pg_exec(db_url, "VACUUM ANALYZE");
    // And the pages the load and the vacuum dirtied are written out now, not by a checkpoint in
    // the middle of the measurement.
    pg_exec(db_url, "CHECKPOINT");
  } else {
    sqlite3* db = nullptr;
    sqlite3_open(db_url.rfind("sqlite:", 0) == 0 ? db_url.substr(7).c_str() : db_url.c_str(), &db);
    char* err = nullptr;
    if (sqlite3_exec(db, (heads + "ANALYZE;").c_str(), nullptr, nullptr, &err) != SQLITE_OK)
      throw std::runtime_error(err ? err : "sqlite");
    sqlite3_close(db);
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  nlohmann::json out{{"applications", g.next_app}, {"open", g.open_cases}, {"events", g.events},
                     {"users", g.next_user}, {"documents", g.next_doc}, {"generated_documents", g.next_generated},
                     {"offices", g.offices.size()}, {"seconds", secs}};
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace
}  // namespace sp

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: scale_generate DB DATA_DIR APPLICATIONS [SEED]\n";
    return 2;
  }
  try {
    return sp::generate(argv[1], argv[2], std::stoll(argv[3]), argc > 4 ? static_cast<unsigned>(std::stoul(argv[4])) : 1);
  } catch (const std::exception& e) {
    std::cerr << "scale_generate: " << e.what() << "\n";
    return 1;
  }
}

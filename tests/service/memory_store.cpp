#include "memory_store.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "auth/secrets.hpp"
#include <map>
#include <tuple>
#include <stdexcept>

namespace sp::testing {

namespace {

class Outbox final : public store::OutboxRepository {
 public:
  explicit Outbox(MemoryData& d) : d_(d) {}
  void enqueue(const store::OutboxMail& mail) override {
    d_.outbox.push_back({mail, static_cast<long long>(d_.outbox.size()) + 1, {}, {}, 0, mail.created, {}});
  }
  int count_since(const std::string& recipient, const std::string& subject, Instant since) override {
    return static_cast<int>(std::count_if(d_.outbox.begin(), d_.outbox.end(), [&](const MemoryMail& m) {
      return m.mail.recipient == recipient && m.mail.subject == subject && m.mail.created.unix_seconds >= since.unix_seconds;
    }));
  }
  std::vector<store::ClaimedMail> claim_due(Instant now, Instant lease_until, int limit) override {
    std::vector<store::ClaimedMail> out;
    for (auto& m : d_.outbox) {
      if (static_cast<int>(out.size()) == limit) break;
      if (m.sent || m.next_attempt.unix_seconds > now.unix_seconds) continue;
      if (m.claimed_until && m.claimed_until->unix_seconds >= now.unix_seconds) continue;
      m.claimed_until = lease_until;
      ++m.attempts;
      out.push_back({m.id, m.mail.recipient, m.mail.subject, m.mail.body, m.attempts});
    }
    return out;
  }
  void mark_sent(long long id, Instant at) override {
    auto& m = d_.outbox.at(static_cast<std::size_t>(id - 1));
    m.sent = at;
    m.claimed_until.reset();
    m.last_error.clear();
  }
  void mark_failed(long long id, Instant retry_at, const std::string& error) override {
    auto& m = d_.outbox.at(static_cast<std::size_t>(id - 1));
    m.next_attempt = retry_at;
    m.claimed_until.reset();
    m.last_error = error;
  }

 private:
  MemoryData& d_;
};

class Audit final : public store::AuditRepository {
 public:
  explicit Audit(MemoryData& d) : d_(d) {}
  store::ChainHead lock_head(const std::string& office, const std::string& genesis) override {
    auto [it, _] = d_.heads.try_emplace(office, store::ChainHead{office, 0, genesis});
    return it->second;
  }
  void append(const store::AuditRecord& e) override {
    for (const auto& x : d_.events)
      if (x.office == e.office && x.seq == e.seq) throw std::runtime_error("duplicate event");
    d_.events.push_back(e);
    d_.heads[e.office] = {e.office, e.seq, e.hash};
  }
  std::optional<long long> append_chained(const store::AuditRecord& e, const store::ChainHashTemplate& t) override {
    if (!d_.chained_appends) return std::nullopt;
    auto it = d_.heads.find(e.office);
    if (it == d_.heads.end()) return std::nullopt;
    auto r = e;
    r.seq = it->second.seq + 1;
    r.prev_hash = it->second.hash;
    r.hash = auth::sha256_hex(t.prefix + r.prev_hash + t.middle + std::to_string(r.seq) + t.suffix);
    append(r);
    return r.seq;
  }
  bool can_append_chained() const override { return d_.chained_appends; }
  void ensure_heads(const std::vector<std::string>& offices, const std::string& genesis) override {
    for (const auto& o : offices) d_.heads.try_emplace(o, store::ChainHead{o, 0, genesis});
  }
  std::vector<store::ChainHead> heads() override {
    std::vector<store::ChainHead> out;
    for (const auto& [_, h] : d_.heads) out.push_back(h);
    return out;
  }
  void scan(const std::string& office, const std::function<bool(const store::AuditRecord&)>& visit) override {
    std::vector<store::AuditRecord> mine;
    for (const auto& e : d_.events)
      if (e.office == office) mine.push_back(e);
    std::sort(mine.begin(), mine.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    for (const auto& e : mine)
      if (!visit(e)) return;
  }

 private:
  MemoryData& d_;
};

class Numbering final : public store::NumberingRepository {
 public:
  explicit Numbering(MemoryData& d) : d_(d) {}
  long long next(const std::string& office, const std::string& kind, int year) override {
    return ++d_.counters[{office, kind, year}];
  }

 private:
  MemoryData& d_;
};

class Idempotency final : public store::IdempotencyRepository {
 public:
  explicit Idempotency(MemoryData& d) : d_(d) {}
  std::optional<store::IdempotencyRecord> find(long long user_id, const std::string& key) override {
    auto it = d_.idempotency.find({user_id, key});
    if (it == d_.idempotency.end()) return std::nullopt;
    return it->second;
  }
  bool claim(long long user_id, const std::string& key, const std::string& request_hash, Instant) override {
    return d_.idempotency.try_emplace({user_id, key}, store::IdempotencyRecord{request_hash, 0, ""}).second;
  }
  void store_response(long long user_id, const std::string& key, const store::IdempotencyRecord& r, Instant) override {
    auto [it, made] = d_.idempotency.try_emplace({user_id, key}, r);
    if (!made) it->second.status = r.status, it->second.body = r.body;
  }

 private:
  MemoryData& d_;
};

class SopVersions final : public store::SopVersionRepository {
 public:
  explicit SopVersions(MemoryData& d) : d_(d) {}
  void lock_for_publishing() override {}
  std::optional<std::string> published_sha(const std::string& code, int version) override {
    auto it = d_.sop_versions.find({code, version});
    if (it == d_.sop_versions.end()) return std::nullopt;
    return it->second.sha256;
  }
  void publish(const store::PublishedSop& sop) override {
    if (!d_.sop_versions.try_emplace({sop.code, sop.version}, sop).second) throw std::runtime_error("duplicate version");
  }
  std::optional<store::PublishedSop> find(const std::string& code, int version) override {
    auto it = d_.sop_versions.find({code, version});
    if (it == d_.sop_versions.end()) return std::nullopt;
    return it->second;
  }
  std::vector<store::PublishedSop> all() override {
    std::vector<store::PublishedSop> out;
    for (const auto& [_, p] : d_.sop_versions) out.push_back(p);
    return out;
  }

 private:
  MemoryData& d_;
};

class Accounts final : public store::AccountRepository {
 public:
  explicit Accounts(MemoryData& d) : d_(d) {}
  std::vector<std::string> roles(long long user_id) override {
    auto it = d_.roles.find(user_id);
    if (it == d_.roles.end()) return {};
    auto out = it->second;
    std::sort(out.begin(), out.end());
    return out;
  }
  void replace_roles(long long user_id, const std::string&, const std::vector<std::string>& roles) override {
    d_.roles[user_id] = roles;
  }
  std::optional<std::string> staff_kind(long long user_id, const std::string& office) override {
    auto it = d_.users.find(user_id);
    if (it == d_.users.end() || it->second.office != office || it->second.kind == "applicant") return std::nullopt;
    return it->second.kind;
  }
  std::optional<long long> staff_id_by_email(const std::string& email, const std::string& office) override {
    for (const auto& [id, u] : d_.users)
      if (u.email == email && u.office == office && u.kind != "applicant") return id;
    return std::nullopt;
  }
  std::optional<std::string> full_name(long long user_id) override {
    auto it = d_.users.find(user_id);
    if (it == d_.users.end()) return std::nullopt;
    return it->second.full_name;
  }
  std::vector<std::pair<long long, std::string>> active_holders(const std::string& office, const std::string& role) override {
    std::vector<std::pair<long long, std::string>> out;
    for (const auto& [id, u] : d_.users) {
      const auto& held = d_.roles[id];
      if (u.office == office && std::find(held.begin(), held.end(), role) != held.end()) out.emplace_back(id, u.full_name);
    }
    return out;
  }
  bool any_email_ending(const std::string& suffix) override {
    return std::any_of(d_.users.begin(), d_.users.end(), [&](const auto& u) { return u.second.email.ends_with(suffix); });
  }
  std::optional<store::UserRecord> find(long long user_id) override {
    auto it = d_.users.find(user_id);
    if (it == d_.users.end()) return std::nullopt;
    return record(it->first, it->second, it->second.nik);
  }
  std::optional<store::UserRecord> by_email(const std::string& email) override {
    for (const auto& [id, u] : d_.users)
      if (u.email == email) return record(id, u, u.nik);
    return std::nullopt;
  }
  std::optional<store::UserRecord> active_by_nik(const std::string& nik) override {
    for (const auto& [id, u] : d_.users)
      if (!nik.empty() && u.nik == nik && u.status == "active") return record(id, u, u.nik);
    return std::nullopt;
  }
  long long insert(const store::NewUser& n) override {
    for (const auto& [_, u] : d_.users)
      if (!n.email.empty() && u.email == n.email) throw std::runtime_error("UNIQUE constraint failed: users.email");
    const long long id = d_.users.empty() ? 1 : d_.users.rbegin()->first + 1;
    MemoryUser u{n.kind, n.office, n.email, n.full_name};
    u.status = n.status;
    (n.status == "pending" ? u.claimed_nik : u.nik) = n.nik;
    u.phone = n.phone;
    u.profession = n.profession;
    u.password_hash = n.password_hash;
    u.created = n.created;
    d_.users[id] = u;
    return id;
  }
  void renew_registration(long long user_id, const store::NewUser& n) override {
    auto& u = d_.users.at(user_id);
    u.office = n.office, u.full_name = n.full_name, u.claimed_nik = n.nik, u.nik.clear();
    u.phone = n.phone, u.profession = n.profession, u.status = "pending", u.created = n.created;
  }
  std::vector<store::ListedAccount> of_office(const std::string& office, const std::string& status,
                                              Instant cutoff) override {
    std::vector<store::ListedAccount> out;
    for (const auto& [id, u] : d_.users) {
      if (u.status == "pending" && u.created.unix_seconds < cutoff.unix_seconds) continue;
      store::ListedAccount a;
      a.user = record(id, u, u.nik.empty() ? u.claimed_nik : u.nik);
      a.user.password_hash.clear();
      a.user.nip = u.nip;
      if (u.kind != "applicant") {
        if (u.office != office) continue;
      } else {
        auto it = d_.approvals.find({id, office});
        if (it == d_.approvals.end()) continue;
        const auto& s = it->second.status;
        a.user.status = u.status == "disabled" ? "disabled" : s != "approved" ? s
                        : u.status == "pending"  ? "unconfirmed" : u.status;
        a.approval_requested = it->second.requested;
      }
      if (status.empty() || a.user.status == status) out.push_back(std::move(a));
    }
    return out;
  }
  std::optional<store::OfficeApproval> approval(long long user_id, const std::string& office) override {
    auto it = d_.approvals.find({user_id, office});
    if (it == d_.approvals.end()) return std::nullopt;
    return it->second;
  }
  std::vector<store::OfficeApproval> approvals_of(long long user_id) override {
    std::vector<store::OfficeApproval> out;
    for (const auto& [key, a] : d_.approvals)
      if (key.first == user_id) out.push_back(a);
    return out;
  }
  bool link_office(long long user_id, const std::string& office, const std::string& status, Instant at) override {
    store::OfficeApproval a{office, status, at, status == "approved" ? at : Instant{}, ""};
    return d_.approvals.emplace(std::pair{user_id, office}, a).second;
  }
  void set_approval(long long user_id, const std::string& office, const std::string& status, Instant at, long long,
                    const std::string& note) override {
    auto& a = d_.approvals.at({user_id, office});
    a.status = status;
    if (status == "pending") a.requested = at, a.decided = Instant{}, a.note.clear();
    else a.decided = at, a.note = note;
  }
  bool claimed_nik_taken(long long user_id) override {
    const auto& claimed = d_.users.at(user_id).claimed_nik;
    return std::any_of(d_.users.begin(), d_.users.end(),
                       [&](const auto& u) { return u.second.nik == claimed && u.second.status == "active"; });
  }
  void confirm_nik(long long user_id) override {
    auto& u = d_.users.at(user_id);
    for (const auto& [id, other] : d_.users)
      if (id != user_id && !other.nik.empty() && other.nik == u.claimed_nik)
        throw std::runtime_error("UNIQUE constraint failed: users.nik");
    u.nik = u.claimed_nik;
  }
  void decide(long long user_id, const std::string& status, Instant, long long, const std::string&) override {
    d_.users.at(user_id).status = status;
  }
  void set_password(long long user_id, const std::string& hash) override {
    if (auto& u = d_.users.at(user_id); u.status == "active") u.password_hash = hash;
  }
  void set_status(long long user_id, const std::string& status) override { d_.users.at(user_id).status = status; }
  void set_nip(long long user_id, const std::string& nip) override { d_.users.at(user_id).nip = nip; }
  std::string nip(long long user_id) override {
    auto it = d_.users.find(user_id);
    return it == d_.users.end() ? std::string() : it->second.nip;
  }
  void add_token(const std::string& hash, long long user_id, const std::string& purpose, Instant expires) override {
    d_.tokens[hash] = {{user_id, expires, false}, purpose};
  }
  std::optional<store::OneTimeToken> token(const std::string& hash) override {
    auto it = d_.tokens.find(hash);
    if (it == d_.tokens.end()) return std::nullopt;
    return it->second.token;
  }
  void use_token(const std::string& hash, Instant) override { d_.tokens.at(hash).token.used = true; }
  void add_session(const store::SessionRecord& s) override { d_.sessions[s.token_hash] = s; }
  std::optional<store::SessionAccount> session(const std::string& hash) override {
    auto it = d_.sessions.find(hash);
    if (it == d_.sessions.end()) return std::nullopt;
    auto u = find(it->second.user_id);
    if (!u || u->status != "active") return std::nullopt;
    u->password_hash.clear();
    return store::SessionAccount{*u, it->second};
  }
  void delete_session(const std::string& hash) override { d_.sessions.erase(hash); }
  void delete_sessions_of(long long user_id) override {
    std::erase_if(d_.sessions, [&](const auto& s) { return s.second.user_id == user_id; });
  }
  store::FailureCount failures(const std::string& email, const std::optional<std::string>& address,
                               Instant since) override {
    store::FailureCount f;
    for (const auto& x : d_.failures)
      if (x.email == email && (!address || x.address == *address) && x.at.unix_seconds >= since.unix_seconds) {
        ++f.count;
        f.latest = std::max(f.latest, x.at);
      }
    return f;
  }
  void add_failure(const std::string& email, const std::string& address, Instant at) override {
    d_.failures.push_back({email, address, at});
  }
  void clear_failures(const std::string& email, const std::optional<std::string>& address) override {
    std::erase_if(d_.failures, [&](const MemoryFailure& x) { return x.email == email && (!address || x.address == *address); });
  }

 private:
  static store::UserRecord record(long long id, const MemoryUser& u, const std::string& nik) {
    store::UserRecord r;
    r.id = id;
    r.kind = u.kind, r.office = u.office, r.full_name = u.full_name, r.email = u.email;
    r.phone = u.phone, r.profession = u.profession, r.status = u.status, r.nik = nik;
    r.password_hash = u.password_hash, r.created = u.created;
    return r;
  }
  MemoryData& d_;
};

class Applications final : public store::ApplicationRepository {
 public:
  explicit Applications(MemoryData& d) : d_(d) {}
  std::optional<store::ApplicationRow> find(long long id) override {
    auto it = d_.applications.find(id);
    if (it == d_.applications.end()) return std::nullopt;
    return with_applicant(it->second);
  }
  std::optional<long long> id_by_registration(const std::string& number) override {
    for (const auto& [id, a] : d_.applications)
      if (!number.empty() && a.registration_number == number) return id;
    return std::nullopt;
  }
  long long insert(const store::ApplicationRow& row) override {
    const long long id = d_.applications.empty() ? 1 : d_.applications.rbegin()->first + 1;
    auto r = row;
    r.id = id;
    r.applicant_name.clear(), r.applicant_email.clear();
    d_.applications[id] = r;
    return id;
  }
  bool update_state(const store::ApplicationRow& row, int expected_version) override {
    auto it = d_.applications.find(row.id);
    if (it == d_.applications.end() || it->second.version != expected_version) return false;
    auto r = row;
    r.applicant_name.clear(), r.applicant_email.clear();
    r.data = it->second.data;  // an action never changes the form
    it->second = r;
    return true;
  }
  void set_deadline(long long id, Instant deadline) override { d_.applications.at(id).deadline = deadline; }
  void set_data(long long id, const std::string& data) override { d_.applications.at(id).data = data; }
  std::vector<long long> running_with_deadline(const std::string& office) override {
    std::vector<long long> out;
    for (const auto& [id, a] : d_.applications)
      if (a.office == office && a.phase == "at_step" && a.deadline) out.push_back(id);
    return out;
  }
  std::vector<store::ApplicationRow> at_steps(const std::string& office, const std::string& code, int version,
                                              const std::vector<int>& steps) override {
    std::vector<store::ApplicationRow> out;
    for (const auto& [_, a] : d_.applications)
      if (a.office == office && a.phase == "at_step" && a.sop_code == code && a.sop_version == version &&
          std::find(steps.begin(), steps.end(), a.step) != steps.end())
        out.push_back(with_applicant(a));
    return out;
  }
  std::vector<store::ApplicationRow> of_applicant(long long applicant_id) override {
    std::vector<store::ApplicationRow> out;
    for (auto it = d_.applications.rbegin(); it != d_.applications.rend(); ++it)
      if (it->second.applicant_id == applicant_id) out.push_back(with_applicant(it->second));
    return out;
  }
  // As the SQL: the registration number, permit number or applicant's name contains `text`.
  static bool matches(const store::ApplicationRow& row, const std::string& text) {
    const auto lower = [](std::string v) {
      for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return v;
    };
    for (const auto& field : {row.registration_number, row.permit_number, row.applicant_name})
      if (lower(field).find(lower(text)) != std::string::npos) return true;
    return false;
  }
  std::vector<store::ApplicationRow> search(const std::string& office, const std::string& text, int limit) override {
    std::vector<store::ApplicationRow> out;
    for (auto it = d_.applications.rbegin(); it != d_.applications.rend() && static_cast<int>(out.size()) < limit; ++it) {
      auto row = with_applicant(it->second);
      if (row.office == office && matches(row, text)) out.push_back(std::move(row));
    }
    return out;
  }
  std::vector<store::ApplicationRow> awaiting_handover(const std::string& office, bool printed, const std::string& text,
                                                       int limit) override {
    std::vector<store::ApplicationRow> out;
    for (const auto& [id, a] : d_.applications) {
      if (a.office != office || a.phase != "closed" || static_cast<int>(out.size()) >= limit) continue;
      auto row = with_applicant(a);
      if (!matches(row, text)) continue;
      for (const auto& g : d_.generated)
        if (g.application_id == id && (g.kind == "izin" || g.kind == "penolakan") && g.is_signed &&
            g.status == "ready" && !g.revoked_at && !g.delivered_at && g.printed_at.has_value() == printed) {
          out.push_back(std::move(row));
          break;
        }
    }
    return out;
  }
  std::vector<store::DocumentRecord> documents(long long app) override {
    std::vector<store::DocumentRecord> out;
    for (const auto& d : d_.documents)
      if (d.application_id == app) out.push_back(d);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return std::tie(a.requirement, a.revision) < std::tie(b.requirement, b.revision);
    });
    return out;
  }
  std::optional<store::DocumentRecord> document(long long app, long long id) override {
    for (const auto& d : d_.documents)
      if (d.application_id == app && d.id == id) return d;
    return std::nullopt;
  }
  store::UploadFacts upload_facts(long long app, const std::string& requirement) override {
    std::map<std::string, store::DocumentRecord> latest;
    for (const auto& d : documents(app)) latest[d.requirement] = d;
    store::UploadFacts f;
    for (const auto& [req, d] : latest)
      if (req != requirement) f.others_size += d.size;
    if (auto it = latest.find(requirement); it != latest.end()) f.last_revision = it->second.revision;
    return f;
  }
  store::ApplicationFiles files(long long app, bool with_returns, bool with_form) override {
    store::ApplicationFiles f;
    f.documents = documents(app);
    for (const auto& g : d_.generated)
      if (g.application_id == app) f.generated.push_back(g);
    if (with_returns) f.latest_return_reasons = latest_return_reasons(app);
    if (with_form) f.form = d_.applications.at(app).data;
    return f;
  }
  long long add_document(const store::DocumentRecord& doc) override {
    auto d = doc;
    d.id = static_cast<long long>(d_.documents.size()) + 1;
    d_.documents.push_back(d);
    return d.id;
  }
  std::vector<std::string> requirements_present(long long app) override {
    std::vector<std::string> out;
    for (const auto& d : d_.documents)
      if (d.application_id == app && std::find(out.begin(), out.end(), d.requirement) == out.end())
        out.push_back(d.requirement);
    return out;
  }
  void add_return_reason(long long app, long long seq, const store::ReturnReason& r) override {
    d_.return_reasons.emplace_back(app, seq, r);
  }
  std::vector<store::ReturnReason> return_reasons(long long app, long long seq) override {
    std::vector<store::ReturnReason> out;
    for (const auto& [a, s, r] : d_.return_reasons)
      if (a == app && s == seq) out.push_back(r);
    return out;
  }
  std::vector<store::ReturnReason> latest_return_reasons(long long app) {
    long long latest = 0;
    for (const auto& [a, s, r] : d_.return_reasons)
      if (a == app) latest = std::max(latest, s);
    return return_reasons(app, latest);
  }
  long long add_schedule(const store::ScheduleRecord& s) override {
    auto r = s;
    r.id = static_cast<long long>(d_.schedules.size()) + 1;
    d_.schedules.push_back(r);
    return r.id;
  }
  int schedule_count(long long app) override {
    return static_cast<int>(std::count_if(d_.schedules.begin(), d_.schedules.end(),
                                          [&](const auto& s) { return s.application_id == app; }));
  }
  std::optional<store::ScheduleRecord> latest_schedule(long long app) override {
    for (auto it = d_.schedules.rbegin(); it != d_.schedules.rend(); ++it)
      if (it->application_id == app) return *it;
    return std::nullopt;
  }
  std::vector<store::TimelineEvent> timeline(const std::string& office, long long app) override {
    std::vector<store::TimelineEvent> out;
    for (const auto& e : d_.events)
      if (e.office == office && e.application_id == app) {
        std::string name;
        if (e.actor_id)
          if (auto it = d_.users.find(*e.actor_id); it != d_.users.end()) name = it->second.full_name;
        out.push_back({e, name});
      }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.event.seq < b.event.seq; });
    return out;
  }
  std::optional<store::AuditRecord> latest_event(long long app, const std::string& action) override {
    std::optional<store::AuditRecord> out;
    for (const auto& e : d_.events)
      if (e.application_id == app && e.action == action && (!out || e.seq > out->seq)) out = e;
    return out;
  }
  std::optional<store::AuditRecord> event(const std::string& office, long long seq) override {
    for (const auto& e : d_.events)
      if (e.office == office && e.seq == seq) return e;
    return std::nullopt;
  }

 private:
  store::ApplicationRow with_applicant(store::ApplicationRow r) const {
    if (auto it = d_.users.find(r.applicant_id); it != d_.users.end())
      r.applicant_name = it->second.full_name, r.applicant_email = it->second.email;
    return r;
  }
  MemoryData& d_;
};

class GeneratedDocuments final : public store::GeneratedDocumentRepository {
 public:
  explicit GeneratedDocuments(MemoryData& d) : d_(d) {}
  void plan(const store::GeneratedDocumentRecord& doc) override {
    auto d = doc;
    d.id = static_cast<long long>(d_.generated.size()) + 1;
    d.status = "pending";
    d_.generated.push_back(d);
  }
  std::vector<store::GeneratedDocumentRecord> pending(std::optional<long long> app, int limit) override {
    std::vector<store::GeneratedDocumentRecord> out;
    for (const auto& d : d_.generated)
      if (d.status == "pending" && (!app || d.application_id == *app) && static_cast<int>(out.size()) < limit)
        out.push_back(d);
    return out;
  }
  void mark_ready(long long id, const std::string& sha256, long long size, Instant at, const std::string& signer) override {
    auto& d = at_id(id);
    if (d.status != "pending") return;
    d.status = "ready", d.sha256 = sha256, d.size = size, d.ready_at = at, d.signer = signer, d.is_signed = !signer.empty();
  }
  std::optional<store::GeneratedDocumentRecord> find(long long app, long long id) override {
    for (const auto& d : d_.generated)
      if (d.application_id == app && d.id == id) return d;
    return std::nullopt;
  }
  bool mark_delivered(long long id, Instant at) override {
    auto& d = at_id(id);
    if (d.delivered_at) return false;
    d.delivered_at = at;
    return true;
  }
  void revoke(long long id, Instant at, const std::string& reason) override {
    auto& d = at_id(id);
    d.revoked_at = at, d.revoked_reason = reason;
  }
  int record_print(long long id, Instant at, long long) override {
    auto& d = at_id(id);
    d.printed_at = at;
    return ++d.print_count;
  }
  std::optional<store::VerificationRecord> by_verify_code(const std::string& code) override {
    for (const auto& d : d_.generated)
      if (d.verify_code == code) {
        const auto& a = d_.applications.at(d.application_id);
        auto u = d_.users.find(a.applicant_id);
        return store::VerificationRecord{d, a.registration_number, a.permit_number, a.sop_code,
                                         u == d_.users.end() ? std::string() : u->second.full_name, a.sop_version};
      }
    return std::nullopt;
  }

 private:
  store::GeneratedDocumentRecord& at_id(long long id) { return d_.generated.at(static_cast<std::size_t>(id - 1)); }
  MemoryData& d_;
};

class Closures final : public store::ClosureRepository {
 public:
  explicit Closures(MemoryData& d) : d_(d) {}
  std::vector<store::ClosureRecord> of_office(const std::string& office) override {
    auto out = d_.closures[office];
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.day < b.day; });
    return out;
  }
  bool exists(const std::string& office, const std::string& day) override {
    const auto& list = d_.closures[office];
    return std::any_of(list.begin(), list.end(), [&](const auto& c) { return c.day == day; });
  }
  void add(const std::string& office, const store::ClosureRecord& c, long long, Instant) override {
    d_.closures[office].push_back(c);
  }
  void remove(const std::string& office, const std::string& day) override {
    std::erase_if(d_.closures[office], [&](const auto& c) { return c.day == day; });
  }

 private:
  MemoryData& d_;
};

class RoleGrants final : public store::RoleGrantRepository {
 public:
  explicit RoleGrants(MemoryData& d) : d_(d) {}
  long long request(const store::RoleGrantRecord& grant) override {
    auto g = grant;
    g.id = static_cast<long long>(d_.role_grants.size()) + 1;
    g.status = "pending";
    d_.role_grants.push_back(g);
    return g.id;
  }
  std::optional<store::RoleGrantRecord> find(long long id) override {
    if (id < 1 || id > static_cast<long long>(d_.role_grants.size())) return std::nullopt;
    return d_.role_grants[static_cast<std::size_t>(id - 1)];
  }
  void approve(long long id, long long, Instant) override { d_.role_grants.at(static_cast<std::size_t>(id - 1)).status = "approved"; }
  std::vector<store::PendingRoleGrant> pending(const std::string& office) override {
    std::vector<store::PendingRoleGrant> out;
    for (const auto& g : d_.role_grants)
      if (g.office == office && g.status == "pending")
        out.push_back({g, d_.users[g.user_id].full_name, d_.users[g.requested_by].full_name});
    return out;
  }

 private:
  MemoryData& d_;
};

class Survey final : public store::SurveyRepository {
 public:
  explicit Survey(MemoryData& d) : d_(d) {}
  bool answered(long long application_id) override { return d_.survey.count(application_id) > 0; }
  void add(const store::SurveyAnswerRecord& a) override {
    if (!d_.survey.try_emplace(a.application_id, a).second) throw std::runtime_error("answered already");
  }
  std::vector<store::SurveyAnswerRecord> of_office(const std::string& office, Instant from, Instant to,
                                                   const std::string& permit) override {
    std::vector<store::SurveyAnswerRecord> out;
    for (const auto& [_, a] : d_.survey)
      if (a.office == office && a.answered >= from && a.answered < to && (permit.empty() || a.permit == permit))
        out.push_back(a);
    std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.answered < y.answered; });
    return out;
  }

 private:
  MemoryData& d_;
};

class Register final : public store::RegisterRepository {
 public:
  explicit Register(MemoryData& d) : d_(d) {}
  std::vector<store::RegisterEntry> page(const store::RegisterQuery& q, const std::optional<store::RegisterCursor>& after,
                                         int limit) override {
    std::vector<store::RegisterEntry> out;
    for (const auto& row : matching(q)) {
      const long long at = row->submitted->unix_seconds;
      if (after && (at < after->submitted || (at == after->submitted && row->id <= after->id))) continue;
      if (static_cast<int>(out.size()) >= limit) break;
      store::RegisterEntry e;
      e.app = *row;
      e.app.data.clear();
      e.app.applicant_name = d_.users[row->applicant_id].full_name;
      e.applicant_nik = d_.users[row->applicant_id].nik;
      for (const auto& ev : d_.events)
        if (ev.application_id == row->id && (ev.kind == "acted" || ev.kind == "resubmitted" || ev.kind == "withdrawn"))
          e.steps.push_back({ev.step, Instant{ev.at}, ev.overdue});
      out.push_back(std::move(e));
    }
    return out;
  }
  long long count(const store::RegisterQuery& q) override { return static_cast<long long>(matching(q).size()); }

 private:
  std::vector<const store::ApplicationRow*> matching(const store::RegisterQuery& q) {
    std::vector<const store::ApplicationRow*> rows;
    for (const auto& [_, a] : d_.applications) {
      if (a.office != q.office || !a.submitted || a.registration_number.empty()) continue;
      if (*a.submitted < q.from || !(*a.submitted < q.to)) continue;
      if (!q.sop_codes.empty() && std::find(q.sop_codes.begin(), q.sop_codes.end(), a.sop_code) == q.sop_codes.end())
        continue;
      const bool closed = a.phase == "closed";
      if (!q.status.empty() && !(q.status == "in_progress" ? a.phase == "at_step"
                                 : q.status == "with_applicant" ? a.phase == "with_applicant"
                                                                : closed && a.outcome == q.status))
        continue;
      rows.push_back(&a);
    }
    std::sort(rows.begin(), rows.end(), [](const auto* x, const auto* y) {
      return std::pair(x->submitted->unix_seconds, x->id) < std::pair(y->submitted->unix_seconds, y->id);
    });
    return rows;
  }
  MemoryData& d_;
};

class Dashboard final : public store::DashboardRepository {
 public:
  explicit Dashboard(MemoryData& d) : d_(d) {}
  void steps_done(const store::DashboardQuery& q, store::FunctionRef<void(const store::StepDoneRecord&)> each) override {
    for (const auto& e : d_.events) {
      const store::ApplicationRow* a = selected(q, e);
      if (a)
        each({a->sop_code, a->sop_version, e.step, e.actor_id.value_or(0), e.role, Instant{e.at},
              e.elapsed_minutes.value_or(0), e.overdue});
    }
  }
  std::vector<store::DayTally> daily_tallies(const store::DashboardQuery& q, long long utc_offset_seconds) override {
    std::map<long long, store::DayTally> days;
    for (const auto& e : d_.events)
      if (selected(q, e)) {
        const long long day = (e.at + utc_offset_seconds) / 86400;
        auto& t = days[day];
        t.day = day;
        ++t.handled;
        t.late += e.overdue ? 1 : 0;
      }
    std::vector<store::DayTally> out;
    for (const auto& [_, t] : days) out.push_back(t);
    return out;
  }
  std::vector<store::OverdueRecord> overdue(const store::OverdueQuery& q, int limit) override {
    std::vector<store::OverdueRecord> out;
    for (const auto& [_, a] : d_.applications)
      if (late(a, q))
        out.push_back({a.id, a.registration_number, a.sop_code, a.sop_version, a.step, *a.deadline, a.step_started});
    std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
      return std::pair(x.deadline.unix_seconds, x.id) < std::pair(y.deadline.unix_seconds, y.id);
    });
    if (static_cast<int>(out.size()) > limit) out.resize(static_cast<std::size_t>(limit));
    return out;
  }
  long long overdue_count(const store::OverdueQuery& q) override {
    long long n = 0;
    for (const auto& [_, a] : d_.applications) n += late(a, q) ? 1 : 0;
    return n;
  }
  std::vector<std::pair<long long, std::string>> names(const std::vector<long long>& ids) override {
    std::vector<std::pair<long long, std::string>> out;
    for (long long id : ids)
      if (auto it = d_.users.find(id); it != d_.users.end()) out.emplace_back(id, it->second.full_name);
    return out;
  }

 private:
  static bool listed(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }
  const store::ApplicationRow* selected(const store::DashboardQuery& q, const store::AuditRecord& e) const {
    if (e.office != q.office || e.kind != "acted" || e.at < q.from.unix_seconds || e.at >= q.to.unix_seconds ||
        !e.application_id || listed(q.skip_roles, e.role))
      return nullptr;
    auto it = d_.applications.find(*e.application_id);
    if (it == d_.applications.end() || (!q.sop_codes.empty() && !listed(q.sop_codes, it->second.sop_code)))
      return nullptr;
    return &it->second;
  }
  static bool late(const store::ApplicationRow& a, const store::OverdueQuery& q) {
    for (const auto& s : q.skip_steps)
      if (s.sop_code == a.sop_code && s.sop_version == a.sop_version && s.step == a.step) return false;
    return a.office == q.office && a.phase == "at_step" && a.deadline && *a.deadline < q.now &&
           !a.registration_number.empty() && (q.sop_codes.empty() || listed(q.sop_codes, a.sop_code));
  }
  MemoryData& d_;
};

class OfficeReport final : public store::OfficeReportRepository {
 public:
  explicit OfficeReport(MemoryData& d) : d_(d) {}
  std::vector<store::SopTally> period_counts(const store::OfficeReportQuery& q) override {
    std::map<std::string, store::SopTally> by_code;
    const auto in = [&](Instant t) { return !(t < q.from) && t < q.to; };
    for (const auto& a : registered(q.office)) {
      store::SopTally& s = by_code[a->sop_code];
      s.sop_code = a->sop_code;
      if (in(*a->submitted)) ++s.received;
      if (a->phase == "closed" && in(a->step_started)) {
        if (a->outcome == "issued") ++s.issued;
        if (a->outcome == "rejected") ++s.rejected;
        if (a->outcome == "withdrawn") ++s.withdrawn;
        bool late = false;
        for (const auto& e : d_.events)
          late = late || (e.application_id == a->id && e.overdue &&
                          (e.kind == "acted" || e.kind == "resubmitted" || e.kind == "withdrawn"));
        if ((a->outcome == "issued" || a->outcome == "rejected") && !late) ++s.decided_on_time;
      }
    }
    return listed(by_code);
  }
  std::vector<store::SopTally> open_at(const std::string& office, Instant at) override {
    std::map<std::string, store::SopTally> by_code;
    for (const auto& a : registered(office)) {
      if (!(*a->submitted < at) || (a->phase == "closed" && a->step_started < at)) continue;
      store::SopTally& s = by_code[a->sop_code];
      s.sop_code = a->sop_code;
      ++s.in_progress;
    }
    return listed(by_code);
  }

 private:
  std::vector<const store::ApplicationRow*> registered(const std::string& office) const {
    std::vector<const store::ApplicationRow*> out;
    for (const auto& [_, a] : d_.applications)
      if (a.office == office && a.submitted && !a.registration_number.empty()) out.push_back(&a);
    return out;
  }
  static std::vector<store::SopTally> listed(std::map<std::string, store::SopTally>& by_code) {
    std::vector<store::SopTally> out;
    for (auto& [_, s] : by_code)
      if (s.received || s.issued || s.rejected || s.withdrawn || s.in_progress) out.push_back(std::move(s));
    return out;
  }
  MemoryData& d_;
};

class Escalations final : public store::EscalationRepository {
 public:
  explicit Escalations(MemoryData& d) : d_(d), dashboard_(d) {}
  std::vector<store::OverdueRecord> unescalated(const store::OverdueQuery& q, int limit) override {
    std::vector<store::OverdueRecord> out;
    for (auto& r : dashboard_.overdue(q, std::numeric_limits<int>::max()))
      if (!done(r.id, r.step, r.step_started) && static_cast<int>(out.size()) < limit) out.push_back(r);
    return out;
  }
  bool record(const store::EscalationRecord& e) override {
    if (done(e.application_id, e.step, e.step_started)) return false;
    d_.escalations.push_back(e);
    return true;
  }
  bool digest_taken(const std::string& office, long long day) override { return d_.digests.count({office, day}) > 0; }
  bool record_digest(const std::string& office, long long day, int files, Instant) override {
    return d_.digests.emplace(std::pair(office, day), files).second;
  }

 private:
  bool done(long long id, int step, Instant started) const {
    for (const auto& e : d_.escalations)
      if (e.application_id == id && e.step == step && e.step_started == started) return true;
    return false;
  }
  MemoryData& d_;
  Dashboard dashboard_;
};

class Notifications final : public store::NotificationRepository {
 public:
  explicit Notifications(MemoryData& d) : d_(d) {}
  long long add(const store::NotificationRecord& n) override {
    d_.notifications.push_back(n);
    d_.notifications.back().id = static_cast<long long>(d_.notifications.size());
    return d_.notifications.back().id;
  }
  std::vector<store::NotificationRecord> of_account(long long account_id, bool unread_only, int limit) override {
    std::vector<store::NotificationRecord> out;
    for (auto it = d_.notifications.rbegin(); it != d_.notifications.rend(); ++it)
      if (it->account_id == account_id && (!unread_only || !it->read_at) && static_cast<int>(out.size()) < limit)
        out.push_back(*it);
    return out;
  }
  long long unread_count(long long account_id) override {
    return std::count_if(d_.notifications.begin(), d_.notifications.end(),
                         [&](const auto& n) { return n.account_id == account_id && !n.read_at; });
  }
  bool mark_read(long long account_id, long long id, Instant at) override {
    for (auto& n : d_.notifications)
      if (n.id == id && n.account_id == account_id) {
        if (!n.read_at) n.read_at = at;
        return true;
      }
    return false;
  }
  long long mark_all_read(long long account_id, Instant at, const std::string& kind) override {
    long long n = 0;
    for (auto& x : d_.notifications)
      if (x.account_id == account_id && !x.read_at && (kind.empty() || x.kind == kind)) x.read_at = at, ++n;
    return n;
  }

 private:
  MemoryData& d_;
};

class Complaints final : public store::ComplaintRepository {
 public:
  explicit Complaints(MemoryData& d) : d_(d) {}
  long long insert(const store::ComplaintRecord& c) override {
    for (const auto& x : d_.complaints)
      if (x.number == c.number) throw std::runtime_error("UNIQUE constraint failed: complaints.number");
    d_.complaints.push_back(c);
    d_.complaints.back().id = static_cast<long long>(d_.complaints.size());
    d_.complaints.back().version = 0;
    return d_.complaints.back().id;
  }
  std::optional<store::ComplaintRecord> find(long long id) override {
    if (id < 1 || id > static_cast<long long>(d_.complaints.size())) return std::nullopt;
    return d_.complaints[static_cast<std::size_t>(id - 1)];
  }
  std::optional<store::ComplaintRecord> by_number(const std::string& number) override {
    for (const auto& c : d_.complaints)
      if (c.number == number) return c;
    return std::nullopt;
  }
  std::vector<store::ComplaintRecord> of_office(const std::string& office, const std::string& status, int limit) override {
    return newest([&](const auto& c) {
      return c.office == office && (status.empty() || c.status == (status == "open" ? "received" : status));
    }, limit);
  }
  std::vector<store::ComplaintRecord> of_filer(long long user_id, int limit) override {
    return newest([&](const auto& c) { return c.filer_id == user_id; }, limit);
  }
  int filed_by_contact_since(const std::string& contact, Instant since) override {
    return static_cast<int>(std::count_if(d_.complaints.begin(), d_.complaints.end(), [&](const auto& c) {
      return (c.filer_email == contact || c.filer_phone == contact) && !(c.filed < since);
    }));
  }
  bool update(const store::ComplaintRecord& c, int expected_version) override {
    if (c.id < 1 || c.id > static_cast<long long>(d_.complaints.size())) return false;
    auto& x = d_.complaints[static_cast<std::size_t>(c.id - 1)];
    if (x.version != expected_version) return false;
    x.status = c.status;
    x.assigned_to = c.assigned_to;
    x.answer = c.answer;
    x.answered_by = c.answered_by;
    x.answered = c.answered;
    x.closed = c.closed;
    ++x.version;
    return true;
  }
  long long add_attachment(const store::ComplaintAttachmentRecord& a) override {
    d_.complaint_attachments.push_back(a);
    d_.complaint_attachments.back().id = static_cast<long long>(d_.complaint_attachments.size());
    return d_.complaint_attachments.back().id;
  }
  std::vector<store::ComplaintAttachmentRecord> attachments(long long complaint_id) override {
    std::vector<store::ComplaintAttachmentRecord> out;
    for (const auto& a : d_.complaint_attachments)
      if (a.complaint_id == complaint_id) out.push_back(a);
    return out;
  }
  std::vector<store::ComplaintRecord> of_period(const std::string& office, Instant from, Instant to) override {
    std::vector<store::ComplaintRecord> out;
    for (const auto& c : d_.complaints)
      if (c.office == office && c.filed < to && (!c.answered || !(*c.answered < from))) out.push_back(c);
    return out;
  }

 private:
  template <class Pred>
  std::vector<store::ComplaintRecord> newest(Pred pred, int limit) {
    std::vector<store::ComplaintRecord> out;
    for (auto it = d_.complaints.rbegin(); it != d_.complaints.rend(); ++it)
      if (pred(*it) && static_cast<int>(out.size()) < limit) out.push_back(*it);
    return out;
  }
  MemoryData& d_;
};

class MemoryTransaction final : public store::Transaction {
 public:
  explicit MemoryTransaction(MemoryData& d)
      : accounts_(d), applications_(d), audit_(d), closures_(d), generated_(d), idempotency_(d), numbering_(d),
        outbox_(d), role_grants_(d), sop_versions_(d), survey_(d), register_(d), dashboard_(d), office_report_(d), escalations_(d), notifications_(d), complaints_(d) {}
  store::AccountRepository& accounts() override { return accounts_; }
  store::ApplicationRepository& applications() override { return applications_; }
  store::ClosureRepository& closures() override { return closures_; }
  store::GeneratedDocumentRepository& generated_documents() override { return generated_; }
  store::RoleGrantRepository& role_grants() override { return role_grants_; }
  store::AuditRepository& audit() override { return audit_; }
  store::IdempotencyRepository& idempotency() override { return idempotency_; }
  store::NumberingRepository& numbering() override { return numbering_; }
  store::OutboxRepository& outbox() override { return outbox_; }
  store::SopVersionRepository& sop_versions() override { return sop_versions_; }
  store::SurveyRepository& survey() override { return survey_; }
  store::RegisterRepository& register_book() override { return register_; }
  store::DashboardRepository& dashboard() override { return dashboard_; }
  store::OfficeReportRepository& office_report() override { return office_report_; }
  store::EscalationRepository& escalations() override { return escalations_; }
  store::NotificationRepository& notifications() override { return notifications_; }
  store::ComplaintRepository& complaints() override { return complaints_; }

 private:
  Accounts accounts_;
  Applications applications_;
  Audit audit_;
  Closures closures_;
  GeneratedDocuments generated_;
  Idempotency idempotency_;
  Numbering numbering_;
  Outbox outbox_;
  RoleGrants role_grants_;
  SopVersions sop_versions_;
  Survey survey_;
  Register register_;
  Dashboard dashboard_;
  OfficeReport office_report_;
  Escalations escalations_;
  Notifications notifications_;
  Complaints complaints_;
};

}  // namespace

void MemoryStore::run_write(store::FunctionRef<bool(store::Transaction&)> body,
                            store::FunctionRef<void(const Error&)> fail) {
  MemoryData working = data;
  MemoryTransaction tx(working);
  try {
    if (body(tx)) {
      data = std::move(working);
      ++commits;
      return;
    }
  } catch (const std::exception& e) {
    fail(make_error("database", e.what()));
  }
  ++rollbacks;
}

void MemoryStore::run_read(store::FunctionRef<bool(store::Transaction&)> body,
                           store::FunctionRef<void(const Error&)> fail) {
  MemoryData snapshot = data;  // a read never changes what is stored
  MemoryTransaction tx(snapshot);
  try {
    (void)body(tx);
  } catch (const std::exception& e) {
    fail(make_error("database", e.what()));
  }
}

}  // namespace sp::testing

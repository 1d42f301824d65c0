#include "memory_store.hpp"

#include <algorithm>
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

class MemoryTransaction final : public store::Transaction {
 public:
  explicit MemoryTransaction(MemoryData& d)
      : accounts_(d), audit_(d), idempotency_(d), numbering_(d), outbox_(d), role_grants_(d), sop_versions_(d) {}
  store::AccountRepository& accounts() override { return accounts_; }
  store::RoleGrantRepository& role_grants() override { return role_grants_; }
  store::AuditRepository& audit() override { return audit_; }
  store::IdempotencyRepository& idempotency() override { return idempotency_; }
  store::NumberingRepository& numbering() override { return numbering_; }
  store::OutboxRepository& outbox() override { return outbox_; }
  store::SopVersionRepository& sop_versions() override { return sop_versions_; }

 private:
  Accounts accounts_;
  Audit audit_;
  Idempotency idempotency_;
  Numbering numbering_;
  Outbox outbox_;
  RoleGrants role_grants_;
  SopVersions sop_versions_;
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

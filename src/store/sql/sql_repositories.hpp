#pragma once
// The SQL repositories (one shared SQL text per statement, differences in Dialect), bound to one
// SOCI session inside a transaction. Internal to store/.
#include <soci/soci.h>

#include "store/account_repository.hpp"
#include "store/audit_repository.hpp"
#include "store/dialect.hpp"
#include "store/idempotency_repository.hpp"
#include "store/numbering_repository.hpp"
#include "store/outbox_repository.hpp"
#include "store/role_grant_repository.hpp"
#include "store/sop_version_repository.hpp"

namespace sp::store {

class SqlOutboxRepository final : public OutboxRepository {
 public:
  SqlOutboxRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  void enqueue(const OutboxMail& mail) override;
  int count_since(const std::string& recipient, const std::string& subject, Instant since) override;
  std::vector<ClaimedMail> claim_due(Instant now, Instant lease_until, int limit) override;
  void mark_sent(long long id, Instant at) override;
  void mark_failed(long long id, Instant retry_at, const std::string& error) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlAuditRepository final : public AuditRepository {
 public:
  SqlAuditRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  ChainHead lock_head(const std::string& office, const std::string& genesis) override;
  void append(const AuditRecord& event) override;
  void ensure_heads(const std::vector<std::string>& offices, const std::string& genesis) override;
  std::vector<ChainHead> heads() override;
  void scan(const std::string& office, const std::function<bool(const AuditRecord&)>& visit) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlNumberingRepository final : public NumberingRepository {
 public:
  SqlNumberingRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  long long next(const std::string& office, const std::string& kind, int year) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlIdempotencyRepository final : public IdempotencyRepository {
 public:
  SqlIdempotencyRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<IdempotencyRecord> find(long long user_id, const std::string& key) override;
  bool claim(long long user_id, const std::string& key, const std::string& request_hash, Instant at) override;
  void store_response(long long user_id, const std::string& key, const IdempotencyRecord& response, Instant at) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlSopVersionRepository final : public SopVersionRepository {
 public:
  SqlSopVersionRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  void lock_for_publishing() override;
  std::optional<std::string> published_sha(const std::string& code, int version) override;
  void publish(const PublishedSop& sop) override;
  std::vector<PublishedSop> all() override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlAccountRepository final : public AccountRepository {
 public:
  SqlAccountRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::vector<std::string> roles(long long user_id) override;
  void replace_roles(long long user_id, const std::string& office, const std::vector<std::string>& roles) override;
  std::optional<std::string> staff_kind(long long user_id, const std::string& office) override;
  std::optional<long long> staff_id_by_email(const std::string& email, const std::string& office) override;
  std::optional<std::string> full_name(long long user_id) override;
  std::vector<std::pair<long long, std::string>> active_holders(const std::string& office, const std::string& role) override;
  bool any_email_ending(const std::string& suffix) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlRoleGrantRepository final : public RoleGrantRepository {
 public:
  SqlRoleGrantRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  long long request(const RoleGrantRecord& grant) override;
  std::optional<RoleGrantRecord> find(long long id) override;
  void approve(long long id, long long decided_by, Instant at) override;
  std::vector<PendingRoleGrant> pending(const std::string& office) override;

 private:
  soci::session& s_;
  Dialect d_;
};

}  // namespace sp::store

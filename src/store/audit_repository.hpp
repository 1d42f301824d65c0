#pragma once
// The audit trail's rows: per-office chains of events and their heads. What an event holds and
// how it is hashed is service/audit_log's; this only stores and reads.
#include <functional>
#include <optional>
#include <vector>

#include "store/records.hpp"

namespace sp::store {

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // The office's chain head, created at seq 0 with `genesis` when the office has none. On
  // PostgreSQL the head row stays locked until the transaction ends, so concurrent appends of one
  // office take turns (SQLite has one writer already).
  virtual ChainHead lock_head(const std::string& office, const std::string& genesis) = 0;
  // Inserts `event` and moves its office's head to it (one round trip where the backend allows).
  virtual void append(const AuditRecord& event) = 0;
  // Locks the head, places `event` after it, hashes it by `hash` and moves the head, in one
  // round trip; `event`'s seq, prev_hash and hash are ignored. Returns the event's seq, or
  // nullopt where the backend cannot (SQLite, an office without a head yet): the caller then
  // uses lock_head and append.
  virtual std::optional<long long> append_chained(const AuditRecord& event, const ChainHashTemplate& hash) = 0;
  // Whether append_chained can work here at all (else the template is not worth making).
  virtual bool can_append_chained() const = 0;
  // Creates the heads of offices that have none (at start, before concurrent writes).
  virtual void ensure_heads(const std::vector<std::string>& offices, const std::string& genesis) = 0;
  virtual std::vector<ChainHead> heads() = 0;
  // Every event of `office` in chain order; `visit` returns false to stop.
  virtual void scan(const std::string& office, const std::function<bool(const AuditRecord&)>& visit) = 0;
};

}  // namespace sp::store

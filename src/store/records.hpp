#pragma once
// The rows the repositories read and write, as plain values: no SQL types, so services and their
// in-memory test fakes use them without a database. Instants are UTC seconds (core/instant.hpp).
#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"

namespace sp::store {

// One mail in the transactional outbox (service/outbox.hpp).
struct OutboxMail {
  std::string recipient, subject, body;
  Instant created;
};

// A mail claimed for delivery (notify/outbox_worker.hpp).
struct ClaimedMail {
  long long id = 0;
  std::string recipient, subject, body;
  int attempts = 0;  // including this one
};

// One audit event as stored: service/audit_log.hpp decides its content and hash.
struct AuditRecord {
  std::string office;
  long long seq = 0;
  std::optional<long long> application_id;
  std::string kind;
  std::optional<long long> actor_id;
  std::string role;
  int step = 0;
  std::string action, note;
  long long at = 0;
  std::optional<long long> elapsed_minutes;
  std::string allowed;
  bool overdue = false;
  std::string payload;  // JSON text
  std::string prev_hash, hash;
};

// The last event of an office's chain.
struct ChainHead {
  std::string office;
  long long seq = 0;
  std::string hash;
};

// One published SOP definition: the text every application of that version follows.
struct PublishedSop {
  std::string code;
  int version = 0;
  std::string office, sha256, source;
  Instant published;
};

// A request to change an officer's roles that a second admin must approve.
struct RoleGrantRecord {
  long long id = 0, user_id = 0, requested_by = 0;
  std::string office;
  std::vector<std::string> roles;
  Instant requested;
  std::string status;  // pending, approved
};

struct PendingRoleGrant {
  RoleGrantRecord grant;
  std::string officer_name, requested_by_name;
};

// An Idempotency-Key's record (service/idempotency.hpp).
struct IdempotencyRecord {
  std::string request_hash;
  int status = 0;  // 0 while the request that claimed the key has not finished
  std::string body;
};

}  // namespace sp::store

#pragma once
// The audit trail: every state change appends an event in the same transaction. Events are
// hash-chained per office: each carries the SHA-256 of the previous one, and chain_heads holds
// the last, so a modified, removed or reordered event (even the newest) is detected.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/instant.hpp"
#include "core/result.hpp"

namespace sp::store {
class Store;
class Transaction;
}

namespace sp::service {

struct AuditEvent {
  std::string office;
  std::optional<long long> application_id;
  std::string kind;      // created, acted, resubmitted, withdrawn, account_registered, ...
  std::optional<long long> actor_id;
  std::string role;      // role code, or "" for system/account events
  int step = 0;          // SOP step number, 0 when none
  std::string action;
  std::string note;
  Instant at;
  std::optional<long long> elapsed_minutes;
  std::string allowed;   // the step's time standard as printed ("1 hari kerja")
  bool overdue = false;
  nlohmann::json payload = nlohmann::json::object();
};

// An office admin's own act (a closure, the care of an officer): `kind` is also its action.
inline AuditEvent admin_event(const std::string& office, long long admin_id, std::string kind, Instant at) {
  AuditEvent e;
  e.office = office;
  e.actor_id = admin_id;
  e.action = kind;
  e.kind = std::move(kind);
  e.at = at;
  return e;
}

// Appends inside the caller's transaction; returns the event's sequence number in its office.
long long append_event(store::Transaction& tx, const AuditEvent& e);

// The hash an event gets as number `seq` of its office's chain after `prev_hash`: what
// append_event stores, for loaders that write events in bulk (bench/scale).
std::string chain_hash(const AuditEvent& e, long long seq, const std::string& prev_hash);
// The prev_hash of an office's first event.
std::string chain_genesis();

// Makes sure every office has a chain head (called at start, before concurrent writes).
void ensure_chain_heads(store::Transaction& tx, const std::vector<std::string>& offices);

struct ChainReport {
  std::string office;
  long long events = 0;
  bool ok = true;
  long long first_bad_seq = 0;  // 0 when ok
  std::string problem;
};

// Recomputes every office's chain (or one office's).
Result<std::vector<ChainReport>> verify_chains(store::Store& store, const std::optional<std::string>& office);

}  // namespace sp::service

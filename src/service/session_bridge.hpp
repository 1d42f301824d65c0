#pragma once
// Transitional, internal to service/: the helpers that moved behind the storage seam
// (store/transaction.hpp) called from a SOCI session, for the services that still hold one.
// Each wraps the session in an SqlTransaction, so both styles share one database transaction.
// Goes away when the last service has moved behind the seam.
#include <soci/soci.h>

#include <optional>

#include "service/audit_log.hpp"
#include "service/idempotency.hpp"
#include "service/numbering.hpp"
#include "service/outbox.hpp"
#include "store/account_repository.hpp"
#include "store/sql/sql_transaction.hpp"

namespace sp::service {

inline long long append_event(soci::session& s, const AuditEvent& e) {
  store::SqlTransaction tx(s);
  return append_event(tx, e);
}

inline void enqueue_mail(soci::session& s, const std::string& recipient, const Mail& mail, Instant now) {
  store::SqlTransaction tx(s);
  enqueue_mail(tx, recipient, mail, now);
}

inline bool enqueue_mail_limited(soci::session& s, const std::string& recipient, const Mail& mail, Instant now,
                                 int per_hour) {
  store::SqlTransaction tx(s);
  return enqueue_mail_limited(tx, recipient, mail, now, per_hour);
}

inline long long next_number(soci::session& s, const std::string& office, NumberKind kind, int year) {
  store::SqlTransaction tx(s);
  return next_number(tx, office, kind, year);
}

inline Result<bool> claim_idempotency(soci::session& s, const std::optional<IdempotencyClaim>& claim, Instant now) {
  store::SqlTransaction tx(s);
  return claim_idempotency(tx, claim, now);
}

// The roles an officer holds now, sorted.
inline std::vector<std::string> roles_of(soci::session& s, long long user_id) {
  store::SqlTransaction tx(s);
  return tx.accounts().roles(user_id);
}

}  // namespace sp::service

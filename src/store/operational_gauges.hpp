#pragma once
// What /metrics reads from the database at scrape time: applications per state, overdue steps,
// and the mail and document backlogs with the age of their oldest item. One read snapshot.
#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"
#include "core/result.hpp"

namespace sp::store {

class Database;

struct ApplicationCount {
  std::string office, phase, outcome;
  long long count = 0;
};

struct OperationalGauges {
  std::vector<ApplicationCount> applications;
  long long overdue_steps = 0;      // at a step past its deadline at `now`
  long long mail_pending = 0;       // outbox rows not yet delivered
  long long documents_pending = 0;  // planned documents not yet rendered (and signed)
  std::optional<Instant> oldest_pending_mail, oldest_pending_document;  // when each was planned
};

// Reads the gauges; a database error is returned as an Error (already logged).
Result<OperationalGauges> read_operational_gauges(Database& db, Instant now);

// One trivial query: does the database answer?
Result<bool> ping(Database& db);

}  // namespace sp::store

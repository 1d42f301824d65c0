#pragma once
// What escalation keeps (service/escalations.hpp): which step visits were escalated, and which
// days' digests went out. Both are recorded under a unique key in the transaction that queues
// the mail, so a second server (or this one after a restart) finds them taken and says nothing.
#include <string>
#include <vector>

#include "store/dashboard_repository.hpp"

namespace sp::store {

// One step visit escalated: the file was at `step` since `step_started` and passed its deadline.
struct EscalationRecord {
  long long application_id = 0;
  int step = 0;
  Instant step_started;
  std::string office;
  std::string role;  // the role told, or "" when none is above the step's
  int recipients = 0;
  Instant at;
};

class EscalationRepository {
 public:
  virtual ~EscalationRepository() = default;
  // The files `q` selects as overdue (dashboard_repository.hpp) whose current step visit has not
  // been escalated yet, longest overdue first, at most `limit`.
  virtual std::vector<OverdueRecord> unescalated(const OverdueQuery& q, int limit) = 0;
  // Records the escalation; false when that visit was already recorded.
  virtual bool record(const EscalationRecord& e) = 0;
  // Whether the office's digest for local day `day` is recorded: a cheap read, so that a round
  // does not open a write transaction (SQLite's one writer) for a day already done.
  virtual bool digest_taken(const std::string& office, long long day) = 0;
  // Records that the office's digest for local day `day` went out; false when it already had.
  virtual bool record_digest(const std::string& office, long long day, int files, Instant at) = 0;
};

}  // namespace sp::store

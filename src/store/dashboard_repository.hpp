#pragma once
// The Mutu Baku dashboard's facts: the steps an office's officers did in a period (each with the
// working time it took and whether it was late), their daily tallies for the trend, and the
// files past their step's deadline now.
#include <string>
#include <vector>

#include "core/instant.hpp"
#include "store/store.hpp"

namespace sp::store {

struct DashboardQuery {
  std::string office;
  Instant from, to;                     // steps done in [from, to)
  std::vector<std::string> sop_codes;   // empty: every SOP of the office
  std::vector<std::string> skip_roles;  // steps done in these roles (the applicant's) are not office work
};

// One step done: an `acted` event with the SOP its file follows.
struct StepDoneRecord {
  std::string sop_code;
  int sop_version = 0;
  int step = 0;
  long long actor_id = 0;
  std::string role;
  Instant at;
  long long elapsed_minutes = 0;  // working time at the step
  bool overdue = false;
};

// The steps done on one local day of the office (days since 1970-01-01 in its zone).
struct DayTally {
  long long day = 0;
  long long handled = 0, late = 0;
};

// Which files count as overdue: the office's registered files at one of its steps, past its
// deadline at `now`.
struct OverdueQuery {
  std::string office;
  std::vector<std::string> sop_codes;  // empty: every SOP of the office
  struct SopStep {
    std::string sop_code;
    int sop_version = 0, step = 0;
  };
  std::vector<SopStep> skip_steps;  // the applicant's own steps: not the office's delay
  Instant now;
};

// A file whose step deadline has passed and that is still at the step.
struct OverdueRecord {
  long long id = 0;
  std::string registration_number, sop_code;
  int sop_version = 0, step = 0;
  Instant deadline, step_started;
};

class DashboardRepository {
 public:
  virtual ~DashboardRepository() = default;
  // Calls `each` for every step done that `q` selects, in no particular order.
  virtual void steps_done(const DashboardQuery& q, FunctionRef<void(const StepDoneRecord&)> each) = 0;
  // The selected steps counted per local day, the zone `utc_offset_seconds` east of UTC.
  virtual std::vector<DayTally> daily_tallies(const DashboardQuery& q, long long utc_offset_seconds) = 0;
  // The files `q` selects, longest overdue first, at most `limit`; and how many there are in all.
  virtual std::vector<OverdueRecord> overdue(const OverdueQuery& q, int limit) = 0;
  virtual long long overdue_count(const OverdueQuery& q) = 0;
  // The full names of the accounts with these ids (an id without an account is left out).
  virtual std::vector<std::pair<long long, std::string>> names(const std::vector<long long>& ids) = 0;
};

}  // namespace sp::store

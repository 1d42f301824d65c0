#pragma once
// The period an office's report covers: two dates of the office (YYYY-MM-DD, both inclusive),
// checked, and the instants they span in the office's time zone.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/civil_time.hpp"
#include "core/instant.hpp"
#include "core/result.hpp"
#include "store/dashboard_repository.hpp"

namespace sp {
class Catalog;
}

namespace sp::service {

struct Principal;

struct ReportPeriod {
  Date first, last;
  Instant start, end;  // [start, end): from the first day's midnight to the midnight after the last
};

// A month or day counts as ended an hour after it ends, for servers whose clocks differ. What
// was recorded in it never changes after that, so a report may count it once and keep it.
bool period_ended(Instant end, Instant now);

// A period cut for counting: each whole month that has ended, then each ended day of the rest,
// as pieces a report may keep (`key` YYYY-MM or YYYY-MM-DD); what has not ended (at least today,
// when the period reaches it) as contiguous ranges to count live. In time order.
struct PeriodPieces {
  struct Ended {
    std::string key;
    Instant from, to;
  };
  std::vector<Ended> ended;
  std::vector<std::pair<Instant, Instant>> live;  // [from, to)
};
PeriodPieces period_pieces(const ReportPeriod& period, ZoneOffset zone, Instant now);

// Errors name the field ("from", "to"): not a date, ends before it starts, or longer than
// `max_days`; an unknown office is "not_found".
Result<ReportPeriod> report_period(const Catalog& catalog, const std::string& office, const std::string& from,
                                   const std::string& to, int max_days);

// The same, except that a request naming neither date means the office's month of `now`, from its
// first day to its last.
Result<ReportPeriod> report_period_or_month(const Catalog& catalog, const std::string& office,
                                            const std::string& from, const std::string& to, int max_days,
                                            Instant now);

// An office's reports are for its own officers and admin. `report` begins the refusal: "the
// register is", "the survey's results are".
Result<bool> check_office_reader(const Principal& who, std::string_view report);

// The office's SOPs that issue the permit with code `permit` (every version's code once) and the
// permit's name; a "permit" field error when the office issues no such permit.
struct PermitSops {
  std::vector<std::string> sop_codes;
  std::string name;
};
Result<PermitSops> permit_sops(const Catalog& catalog, const std::string& office, const std::string& permit);

// The office's files overdue at `now`: registered, at a step of one of its SOPs (every version),
// past the step's deadline; the applicant's own steps are no delay of the office's. For the
// dashboard's list and for escalation.
store::OverdueQuery office_overdue_query(const Catalog& catalog, const std::string& office, Instant now);

}  // namespace sp::service

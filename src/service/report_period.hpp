#pragma once
// The period an office's report covers: two dates of the office (YYYY-MM-DD, both inclusive),
// checked, and the instants they span in the office's time zone.
#include <string>

#include "core/civil_time.hpp"
#include "core/instant.hpp"
#include "core/result.hpp"

namespace sp {
class Catalog;
}

namespace sp::service {

struct ReportPeriod {
  Date first, last;
  Instant start, end;  // [start, end): from the first day's midnight to the midnight after the last
};

// Errors name the field ("from", "to"): not a date, ends before it starts, or longer than
// `max_days`; an unknown office is "not_found".
Result<ReportPeriod> report_period(const Catalog& catalog, const std::string& office, const std::string& from,
                                   const std::string& to, int max_days);

}  // namespace sp::service

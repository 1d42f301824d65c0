#include "service/report_period.hpp"

#include "catalog/catalog.hpp"

namespace sp::service {

Result<ReportPeriod> report_period(const Catalog& catalog, const std::string& office, const std::string& from,
                                   const std::string& to, int max_days) {
  const WorkingCalendar* cal = catalog.calendar(office);
  if (!cal) return make_error("not_found", "no office with code '" + office.substr(0, 60) + "'");
  auto first = parse_date(from);
  if (!first) return field_error("from", "not_a_date", "a date as YYYY-MM-DD");
  auto last = parse_date(to);
  if (!last) return field_error("to", "not_a_date", "a date as YYYY-MM-DD");
  const DayNumber a = to_day_number(*first), b = to_day_number(*last);
  if (b < a) return field_error("to", "before_start", "the period ends on or after " + from);
  if (b - a + 1 > max_days)
    return field_error("to", "too_long", "a report covers at most " + std::to_string(max_days) + " days", {}, max_days);
  return ReportPeriod{*first, *last, from_local(*first, 0, cal->zone()), from_local(from_day_number(b + 1), 0, cal->zone())};
}

}  // namespace sp::service

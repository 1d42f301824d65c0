#include "service/report_period.hpp"

#include <algorithm>

#include "catalog/catalog.hpp"
#include "core/months.hpp"
#include "service/principal.hpp"

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

Result<ReportPeriod> report_period_or_month(const Catalog& catalog, const std::string& office,
                                            const std::string& from, const std::string& to, int max_days,
                                            Instant now) {
  if (!from.empty() || !to.empty()) return report_period(catalog, office, from, to, max_days);
  const WorkingCalendar* cal = catalog.calendar(office);
  if (!cal) return make_error("not_found", "no office with code '" + office.substr(0, 60) + "'");
  const Date today = to_local(now, cal->zone()).date;
  return report_period(catalog, office, format_date(first_of_month(today)), format_date(last_of_month(today)), max_days);
}

Result<bool> check_office_reader(const Principal& who, std::string_view report) {
  if (who.kind == UserKind::Applicant || who.office.empty())
    return make_error("forbidden", std::string(report) + " for the office's officers");
  return true;
}

Result<PermitSops> permit_sops(const Catalog& catalog, const std::string& office, const std::string& permit) {
  PermitSops out;
  for (const Sop& sop : catalog.sops())
    if (sop.office == office && sop.permit.code == permit) {
      if (std::find(out.sop_codes.begin(), out.sop_codes.end(), sop.code) == out.sop_codes.end())
        out.sop_codes.push_back(sop.code);
      out.name = sop.permit.name;
    }
  if (out.sop_codes.empty())
    return field_error("permit", "not_found", "this office issues no permit with code '" + permit.substr(0, 60) + "'");
  return out;
}

store::OverdueQuery office_overdue_query(const Catalog& catalog, const std::string& office, Instant now) {
  store::OverdueQuery q;
  q.office = office;
  q.now = now;
  for (const Sop& sop : catalog.sops())
    if (sop.office == office)
      for (const Step& st : sop.steps)
        if (st.actor == sop.applicant) q.skip_steps.push_back({sop.code, sop.version, st.number});
  return q;
}

}  // namespace sp::service

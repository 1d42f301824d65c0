#include "service/report_period.hpp"

#include <algorithm>

#include "catalog/catalog.hpp"
#include "core/months.hpp"
#include "service/principal.hpp"

namespace sp::service {

bool period_ended(Instant end, Instant now) {
  constexpr long long kGraceSeconds = 3600;
  return now.unix_seconds >= end.unix_seconds + kGraceSeconds;
}

PeriodPieces period_pieces(const ReportPeriod& p, ZoneOffset zone, Instant now) {
  PeriodPieces out;
  auto live = [&](Instant from, Instant to) {
    if (from.unix_seconds >= to.unix_seconds) return;
    if (!out.live.empty() && out.live.back().second.unix_seconds == from.unix_seconds) out.live.back().second = to;
    else out.live.emplace_back(from, to);
  };
  for (Date m = first_of_month(p.first);; m = add_months(m, 1)) {
    const Instant start = from_local(m, 0, zone), end = from_local(add_months(m, 1), 0, zone);
    if (start.unix_seconds >= p.end.unix_seconds) break;
    const bool whole = start.unix_seconds >= p.start.unix_seconds && end.unix_seconds <= p.end.unix_seconds;
    if (whole && period_ended(end, now)) {
      out.ended.push_back({format_month(m), start, end});
      continue;
    }
    // The period's bounds are the office's midnights, so its days within the month are whole.
    for (auto d = to_day_number(std::max(m, p.first));; ++d) {
      const Instant from = from_local(from_day_number(d), 0, zone), to = from_local(from_day_number(d + 1), 0, zone);
      if (from.unix_seconds >= std::min(end.unix_seconds, p.end.unix_seconds)) break;
      if (period_ended(to, now)) out.ended.push_back({format_date(from_day_number(d)), from, to});
      else live(from, Instant{std::min(to.unix_seconds, p.end.unix_seconds)});
    }
  }
  return out;
}

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

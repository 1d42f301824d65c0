#include "store/sql/overdue_conditions.hpp"
#include "store/sql/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

namespace {

// The steps the query selects. Binds, in order: office, from, to, roles..., codes...
// The (office, kind, at, ...) index holds every event column read, so without a permit filter
// no event row is visited; with one, each step's file is found by its primary key.
std::string step_conditions(const DashboardQuery& q) {
  std::string w = " WHERE e.office = :o AND e.kind = 'acted' AND e.at >= :f AND e.at < :t";
  if (!q.skip_roles.empty()) w += " AND e.role NOT IN (" + placeholders("r", q.skip_roles.size()) + ")";
  if (!q.sop_codes.empty()) w += " AND a.sop_code IN (" + placeholders("c", q.sop_codes.size()) + ")";
  return w;
}

void bind_step_conditions(soci::details::prepare_temp_type& p, const DashboardQuery& q, const long long& from,
                          const long long& to) {
  p, soci::use(q.office), soci::use(from), soci::use(to);
  for (const auto& r : q.skip_roles) p, soci::use(r);
  for (const auto& c : q.sop_codes) p, soci::use(c);
}

}  // namespace

void SqlDashboardRepository::steps_done(const DashboardQuery& q, FunctionRef<void(const StepDoneRecord&)> each) {
  const long long f = q.from.unix_seconds, t = q.to.unix_seconds;
  // Fetched in bulk: a quarter of a large office is tens of thousands of steps, and a row at a
  // time through a dynamic row costs more than the query.
  constexpr std::size_t kBatch = 1000;
  std::vector<std::string> code(kBatch), role(kBatch);
  std::vector<long long> version(kBatch), step(kBatch), actor(kBatch), at(kBatch), elapsed(kBatch), overdue(kBatch);
  soci::details::prepare_temp_type p =
      (s_.prepare << "SELECT a.sop_code, a.sop_version, e.step, COALESCE(e.actor_id, 0), COALESCE(e.role, ''), e.at, "
                     "COALESCE(e.elapsed_minutes, 0), e.overdue FROM events e JOIN applications a ON a.id = "
                     "e.application_id" + step_conditions(q),
       soci::into(code), soci::into(version), soci::into(step), soci::into(actor), soci::into(role), soci::into(at),
       soci::into(elapsed), soci::into(overdue));
  bind_step_conditions(p, q, f, t);
  soci::statement st(p);
  st.execute();
  while (st.fetch()) {
    for (std::size_t i = 0; i < code.size(); ++i)
      each(StepDoneRecord{code[i], static_cast<int>(version[i]), static_cast<int>(step[i]), actor[i], role[i],
                          Instant{at[i]}, elapsed[i], overdue[i] != 0});
    code.resize(kBatch), role.resize(kBatch), version.resize(kBatch), step.resize(kBatch), actor.resize(kBatch),
        at.resize(kBatch), elapsed.resize(kBatch), overdue.resize(kBatch);
  }
}

std::vector<DayTally> SqlDashboardRepository::daily_tallies(const DashboardQuery& q, long long utc_offset_seconds) {
  const long long f = q.from.unix_seconds, t = q.to.unix_seconds;
  // Without a permit filter the applications are not read at all.
  const std::string from = q.sop_codes.empty() ? " FROM events e" : " FROM events e JOIN applications a ON a.id = e.application_id";
  soci::details::prepare_temp_type p =
      (s_.prepare << "SELECT (e.at + " + std::to_string(utc_offset_seconds) +
                         ") / 86400 AS d, COUNT(*), SUM(e.overdue)" + from + step_conditions(q) + " GROUP BY d ORDER BY d");
  bind_step_conditions(p, q, f, t);
  soci::rowset<soci::row> rows(p);
  std::vector<DayTally> out;
  for (const auto& r : rows) out.push_back({int_at(r, 0), int_at(r, 1), int_at(r, 2)});
  return out;
}

std::vector<OverdueRecord> SqlDashboardRepository::overdue(const OverdueQuery& q, int limit) {
  const long long n = q.now.unix_seconds;
  soci::details::prepare_temp_type p = (s_.prepare << kOverdueColumns + overdue_conditions(q) +
                                                          " ORDER BY a.deadline_at, a.id LIMIT " +
                                                          std::to_string(limit < 1 ? 1 : limit));
  bind_overdue_conditions(p, q, n);
  soci::rowset<soci::row> rows(p);
  return overdue_records(rows);
}

long long SqlDashboardRepository::overdue_count(const OverdueQuery& q) {
  const long long n = q.now.unix_seconds;
  long long count = 0;
  soci::details::prepare_temp_type p =
      (s_.prepare << "SELECT COUNT(*) FROM applications a" + overdue_conditions(q), soci::into(count));
  bind_overdue_conditions(p, q, n);
  soci::statement st(p);
  st.execute(true);
  return count;
}

std::vector<std::pair<long long, std::string>> SqlDashboardRepository::names(const std::vector<long long>& ids) {
  std::vector<std::pair<long long, std::string>> out;
  if (ids.empty()) return out;
  std::string list;
  for (long long id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);  // numbers, not text
  soci::rowset<soci::row> rows = (s_.prepare << "SELECT id, full_name FROM users WHERE id IN (" + list + ")");
  for (const auto& r : rows) out.emplace_back(int_at(r, 0), text_at(r, 1));
  return out;
}

}  // namespace sp::store

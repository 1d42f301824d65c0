#include "store/sql/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

namespace {

// Names the `n` values of a list `:prefix0, :prefix1, ...`.
std::string placeholders(const char* prefix, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += (i ? ", :" : ":") + std::string(prefix) + std::to_string(i);
  return s;
}

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

// Binds, in order: office, now, codes..., then each skipped step's code, version and number.
std::string overdue_conditions(const OverdueQuery& q) {
  std::string w =
      " WHERE a.office = :o AND a.phase = 'at_step' AND a.deadline_at < :n AND a.registration_number IS NOT NULL";
  if (!q.sop_codes.empty()) w += " AND a.sop_code IN (" + placeholders("c", q.sop_codes.size()) + ")";
  for (std::size_t i = 0; i < q.skip_steps.size(); ++i) {
    const std::string n = std::to_string(i);
    w += " AND NOT (a.sop_code = :sc" + n + " AND a.sop_version = :sv" + n + " AND a.step = :sn" + n + ")";
  }
  return w;
}

void bind_overdue_conditions(soci::details::prepare_temp_type& p, const OverdueQuery& q, const long long& now) {
  p, soci::use(q.office), soci::use(now);
  for (const auto& c : q.sop_codes) p, soci::use(c);
  for (const auto& s : q.skip_steps) p, soci::use(s.sop_code), soci::use(s.sop_version), soci::use(s.step);
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
  soci::details::prepare_temp_type p =
      (s_.prepare << "SELECT a.id, a.registration_number, a.sop_code, a.sop_version, a.step, a.deadline_at, "
                     "a.step_started_at FROM applications a" +
                         overdue_conditions(q) + " ORDER BY a.deadline_at, a.id LIMIT " +
                         std::to_string(limit < 1 ? 1 : limit));
  bind_overdue_conditions(p, q, n);
  soci::rowset<soci::row> rows(p);
  std::vector<OverdueRecord> out;
  for (const auto& r : rows)
    out.push_back({int_at(r, 0), text_at(r, 1), text_at(r, 2), static_cast<int>(int_at(r, 3)),
                   static_cast<int>(int_at(r, 4)), Instant{int_at(r, 5)}, Instant{int_at(r, 6)}});
  return out;
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

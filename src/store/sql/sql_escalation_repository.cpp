#include "store/sql/overdue_conditions.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

std::vector<OverdueRecord> SqlEscalationRepository::unescalated(const OverdueQuery& q, int limit) {
  const long long n = q.now.unix_seconds;
  // The office's overdue files come from the worklist index (office, phase, step, deadline_at);
  // each is then looked up once in the escalations' primary key.
  soci::details::prepare_temp_type p =
      (s_.prepare << kOverdueColumns + overdue_conditions(q) +
                         " AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.application_id = a.id AND x.step = "
                         "a.step AND x.step_started_at = a.step_started_at) ORDER BY a.deadline_at, a.id LIMIT " +
                         std::to_string(limit < 1 ? 1 : limit));
  bind_overdue_conditions(p, q, n);
  soci::rowset<soci::row> rows(p);
  return overdue_records(rows);
}

bool SqlEscalationRepository::record(const EscalationRecord& e) {
  // No read first: on PostgreSQL a second server recording the same visit waits on the key until
  // the first commits, then inserts nothing.
  soci::statement st =
      (s_.prepare << "INSERT INTO escalations (application_id, step, step_started_at, office, role, recipients, at) "
                     "VALUES (:a, :s, :ss, :o, :r, :n, :t) ON CONFLICT (application_id, step, step_started_at) DO NOTHING",
       soci::use(e.application_id), soci::use(e.step), soci::use(e.step_started.unix_seconds), soci::use(e.office),
       soci::use(e.role), soci::use(e.recipients), soci::use(e.at.unix_seconds));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool SqlEscalationRepository::digest_taken(const std::string& office, long long day) {
  int n = 0;
  s_ << "SELECT COUNT(*) FROM escalation_digests WHERE office = :o AND day = :d", soci::use(office), soci::use(day),
      soci::into(n);
  return n > 0;
}

bool SqlEscalationRepository::record_digest(const std::string& office, long long day, int files, Instant at) {
  soci::statement st = (s_.prepare << "INSERT INTO escalation_digests (office, day, files, at) VALUES (:o, :d, :f, :t) "
                                      "ON CONFLICT (office, day) DO NOTHING",
                        soci::use(office), soci::use(day), soci::use(files), soci::use(at.unix_seconds));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace sp::store

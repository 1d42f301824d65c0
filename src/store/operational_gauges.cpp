#include "store/operational_gauges.hpp"

#include "store/sql/database_runs.hpp"
#include "store/sql/row_access.hpp"

namespace sp::store {

namespace {
std::optional<Instant> oldest(soci::session& s, const char* sql) {
  long long at = 0;
  soci::indicator ind = soci::i_null;
  s << sql, soci::into(at, ind);
  if (!s.got_data() || ind != soci::i_ok) return std::nullopt;
  return Instant{at};
}
}  // namespace

Result<OperationalGauges> read_operational_gauges(Database& db, Instant now) {
  return db.read([&](soci::session& s) -> Result<OperationalGauges> {
    OperationalGauges g;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT office, phase, outcome, COUNT(*) FROM applications GROUP BY office, phase, outcome");
    for (const auto& row : rows) g.applications.push_back({text_at(row, 0), text_at(row, 1), text_at(row, 2), int_at(row, 3)});
    s << "SELECT COUNT(*) FROM applications WHERE phase = 'at_step' AND deadline_at < :n", soci::use(now.unix_seconds),
        soci::into(g.overdue_steps);
    s << "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL", soci::into(g.mail_pending);
    s << "SELECT COUNT(*) FROM generated_documents WHERE status = 'pending'", soci::into(g.documents_pending);
    g.oldest_pending_mail = oldest(s, "SELECT MIN(created_at) FROM outbox WHERE sent_at IS NULL");
    g.oldest_pending_document =
        oldest(s, "SELECT MIN(created_at) FROM generated_documents WHERE status = 'pending'");
    return g;
  });
}

Result<bool> ping(Database& db) {
  return db.read([](soci::session& s) -> Result<bool> {
    int one = 0;
    s << "SELECT 1", soci::into(one);
    return one == 1;
  });
}

}  // namespace sp::store

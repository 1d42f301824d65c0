#include "store/sql/prepared.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

namespace {
// Two numbers per permit, each in the writer's transaction: prepared once per connection.
struct NextNumberStatement {
  std::string office, kind;
  int year = 0;
  long long value = 0;
  soci::statement st;
  explicit NextNumberStatement(soci::session& s)
      // One statement for both backends: the row lock (PostgreSQL) or the write lock (SQLite)
      // makes concurrent callers take turns.
      : st((s.prepare << "INSERT INTO counters (office, kind, year, value) VALUES (:o, :k, :y, 1) "
                         "ON CONFLICT (office, kind, year) DO UPDATE SET value = counters.value + 1 RETURNING value",
            soci::use(office), soci::use(kind), soci::use(year), soci::into(value))) {}
};
}  // namespace

long long SqlNumberingRepository::next(const std::string& office, const std::string& kind, int year) {
  auto& q = prepared<NextNumberStatement>(s_);
  q.office = office;
  q.kind = kind;
  q.year = year;
  q.st.execute(true);
  finish(q.st);  // RETURNING: step to the end, or SQLite keeps the statement active
  return q.value;
}

}  // namespace sp::store

#include "store/sql/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

std::vector<ClosureRecord> SqlClosureRepository::of_office(const std::string& office) {
  std::vector<ClosureRecord> out;
  soci::rowset<soci::row> rows =
      (s_.prepare << "SELECT day, name FROM office_closures WHERE office = :o ORDER BY day", soci::use(office));
  for (const auto& r : rows) out.push_back({text_at(r, 0), text_at(r, 1)});
  return out;
}

bool SqlClosureRepository::exists(const std::string& office, const std::string& day) {
  int n = 0;
  s_ << "SELECT COUNT(*) FROM office_closures WHERE office = :o AND day = :d", soci::use(office), soci::use(day),
      soci::into(n);
  return n > 0;
}

void SqlClosureRepository::add(const std::string& office, const ClosureRecord& c, long long by, Instant at) {
  const long long t = at.unix_seconds;
  s_ << "INSERT INTO office_closures (office, day, name, created_by, created_at) VALUES (:o, :d, :n, :u, :t)",
      soci::use(office), soci::use(c.day), soci::use(c.name), soci::use(by), soci::use(t);
}

void SqlClosureRepository::remove(const std::string& office, const std::string& day) {
  s_ << "DELETE FROM office_closures WHERE office = :o AND day = :d", soci::use(office), soci::use(day);
}

}  // namespace sp::store

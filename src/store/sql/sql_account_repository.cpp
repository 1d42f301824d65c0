#include "store/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

std::vector<std::string> SqlAccountRepository::roles(long long user_id) {
  std::vector<std::string> out;
  soci::rowset<std::string> rs = (s_.prepare << "SELECT role FROM user_roles WHERE user_id = :u ORDER BY role",
                                  soci::use(user_id));
  for (const auto& r : rs) out.push_back(r);
  return out;
}

void SqlAccountRepository::replace_roles(long long user_id, const std::string& office,
                                         const std::vector<std::string>& roles) {
  s_ << "DELETE FROM user_roles WHERE user_id = :u", soci::use(user_id);
  for (const auto& r : roles)
    s_ << "INSERT INTO user_roles (user_id, office, role) VALUES (:u, :o, :r)", soci::use(user_id), soci::use(office),
        soci::use(r);
}

std::optional<std::string> SqlAccountRepository::staff_kind(long long user_id, const std::string& office) {
  std::string kind;
  s_ << "SELECT kind FROM users WHERE id = :i AND office = :o AND kind <> 'applicant'", soci::use(user_id),
      soci::use(office), soci::into(kind);
  if (!s_.got_data()) return std::nullopt;
  return kind;
}

std::optional<long long> SqlAccountRepository::staff_id_by_email(const std::string& email, const std::string& office) {
  long long id = 0;
  s_ << "SELECT id FROM users WHERE email = :e AND office = :o AND kind <> 'applicant'", soci::use(email),
      soci::use(office), soci::into(id);
  if (!s_.got_data()) return std::nullopt;
  return id;
}

std::optional<std::string> SqlAccountRepository::full_name(long long user_id) {
  std::string name;
  s_ << "SELECT full_name FROM users WHERE id = :u", soci::use(user_id), soci::into(name);
  if (!s_.got_data()) return std::nullopt;
  return name;
}

std::vector<std::pair<long long, std::string>> SqlAccountRepository::active_holders(const std::string& office,
                                                                                   const std::string& role) {
  std::vector<std::pair<long long, std::string>> out;
  soci::rowset<soci::row> rows =
      (s_.prepare << "SELECT u.id, u.full_name FROM users u JOIN user_roles r ON r.user_id = u.id "
                     "WHERE r.office = :o AND r.role = :r AND u.status = 'active' ORDER BY u.id",
       soci::use(office), soci::use(role));
  for (const auto& row : rows) out.emplace_back(int_at(row, 0), text_at(row, 1));
  return out;
}

bool SqlAccountRepository::any_email_ending(const std::string& suffix) {
  // LIKE treats % and _ in the suffix as wildcards; the callers' suffixes have none.
  const std::string pattern = "%" + suffix;
  int n = 0;
  s_ << "SELECT COUNT(*) FROM users WHERE email LIKE :p", soci::use(pattern), soci::into(n);
  return n > 0;
}

}  // namespace sp::store

#include <nlohmann/json.hpp>

#include "store/sql/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

namespace {
// The roles are kept as a JSON array of codes.
std::vector<std::string> parse_roles(const std::string& text) {
  std::vector<std::string> out;
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_array())
    for (const auto& r : parsed)
      if (r.is_string()) out.push_back(r.get<std::string>());
  return out;
}
}  // namespace

long long SqlRoleGrantRepository::request(const RoleGrantRecord& g) {
  const std::string list = nlohmann::json(g.roles).dump();
  long long id = 0;
  s_ << "INSERT INTO role_grants (user_id, office, roles, requested_by, requested_at, status) "
        "VALUES (:u, :o, :r, :b, :t, 'pending') RETURNING id",
      soci::use(g.user_id), soci::use(g.office), soci::use(list), soci::use(g.requested_by),
      soci::use(g.requested.unix_seconds), soci::into(id);
  return id;
}

std::optional<RoleGrantRecord> SqlRoleGrantRepository::find(long long id) {
  RoleGrantRecord g;
  std::string list;
  long long at = 0;
  s_ << "SELECT user_id, office, requested_by, requested_at, status, roles FROM role_grants WHERE id = :i", soci::use(id),
      soci::into(g.user_id), soci::into(g.office), soci::into(g.requested_by), soci::into(at), soci::into(g.status),
      soci::into(list);
  if (!s_.got_data()) return std::nullopt;
  g.id = id;
  g.requested = Instant{at};
  g.roles = parse_roles(list);
  return g;
}

void SqlRoleGrantRepository::approve(long long id, long long decided_by, Instant at) {
  s_ << "UPDATE role_grants SET status = 'approved', decided_by = :b, decided_at = :t WHERE id = :i",
      soci::use(decided_by), soci::use(at.unix_seconds), soci::use(id);
}

std::vector<PendingRoleGrant> SqlRoleGrantRepository::pending(const std::string& office) {
  std::vector<PendingRoleGrant> out;
  soci::rowset<soci::row> rows =
      (s_.prepare << "SELECT g.id, g.user_id, g.requested_by, g.requested_at, u.full_name, r.full_name, g.roles "
                     "FROM role_grants g JOIN users u ON u.id = g.user_id JOIN users r ON r.id = g.requested_by "
                     "WHERE g.office = :o AND g.status = 'pending' ORDER BY g.id",
       soci::use(office));
  for (const auto& row : rows) {
    PendingRoleGrant p;
    p.grant = {int_at(row, 0), int_at(row, 1), int_at(row, 2), office, parse_roles(text_at(row, 6)),
               Instant{int_at(row, 3)}, "pending"};
    p.officer_name = text_at(row, 4);
    p.requested_by_name = text_at(row, 5);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace sp::store

#include "store/sql/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

long long SqlNotificationRepository::add(const NotificationRecord& n) {
  const long long app = n.application_id.value_or(0);
  soci::indicator app_ind = n.application_id ? soci::i_ok : soci::i_null;
  long long id = 0;
  s_ << "INSERT INTO notifications (account_id, office, kind, application_id, payload, created_at) VALUES (:u, :o, :k, "
        ":a, :p, :t) RETURNING id",
      soci::use(n.account_id), soci::use(n.office), soci::use(n.kind), soci::use(app, app_ind), soci::use(n.payload),
      soci::use(n.created.unix_seconds), soci::into(id);
  return id;
}

std::vector<NotificationRecord> SqlNotificationRepository::of_account(long long account_id, bool unread_only,
                                                                       int limit) {
  const std::string sql = std::string("SELECT id, office, kind, application_id, payload, created_at, read_at FROM "
                                      "notifications WHERE account_id = :u") +
                          (unread_only ? " AND read_at IS NULL" : "") + " ORDER BY id DESC LIMIT " +
                          std::to_string(limit < 1 ? 1 : limit);
  soci::rowset<soci::row> rows = (s_.prepare << sql, soci::use(account_id));
  std::vector<NotificationRecord> out;
  for (const auto& r : rows) {
    NotificationRecord n;
    n.id = int_at(r, 0);
    n.account_id = account_id;
    n.office = text_at(r, 1);
    n.kind = text_at(r, 2);
    n.application_id = optional_int_at(r, 3);
    n.payload = text_at(r, 4);
    n.created = Instant{int_at(r, 5)};
    n.read_at = instant_at(r, 6);
    out.push_back(std::move(n));
  }
  return out;
}

long long SqlNotificationRepository::unread_count(long long account_id) {
  long long count = 0;
  s_ << "SELECT COUNT(*) FROM notifications WHERE account_id = :u AND read_at IS NULL", soci::use(account_id),
      soci::into(count);
  return count;
}

bool SqlNotificationRepository::mark_read(long long account_id, long long id, Instant at) {
  // A notice already read keeps the time it was first read.
  soci::statement st = (s_.prepare << "UPDATE notifications SET read_at = COALESCE(read_at, :t) WHERE id = :i AND "
                                      "account_id = :u",
                        soci::use(at.unix_seconds), soci::use(id), soci::use(account_id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

long long SqlNotificationRepository::mark_all_read(long long account_id, Instant at, const std::string& kind) {
  soci::statement st =
      (s_.prepare << "UPDATE notifications SET read_at = :t WHERE account_id = :u AND read_at IS NULL AND (:k = '' OR "
                     "kind = :k2)",
       soci::use(at.unix_seconds), soci::use(account_id), soci::use(kind), soci::use(kind));
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace sp::store

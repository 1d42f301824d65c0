#include "store/sql/sql_repositories.hpp"

namespace sp::store {

std::optional<IdempotencyRecord> SqlIdempotencyRepository::find(long long user_id, const std::string& key) {
  IdempotencyRecord r;
  s_ << "SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = :u AND key = :k", soci::use(user_id),
      soci::use(key), soci::into(r.request_hash), soci::into(r.status), soci::into(r.body);
  if (!s_.got_data()) return std::nullopt;
  return r;
}

bool SqlIdempotencyRepository::claim(long long user_id, const std::string& key, const std::string& request_hash,
                                     Instant at) {
  // One statement, no read first: on PostgreSQL a concurrent request with the same key (through
  // any server) waits on the key's row and then inserts nothing, instead of failing on the
  // primary key.
  soci::statement st = (s_.prepare << "INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, "
                                      "created_at) VALUES (:u, :k, :h, 0, '', :t) ON CONFLICT (user_id, key) DO NOTHING",
                        soci::use(user_id), soci::use(key), soci::use(request_hash), soci::use(at.unix_seconds));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void SqlIdempotencyRepository::store_response(long long user_id, const std::string& key,
                                              const IdempotencyRecord& response, Instant at) {
  s_ << "INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, created_at) "
        "VALUES (:u, :k, :h, :s, :b, :t) ON CONFLICT (user_id, key) DO UPDATE SET status = :s2, body = :b2",
      soci::use(user_id), soci::use(key), soci::use(response.request_hash), soci::use(response.status),
      soci::use(response.body), soci::use(at.unix_seconds), soci::use(response.status), soci::use(response.body);
}

}  // namespace sp::store

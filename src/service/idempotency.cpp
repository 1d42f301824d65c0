#include "service/idempotency.hpp"

#include <soci/soci.h>

#include "store/database.hpp"

namespace sp::service {

Result<std::optional<StoredResponse>> find_idempotent_response(AppContext& ctx, long long user_id,
                                                               const std::string& key) {
  return ctx.db.read([&](soci::session& s) -> Result<std::optional<StoredResponse>> {
    StoredResponse r;
    s << "SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = :u AND key = :k", soci::use(user_id),
        soci::use(key), soci::into(r.request_hash), soci::into(r.status), soci::into(r.body);
    if (!s.got_data()) return std::optional<StoredResponse>{};
    return std::optional<StoredResponse>{r};
  });
}

Result<bool> store_idempotent_response(AppContext& ctx, long long user_id, const std::string& key,
                                       const std::string& request_hash, int status, const std::string& body) {
  const long long now = ctx.clock.now().unix_seconds;
  return ctx.db.write([&](soci::session& s) -> Result<bool> {
    s << "INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, created_at) "
         "VALUES (:u, :k, :h, :s, :b, :t) ON CONFLICT (user_id, key) DO UPDATE SET status = :s2, body = :b2",
        soci::use(user_id), soci::use(key), soci::use(request_hash), soci::use(status), soci::use(body), soci::use(now),
        soci::use(status), soci::use(body);
    return true;
  });
}

}  // namespace sp::service

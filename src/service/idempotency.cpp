#include "service/idempotency.hpp"

#include "store/idempotency_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

Result<std::optional<StoredResponse>> find_idempotent_response(AppContext& ctx, long long user_id,
                                                               const std::string& key) {
  return ctx.store.read([&](store::Transaction& tx) -> Result<std::optional<StoredResponse>> {
    auto found = tx.idempotency().find(user_id, key);
    if (!found) return std::optional<StoredResponse>{};
    return std::optional<StoredResponse>{StoredResponse{found->request_hash, found->status, found->body}};
  });
}

Result<bool> store_idempotent_response(AppContext& ctx, long long user_id, const std::string& key,
                                       const std::string& request_hash, int status, const std::string& body) {
  const Instant now = ctx.clock.now();
  return ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    tx.idempotency().store_response(user_id, key, {request_hash, status, body}, now);
    return true;
  });
}

Result<bool> claim_idempotency(store::Transaction& tx, const std::optional<IdempotencyClaim>& claim, Instant now) {
  if (!claim) return true;
  if (!tx.idempotency().claim(claim->user_id, claim->key, claim->request_hash, now))
    return make_error("idempotency_in_progress", "a request with this Idempotency-Key was already made");
  return true;
}

}  // namespace sp::service

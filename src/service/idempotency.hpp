#pragma once
// Idempotency-Key on writes: the key is claimed inside the write's own transaction (see
// IdempotencyClaim); the response is stored afterwards, so a retry gets the same answer and a
// retry after a crash between the two gets 409 instead of a second effect.
#include <optional>
#include <string>

#include "core/result.hpp"
#include "service/app_context.hpp"

namespace sp::store {
class Transaction;
}

namespace sp::service {

// A claim on an Idempotency-Key, recorded in the same transaction as the write it guards.
struct IdempotencyClaim {
  long long user_id = 0;
  std::string key;
  std::string request_hash;
};

struct StoredResponse {
  std::string request_hash;
  int status = 0;  // 0 while the original request has not finished
  std::string body;
};

Result<std::optional<StoredResponse>> find_idempotent_response(AppContext& ctx, long long user_id,
                                                               const std::string& key);
Result<bool> store_idempotent_response(AppContext& ctx, long long user_id, const std::string& key,
                                       const std::string& request_hash, int status, const std::string& body);

// Claims the key inside the write it guards, so a retry after a crash finds it: an
// "idempotency_in_progress" error when the key was claimed already. No claim: nothing to do.
Result<bool> claim_idempotency(store::Transaction& tx, const std::optional<IdempotencyClaim>& claim, Instant now);

}  // namespace sp::service

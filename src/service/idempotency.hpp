#pragma once
// Idempotency-Key on writes: the key is claimed inside the write's own transaction (see
// IdempotencyClaim); the response is stored afterwards, so a retry gets the same answer and a
// retry after a crash between the two gets 409 instead of a second effect.
#include <optional>
#include <string>

#include "core/result.hpp"
#include "service/app_context.hpp"

namespace sp::service {

struct StoredResponse {
  std::string request_hash;
  int status = 0;  // 0 while the original request has not finished
  std::string body;
};

Result<std::optional<StoredResponse>> find_idempotent_response(AppContext& ctx, long long user_id,
                                                               const std::string& key);
Result<bool> store_idempotent_response(AppContext& ctx, long long user_id, const std::string& key,
                                       const std::string& request_hash, int status, const std::string& body);

}  // namespace sp::service

#pragma once
// Idempotency-Key records, per user and key.
#include <optional>
#include <string>

#include "store/records.hpp"

namespace sp::store {

class IdempotencyRepository {
 public:
  virtual ~IdempotencyRepository() = default;
  virtual std::optional<IdempotencyRecord> find(long long user_id, const std::string& key) = 0;
  // Claims the key for a request (status 0); false when it is claimed already, by this request
  // or another. Runs in the guarded write's transaction, so the claim and the effect commit together.
  virtual bool claim(long long user_id, const std::string& key, const std::string& request_hash, Instant at) = 0;
  // Records the finished request's response (claiming the key if nobody did).
  virtual void store_response(long long user_id, const std::string& key, const IdempotencyRecord& response, Instant at) = 0;
};

}  // namespace sp::store

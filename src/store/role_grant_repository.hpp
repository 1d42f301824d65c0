#pragma once
// Requests for signing roles, waiting for a second admin (service/role_grants.hpp).
#include <optional>
#include <string>
#include <vector>

#include "store/records.hpp"

namespace sp::store {

class RoleGrantRepository {
 public:
  virtual ~RoleGrantRepository() = default;
  // Records a pending request; returns its id.
  virtual long long request(const RoleGrantRecord& grant) = 0;
  virtual std::optional<RoleGrantRecord> find(long long id) = 0;
  virtual void approve(long long id, long long decided_by, Instant at) = 0;
  // The office's pending requests, oldest first, with the names of the officer and the requester.
  virtual std::vector<PendingRoleGrant> pending(const std::string& office) = 0;
};

}  // namespace sp::store

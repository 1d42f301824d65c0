#pragma once
// Published SOP definitions, per code and version (service/sop_publishing.hpp).
#include <optional>
#include <string>
#include <vector>

#include "store/records.hpp"

namespace sp::store {

class SopVersionRepository {
 public:
  virtual ~SopVersionRepository() = default;
  // Makes concurrent publishers (servers starting together on one database) take turns until the
  // transaction ends.
  virtual void lock_for_publishing() = 0;
  // The SHA-256 of the published definition, or nullopt when this version was never published.
  virtual std::optional<std::string> published_sha(const std::string& code, int version) = 0;
  virtual void publish(const PublishedSop& sop) = 0;
  virtual std::optional<PublishedSop> find(const std::string& code, int version) = 0;
  virtual std::vector<PublishedSop> all() = 0;
};

}  // namespace sp::store

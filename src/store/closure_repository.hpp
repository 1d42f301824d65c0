#pragma once
// The extra days an office is closed, beyond its calendar's holidays.
#include <string>
#include <vector>

#include "store/records.hpp"

namespace sp::store {

class ClosureRepository {
 public:
  virtual ~ClosureRepository() = default;
  // By day.
  virtual std::vector<ClosureRecord> of_office(const std::string& office) = 0;
  virtual bool exists(const std::string& office, const std::string& day) = 0;
  virtual void add(const std::string& office, const ClosureRecord& c, long long by, Instant at) = 0;
  virtual void remove(const std::string& office, const std::string& day) = 0;
};

}  // namespace sp::store

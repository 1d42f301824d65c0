#pragma once
// Per-office, per-kind, per-year counters for registration and permit numbers.
#include <string>

namespace sp::store {

class NumberingRepository {
 public:
  virtual ~NumberingRepository() = default;
  // Increments the counter (creating it at 1) and returns its new value. The row stays locked
  // until the transaction ends, so numbers are unique and gap-free: a number is used exactly when
  // the transaction that took it commits.
  virtual long long next(const std::string& office, const std::string& kind, int year) = 0;
};

}  // namespace sp::store

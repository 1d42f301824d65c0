#pragma once
// Figures of months or days that have ended, kept per process. What is recorded in a period
// that is over (by period_ended's grace) never changes, so a report counts such a period once and
// keeps it; only what is still running is counted on every request. Bounded: when full, it
// starts again.
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace sp::service {

template <class Figures>
class KeptPeriods {
 public:
  // `key` names what was counted (an office, a permit filter); `period` is YYYY-MM or YYYY-MM-DD.
  std::optional<Figures> find(const std::string& key, const std::string& period) const {
    std::lock_guard lock(mu_);
    auto it = entries_.find({key, period});
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }
  void put(const std::string& key, const std::string& period, Figures f) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_[{key, period}] = std::move(f);
  }
  std::size_t size() const {
    std::lock_guard lock(mu_);
    return entries_.size();
  }

  // Offices x filters x months and days: a few hundred bytes each at most.
  static constexpr std::size_t kMaxEntries = 100000;

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, Figures> entries_;
};

}  // namespace sp::service

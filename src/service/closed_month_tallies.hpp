#pragma once
// The Mutu Baku trend's figures of months that have ended, kept per process. A step is recorded
// at the moment it is done, so once a month is over (with an hour's grace for servers whose
// clocks differ) its count never changes, and the trend need not count a year of steps again on
// every request: only the current month is counted live. Bounded: when full, it starts again.
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace sp::service {

class ClosedMonthTallies {
 public:
  struct Tally {
    long long handled = 0, on_time = 0;
  };
  // `key` names what was counted (office, permit filter); `month` is YYYY-MM, or YYYY-MM-DD for
  // an ended day of the current month.
  std::optional<Tally> find(const std::string& key, const std::string& month) const {
    std::lock_guard lock(mu_);
    auto it = entries_.find({key, month});
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }
  void put(const std::string& key, const std::string& month, Tally t) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_[{key, month}] = t;
  }

 private:
  static constexpr std::size_t kMaxEntries = 100000;  // offices x permit filters x months
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, Tally> entries_;
};

}  // namespace sp::service

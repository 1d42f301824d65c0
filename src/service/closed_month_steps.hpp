#pragma once
// The Mutu Baku dashboard's steps of months (and of the current month's days) that have ended,
// counted once per process: for each office and month or day, per SOP step and per officer, the
// count of each working-minute value. A step
// is recorded when it is done, so a month over (by an hour's grace for servers whose clocks
// differ) never changes; a period's figures merge its ended months' counts with the rest read
// live, exactly (minute_counts.hpp). Kept by the month's whole office, so every permit filter
// shares them. Bounded by bytes; the least recently used month goes first.
#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "service/minute_counts.hpp"

namespace sp::service {

// One step of one SOP: its newest version seen, all its steps, and each officer's.
struct StepCounts {
  int newest_version = 0;
  MinuteCounts all;
  std::map<long long, MinuteCounts> by_officer;
};
using StepCountsBySop = std::map<std::pair<std::string, int>, StepCounts>;  // (SOP code, step)

std::size_t bytes_of(const StepCountsBySop& counts);

class ClosedMonthSteps {
 public:
  explicit ClosedMonthSteps(std::size_t budget_bytes = kDefaultBudget) : budget_(budget_bytes) {}
  // `month` is YYYY-MM, or YYYY-MM-DD for a day. Null when not kept.
  std::shared_ptr<const StepCountsBySop> find(const std::string& office, const std::string& month);
  // Keeps settled counts (each MinuteCounts settled: readers share them without a lock).
  void put(const std::string& office, const std::string& month, std::shared_ptr<const StepCountsBySop> counts);
  std::size_t bytes() const;

  // A large office's month is about 7,000 steps, some 200 KB of counts: fifty offices' quarter.
  static constexpr std::size_t kDefaultBudget = 48u << 20;

 private:
  using Key = std::pair<std::string, std::string>;
  struct Entry {
    std::shared_ptr<const StepCountsBySop> counts;
    std::size_t bytes = 0;
    std::list<Key>::iterator use;
  };
  const std::size_t budget_;
  mutable std::mutex mu_;
  std::map<Key, Entry> entries_;
  std::list<Key> uses_;  // most recent first
  std::size_t bytes_ = 0;
};

}  // namespace sp::service

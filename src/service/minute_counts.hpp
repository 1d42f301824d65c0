#pragma once
// The working minutes a set of steps took, kept as a count per value. Medians and percentiles of
// a union are exact from the counts of its parts, where they cannot be had from the parts'
// medians: so an ended month's counts are kept (closed_month_steps.hpp) and merged with those
// read live, and the dashboard's figures are the same whichever way they were had.
#include <cstdint>
#include <utility>
#include <vector>

#include "service/mutu_baku_view.hpp"

namespace sp::service {

class MinuteCounts {
 public:
  // One step (or `count` alike), late or not.
  void add(long long minutes, bool late, long long count = 1);
  void merge(const MinuteCounts& other);
  // Sorts and folds what `add` appended. Counts shared between threads are settled first: the
  // const members below then only read.
  void settle();
  // Count, on time, median and 90th percentile by nearest rank (see StepTimes).
  StepTimes times() const;
  long long handled() const { return handled_; }
  long long on_time() const { return on_time_; }
  std::size_t bytes() const { return sizeof(*this) + values_.capacity() * sizeof(values_[0]); }

 private:
  std::vector<std::pair<long long, long long>> values_;  // (minutes, steps); by minutes once settled
  bool sorted_ = true;
  long long handled_ = 0, on_time_ = 0;
};

}  // namespace sp::service

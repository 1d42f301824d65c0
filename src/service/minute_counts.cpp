#include "service/minute_counts.hpp"

#include <algorithm>

namespace sp::service {

void MinuteCounts::add(long long minutes, bool late, long long count) {
  if (count <= 0) return;
  if (!values_.empty() && values_.back().first == minutes) {
    values_.back().second += count;
  } else {
    if (!values_.empty() && values_.back().first > minutes) sorted_ = false;
    values_.emplace_back(minutes, count);
  }
  handled_ += count;
  on_time_ += late ? 0 : count;
}

void MinuteCounts::settle() {
  if (sorted_) return;
  std::sort(values_.begin(), values_.end());
  std::size_t out = 0;
  for (std::size_t i = 0; i < values_.size(); ++i) {
    if (out > 0 && values_[out - 1].first == values_[i].first) values_[out - 1].second += values_[i].second;
    else values_[out++] = values_[i];
  }
  values_.resize(out);
  values_.shrink_to_fit();
  sorted_ = true;
}

void MinuteCounts::merge(const MinuteCounts& other) {
  if (other.handled_ == 0) return;
  if (!other.sorted_) {
    MinuteCounts copy = other;
    copy.settle();
    merge(copy);
    return;
  }
  settle();
  std::vector<std::pair<long long, long long>> merged;
  merged.reserve(values_.size() + other.values_.size());
  auto a = values_.cbegin();
  auto b = other.values_.cbegin();
  while (a != values_.cend() || b != other.values_.cend()) {
    if (b == other.values_.cend() || (a != values_.cend() && a->first < b->first)) {
      merged.push_back(*a++);
    } else if (a == values_.cend() || b->first < a->first) {
      merged.push_back(*b++);
    } else {
      merged.emplace_back(a->first, a->second + b->second);
      ++a;
      ++b;
    }
  }
  values_ = std::move(merged);
  handled_ += other.handled_;
  on_time_ += other.on_time_;
}

StepTimes MinuteCounts::times() const {
  StepTimes t;
  t.handled = handled_;
  t.on_time = on_time_;
  if (handled_ == 0) return t;
  if (!sorted_) {
    MinuteCounts copy = *this;
    copy.settle();
    return copy.times();
  }
  // Nearest rank: the value of the ceil(p * n)-th smallest step.
  const auto rank = [&](long long tenths) {
    const long long k = (tenths * handled_ + 9) / 10;
    long long seen = 0;
    for (const auto& [minutes, count] : values_) {
      seen += count;
      if (seen >= k) return minutes;
    }
    return values_.back().first;
  };
  t.median_minutes = rank(5);
  t.p90_minutes = rank(9);
  return t;
}

}  // namespace sp::service

#include "service/closed_month_steps.hpp"

namespace sp::service {

std::size_t bytes_of(const StepCountsBySop& counts) {
  constexpr std::size_t kNode = 48;  // a map node's own overhead, about
  std::size_t n = 0;
  for (const auto& [key, step] : counts) {
    n += kNode + sizeof(key) + key.first.capacity() + sizeof(step) + step.all.bytes();
    for (const auto& [id, officer] : step.by_officer) n += kNode + sizeof(id) + officer.bytes();
  }
  return n;
}

std::shared_ptr<const StepCountsBySop> ClosedMonthSteps::find(const std::string& office, const std::string& month) {
  std::lock_guard lock(mu_);
  auto it = entries_.find({office, month});
  if (it == entries_.end()) return nullptr;
  uses_.splice(uses_.begin(), uses_, it->second.use);
  return it->second.counts;
}

void ClosedMonthSteps::put(const std::string& office, const std::string& month,
                           std::shared_ptr<const StepCountsBySop> counts) {
  const std::size_t size = bytes_of(*counts);
  std::lock_guard lock(mu_);
  if (size > budget_) return;
  Key key{office, month};
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= it->second.bytes;
    uses_.erase(it->second.use);
    entries_.erase(it);
  }
  while (bytes_ + size > budget_ && !uses_.empty()) {
    auto victim = entries_.find(uses_.back());
    bytes_ -= victim->second.bytes;
    entries_.erase(victim);
    uses_.pop_back();
  }
  uses_.push_front(key);
  entries_[key] = Entry{std::move(counts), size, uses_.begin()};
  bytes_ += size;
}

std::size_t ClosedMonthSteps::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

}  // namespace sp::service

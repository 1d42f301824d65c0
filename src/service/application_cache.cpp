#include "service/application_cache.hpp"

#include "service/application_record.hpp"

namespace sp::service {

std::shared_ptr<const ApplicationRecord> ApplicationCache::find(long long id) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(id);
  if (it == entries_.end()) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  hits_.fetch_add(1, std::memory_order_relaxed);
  return it->second;
}

ApplicationCache::Ticket ApplicationCache::ticket(long long id) {
  std::lock_guard lock(mu_);
  return {epoch_, generations_[slot(id)]};
}

void ApplicationCache::put(long long id, std::shared_ptr<const ApplicationRecord> rec, Ticket t) {
  std::lock_guard lock(mu_);
  if (!live_ || t.epoch != epoch_ || t.generation != generations_[slot(id)]) return;
  // Full: start again rather than track use; a full cache is rare and refills from reads.
  if (entries_.size() >= capacity_) {
    entries_.clear();
    ++epoch_;
    return;
  }
  entries_[id] = std::move(rec);
}

void ApplicationCache::evict(long long id) {
  std::lock_guard lock(mu_);
  ++generations_[slot(id)];
  entries_.erase(id);
}

void ApplicationCache::evict_all() {
  std::lock_guard lock(mu_);
  ++epoch_;
  entries_.clear();
}

void ApplicationCache::set_live(bool live) {
  std::lock_guard lock(mu_);
  live_ = live;
  ++epoch_;
  entries_.clear();
}

}  // namespace sp::service

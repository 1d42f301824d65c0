#include "http/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace sp::http {

bool RateLimiter::allow(const std::string& key, Clock::time_point now, long long& retry_after_seconds) {
  const double per_second = limit_.per_minute / 60.0;
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) {
      // Drop the buckets that have refilled completely (they remember nothing); if none has,
      // drop everything rather than grow: forgiving a few clients early is the safe failure.
      for (auto b = buckets_.begin(); b != buckets_.end();) {
        const double idle = std::chrono::duration<double>(now - b->second.updated).count();
        b = b->second.tokens + idle * per_second >= limit_.burst ? buckets_.erase(b) : std::next(b);
      }
      if (buckets_.size() >= max_keys_) buckets_.clear();
    }
    it = buckets_.emplace(key, Bucket{limit_.burst, now}).first;
  }
  Bucket& b = it->second;
  const double idle = std::chrono::duration<double>(now - b.updated).count();
  b.tokens = std::min(limit_.burst, b.tokens + std::max(0.0, idle) * per_second);
  b.updated = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return true;
  }
  retry_after_seconds = std::max(1LL, static_cast<long long>(std::ceil((1 - b.tokens) / per_second)));
  return false;
}

}  // namespace sp::http

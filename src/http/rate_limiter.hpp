#pragma once
// Per-key rate limits (token buckets) for endpoints anyone can call: the public verification
// upload and lookups, sign-in, registration and password links. Keys are client addresses or
// account names; the table is bounded, so a flood of distinct keys cannot grow memory without
// limit (the oldest buckets are dropped, which only ever forgives).
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sp::http {

struct RateLimit {
  double burst = 10;            // requests allowed at once
  double per_minute = 10;       // refill rate
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(RateLimit limit, std::size_t max_keys = 100'000) : limit_(limit), max_keys_(max_keys) {}

  // Takes one token for `key`. True when allowed; otherwise false with the seconds until a
  // token is back in `retry_after_seconds` (at least 1).
  bool allow(const std::string& key, Clock::time_point now, long long& retry_after_seconds);

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  RateLimit limit_;
  std::size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace sp::http

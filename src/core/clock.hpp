#pragma once
// The one place that reads the wall clock. The engine never does; services ask a Clock so tests
// can pin time.
#include <chrono>

#include "core/instant.hpp"

namespace sp {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override {
    return Instant{std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count()};
  }
};

// Starts at a chosen instant and then runs at the real rate, so a test server sees the same
// office hours whatever hour the test runs at, while its sessions, leases and timeouts still
// elapse. Only test builds offer it (cli/clock_option.hpp).
class PinnedClock final : public Clock {
 public:
  explicit PinnedClock(Instant start)
      : start_(start), origin_(std::chrono::steady_clock::now()) {}
  // `start` held at `held_at` of the system clock (an earlier moment, such as when a test
  // harness chose it): the clock runs from there, not from this object's construction, so a
  // process that takes a while to start does not lag the harness.
  PinnedClock(Instant start, std::chrono::system_clock::time_point held_at)
      : start_(start),
        origin_(std::chrono::steady_clock::now() -
                std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::system_clock::now() - held_at)) {}
  Instant now() const override {
    const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - origin_);
    return Instant{start_.unix_seconds + elapsed.count()};
  }

 private:
  Instant start_;
  std::chrono::steady_clock::time_point origin_;
};

}  // namespace sp

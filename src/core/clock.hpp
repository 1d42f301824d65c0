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

}  // namespace sp

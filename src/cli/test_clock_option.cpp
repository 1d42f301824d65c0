// Test builds only (the satupintu-test executable): --test-clock pins the starting instant, and
// --test-clock-shift-file lets a test move that clock forward while the server runs (a report
// filed after the inspection day, a deadline passed) without waiting for it.
#include <atomic>
#include <chrono>
#include <fstream>
#include <optional>
#include <string>

#include "cli/clock_option.hpp"
#include "core/instant.hpp"

namespace sp::cli {

namespace {

std::optional<Instant>& pinned_start() {
  static std::optional<Instant> start;
  return start;
}
std::string& shift_file() {
  static std::string path;
  return path;
}
std::optional<double>& held_at() {  // system time, seconds since the epoch
  static std::optional<double> at;
  return at;
}

// The pinned clock plus the seconds written in the shift file (a plain integer, only ever
// raised by the test). The file is read at most every 20 ms, so the server's hot paths stay
// cheap and a test sees its jump within that time.
class ShiftedClock final : public Clock {
 public:
  ShiftedClock(PinnedClock base, std::string path) : base_(base), path_(std::move(path)) {}
  Instant now() const override {
    const auto tick = std::chrono::steady_clock::now().time_since_epoch().count();
    if (tick - read_at_.load(std::memory_order_relaxed) > 20'000'000) {
      read_at_.store(tick, std::memory_order_relaxed);
      std::ifstream in(path_);
      long long seconds = 0;
      if (in >> seconds && seconds > shift_.load(std::memory_order_relaxed))
        shift_.store(seconds, std::memory_order_relaxed);  // forward only: time never runs back
    }
    return Instant{base_.now().unix_seconds + shift_.load(std::memory_order_relaxed)};
  }

 private:
  PinnedClock base_;
  std::string path_;
  mutable std::atomic<long long> shift_{0};
  mutable std::atomic<std::chrono::steady_clock::rep> read_at_{0};
};

}  // namespace

void add_clock_option(CLI::App& app) {
  app.add_option_function<std::string>(
         "--test-clock",
         [](const std::string& text) {
           auto at = parse_instant(text);
           if (!at) throw CLI::ValidationError("--test-clock", at.error().message);
           pinned_start() = *at;
         },
         "Test builds only: start the clock at this instant (ISO 8601 with offset) and run it from there")
      ->type_name("INSTANT");
  app.add_option_function<double>(
         "--test-clock-held-at", [](double at) { held_at() = at; },
         "Test builds only: the system time (seconds since 1970) at which --test-clock's instant held; "
         "the clock runs from then, not from when this process started")
      ->type_name("SECONDS");
  app.add_option("--test-clock-shift-file", shift_file(),
                 "Test builds only: seconds to move the --test-clock forward, read from this file while running")
      ->type_name("FILE");
}

std::unique_ptr<Clock> make_clock() {
  if (!pinned_start()) return std::make_unique<SystemClock>();
  auto pinned = [] {
    if (!held_at()) return PinnedClock(*pinned_start());
    const auto at = std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::duration<double>(*held_at())));
    return PinnedClock(*pinned_start(), at);
  }();
  if (!shift_file().empty()) return std::make_unique<ShiftedClock>(pinned, shift_file());
  return std::make_unique<PinnedClock>(pinned);
}

}  // namespace sp::cli

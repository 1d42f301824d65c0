// Test builds only (the satupintu-test executable): --test-clock pins the starting instant.
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
}

std::unique_ptr<Clock> make_clock() {
  if (pinned_start()) return std::make_unique<PinnedClock>(*pinned_start());
  return std::make_unique<SystemClock>();
}

}  // namespace sp::cli

// Production: the system clock, and no option that could move it.
#include "cli/clock_option.hpp"

namespace sp::cli {

void add_clock_option(CLI::App&) {}

std::unique_ptr<Clock> make_clock() { return std::make_unique<SystemClock>(); }

}  // namespace sp::cli

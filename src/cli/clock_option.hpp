#pragma once
// The clock the server and the commands run on. The production executable (`satupintu`) reads
// the system clock and offers no way to change it. The test executable (`satupintu-test`, built
// from the same code plus test_clock_option.cpp) adds a global `--test-clock INSTANT`, which
// starts the clock at that instant (core/clock.hpp: PinnedClock), so integration tests do not
// depend on the hour they run at.
#include <CLI/CLI.hpp>

#include <memory>

#include "core/clock.hpp"

namespace sp::cli {

// Adds the build's clock options to the top-level command (none in production).
void add_clock_option(CLI::App& app);

// The clock for this process: the pinned one when --test-clock was given, else the system's.
// Call after parsing.
std::unique_ptr<Clock> make_clock();

}  // namespace sp::cli

#pragma once
// A small scenario language for driving SOPs through the engine, one readable step per line
// (see tests/engine/scenarios/README). Failures name the scenario file and line.
#include <string>
#include <vector>

namespace sp::test {

struct ScenarioFailure {
  int line = 0;
  std::string message;
};

// Runs every scenario in the file; returns the failures (empty when all pass) and the number of
// scenarios run through `scenarios`.
std::vector<ScenarioFailure> run_scenario_file(const std::string& path, int& scenarios);

}  // namespace sp::test

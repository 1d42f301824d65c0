// Drives every seed SOP end to end through the engine: one scenario file per SOP, each with the
// happy path, the returned-file loop, the rejection path and the verification send-back.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/scenario.hpp"
#include "test_data.hpp"

namespace sp {
namespace {

std::vector<std::string> scenario_files() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(test::source_path("tests/engine/scenarios")))
    if (e.path().extension() == ".scn") out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

class SopScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(SopScenario, Runs) {
  int scenarios = 0;
  const auto failures =
      test::run_scenario_file(test::source_path("tests/engine/scenarios/" + GetParam()), scenarios);
  for (const auto& f : failures) ADD_FAILURE() << GetParam() << ":" << f.line << ": " << f.message;
  EXPECT_GE(scenarios, 4) << "each SOP needs happy, returned, rejected and sent-back scenarios";
}

INSTANTIATE_TEST_SUITE_P(Seeds, SopScenario, ::testing::ValuesIn(scenario_files()),
                         [](const auto& param_info) {
                           std::string n = param_info.param.substr(0, param_info.param.size() - 4);
                           for (auto& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

TEST(SopScenarios, OneFilePerSeedSop) {
  const auto files = scenario_files();
  for (const auto& s : test::seed_catalog().catalog.sops())
    EXPECT_NE(std::find(files.begin(), files.end(), s.code + ".scn"), files.end()) << s.code;
}

}  // namespace
}  // namespace sp

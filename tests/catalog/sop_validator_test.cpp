// The validator against the broken files in bad/ (each names the problems it must produce with
// "# expect: LINE: message") and against input that is not YAML at all.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include "catalog/catalog_loader.hpp"
#include "test_data.hpp"

namespace sp {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(SopValidator, TheMinimalSopIsValid) {
  const auto loaded = load_catalog({test::source_path("tests/catalog/good")});
  for (const auto& p : loaded.problems) ADD_FAILURE() << p.to_string();
  EXPECT_EQ(loaded.catalog.sops().size(), 1u);
}

TEST(SopValidator, EveryBadFileReportsItsProblemsAtTheirLines) {
  const std::regex expect_re(R"(^# expect: (\d+): (.*)$)");
  int files = 0;
  for (const auto& entry : fs::directory_iterator(test::source_path("tests/catalog/bad"))) {
    if (entry.path().filename() == "office.yaml") continue;
    ++files;
    const std::string file = entry.path().string();
    SCOPED_TRACE(entry.path().filename().string());
    const auto loaded = load_catalog({file});
    EXPECT_FALSE(loaded.problems.empty());
    std::istringstream text(read(entry.path()));
    int expectations = 0;
    for (std::string line; std::getline(text, line);) {
      std::smatch m;
      if (!std::regex_match(line, m, expect_re)) continue;
      ++expectations;
      const int want_line = std::stoi(m[1]);
      const std::string want = m[2];
      const bool found = std::any_of(loaded.problems.begin(), loaded.problems.end(), [&](const Diagnostic& d) {
        return d.where.file == file && d.where.line == want_line && d.message.find(want) != std::string::npos;
      });
      EXPECT_TRUE(found) << "expected " << want_line << ": " << want;
    }
    EXPECT_GT(expectations, 0) << "a bad file must say what it expects";
    if (HasFailure())
      for (const auto& p : loaded.problems) std::cerr << "  got " << p.to_string() << "\n";
  }
  EXPECT_GE(files, 10);
}

Diagnostics load_text(const std::string& text) {
  Catalog c;
  Diagnostics out;
  load_definition_text(text, "input.yaml", c, out);
  return out;
}

TEST(SopValidator, EmptyFileIsAProblemNotACrash) {
  const auto d = load_text("");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].to_string().rfind("input.yaml:1: empty file", 0), 0u) << d[0].to_string();
}

TEST(SopValidator, BinaryInputIsRejected) {
  std::string bin = "\x7f" "ELF\x02\x01\x01";
  bin += std::string("\0\0\0\xff\xfe", 5);
  EXPECT_FALSE(load_text(bin).empty());
  EXPECT_FALSE(load_text("\xff\xfe\xfd kind: sop").empty());
}

TEST(SopValidator, DeepNestingIsRejected) {
  EXPECT_FALSE(load_text(std::string(200000, '[')).empty());
  std::string maps;
  for (int i = 0; i < 20000; ++i) maps += "{a: ";
  EXPECT_FALSE(load_text("kind: sop\nsteps: " + maps).empty());
}

TEST(SopValidator, HugeNumbersAreRangeErrors) {
  const auto d = load_text("kind: sop\ncode: x\nversion: 99999999999999999999999999999\n");
  EXPECT_TRUE(std::any_of(d.begin(), d.end(), [](const Diagnostic& x) {
    return x.where.line == 3 && x.message.find("out of range") != std::string::npos;
  }));
}

TEST(SopValidator, WrongShapesAreReportedNotThrown) {
  for (const char* text : {"- a\n- b\n", "kind: [sop]\n", "kind: sop\nsteps: 5\n", "kind: sop\nroles: {a: b}\n",
                           "kind: sop\nsteps:\n  - 1\n  - [x]\n", "kind: office\nhead: 3\n", "kind: martian\n",
                           "kind: national-calendar\nyears: [{year: 2026, holidays: [{date: 2026-02-30}]}]\n",
                           "a: &x [*x]\n", "kind: sop\n? [a, b]\n: c\n"}) {
    EXPECT_FALSE(load_text(text).empty()) << text;
  }
}

TEST(SopValidator, MutatedSeedFilesNeverCrashTheValidator) {
  // A cheap, deterministic stand-in for the fuzzer: flip, drop and duplicate bytes of real SOPs.
  const std::string seed = read(test::source_path("sop/purwakarta/izin-praktik-tenaga-kesehatan.yaml"));
  std::mt19937 rng(12345);
  for (int i = 0; i < 400; ++i) {
    std::string s = seed;
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      const std::size_t pos = rng() % s.size();
      switch (rng() % 4) {
        case 0: s[pos] = static_cast<char>(rng() % 256); break;
        case 1: s.erase(pos, 1 + rng() % 40); break;
        case 2: s.insert(pos, s.substr(rng() % s.size(), rng() % 60)); break;
        case 3: s.insert(pos, 1, "[]{}:-&*!|>'\"#\n "[rng() % 17]); break;
      }
    }
    (void)load_text(s);
  }
  SUCCEED();
}

}  // namespace
}  // namespace sp

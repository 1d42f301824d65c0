// The five seed SOPs as the issue describes them: shapes, blanks kept blank, texts kept.
#include <gtest/gtest.h>

#include "test_data.hpp"

namespace sp {
namespace {

const Sop& sop(const char* code) {
  const Sop* s = test::seed_catalog().catalog.sop(code);
  if (!s) throw std::runtime_error(std::string("no SOP ") + code);
  return *s;
}

TEST(SeedSops, AllFiveAndTheSixthPermitLoadWithoutProblems) {
  const auto& loaded = test::seed_catalog();
  EXPECT_TRUE(loaded.problems.empty());
  // The five seed sheets and SIPA, added to Kampar as data only.
  EXPECT_EQ(loaded.catalog.sops().size(), 6u);
  EXPECT_EQ(loaded.catalog.offices().size(), 2u);
}

TEST(SeedSops, PurwakartaHasTenStepsAndSevenRoles) {
  for (const char* code : {"pwk-iptk", "pwk-optikal"}) {
    const Sop& s = sop(code);
    EXPECT_EQ(s.steps.size(), 10u) << code;
    EXPECT_EQ(s.roles.size(), 7u) << code;
    EXPECT_EQ(s.identity.number, "065/KEP.58-DPMPTSP/X/2020");
    // Steps 8-10 have no time standard on the sheet; none may be invented.
    for (int n : {8, 9, 10}) EXPECT_TRUE(s.steps[*s.step_by_number(n)].time.is_none()) << code << " step " << n;
    EXPECT_EQ(format_time_limit(s.steps[*s.step_by_number(4)].time), "1 hari kerja");
    EXPECT_EQ(format_time_limit(s.steps[*s.step_by_number(6)].time), "7 hari kerja");
    EXPECT_EQ(format_time_limit(s.steps[*s.step_by_number(7)].time), "6 hari kerja");
    // A step with no `title` is named by its code in words, for step trackers.
    EXPECT_EQ(s.steps[*s.step_by_number(4)].title, "Pemeriksaan berkas") << code;
  }
}

TEST(SeedSops, KamparHasSixStepsAndFourRoles) {
  for (const char* code : {"kpr-dokter", "kpr-okupasi-terapis", "kpr-radiografer", "kpr-apoteker"}) {
    const Sop& s = sop(code);
    EXPECT_EQ(s.steps.size(), 6u) << code;
    EXPECT_EQ(s.roles.size(), 4u) << code;
    EXPECT_EQ(format_time_limit(s.steps[0].time), "10 menit");
    EXPECT_EQ(format_time_limit(s.steps[1].time), "15 menit");
    EXPECT_EQ(format_time_limit(s.steps[2].time), "1 jam");
    EXPECT_TRUE(s.steps[5].time.is_none());
  }
  EXPECT_EQ(sop("04.15.3.1.21").code, "kpr-okupasi-terapis");
}

TEST(SeedSops, OcrSlipsAreFixed) {
  for (const auto& s : test::seed_catalog().catalog.sops())
    for (const auto& st : s.steps) {
      for (const char* slip : {"Pemohonan", "Sicanantik", "Slicantik", "Sisantik", "Sicantik"}) {
        EXPECT_EQ(st.description.find(slip), std::string::npos) << s.code << " step " << st.number;
        EXPECT_EQ(st.output.find(slip), std::string::npos) << s.code << " step " << st.number;
      }
    }
}

TEST(SeedSops, CurrentRulesAreNotedBesideTheSheets) {
  EXPECT_EQ(sop("kpr-dokter").permit.max_places, 3);
  EXPECT_EQ(sop("kpr-okupasi-terapis").permit.max_places, 2);
  for (const auto& s : test::seed_catalog().catalog.sops()) {
    EXPECT_EQ(s.permit.validity_years, 5) << s.code;
    EXPECT_EQ(s.permit.fee_rupiah, 0) << s.code;
    EXPECT_FALSE(s.permit.legal_basis.as_written.empty()) << s.code;
    EXPECT_FALSE(s.permit.legal_basis.current.empty()) << s.code;
    bool has_str = false;
    for (const auto& r : s.permit.requirements) has_str |= r.code.rfind("str", 0) == 0;
    EXPECT_TRUE(has_str) << s.code;
  }
  // The seed's old rule stays as written; the note says it is no longer required.
  const Sop& rad = sop("kpr-radiografer");
  EXPECT_NE(rad.permit.legal_basis.as_written.back().find("Organisasi Profesi"), std::string::npos);
  bool noted = false;
  for (const auto& n : rad.permit.notes) noted |= n.find("tidak lagi memerlukan") != std::string::npos;
  EXPECT_TRUE(noted);
}

}  // namespace
}  // namespace sp

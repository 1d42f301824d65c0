#include <gtest/gtest.h>

#include "auth/nik.hpp"

namespace sp::auth {
namespace {

TEST(Nik, AcceptsPlausibleNumbers) {
  EXPECT_TRUE(check_nik("3214011501900001"));  // Jawa Barat, born 15-01-90
  EXPECT_TRUE(check_nik("1406015502920002"));  // Riau, a woman born 15-02-92 (day + 40)
  EXPECT_TRUE(check_nik("9101012902000003"));  // 29 February
}

TEST(Nik, RejectsEachBadPartWithItsReason) {
  const std::pair<const char*, const char*> cases[] = {
      {"321401150190000", "16 digits"}, {"32140115019000012", "16 digits"}, {"32140115019O0001", "16 digits"},
      {"9914011501900001", "province"}, {"3200011501900001", "regency"},    {"3214013201900001", "date"},
      {"3214017201900001", "date"},     {"3214011513900001", "date"},       {"3214011501900000", "serial"},
  };
  for (const auto& [nik, why] : cases) {
    auto r = check_nik(nik);
    ASSERT_FALSE(r) << nik;
    EXPECT_NE(r.error().message.find(why), std::string::npos) << nik << ": " << r.error().message;
  }
}

TEST(Nik, MaskingHidesTheMiddle) {
  EXPECT_EQ(mask_nik("3214011501900001"), "3214********0001");
  EXPECT_EQ(mask_nik("short"), "****************");
}

}  // namespace
}  // namespace sp::auth

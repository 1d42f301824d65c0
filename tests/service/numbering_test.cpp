#include <gtest/gtest.h>

#include "service/numbering.hpp"

namespace sp::service {
namespace {

TEST(Numbering, FillsTheOfficeFormat) {
  EXPECT_EQ(format_number("503/{seq:04}/DPMPTSP/{year}", 12, 2026, 3), "503/0012/DPMPTSP/2026");
  EXPECT_EQ(format_number("{seq}/REG/{roman_month}/{year}", 7, 2026, 11), "7/REG/XI/2026");
  EXPECT_EQ(format_number("{seq:04}-{month}", 12345, 2026, 1), "12345-01");
  EXPECT_EQ(format_number("no placeholders {unknown}", 1, 2026, 1), "no placeholders {unknown}");
}

}  // namespace
}  // namespace sp::service

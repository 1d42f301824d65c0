#include <gtest/gtest.h>

#include "catalog/time_limit.hpp"

namespace sp {
namespace {

TEST(TimeLimit, ReadsTheSheetsUnits) {
  EXPECT_TRUE(parse_time_limit("-")->is_none());
  EXPECT_TRUE(parse_time_limit("")->is_none());
  EXPECT_EQ(parse_time_limit("15 Menit")->minutes().count, 15);
  EXPECT_EQ(parse_time_limit("1 jam")->minutes().count, 60);
  EXPECT_EQ(parse_time_limit("1 Jam")->minutes().count, 60);
  auto days = parse_time_limit("7  hari kerja");
  ASSERT_TRUE(days);
  EXPECT_TRUE(days->is_days());
  EXPECT_EQ(days->days().count, 7);
  EXPECT_EQ(format_time_limit(*days), "7 hari kerja");
}

// A "-" on the sheet (no time on purpose) and a blank cell (not stated) both carry no time, and
// each prints as it was written.
TEST(TimeLimit, ADashAndABlankCellStayApart) {
  const auto dash = parse_time_limit(" - ");
  const auto blank = parse_time_limit("");
  ASSERT_TRUE(dash && blank);
  EXPECT_TRUE(dash->is_none() && blank->is_none());
  EXPECT_TRUE(dash->dash);
  EXPECT_FALSE(blank->dash);
  EXPECT_EQ(format_time_limit(*dash), "-");
  EXPECT_EQ(format_time_limit(*blank), "");
}

TEST(TimeLimit, WorkingDaysAreNotHours) {
  // "1 hari kerja" must stay a day: never 7.5 or 24 working hours.
  auto d = parse_time_limit("1 hari kerja");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->unit, TimeLimit::Unit::WorkingDays);
}

TEST(TimeLimit, RejectsBadDurations) {
  for (const char* bad : {"0 jam", "jam", "1 minggu", "3 hari", "99999999999 menit", "-5 menit", "1.5 jam",
                          "10000000000000000000000 jam", "2001 hari kerja"}) {
    auto r = parse_time_limit(bad);
    EXPECT_FALSE(r) << bad;
    if (!r) {
      EXPECT_NE(r.error().message.find("bad duration"), std::string::npos) << r.error().message;
    }
  }
}

}  // namespace
}  // namespace sp

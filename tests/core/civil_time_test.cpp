#include <gtest/gtest.h>

#include "core/instant.hpp"
#include "core/months.hpp"

namespace sp {
namespace {

TEST(CivilTime, DayNumbersRoundTripAcrossLeapYears) {
  for (DayNumber n = to_day_number({1999, 12, 1}); n < to_day_number({2031, 3, 1}); ++n)
    ASSERT_EQ(to_day_number(from_day_number(n)), n);
  EXPECT_EQ(to_day_number({1970, 1, 1}), 0);
  EXPECT_EQ(from_day_number(to_day_number({2024, 2, 28}) + 1), (Date{2024, 2, 29}));
  EXPECT_EQ(from_day_number(to_day_number({2026, 2, 28}) + 1), (Date{2026, 3, 1}));
}

TEST(CivilTime, Weekdays) {
  EXPECT_EQ(weekday_of(to_day_number({2026, 11, 23})), Weekday::Monday);
  EXPECT_EQ(weekday_of(to_day_number({2026, 3, 13})), Weekday::Friday);
  EXPECT_EQ(weekday_of(to_day_number({1969, 12, 31})), Weekday::Wednesday);
  EXPECT_EQ(weekday_name_id(Weekday::Friday), "Jumat");
}

TEST(CivilTime, ParsesDatesAndRejectsImpossibleOnes) {
  EXPECT_EQ(*parse_date("2026-03-13"), (Date{2026, 3, 13}));
  EXPECT_FALSE(parse_date("2026-02-29"));
  EXPECT_FALSE(parse_date("2026-13-01"));
  EXPECT_FALSE(parse_date("13-03-2026"));
  EXPECT_FALSE(parse_date(""));
  EXPECT_FALSE(parse_date("2026-0a-01"));
}

TEST(Instant, ParsesOffsetsAndUtc) {
  auto wib = parse_instant("2026-03-13T09:00+07:00");
  auto utc = parse_instant("2026-03-13T02:00:00Z");
  ASSERT_TRUE(wib && utc);
  EXPECT_EQ(*wib, *utc);
  EXPECT_EQ(format_instant(*wib, ZoneOffset{7 * 3600}), "2026-03-13T09:00:00+07:00");
  EXPECT_EQ(format_instant(*wib, ZoneOffset{9 * 3600}), "2026-03-13T11:00:00+09:00");
  EXPECT_EQ(format_local_readable(*wib, ZoneOffset{8 * 3600}), "Jumat, 2026-03-13 10:00 WITA");
  // JavaScript's Date.toISOString(): milliseconds, dropped.
  auto js = parse_instant("2026-03-13T02:00:00.123Z");
  ASSERT_TRUE(js);
  EXPECT_EQ(*js, *utc);
  EXPECT_FALSE(parse_instant("2026-03-13T02:00:00.Z"));
  EXPECT_FALSE(parse_instant("2026-03-13T02:00:00.12345678901Z"));
}

TEST(Instant, RejectsInstantsWithoutAnOffset) {
  EXPECT_FALSE(parse_instant("2026-03-13T09:00"));
  EXPECT_FALSE(parse_instant("2026-03-13T25:00+07:00"));
  EXPECT_FALSE(parse_instant("2026-03-13T09:00+7"));
  EXPECT_FALSE(parse_instant("yesterday"));
}

TEST(Instant, ZonesAreIndonesias) {
  EXPECT_EQ(parse_zone("WIB")->seconds, 7 * 3600);
  EXPECT_EQ(parse_zone("Asia/Makassar")->seconds, 8 * 3600);
  EXPECT_EQ(parse_zone("WIT")->seconds, 9 * 3600);
  EXPECT_FALSE(parse_zone("Europe/Amsterdam"));
}

}  // namespace
}  // namespace sp

namespace sp {
TEST(CivilTime, LongIndonesianDates) {
  EXPECT_EQ(format_date_long_id(Date{2026, 11, 23}), "23 November 2026");
  EXPECT_EQ(format_date_long_id(Date{2025, 8, 1}), "1 Agustus 2025");
  EXPECT_EQ(format_date_long_id(Date{2024, 2, 29}), "29 Februari 2024");
}

TEST(Months, StepAcrossYearsAndEndOnTheRightDay) {
  EXPECT_EQ(add_months(Date{2026, 12, 31}, 1), (Date{2027, 1, 1}));
  EXPECT_EQ(add_months(Date{2026, 1, 15}, -1), (Date{2025, 12, 1}));
  EXPECT_EQ(add_months(Date{2026, 3, 1}, -14), (Date{2025, 1, 1}));
  EXPECT_EQ(add_months(Date{0, 1, 1}, -1), (Date{-1, 12, 1}));
  EXPECT_EQ(last_of_month(Date{2024, 2, 10}), (Date{2024, 2, 29}));
  EXPECT_EQ(last_of_month(Date{2026, 2, 1}), (Date{2026, 2, 28}));
  EXPECT_EQ(last_of_month(Date{2026, 12, 5}), (Date{2026, 12, 31}));
  EXPECT_EQ(first_of_month(Date{2026, 12, 5}), (Date{2026, 12, 1}));
}
}  // namespace sp

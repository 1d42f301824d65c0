#pragma once
// Civil (calendar) dates and local clock times, with no time-zone database: Indonesia has
// three fixed zones (WIB, WITA, WIT) and no daylight saving, so a zone is just an offset.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sp {

// Days since 1970-01-01 (may be negative).
using DayNumber = std::int64_t;

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

enum class Weekday : std::uint8_t { Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday };

DayNumber to_day_number(const Date& d);
Date from_day_number(DayNumber n);
Weekday weekday_of(DayNumber n);
bool is_valid_date(int year, int month, int day);

// "2026-03-13"; fails with a readable reason.
Result<Date> parse_date(std::string_view text);
std::string format_date(const Date& d);

// Minutes after local midnight, 0..1440 ("07:30" -> 450; "24:00" allowed as the day's end).
Result<int> parse_clock(std::string_view text);
std::string format_clock(int minute_of_day);

// "23 November 2026": the date as Indonesian letters write it.
std::string format_date_long_id(const Date& d);

// Indonesian weekday names, for printed output ("Senin").
std::string_view weekday_name_id(Weekday w);
std::string_view weekday_key(Weekday w);  // "monday"
std::optional<Weekday> parse_weekday_key(std::string_view key);

}  // namespace sp

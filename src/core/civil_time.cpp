#include "core/civil_time.hpp"

#include <array>
#include <charconv>
#include <cstdio>

namespace sp {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
DayNumber to_day_number(const Date& d) {
  const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (d.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date from_day_number(DayNumber z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

Weekday weekday_of(DayNumber n) {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  const std::int64_t w = ((n % 7) + 7 + 3) % 7;
  return static_cast<Weekday>(w);
}

bool is_valid_date(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int max = kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
  return day <= max;
}

namespace {
bool parse_fixed_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}
}  // namespace

Result<Date> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-')
    return make_error("date must look like YYYY-MM-DD, got '" + std::string(t.substr(0, 40)) + "'");
  int y = 0, m = 0, d = 0;
  if (!parse_fixed_int(t.substr(0, 4), y) || !parse_fixed_int(t.substr(5, 2), m) ||
      !parse_fixed_int(t.substr(8, 2), d))
    return make_error("date must look like YYYY-MM-DD, got '" + std::string(t) + "'");
  if (!is_valid_date(y, m, d)) return make_error("no such date: " + std::string(t));
  return Date{y, m, d};
}

std::string format_date(const Date& d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

Result<int> parse_clock(std::string_view t) {
  int h = 0, m = 0;
  if (t.size() != 5 || t[2] != ':' || !parse_fixed_int(t.substr(0, 2), h) ||
      !parse_fixed_int(t.substr(3, 2), m) || m > 59 || h > 24 || (h == 24 && m != 0))
    return make_error("time of day must look like HH:MM, got '" + std::string(t.substr(0, 40)) + "'");
  return h * 60 + m;
}

std::string format_clock(int minute_of_day) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
  return buf;
}

namespace {
constexpr std::array<std::string_view, 7> kNamesId{"Senin", "Selasa", "Rabu", "Kamis",
                                                  "Jumat", "Sabtu", "Minggu"};
constexpr std::array<std::string_view, 7> kKeys{"monday", "tuesday",  "wednesday", "thursday",
                                               "friday", "saturday", "sunday"};
}  // namespace

std::string_view weekday_name_id(Weekday w) { return kNamesId[static_cast<std::size_t>(w)]; }
std::string_view weekday_key(Weekday w) { return kKeys[static_cast<std::size_t>(w)]; }
std::optional<Weekday> parse_weekday_key(std::string_view key) {
  for (std::size_t i = 0; i < kKeys.size(); ++i)
    if (kKeys[i] == key) return static_cast<Weekday>(i);
  return std::nullopt;
}

std::string format_date_long_id(const Date& d) {
  static constexpr const char* kMonths[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                            "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
  const char* month = d.month >= 1 && d.month <= 12 ? kMonths[d.month - 1] : "?";
  return std::to_string(d.day) + " " + month + " " + std::to_string(d.year);
}

}  // namespace sp

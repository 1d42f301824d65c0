#pragma once
// Whole calendar months, as the office's reports count them.
#include <string>

#include "core/civil_time.hpp"

namespace sp {

inline Date first_of_month(const Date& d) { return Date{d.year, d.month, 1}; }

// The first day of the month `n` months after d's (n may be negative).
inline Date add_months(const Date& d, int n) {
  const int m = d.year * 12 + (d.month - 1) + n;
  const int year = (m >= 0 ? m : m - 11) / 12;
  return Date{year, m - year * 12 + 1, 1};
}

inline Date last_of_month(const Date& d) { return from_day_number(to_day_number(add_months(d, 1)) - 1); }

// The month as the reports key it: YYYY-MM.
inline std::string format_month(const Date& d) { return format_date(d).substr(0, 7); }

}  // namespace sp

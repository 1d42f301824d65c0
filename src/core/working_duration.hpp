#pragma once
// Working time comes in two units that must never mix: a working *day* is a calendar day the
// office is open, whatever its length; working *minutes* count only minutes inside office hours.
// "1 hari kerja" is therefore not 7.5 working hours (a known bug class: "P1D" read as 24 hours).
#include <compare>
#include <cstdint>

namespace sp {

struct WorkingMinutes {
  std::int64_t count = 0;
  friend auto operator<=>(const WorkingMinutes&, const WorkingMinutes&) = default;
  friend WorkingMinutes operator+(WorkingMinutes a, WorkingMinutes b) { return {a.count + b.count}; }
  friend WorkingMinutes operator-(WorkingMinutes a, WorkingMinutes b) { return {a.count - b.count}; }
  WorkingMinutes& operator+=(WorkingMinutes o) { count += o.count; return *this; }
};

struct WorkingDays {
  std::int64_t count = 0;
  friend auto operator<=>(const WorkingDays&, const WorkingDays&) = default;
};

constexpr WorkingMinutes working_hours(std::int64_t h) { return WorkingMinutes{h * 60}; }

}  // namespace sp

#pragma once
// Office hours per weekday. The default is Perpres 21/2023 (37.5 h a week from 07:30, breaks of
// 60 min, 90 min on Friday); Ramadan hours are a separate schedule applied to dated periods.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_time.hpp"
#include "core/result.hpp"

namespace sp {

// [start, end) in minutes after local midnight.
struct Interval {
  int start = 0;
  int end = 0;
  friend bool operator==(const Interval&, const Interval&) = default;
};

struct DayHours {
  std::vector<Interval> intervals;  // sorted, non-overlapping; empty means closed
  int minutes() const;
  friend bool operator==(const DayHours&, const DayHours&) = default;
};

struct WeeklySchedule {
  std::array<DayHours, 7> days;  // indexed by Weekday
  const DayHours& on(Weekday w) const { return days[static_cast<std::size_t>(w)]; }
  int weekly_minutes() const;
};

// Perpres 21/2023: Mon-Thu 07:30-16:00 with 12:00-13:00 break, Fri 07:30-16:30 with 11:30-13:00
// break; Saturday and Sunday closed. 37.5 hours a week.
WeeklySchedule perpres_21_2023_schedule();
// Ramadan hours (MenPAN-RB circulars): from 08:00, 32.5 hours a week. Mon-Thu 08:00-15:00 with
// 12:00-12:30 break, Fri 08:00-15:30 with 11:30-12:30 break.
WeeklySchedule ramadan_schedule();

// "07:30-12:00, 13:00-16:00" or "closed"/"libur"; fails on overlaps, reversed or unparsable ranges.
Result<DayHours> parse_day_hours(std::string_view text);
std::string format_day_hours(const DayHours& h);

}  // namespace sp

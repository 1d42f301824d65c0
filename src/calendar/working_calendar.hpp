#pragma once
// The working-time calendar of one office: which instants are inside office hours, and how much
// working time lies between instants. Pure: built once from data, then answers queries without
// I/O or clock reads. Thread-safe for concurrent readers once built.
//
// Internally each local day in [first, last] gets a pattern of office hours and a running total
// of working seconds, so every query is a table lookup or a binary search.
#include <cstdint>
#include <vector>

#include "calendar/holiday_set.hpp"
#include "calendar/weekly_schedule.hpp"
#include "core/instant.hpp"
#include "core/result.hpp"
#include "core/working_duration.hpp"

namespace sp {

struct CalendarSpec {
  ZoneOffset zone;
  WeeklySchedule normal = perpres_21_2023_schedule();
  WeeklySchedule ramadan = ramadan_schedule();
  HolidaySet holidays;            // national holidays, cuti bersama, office closures, Ramadan periods
  Date first{2015, 1, 1};         // the range the calendar answers for
  Date last{2050, 12, 31};
};

class WorkingCalendar {
 public:
  explicit WorkingCalendar(const CalendarSpec& spec);

  ZoneOffset zone() const { return zone_; }
  Date first_date() const { return from_day_number(first_day_); }
  Date last_date() const { return from_day_number(first_day_ + days() - 1); }

  bool is_working_time(Instant t) const;
  bool is_working_day(const Date& d) const;
  // The office hours on a date (empty when closed) and the closure, if any, that closes it.
  const DayHours& hours_on(const Date& d) const;
  const Closure* closure_on(const Date& d) const;

  // The earliest instant by which `n` working minutes have passed after `t`. A start outside
  // office hours counts from the next opening. Fails outside the calendar's range.
  Result<Instant> add(Instant t, WorkingMinutes n) const;
  // `n` working days after `t`: the same point of the working day (by working time already
  // passed in it) on the n-th following working day. A start at or before opening (or outside
  // hours) ends at the close of the n-th working day counting the start day. So Monday 10:00 + 1
  // day = Tuesday 10:00, and Saturday + 1 day = Monday at closing time.
  Result<Instant> add(Instant t, WorkingDays n) const;

  // Working time between two instants; negative when `to` is before `from`.
  WorkingMinutes elapsed(Instant from, Instant to) const;
  // Working days in [from, to], both inclusive.
  std::int64_t working_days_between(const Date& from, const Date& to) const;

 private:
  std::int64_t days() const { return static_cast<std::int64_t>(pattern_.size()); }
  bool in_range(Instant t) const;
  std::int64_t day_index(const Date& d) const { return to_day_number(d) - first_day_; }
  // Working seconds from the calendar's first day up to `t` (clamped to the range).
  std::int64_t position(Instant t) const;
  // The earliest instant whose position is `p`, given that day `d` holds it.
  Instant instant_at(std::int64_t d, std::int64_t p) const;
  const DayHours& pattern_of(std::int64_t d) const { return patterns_[pattern_[static_cast<std::size_t>(d)]]; }

  ZoneOffset zone_;
  DayNumber first_day_ = 0;
  std::vector<DayHours> patterns_;             // 0 is "closed"
  std::vector<std::uint8_t> pattern_;          // per day: index into patterns_
  std::vector<std::int64_t> cum_;              // per day (+1): working seconds before that day
  std::vector<std::int32_t> working_days_;     // day indices of working days, ascending
  std::vector<std::int32_t> working_before_;   // per day (+1): working days before that day
  std::vector<Closure> closures_;              // sorted by date
};

}  // namespace sp

#pragma once
// A step's time standard (Mutu Baku, "Waktu"): none, working minutes ("15 menit", "1 jam") or
// working days ("7 hari kerja"). Hours are stored as minutes; days stay days.
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/working_duration.hpp"

namespace sp {

struct TimeLimit {
  enum class Unit : std::uint8_t { None, Minutes, Hours, WorkingDays };
  Unit unit = Unit::None;
  std::int64_t amount = 0;  // in `unit`
  // Without a time: the sheet wrote "-" (no time on purpose), or left the cell blank (not
  // stated). The sheet prints each as it was.
  bool dash = false;

  bool is_none() const { return unit == Unit::None; }
  bool is_days() const { return unit == Unit::WorkingDays; }
  WorkingMinutes minutes() const { return {unit == Unit::Hours ? amount * 60 : amount}; }
  WorkingDays days() const { return {amount}; }
};

// Accepts "-" (none, on purpose), "" (none, not stated), "10 menit", "1 jam", "7 hari kerja" and the English "minutes", "hours",
// "working days". Amounts are 1..100000 minutes, 1..10000 hours or 1..2000 working days.
Result<TimeLimit> parse_time_limit(std::string_view text);
// The Indonesian form as printed on the SOP sheet: "1 jam", "7 hari kerja", "-", or "" for a
// blank cell.
std::string format_time_limit(const TimeLimit& t);

// Several time standards added up, days and minutes kept apart (they never mix): an SOP's total
// service time ("14 hari kerja + 1 jam 15 menit").
struct TimeTotal {
  std::int64_t days = 0, minutes = 0;
  void add(const TimeLimit& t);
  bool empty() const { return days == 0 && minutes == 0; }
};
// "14 hari kerja", "2 jam 15 menit", "14 hari kerja + 30 menit"; "-" when empty.
std::string format_time_total(const TimeTotal& t);

}  // namespace sp

#pragma once
// Days the office is closed although the weekday is a working day: national holidays (libur
// nasional), collective leave (cuti bersama) from the yearly SKB of three ministers, and an
// office's own closures. Also the dated periods when Ramadan hours apply.
#include <optional>
#include <string>
#include <vector>

#include "core/civil_time.hpp"

namespace sp {

enum class ClosureKind : std::uint8_t { NationalHoliday, CutiBersama, OfficeClosure };
std::string_view closure_kind_key(ClosureKind k);  // "libur_nasional", "cuti_bersama", "penutupan_kantor"

struct Closure {
  Date date;
  ClosureKind kind = ClosureKind::NationalHoliday;
  std::string name;
};

struct DatedPeriod {
  Date from;  // inclusive
  Date to;    // inclusive
  bool contains(const Date& d) const { return from <= d && d <= to; }
};

// One year of the national calendar and the decree it comes from.
struct HolidayYear {
  int year = 0;
  std::string decree;       // e.g. "SKB Menteri Agama, ... Nomor 1497 Tahun 2025, ..."
  bool provisional = false; // true while the year's decree is not yet recorded
  std::string note;
};

struct HolidaySet {
  std::vector<HolidayYear> years;
  std::vector<Closure> closures;
  std::vector<DatedPeriod> ramadan;  // periods with Ramadan working hours

  const HolidayYear* year(int y) const;
  // Appends another set (an office's own closures on top of the national ones).
  void merge(const HolidaySet& other);
};

}  // namespace sp

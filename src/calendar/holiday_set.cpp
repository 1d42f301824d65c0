#include "calendar/holiday_set.hpp"

namespace sp {

std::string_view closure_kind_key(ClosureKind k) {
  switch (k) {
    case ClosureKind::NationalHoliday: return "libur_nasional";
    case ClosureKind::CutiBersama: return "cuti_bersama";
    case ClosureKind::OfficeClosure: return "penutupan_kantor";
  }
  return "";
}

const HolidayYear* HolidaySet::year(int y) const {
  for (const auto& hy : years)
    if (hy.year == y) return &hy;
  return nullptr;
}

void HolidaySet::merge(const HolidaySet& other) {
  years.insert(years.end(), other.years.begin(), other.years.end());
  closures.insert(closures.end(), other.closures.begin(), other.closures.end());
  ramadan.insert(ramadan.end(), other.ramadan.begin(), other.ramadan.end());
}

}  // namespace sp

#pragma once
// Everything the deployment declares: offices, their SOPs (all versions), the national holiday
// calendar, and one working calendar per office built from those. Immutable once loaded.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/holiday_set.hpp"
#include "calendar/working_calendar.hpp"
#include "catalog/office.hpp"
#include "catalog/sop.hpp"

namespace sp {

class Catalog {
 public:
  const std::vector<Office>& offices() const { return offices_; }
  const std::vector<Sop>& sops() const { return sops_; }
  const HolidaySet& national_holidays() const { return national_; }

  const Office* office(std::string_view code) const;
  // The newest version of an SOP by its code, or by its SOP number ("04.15.3.1.02").
  const Sop* sop(std::string_view code) const;
  const Sop* sop(std::string_view code, int version) const;
  // The office's working calendar; never null for an office in the catalog.
  const WorkingCalendar* calendar(std::string_view office_code) const;

  // Builders, used by the loader.
  void add_office(Office o) { offices_.push_back(std::move(o)); }
  void add_sop(Sop s) { sops_.push_back(std::move(s)); }
  void set_national_holidays(HolidaySet h) { national_ = std::move(h); }
  // Cross-definition checks (duplicate codes, unknown offices) and calendar construction.
  void finish(Diagnostics& out);

 private:
  std::vector<Office> offices_;
  std::vector<Sop> sops_;
  HolidaySet national_;
  std::map<std::string, std::unique_ptr<WorkingCalendar>, std::less<>> calendars_;
};

}  // namespace sp

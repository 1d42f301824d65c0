#pragma once
// Everything the deployment declares: offices, their SOPs (all versions), the national holiday
// calendar, and one working calendar per office built from those. Immutable once loaded, except
// for the offices' extra closures, which office admins manage at run time.
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
  Catalog();
  ~Catalog();
  Catalog(Catalog&&) noexcept;
  Catalog& operator=(Catalog&&) noexcept;

  const std::vector<Office>& offices() const { return offices_; }
  const std::vector<Sop>& sops() const { return sops_; }
  const HolidaySet& national_holidays() const { return national_; }

  const Office* office(std::string_view code) const;
  // The newest version of an SOP by its code, or by its SOP number ("04.15.3.1.02").
  const Sop* sop(std::string_view code) const;
  const Sop* sop(std::string_view code, int version) const;
  // The office's working calendar, with its current extra closures; never null for an office in
  // the catalog.
  const WorkingCalendar* calendar(std::string_view office_code) const;
  // The form applications under `sop` fill in: its own, or for a version published before
  // permits declared forms, the newest version's.
  const PermitForm& form(const Sop& sop) const;
  // The office's calendar as it would be with `extra` closures (added by the office admin, see
  // service/office_closures.hpp) on top of its definition; null for an unknown office.
  std::unique_ptr<WorkingCalendar> calendar_with(std::string_view office_code, const std::vector<Closure>& extra) const;
  // Installs `extra` as the office's extra closures: the rebuilt calendar replaces the current
  // one atomically for every later calendar() call. Earlier calendars stay alive for the
  // process lifetime, so a request still holding one never dangles (closures change a few
  // times a year; a calendar is about 200 KiB). Unchanged closures rebuild nothing.
  void set_extra_closures(std::string_view office_code, const std::vector<Closure>& extra) const;

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
  struct CalendarSlot;
  std::map<std::string, std::unique_ptr<CalendarSlot>, std::less<>> calendars_;
};

}  // namespace sp

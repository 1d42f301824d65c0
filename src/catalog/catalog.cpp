#include "catalog/catalog.hpp"

#include <set>

namespace sp {

const Office* Catalog::office(std::string_view code) const {
  for (const auto& o : offices_)
    if (o.code == code) return &o;
  return nullptr;
}

const Sop* Catalog::sop(std::string_view code) const {
  const Sop* best = nullptr;
  for (const auto& s : sops_)
    if ((s.code == code || s.identity.number == code) && (!best || s.version > best->version)) best = &s;
  return best;
}

const Sop* Catalog::sop(std::string_view code, int version) const {
  for (const auto& s : sops_)
    if (s.code == code && s.version == version) return &s;
  return nullptr;
}

const WorkingCalendar* Catalog::calendar(std::string_view office_code) const {
  auto it = calendars_.find(office_code);
  return it == calendars_.end() ? nullptr : it->second.get();
}

void Catalog::finish(Diagnostics& out) {
  std::set<std::string> office_codes;
  for (const auto& o : offices_)
    if (!o.code.empty() && !office_codes.insert(o.code).second)
      out.push_back({o.source, "duplicate office code '" + o.code + "'"});

  std::set<std::pair<std::string, int>> sop_keys;
  std::map<std::pair<std::string, std::string>, std::string> permit_owner;  // (office, permit) -> sop code
  for (const auto& s : sops_) {
    if (!s.code.empty() && !sop_keys.insert({s.code, s.version}).second)
      out.push_back({s.source, "duplicate SOP code '" + s.code + "' version " + std::to_string(s.version)});
    if (!s.office.empty() && !office(s.office))
      out.push_back({s.source, "unknown office '" + s.office + "' (no office.yaml defines it)"});
    if (!s.permit.code.empty()) {
      auto [it, inserted] = permit_owner.emplace(std::pair{s.office, s.permit.code}, s.code);
      if (!inserted && it->second != s.code)
        out.push_back({s.source, "duplicate permit code '" + s.permit.code + "' in office '" + s.office +
                                     "' (also used by SOP '" + it->second + "')"});
    }
  }

  for (const auto& o : offices_) {
    CalendarSpec spec;
    spec.zone = o.zone;
    spec.normal = o.working_hours;
    spec.ramadan = o.ramadan_hours;
    spec.holidays = national_;
    spec.holidays.merge(o.closures);
    calendars_[o.code] = std::make_unique<WorkingCalendar>(spec);
  }
}

}  // namespace sp

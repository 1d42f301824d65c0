// calendar/id-holidays.yaml: Indonesian national holidays and cuti bersama per year, each year
// with the SKB of three ministers it comes from, plus the periods with Ramadan working hours.
#include <algorithm>

#include "catalog/definition_parsers.hpp"

namespace sp {

std::optional<Date> parse_date_field(const YAML::Node& map, const char* key, YamlFields& f, Need need) {
  const YAML::Node n = f.child(map, key, need);
  if (!n.IsDefined() || n.IsNull()) return std::nullopt;
  auto s = f.scalar(n, std::string("'") + key + "'");
  if (!s) return std::nullopt;
  auto d = parse_date(*s);
  if (!d) {
    f.error(n, d.error().message);
    return std::nullopt;
  }
  return *d;
}

std::vector<Closure> parse_closures(const YAML::Node& list, ClosureKind kind, YamlFields& f, const char* what) {
  std::vector<Closure> out;
  if (!list.IsDefined() || list.IsNull()) return out;
  if (!list.IsSequence()) {
    f.error(list, std::string("'") + what + "' must be a list of {date, name}");
    return out;
  }
  for (const auto& item : list) {
    if (!f.expect_map(item, std::string("an entry of '") + what + "'", {"date", "name"})) continue;
    auto d = parse_date_field(item, "date", f, Need::Required);
    std::string name = f.text(item, "name", Need::Required);
    if (!d) continue;
    if (std::any_of(out.begin(), out.end(), [&](const Closure& c) { return c.date == *d; }))
      f.error(item, "date " + format_date(*d) + " is listed twice in '" + what + "'");
    out.push_back(Closure{*d, kind, std::move(name)});
  }
  return out;
}

std::optional<HolidaySet> parse_holidays(const YAML::Node& root, YamlFields& f) {
  if (!f.expect_map(root, "the national calendar", {"kind", "country", "source", "years"})) return std::nullopt;
  const YAML::Node years = f.child(root, "years", Need::Required);
  if (!years.IsDefined()) return std::nullopt;
  if (!years.IsSequence()) {
    f.error(years, "'years' must be a list");
    return std::nullopt;
  }
  HolidaySet out;
  for (const auto& y : years) {
    if (!f.expect_map(y, "a year", {"year", "decree", "amended_by", "provisional", "note", "ramadan", "holidays",
                                    "cuti_bersama"}))
      continue;
    HolidayYear hy;
    hy.year = static_cast<int>(f.integer(y, "year", 1900, 2200, Need::Required).value_or(0));
    hy.provisional = f.flag(y, "provisional", false);
    hy.decree = f.text(y, "decree", hy.provisional ? Need::Optional : Need::Required);
    for (const auto& a : f.text_list(y, "amended_by", Need::Optional)) hy.decree += "; diubah dengan " + a;
    hy.note = f.text(y, "note", Need::Optional);
    if (out.year(hy.year)) f.error(y, "year " + std::to_string(hy.year) + " is listed twice");
    const YAML::Node ram = f.child(y, "ramadan", Need::Optional);
    if (ram.IsDefined() && !ram.IsNull() && f.expect_map(ram, "'ramadan'", {"from", "to", "note"})) {
      auto from = parse_date_field(ram, "from", f, Need::Required);
      auto to = parse_date_field(ram, "to", f, Need::Required);
      if (from && to) {
        if (*to < *from) f.error(ram, "Ramadan period ends before it starts");
        else out.ramadan.push_back(DatedPeriod{*from, *to});
      }
    }
    auto holidays = parse_closures(f.child(y, "holidays", Need::Required), ClosureKind::NationalHoliday, f, "holidays");
    auto cuti = parse_closures(f.child(y, "cuti_bersama", Need::Optional), ClosureKind::CutiBersama, f, "cuti_bersama");
    for (auto* list : {&holidays, &cuti})
      for (auto& c : *list) {
        if (c.date.year != hy.year)
          f.error(y, "date " + format_date(c.date) + " is listed under year " + std::to_string(hy.year));
        out.closures.push_back(std::move(c));
      }
    out.years.push_back(std::move(hy));
  }
  return out;
}

}  // namespace sp

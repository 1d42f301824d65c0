#include "calendar/weekly_schedule.hpp"

namespace sp {

int DayHours::minutes() const {
  int total = 0;
  for (const auto& i : intervals) total += i.end - i.start;
  return total;
}

int WeeklySchedule::weekly_minutes() const {
  int total = 0;
  for (const auto& d : days) total += d.minutes();
  return total;
}

namespace {
WeeklySchedule weekdays(DayHours mon_thu, DayHours fri) {
  WeeklySchedule s;
  for (int i = 0; i < 4; ++i) s.days[static_cast<std::size_t>(i)] = mon_thu;
  s.days[static_cast<std::size_t>(Weekday::Friday)] = std::move(fri);
  return s;
}
}  // namespace

WeeklySchedule perpres_21_2023_schedule() {
  return weekdays(DayHours{{{7 * 60 + 30, 12 * 60}, {13 * 60, 16 * 60}}},
                  DayHours{{{7 * 60 + 30, 11 * 60 + 30}, {13 * 60, 16 * 60 + 30}}});
}

WeeklySchedule ramadan_schedule() {
  return weekdays(DayHours{{{8 * 60, 12 * 60}, {12 * 60 + 30, 15 * 60}}},
                  DayHours{{{8 * 60, 11 * 60 + 30}, {12 * 60 + 30, 15 * 60 + 30}}});
}

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

Result<DayHours> parse_day_hours(std::string_view text) {
  text = trim(text);
  DayHours out;
  if (text == "closed" || text == "libur" || text == "-") return out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view part = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const auto dash = part.find('-');
    if (dash == std::string_view::npos)
      return make_error("office hours must look like '07:30-12:00, 13:00-16:00', got '" +
                        std::string(part.substr(0, 40)) + "'");
    auto a = parse_clock(trim(part.substr(0, dash)));
    if (!a) return a.error();
    auto b = parse_clock(trim(part.substr(dash + 1)));
    if (!b) return b.error();
    if (*b <= *a) return make_error("office hours range " + std::string(part) + " ends before it starts");
    if (!out.intervals.empty() && *a < out.intervals.back().end)
      return make_error("office hours ranges must be in order and must not overlap: " + std::string(part));
    out.intervals.push_back({*a, *b});
  }
  return out;
}

std::string format_day_hours(const DayHours& h) {
  if (h.intervals.empty()) return "libur";
  std::string out;
  for (const auto& i : h.intervals) {
    if (!out.empty()) out += ", ";
    out += format_clock(i.start) + "-" + format_clock(i.end);
  }
  return out;
}

}  // namespace sp

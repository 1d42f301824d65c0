// Runs the rule table in working_time_cases.txt against the offices' real calendars.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "catalog/time_limit.hpp"
#include "test_data.hpp"

namespace sp {
namespace {

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t");
  const auto b = s.find_last_not_of(" \t");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

struct Case {
  int line = 0;
  std::vector<std::string> f;
};

std::vector<Case> read_cases() {
  std::ifstream in(test::source_path("tests/calendar/working_time_cases.txt"));
  std::vector<Case> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    Case c{n, {}};
    std::stringstream ss(line);
    for (std::string field; std::getline(ss, field, '|');) c.f.push_back(trim(field));
    out.push_back(c);
  }
  return out;
}

// A calendar with the national holidays and Perpres hours in another zone.
std::unique_ptr<WorkingCalendar> zone_calendar(const char* zone) {
  CalendarSpec spec;
  spec.zone = *parse_zone(zone);
  spec.holidays = test::seed_catalog().catalog.national_holidays();
  return std::make_unique<WorkingCalendar>(spec);
}

const WorkingCalendar& calendar_for(const std::string& office) {
  static const auto wita = zone_calendar("WITA");
  static const auto wit = zone_calendar("WIT");
  if (office == "wita") return *wita;
  if (office == "wit") return *wit;
  const WorkingCalendar* c = test::seed_catalog().catalog.calendar(office);
  if (!c) throw std::runtime_error("no office " + office);
  return *c;
}

Instant at(const std::string& s) {
  auto r = parse_instant(s);
  if (!r) throw std::runtime_error(r.error().message);
  return *r;
}

TEST(WorkingCalendar, RuleTable) {
  const auto cases = read_cases();
  ASSERT_GT(cases.size(), 40u);
  for (const auto& c : cases) {
    SCOPED_TRACE("working_time_cases.txt:" + std::to_string(c.line) + " (" + c.f.back() + ")");
    const std::string& kind = c.f[0];
    if (c.f.size() != (kind == "working" ? 5u : 6u)) {
      ADD_FAILURE() << "wrong number of fields";
      continue;
    }
    const WorkingCalendar& cal = calendar_for(c.f[1]);
    if (kind == "add") {
      auto limit = parse_time_limit(c.f[3]);
      if (!limit) {
        ADD_FAILURE() << limit.error().message;
        continue;
      }
      auto got = limit->is_days() ? cal.add(at(c.f[2]), limit->days()) : cal.add(at(c.f[2]), limit->minutes());
      if (!got) {
        ADD_FAILURE() << got.error().message;
        continue;
      }
      EXPECT_EQ(format_instant(*got, cal.zone()),
                format_instant(at(c.f[4]), cal.zone()));
    } else if (kind == "elapsed") {
      EXPECT_EQ(cal.elapsed(at(c.f[2]), at(c.f[3])).count, std::stoll(c.f[4]));
    } else if (kind == "working") {
      EXPECT_EQ(cal.is_working_time(at(c.f[2])), c.f[3] == "yes");
    } else if (kind == "workdays") {
      EXPECT_EQ(cal.working_days_between(*parse_date(c.f[2]), *parse_date(c.f[3])), std::stoll(c.f[4]));
    } else {
      ADD_FAILURE() << "unknown case kind " << kind;
    }
  }
}

TEST(WorkingCalendar, DeadlineNeverPrecedesStart) {
  const WorkingCalendar& cal = calendar_for("purwakarta");
  for (std::int64_t t = at("2026-03-01T00:00+07:00").unix_seconds; t < at("2026-04-15T00:00+07:00").unix_seconds;
       t += 17 * 60) {
    auto d1 = cal.add(Instant{t}, WorkingMinutes{15});
    auto d2 = cal.add(Instant{t}, WorkingDays{1});
    ASSERT_TRUE(d1 && d2);
    ASSERT_GT(*d1, Instant{t});
    ASSERT_GT(*d2, Instant{t});
    ASSERT_TRUE(cal.is_working_time(Instant{d1->unix_seconds - 1}));
    ASSERT_EQ(cal.elapsed(Instant{t}, *d1).count, 15);
  }
}

TEST(WorkingCalendar, FailsOutsideItsRange) {
  const WorkingCalendar& cal = calendar_for("purwakarta");
  EXPECT_FALSE(cal.add(at("2050-12-30T10:00+07:00"), WorkingDays{30}));
  EXPECT_FALSE(cal.add(at("1999-01-04T10:00+07:00"), WorkingMinutes{30}));
  EXPECT_FALSE(cal.add(at("2026-11-23T10:00+07:00"), WorkingMinutes{-1}));
  EXPECT_FALSE(cal.add(at("2026-11-23T10:00+07:00"), WorkingMinutes{std::int64_t{1} << 60}));
  EXPECT_FALSE(cal.add(at("2026-11-23T10:00+07:00"), WorkingDays{std::int64_t{1} << 60}));
}

TEST(WorkingCalendar, OfficeClosuresCloseOnlyThatOffice) {
  CalendarSpec spec;
  spec.holidays = test::seed_catalog().catalog.national_holidays();
  HolidaySet own;
  own.closures.push_back({{2026, 11, 24}, ClosureKind::OfficeClosure, "Hari jadi kabupaten"});
  spec.holidays.merge(own);
  const WorkingCalendar office(spec);
  EXPECT_FALSE(office.is_working_day({2026, 11, 24}));
  EXPECT_TRUE(calendar_for("purwakarta").is_working_day({2026, 11, 24}));
  EXPECT_EQ(format_instant(*office.add(at("2026-11-23T10:00+07:00"), WorkingDays{1}), spec.zone),
            "2026-11-25T10:00:00+07:00");
}

TEST(WorkingCalendar, HolidayYearsCarryTheirDecrees) {
  const auto& h = test::seed_catalog().catalog.national_holidays();
  for (int y : {2024, 2025, 2026}) {
    ASSERT_NE(h.year(y), nullptr) << y;
    EXPECT_FALSE(h.year(y)->provisional);
    EXPECT_NE(h.year(y)->decree.find("Nomor"), std::string::npos);
  }
  ASSERT_NE(h.year(2027), nullptr);
  EXPECT_TRUE(h.year(2027)->provisional);
}

}  // namespace
}  // namespace sp

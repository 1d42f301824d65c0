// satupintu calendar workdays --office CODE FROM TO
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/data_paths.hpp"

namespace sp::cli {

namespace {

void cmd_workdays(GlobalOptions& g) {
  auto from = parse_date(g.from);
  auto to = parse_date(g.to);
  if (!from || !to) {
    std::cerr << "satupintu: " << (!from ? "FROM: " + from.error().message : "TO: " + to.error().message) << "\n";
    return void(g.exit_code = 2);
  }
  if (*to < *from) {
    std::cerr << "satupintu: TO (" << g.to << ") is before FROM (" << g.from << ")\n";
    return void(g.exit_code = 2);
  }
  auto loaded = load_valid_catalog(resolve_data_paths(g.sop_dir, g.holidays));
  if (!loaded) return void(g.exit_code = 1);
  const WorkingCalendar* cal = loaded->catalog.calendar(g.office);
  if (!cal) {
    std::cerr << "satupintu: no office with code '" << g.office << "'\n";
    return void(g.exit_code = 2);
  }
  if (*from < cal->first_date() || cal->last_date() < *to) {
    std::cerr << "satupintu: the calendar covers " << format_date(cal->first_date()) << " to "
              << format_date(cal->last_date()) << "\n";
    return void(g.exit_code = 2);
  }
  const auto count = cal->working_days_between(*from, *to);
  nlohmann::json closed = nlohmann::json::array();
  std::vector<std::string> lines;
  for (auto d = to_day_number(*from); d <= to_day_number(*to); ++d) {
    const Date date = from_day_number(d);
    if (const Closure* c = cal->closure_on(date)) {
      closed.push_back({{"date", format_date(date)}, {"kind", closure_kind_key(c->kind)}, {"name", c->name}});
      lines.push_back(fmt::format("  {} {:<7} {:<17} {}", format_date(date), weekday_name_id(weekday_of(d)),
                                  closure_kind_key(c->kind), c->name));
    }
  }
  std::vector<std::string> provisional;
  for (int y = from->year; y <= to->year; ++y) {
    const HolidayYear* hy = loaded->catalog.national_holidays().year(y);
    if (!hy || hy->provisional) provisional.push_back(std::to_string(y));
  }
  if (g.json) {
    std::cout << nlohmann::json{{"office", g.office}, {"from", g.from}, {"to", g.to}, {"working_days", count},
                                {"calendar_days", to_day_number(*to) - to_day_number(*from) + 1},
                                {"closures", closed}, {"provisional_years", provisional}}
                     .dump(2)
              << "\n";
    return;
  }
  std::cout << fmt::format("{}: {} hari kerja dari {} sampai {} ({} hari kalender)\n", g.office, count, g.from, g.to,
                           to_day_number(*to) - to_day_number(*from) + 1);
  if (!lines.empty()) std::cout << "Hari libur nasional dan cuti bersama dalam rentang ini:\n";
  for (const auto& l : lines) std::cout << l << "\n";
  for (const auto& y : provisional)
    std::cout << "Catatan: kalender libur tahun " << y << " belum ditetapkan lengkap (SKB belum dicatat).\n";
}

}  // namespace

void add_calendar_commands(CLI::App& app, GlobalOptions& g) {
  CLI::App* calendar = app.add_subcommand("calendar", "The offices' working-time calendars");
  calendar->require_subcommand(1);
  CLI::App* workdays = calendar->add_subcommand("workdays", "Count working days between two dates, both included");
  workdays->add_option("--office", g.office, "Office code")->required();
  workdays->add_option("FROM", g.from, "First date, YYYY-MM-DD")->required();
  workdays->add_option("TO", g.to, "Last date, YYYY-MM-DD")->required();
  workdays->add_flag("--json", g.json, "Print JSON");
  workdays->callback([&g] { cmd_workdays(g); });
}

}  // namespace sp::cli

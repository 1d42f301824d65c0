#include "service/office_closures.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <map>

#include "engine/engine.hpp"
#include "service/application_cache.hpp"
#include "service/application_record.hpp"
#include "service/audit_log.hpp"
#include "store/application_repository.hpp"
#include "store/closure_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

std::vector<Closure> closures_of(store::Transaction& tx, const std::string& office) {
  std::vector<Closure> out;
  for (const auto& c : tx.closures().of_office(office))
    if (auto d = parse_date(c.day)) out.push_back({*d, ClosureKind::OfficeClosure, c.name});
  return out;
}

// Running steps keep their start; their deadline is counted again on `cal`. A deadline is not an
// action, so the version (the optimistic lock for actions) stays. One row per running file of
// the office, inside the write: fine for closures made a few times a year, but at 100,000 open
// files it holds the SQLite writer for seconds (batches would be the next step there).
void recompute_deadlines(store::Transaction& tx, AppContext& ctx, const std::string& office, const WorkingCalendar& cal) {
  auto& apps = tx.applications();
  for (long long id : apps.running_with_deadline(office)) {
    auto rec = load_application(tx, ctx.catalog, id);
    if (!rec) continue;
    auto due = step_deadline(rec->sop->steps[rec->state.step], cal, rec->state.step_started);
    if (!due || !*due) continue;
    apps.set_deadline(id, **due);
  }
}

Result<bool> admin_of(const Principal& who) {
  if (who.kind != UserKind::Admin) return make_error("forbidden", "only the office's admin manages its closures");
  return true;
}

// Writes the change of every day in `days`, recomputes deadlines and logs it in one
// transaction; installs the new calendar in this process after COMMIT. Adding, a day closed
// already is refused (a range left them out before); removing, a day without an extra closure
// is passed over, unless none has one.
Result<bool> change(AppContext& ctx, const Principal& admin, const std::string& kind, const std::vector<Date>& days,
                    const std::string& name, bool adding) {
  const Instant now = ctx.clock.now();
  std::vector<Closure> installed;
  nlohmann::json changed = nlohmann::json::array();
  auto written = ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    changed = nlohmann::json::array();  // a write may run again (store.hpp)
    for (const Date& date : days) {
      const std::string day = format_date(date);
      const bool exists = tx.closures().exists(admin.office, day);
      if (adding && exists) return make_error("conflict", "the office is already closed on " + day);
      if (!adding && !exists) continue;
      if (adding)
        tx.closures().add(admin.office, {day, name}, admin.user_id.value, now);
      else
        tx.closures().remove(admin.office, day);
      changed.push_back(day);
    }
    if (changed.empty())
      return make_error("not_found", "no extra closure on " + format_date(days.front()) +
                                         (days.size() > 1 ? " to " + format_date(days.back()) : ""));
    installed = closures_of(tx, admin.office);
    auto cal = ctx.catalog.calendar_with(admin.office, installed);
    if (!cal) return make_error("not_found", "unknown office");
    recompute_deadlines(tx, ctx, admin.office, *cal);
    AuditEvent e = admin_event(admin.office, admin.user_id.value, kind, now);
    e.note = name;
    e.payload = {{"date", changed.front()}};
    if (changed.size() > 1) e.payload["dates"] = changed;
    append_event(tx, e);
    return true;
  });
  if (!written) return written;
  ctx.catalog.set_extra_closures(admin.office, installed);
  // Deadlines moved, and cached records point at the calendar just replaced.
  if (ctx.applications_cache) ctx.applications_cache->evict_all();
  return true;
}

// The office's calendar, when `d` is today or later there. Closures change from today on only:
// past closures are history, and working time already counted around them stays.
Result<const WorkingCalendar*> calendar_from_today(AppContext& ctx, const std::string& office, const Date& d,
                                                   const char* verb) {
  const WorkingCalendar* cal = ctx.catalog.calendar(office);
  if (!cal) return make_error("not_found", "unknown office");
  if (d < to_local(ctx.clock.now(), cal->zone()).date)
    return field_error("date", "in_past", std::string("a closure can be ") + verb + " from today on, not in the past");
  return cal;
}

}  // namespace

Result<ClosuresView> list_closures(AppContext& ctx, const std::string& office) {
  if (!ctx.catalog.office(office)) return make_error("not_found", "no such office: " + office);
  return ctx.store.read([&](store::Transaction& tx) -> Result<ClosuresView> {
    ClosuresView v{office, {}};
    for (const auto& c : closures_of(tx, office)) v.items.push_back({format_date(c.date), c.name});
    return v;
  });
}

namespace {

// The days from `date` to `until` (empty: `date` alone), checked: dates, order, length, and from
// today on in the office's calendar.
Result<std::vector<Date>> closure_days(AppContext& ctx, const Principal& admin, const std::string& date,
                                       const std::string& until, const char* verb) {
  auto from = parse_date(date);
  if (!from) return field_error("date", "not_a_date", from.error().message);
  Date to = *from;
  if (!until.empty()) {
    auto u = parse_date(until);
    if (!u) return field_error("until", "not_a_date", u.error().message);
    to = *u;
  }
  if (to < *from) return field_error("until", "before_start", "the last day comes on or after the first");
  const auto count = to_day_number(to) - to_day_number(*from) + 1;
  if (count > kMaxClosureDays)
    return field_error("until", "range_too_long", "at most " + std::to_string(kMaxClosureDays) + " days at once", {},
                       kMaxClosureDays);
  auto cal = calendar_from_today(ctx, admin.office, *from, verb);
  if (!cal) return cal.error();
  if (to > (*cal)->last_date()) return field_error(until.empty() ? "date" : "until", "beyond_calendar",
                                                    "beyond the calendar's range");
  std::vector<Date> days;
  for (auto n = to_day_number(*from); n <= to_day_number(to); ++n) days.push_back(from_day_number(n));
  return days;
}

std::string hh_mm(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60 % 100, minutes % 60);
  return buf;
}

}  // namespace

Result<ClosuresAddedView> add_closure(AppContext& ctx, const Principal& admin, const std::string& date,
                                      const std::string& until, const std::string& name) {
  if (auto a = admin_of(admin); !a) return a.error();
  auto days = closure_days(ctx, admin, date, until, "added");
  if (!days) return days.error();
  if (name.empty() || name.size() > 200) return field_error("name", "length", "give 1 to 200 characters", 1, 200);
  // A range closes its working days; weekends and holidays in it are closed already.
  const WorkingCalendar& cal = *ctx.catalog.calendar(admin.office);
  std::vector<Date> working;
  for (const Date& d : *days)
    if (cal.is_working_day(d)) working.push_back(d);
  if (working.empty())
    return field_error("date", "not_working_day", until.empty() ? date + " is not a working day; the office is closed already"
                                                                : "no working day from " + date + " to " + until +
                                                                      "; the office is closed already");
  if (auto r = change(ctx, admin, "closure_added", working, name, true); !r) return r.error();
  ClosuresAddedView v{format_date(working.front()), name, {}};
  for (const Date& d : working) v.dates.push_back(format_date(d));
  return v;
}

Result<bool> remove_closure(AppContext& ctx, const Principal& admin, const std::string& date, const std::string& until) {
  if (auto a = admin_of(admin); !a) return a.error();
  auto days = closure_days(ctx, admin, date, until, "withdrawn");
  if (!days) return days.error();
  return change(ctx, admin, "closure_removed", *days, "", false);
}

Result<OfficeCalendarView> office_calendar(AppContext& ctx, const std::string& office, const std::string& month) {
  const WorkingCalendar* cal = ctx.catalog.calendar(office);
  if (!ctx.catalog.office(office) || !cal) return make_error("not_found", "no such office: " + office);
  auto first = parse_date(month + "-01");
  if (month.size() != 7 || !first) return field_error("month", "not_a_month", "give the month as YYYY-MM");
  OfficeCalendarView v{office, month, {}};
  for (Date d = *first; d.month == first->month; d = from_day_number(to_day_number(d) + 1)) {
    if (d < cal->first_date() || d > cal->last_date())
      return field_error("month", "beyond_calendar", "the office's calendar runs from " + format_date(cal->first_date()) +
                                                         " to " + format_date(cal->last_date()));
    CalendarDayView day{format_date(d), "kerja", "", {}};
    if (const Closure* c = cal->closure_on(d)) {
      day.kind = std::string(closure_kind_key(c->kind));
      day.name = c->name;
    } else if (!cal->is_working_day(d)) {
      day.kind = "akhir_pekan";
    } else {
      for (const auto& i : cal->hours_on(d).intervals) day.hours.emplace_back(hh_mm(i.start), hh_mm(i.end));
    }
    v.days.push_back(std::move(day));
  }
  return v;
}

Result<bool> refresh_closures(AppContext& ctx) {
  auto all = ctx.store.read([&](store::Transaction& tx) -> Result<std::map<std::string, std::vector<Closure>>> {
    std::map<std::string, std::vector<Closure>> out;
    for (const auto& o : ctx.catalog.offices()) out[o.code] = closures_of(tx, o.code);
    return out;
  });
  if (!all) return all.error();
  for (const auto& [office, closures] : *all) ctx.catalog.set_extra_closures(office, closures);
  return true;
}

}  // namespace sp::service

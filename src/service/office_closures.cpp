#include "service/office_closures.hpp"

#include <spdlog/spdlog.h>

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

// Writes the change, recomputes deadlines and logs it in one transaction; installs the new
// calendar in this process after COMMIT.
Result<bool> change(AppContext& ctx, const Principal& admin, const std::string& kind, const Date& date,
                    const std::string& name, bool adding) {
  const Instant now = ctx.clock.now();
  std::vector<Closure> installed;
  auto written = ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    const std::string day = format_date(date);
    const bool exists = tx.closures().exists(admin.office, day);
    if (adding && exists) return make_error("conflict", "the office is already closed on " + day);
    if (!adding && !exists) return make_error("not_found", "no extra closure on " + day);
    if (adding)
      tx.closures().add(admin.office, {day, name}, admin.user_id.value, now);
    else
      tx.closures().remove(admin.office, day);
    installed = closures_of(tx, admin.office);
    auto cal = ctx.catalog.calendar_with(admin.office, installed);
    if (!cal) return make_error("not_found", "unknown office");
    recompute_deadlines(tx, ctx, admin.office, *cal);
    AuditEvent e = admin_event(admin.office, admin.user_id.value, kind, now);
    e.note = name;
    e.payload = {{"date", day}};
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

Result<ClosureView> add_closure(AppContext& ctx, const Principal& admin, const std::string& date,
                                   const std::string& name) {
  if (auto a = admin_of(admin); !a) return a.error();
  auto d = parse_date(date);
  if (!d) return field_error("date", "not_a_date", d.error().message);
  if (name.empty() || name.size() > 200) return field_error("name", "length", "give 1 to 200 characters", 1, 200);
  auto cal = calendar_from_today(ctx, admin.office, *d, "added");
  if (!cal) return cal.error();
  if (*d > (*cal)->last_date()) return field_error("date", "beyond_calendar", "beyond the calendar's range");
  if (!(*cal)->is_working_day(*d))
    return field_error("date", "not_working_day", date + " is not a working day; the office is closed already");
  if (auto r = change(ctx, admin, "closure_added", *d, name, true); !r) return r.error();
  return ClosureView{format_date(*d), name};
}

Result<bool> remove_closure(AppContext& ctx, const Principal& admin, const std::string& date) {
  if (auto a = admin_of(admin); !a) return a.error();
  auto d = parse_date(date);
  if (!d) return field_error("date", "not_a_date", d.error().message);
  if (auto cal = calendar_from_today(ctx, admin.office, *d, "withdrawn"); !cal) return cal.error();
  return change(ctx, admin, "closure_removed", *d, "", false);
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

#include "service/mutu_baku.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "catalog/catalog.hpp"
#include "core/civil_time.hpp"
#include "core/months.hpp"
#include "service/closed_month_steps.hpp"
#include "service/monthly_report.hpp"
#include "service/report_period.hpp"
#include "service/sop_publishing.hpp"
#include "store/dashboard_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

// What the request selects, checked: the period, the SOPs of the permit, the roles whose steps are
// the applicant's own.
struct Prepared {
  ReportPeriod period;
  const WorkingCalendar* cal = nullptr;
  store::DashboardQuery query;
  store::OverdueQuery overdue;
};

Result<Prepared> prepare(AppContext& ctx, const std::string& office, const DashboardFilter& f, Instant now) {
  Prepared p;
  p.cal = ctx.catalog.calendar(office);
  if (!p.cal) return make_error("not_found", "no office with code '" + office.substr(0, 60) + "'");
  auto period = report_period_or_month(ctx.catalog, office, f.from, f.to, kMaxDashboardDays, now);
  if (!period) return period.error();
  p.period = *period;
  p.query.office = office;
  p.query.from = p.period.start;
  p.query.to = p.period.end;
  p.overdue = office_overdue_query(ctx.catalog, office, now);
  for (const Sop& sop : ctx.catalog.sops()) {
    if (sop.office != office) continue;
    const std::string& applicant = sop.roles[sop.applicant].code;
    if (std::find(p.query.skip_roles.begin(), p.query.skip_roles.end(), applicant) == p.query.skip_roles.end())
      p.query.skip_roles.push_back(applicant);
  }
  if (!f.permit.empty()) {
    auto permit = permit_sops(ctx.catalog, office, f.permit);
    if (!permit) return permit.error();
    p.query.sop_codes = std::move(permit->sop_codes);
  }
  p.overdue.sop_codes = p.query.sop_codes;
  return p;
}

// Reads the SOP versions the records name once each.
class SopVersions {
 public:
  SopVersions(store::Transaction& tx, const Catalog& catalog) : tx_(tx), catalog_(catalog) {}
  const Sop* get(const std::string& code, int version) {
    const auto key = std::make_pair(code, version);
    auto it = cache_.find(key);
    if (it == cache_.end()) it = cache_.emplace(key, sop_version_in(tx_, catalog_, code, version)).first;
    return it->second;
  }

 private:
  store::Transaction& tx_;
  const Catalog& catalog_;
  std::map<std::pair<std::string, int>, const Sop*> cache_;
};

const Step* step_of(const Sop* sop, int number) {
  if (!sop) return nullptr;
  auto i = sop->step_by_number(number);
  return i ? &sop->steps[*i] : nullptr;
}

std::vector<MutuBakuStepView> step_views(const StepCountsBySop& groups, SopVersions& sops,
                                         const std::map<long long, std::string>& names, long long day_minutes) {
  std::vector<MutuBakuStepView> out;
  for (const auto& [key, g] : groups) {
    MutuBakuStepView v;
    v.sop_code = key.first;
    v.step = key.second;
    const Sop* sop = sops.get(key.first, g.newest_version);
    if (const Step* s = step_of(sop, key.second)) {
      v.permit_code = sop->permit.code;
      v.permit_name = sop->permit.name;
      v.title = s->title;
      v.role = sop->roles[s->actor].name;
      v.standard = format_time_limit(s->time);
      if (!s->time.is_none())
        v.standard_minutes = s->time.is_days() ? s->time.days().count * day_minutes : s->time.minutes().count;
    }
    v.times = g.all.times();
    for (const auto& [actor, counts] : g.by_officer) {
      auto it = names.find(actor);
      v.officers.push_back({actor, it == names.end() ? std::string() : it->second, counts.times()});
    }
    std::stable_sort(v.officers.begin(), v.officers.end(),
                     [](const auto& a, const auto& b) { return a.times.handled > b.times.handled; });
    out.push_back(std::move(v));
  }
  // By permit, then step: the order of the SOP sheet.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.permit_name, a.sop_code, a.step) < std::tie(b.permit_name, b.sop_code, b.step);
  });
  return out;
}

void add_step(StepCountsBySop& into, const store::StepDoneRecord& r) {
  StepCounts& g = into[{r.sop_code, r.step}];
  g.newest_version = std::max(g.newest_version, r.sop_version);
  g.all.add(r.elapsed_minutes, r.overdue);
  g.by_officer[r.actor_id].add(r.elapsed_minutes, r.overdue);
}

// Adds `month`'s counts of the SOPs the query selects (all of the office's when it names none).
void merge_selected(StepCountsBySop& into, const StepCountsBySop& month, const std::vector<std::string>& sop_codes) {
  for (const auto& [key, g] : month) {
    if (!sop_codes.empty() && std::find(sop_codes.begin(), sop_codes.end(), key.first) == sop_codes.end()) continue;
    StepCounts& to = into[key];
    to.newest_version = std::max(to.newest_version, g.newest_version);
    to.all.merge(g.all);
    for (const auto& [actor, counts] : g.by_officer) to.by_officer[actor].merge(counts);
  }
}

// An ended month's or day's steps of the whole office: kept, or counted now and kept. `key` is
// the month (YYYY-MM) or the day (YYYY-MM-DD).
std::shared_ptr<const StepCountsBySop> closed_counts(store::Transaction& tx, const Prepared& p, ClosedMonthSteps& kept,
                                                     const std::string& key, Instant start, Instant end) {
  if (auto found = kept.find(p.query.office, key)) return found;
  store::DashboardQuery q = p.query;
  q.sop_codes.clear();
  q.from = start;
  q.to = end;
  auto counts = std::make_shared<StepCountsBySop>();
  auto each = [&](const store::StepDoneRecord& r) { add_step(*counts, r); };
  tx.dashboard().steps_done(q, each);
  for (auto& [k, g] : *counts) {
    g.all.settle();
    for (auto& [actor, c] : g.by_officer) c.settle();
  }
  kept.put(p.query.office, key, counts);
  return counts;
}

// The period's steps by SOP step and officer: whole months that have ended from their kept
// counts, and within the others (the current month, a part month at either end) each day that
// has ended from its own; only today, or what has not yet ended, is read live.
StepCountsBySop period_steps(store::Transaction& tx, const Prepared& p, ClosedMonthSteps& kept) {
  StepCountsBySop groups;
  const PeriodPieces pieces = period_pieces(p.period, p.cal->zone(), p.overdue.now);
  for (const auto& e : pieces.ended)
    merge_selected(groups, *closed_counts(tx, p, kept, e.key, e.from, e.to), p.query.sop_codes);
  for (const auto& [from, to] : pieces.live) {
    store::DashboardQuery q = p.query;
    q.from = from;
    q.to = to;
    auto each = [&](const store::StepDoneRecord& r) { add_step(groups, r); };
    tx.dashboard().steps_done(q, each);
  }
  return groups;
}

// The twelve months to the period's last. Months over by more than an hour are counted once per
// process (ClosedMonthTallies); the rest, at least the current month, are counted in one query.
std::vector<MutuBakuMonthView> trend(store::Transaction& tx, const Prepared& p, ClosedMonthTallies& closed) {
  const Date last_month = first_of_month(p.period.last);
  const Date first_month = add_months(last_month, 1 - kTrendMonths);
  const ZoneOffset zone = p.cal->zone();
  std::string key = p.query.office + "|";
  for (const auto& c : p.query.sop_codes) key += c + ",";
  std::vector<MutuBakuMonthView> months;
  std::vector<bool> known;
  int first_unknown = -1, last_unknown = -1;
  for (int i = 0; i < kTrendMonths; ++i) {
    const Date m = add_months(first_month, i);
    months.push_back({format_month(m), 0, 0});
    const auto cached = closed.find(key, months.back().month);
    known.push_back(cached.has_value());
    if (cached) {
      months.back().handled = cached->handled;
      months.back().on_time = cached->on_time;
    } else {
      if (first_unknown < 0) first_unknown = i;
      last_unknown = i;
    }
  }
  if (first_unknown < 0) return months;
  store::DashboardQuery q = p.query;
  q.from = from_local(add_months(first_month, first_unknown), 0, zone);
  q.to = from_local(add_months(first_month, last_unknown + 1), 0, zone);
  const Instant now = p.overdue.now;
  // The current month's ended days are kept as ended months are (put below, once counted);
  // when it is the one month left, the query starts at its first day not kept: today, once
  // the days before were counted.
  const bool open_month = !period_ended(q.to, now);  // the last unknown month has not ended
  const Instant open_start = from_local(add_months(first_month, last_unknown), 0, zone);
  if (open_month && first_unknown == last_unknown) {
    auto& m = months[static_cast<std::size_t>(first_unknown)];
    for (auto d = to_day_number(add_months(first_month, first_unknown));; ++d) {
      const Instant end = from_local(from_day_number(d + 1), 0, zone);
      if (!period_ended(end, now)) break;
      const auto cached = closed.find(key, format_date(from_day_number(d)));
      if (!cached) break;
      m.handled += cached->handled;
      m.on_time += cached->on_time;
      q.from = end;
    }
  }
  std::map<long long, ClosedMonthTallies::Tally> days;
  for (const auto& d : tx.dashboard().daily_tallies(q, zone.seconds)) {
    const Date date = from_day_number(d.day);
    const int i = (date.year * 12 + date.month - 1) - (first_month.year * 12 + first_month.month - 1);
    if (i < 0 || i >= kTrendMonths || known[static_cast<std::size_t>(i)]) continue;
    months[static_cast<std::size_t>(i)].handled += d.handled;
    months[static_cast<std::size_t>(i)].on_time += d.handled - d.late;
    days[d.day] = {d.handled, d.handled - d.late};
  }
  if (open_month) {
    const Instant from{std::max(q.from.unix_seconds, open_start.unix_seconds)};
    for (auto d = to_day_number(to_local(from, zone).date);; ++d) {
      const Instant end = from_local(from_day_number(d + 1), 0, zone);
      if (end.unix_seconds > q.to.unix_seconds || !period_ended(end, now)) break;
      closed.put(key, format_date(from_day_number(d)), days[d]);  // a day without steps is kept as none
    }
  }
  for (int i = first_unknown; i <= last_unknown; ++i) {
    const Instant end = from_local(add_months(first_month, i + 1), 0, zone);
    if (known[static_cast<std::size_t>(i)] || !period_ended(end, now)) continue;
    const auto& m = months[static_cast<std::size_t>(i)];
    closed.put(key, m.month, {m.handled, m.on_time});
  }
  return months;
}

std::vector<OverdueFileView> overdue_now(store::Transaction& tx, SopVersions& sops, const Prepared& p) {
  std::vector<OverdueFileView> out;
  for (const auto& r : tx.dashboard().overdue(p.overdue, kMaxOverdueListed)) {
    OverdueFileView v;
    v.id = r.id;
    v.registration_number = r.registration_number;
    v.step = r.step;
    const Sop* sop = sops.get(r.sop_code, r.sop_version);
    if (sop) v.permit_name = sop->permit.name;
    if (const Step* s = step_of(sop, r.step)) {
      v.step_title = s->title;
      v.role = sop->roles[s->actor].name;
    }
    v.deadline = format_instant(r.deadline, p.cal->zone());
    v.overdue_minutes = p.cal->elapsed(r.deadline, p.overdue.now).count;
    out.push_back(std::move(v));
  }
  return out;
}

Result<MutuBakuView> build(AppContext& ctx, const std::string& office, const DashboardFilter& filter) {
  const Instant now = ctx.clock.now();
  auto prepared = prepare(ctx, office, filter, now);
  if (!prepared) return prepared.error();
  const Prepared& p = *prepared;
  return ctx.store.read([&](store::Transaction& tx) -> Result<MutuBakuView> {
    MutuBakuView v;
    v.office = office;
    if (const Office* o = ctx.catalog.office(office)) v.office_name = o->name;
    v.from = format_date(p.period.first);
    v.to = format_date(p.period.last);
    v.permit = filter.permit;
    v.as_of = format_instant(now, p.cal->zone());
    SopVersions sops(tx, ctx.catalog);
    const StepCountsBySop groups = period_steps(tx, p, ctx.closed_month_steps);
    std::set<long long> actors;
    for (const auto& [key, g] : groups) {
      v.handled += g.all.handled();
      v.on_time += g.all.on_time();
      for (const auto& [actor, counts] : g.by_officer) actors.insert(actor);
    }
    std::map<long long, std::string> names;
    for (auto& [id, name] : tx.dashboard().names({actors.begin(), actors.end()})) names[id] = std::move(name);
    // Working days in the standard count at the period's mean working day.
    const long long days = std::max<long long>(1, p.cal->working_days_between(p.period.first, p.period.last));
    const long long day_minutes = std::max<long long>(1, p.cal->elapsed(p.period.start, p.period.end).count / days);
    v.steps = step_views(groups, sops, names, day_minutes);
    v.trend = trend(tx, p, ctx.closed_months);
    v.overdue_total = tx.dashboard().overdue_count(p.overdue);
    v.overdue = overdue_now(tx, sops, p);
    v.complaints = complaint_tally(tx, *p.cal, office, p.period.start, p.period.end, p.overdue.now);
    return v;
  });
}

std::string percent(long long part, long long whole) {
  if (whole == 0) return "";
  const long long tenths = (part * 1000 + whole / 2) / whole;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

std::vector<std::string> cells(const MutuBakuStepView& s, const std::string& officer, const StepTimes& t) {
  return {s.permit_name.empty() ? s.sop_code : s.permit_name,
          std::to_string(s.step),
          s.title,
          s.role,
          officer,
          s.standard,
          s.standard_minutes ? std::to_string(*s.standard_minutes) : "",
          std::to_string(t.handled),
          std::to_string(t.on_time),
          percent(t.on_time, t.handled),
          std::to_string(t.median_minutes),
          std::to_string(t.p90_minutes)};
}

reports::TableLayout layout(const MutuBakuView& v, const std::string& permit_name) {
  reports::TableLayout l;
  l.title = "Capaian Mutu Baku Layanan";
  l.sheet_name = "Mutu Baku";
  l.subtitle.push_back(v.office_name);
  auto first = parse_date(v.from), last = parse_date(v.to);
  l.subtitle.push_back("Periode: " + format_date_long_id(*first) + " s.d. " + format_date_long_id(*last) +
                       "; jenis izin: " + (permit_name.empty() ? std::string("Semua") : permit_name));
  l.subtitle.push_back("Langkah diselesaikan: " + std::to_string(v.handled) + ", tepat waktu: " +
                       std::to_string(v.on_time) + (v.handled ? " (" + percent(v.on_time, v.handled) + "%)" : "") +
                       "; berkas melewati batas waktu saat ini: " + std::to_string(v.overdue_total));
  l.subtitle.push_back(complaint_tally_words(v.complaints));
  l.columns = {{"Jenis Izin", 22, false},          {"Langkah", 8, true},
               {"Kegiatan", 26, false},            {"Pelaksana", 18, false},
               {"Petugas", 20, false},             {"Standar Waktu", 12, false},
               {"Standar (menit kerja)", 11, true}, {"Diselesaikan", 11, true},
               {"Tepat Waktu", 10, true},          {"% Tepat Waktu", 10, true},
               {"Median (menit kerja)", 11, true},  {"P90 (menit kerja)", 11, true}};
  return l;
}

}  // namespace

Result<MutuBakuView> mutu_baku_dashboard(AppContext& ctx, const Principal& who, const DashboardFilter& filter) {
  if (auto ok = check_office_reader(who, "the Mutu Baku dashboard is"); !ok) return ok.error();
  return build(ctx, who.office, filter);
}

std::vector<std::string> warm_dashboards(AppContext& ctx, std::stop_token stop) {
  std::vector<std::string> failed;
  for (const Office& office : ctx.catalog.offices()) {
    if (stop.stop_requested()) break;
    const WorkingCalendar* cal = ctx.catalog.calendar(office.code);
    if (!cal) continue;
    const Date today = to_local(ctx.clock.now(), cal->zone()).date;
    const Date quarter{today.year, (today.month - 1) / 3 * 3 + 1, 1};
    std::vector<DashboardFilter> views{{}, {format_date(quarter), format_date(today), ""}};
    std::set<std::string> permits;
    for (const Sop& sop : ctx.catalog.sops())
      if (sop.office == office.code && permits.insert(sop.permit.code).second) views.push_back({"", "", sop.permit.code});
    for (const auto& f : views)
      if (auto v = build(ctx, office.code, f); !v) failed.push_back(office.code + ": " + v.error().message);
    if (auto r = monthly_report(ctx, office.code, {format_date({today.year, 1, 1}), format_date(today)}); !r)
      failed.push_back(office.code + ": " + r.error().message);
  }
  return failed;
}

Result<DashboardExport> export_mutu_baku_for(AppContext& ctx, const Principal& who, const DashboardFilter& filter,
                                             reports::TableFormat format, const std::string& path) {
  if (auto ok = check_office_reader(who, "the Mutu Baku dashboard is"); !ok) return ok.error();
  auto view = build(ctx, who.office, filter);
  if (!view) return view.error();
  // The permit's name for the title (known: the dashboard checked it).
  std::string permit_name;
  if (!filter.permit.empty())
    if (auto permit = permit_sops(ctx.catalog, who.office, filter.permit)) permit_name = permit->name;
  DashboardExport out;
  out.filename = "mutu-baku-" + who.office + "-" + view->from + "-" + view->to + "." +
                 std::string(reports::format_key(format));
  auto written = reports::write_table(format, path, layout(*view, permit_name), [&](reports::TableWriter& w) -> Result<bool> {
    for (const auto& s : view->steps) {
      if (auto ok = w.row(cells(s, "Semua petugas", s.times)); !ok) return ok.error();
      ++out.lines;
      for (const auto& o : s.officers) {
        if (auto ok = w.row(cells(s, o.name, o.times)); !ok) return ok.error();
        ++out.lines;
      }
    }
    return true;
  });
  if (!written) return written.error();
  return out;
}

}  // namespace sp::service

#include "service/monthly_report.hpp"

#include <algorithm>
#include <map>

#include "catalog/catalog.hpp"
#include "core/civil_time.hpp"
#include "core/months.hpp"
#include "service/report_period.hpp"
#include "store/office_report_repository.hpp"
#include "store/store.hpp"
#include "store/transaction.hpp"

namespace sp::service {

namespace {

// Adds a stored tally (store::SopTally) or a permit's line to another line.
template <class Tally>
void add(PermitTallyView& to, const Tally& t) {
  to.received += t.received;
  to.issued += t.issued;
  to.rejected += t.rejected;
  to.withdrawn += t.withdrawn;
  to.in_progress += t.in_progress;
  to.decided_on_time += t.decided_on_time;
}

// The period's tallies, several per SOP (build adds them up by permit): ended months and days
// from what the context keeps (counted once, on first asking), the rest live; then the files
// open at the period's end, live (those open now and those closed since: few while the period
// is recent).
std::vector<store::SopTally> period_tallies(AppContext& ctx, store::Transaction& tx, const std::string& office,
                                            const ReportPeriod& period, ZoneOffset zone, Instant now) {
  std::vector<store::SopTally> out;
  auto append = [&](const std::vector<store::SopTally>& tallies) { out.insert(out.end(), tallies.begin(), tallies.end()); };
  const PeriodPieces pieces = period_pieces(period, zone, now);
  for (const auto& e : pieces.ended) {
    auto kept = ctx.closed_month_reports.find(office, e.key);
    if (!kept) {
      kept = tx.office_report().period_counts({office, e.from, e.to});
      ctx.closed_month_reports.put(office, e.key, *kept);
    }
    append(*kept);
  }
  for (const auto& [from, to] : pieces.live) append(tx.office_report().period_counts({office, from, to}));
  append(tx.office_report().open_at(office, period.end));
  return out;
}

Result<MonthlyReportView> build(AppContext& ctx, const std::string& office, const MonthlyReportFilter& f) {
  const Instant now = ctx.clock.now();
  auto period = report_period_or_month(ctx.catalog, office, f.from, f.to, kMaxMonthlyReportDays, now);
  if (!period) return period.error();
  const WorkingCalendar* cal = ctx.catalog.calendar(office);
  MonthlyReportView v;
  v.office = office;
  if (const Office* o = ctx.catalog.office(office)) v.office_name = o->name;
  v.from = format_date(period->first);
  v.to = format_date(period->last);
  v.as_of = format_instant(now, cal->zone());
  // Every permit the office issues has its line, counted or not; an SOP's files count under its
  // permit, whichever version they follow.
  std::map<std::string, std::string> permit_of_sop;  // SOP code -> permit code
  std::map<std::string, PermitTallyView> by_permit;
  for (const Sop& sop : ctx.catalog.sops()) {
    if (sop.office != office) continue;
    permit_of_sop[sop.code] = sop.permit.code;
    PermitTallyView& p = by_permit[sop.permit.code];
    p.permit_code = sop.permit.code;
    p.permit_name = sop.permit.name;
  }
  auto tallies = ctx.store.read([&](store::Transaction& tx) -> Result<std::vector<store::SopTally>> {
    v.complaints = complaint_tally(tx, *cal, office, period->start, period->end, std::min(now, period->end));
    return period_tallies(ctx, tx, office, *period, cal->zone(), now);
  });
  if (!tallies) return tallies.error();
  for (const auto& t : *tallies) {
    auto known = permit_of_sop.find(t.sop_code);
    // A retired SOP's files keep a line of their own, under the SOP's code.
    const std::string key = known != permit_of_sop.end() ? known->second : "sop:" + t.sop_code;
    PermitTallyView& p = by_permit[key];
    if (known == permit_of_sop.end()) p.permit_name = p.permit_code = t.sop_code;
    add(p, t);
  }
  for (auto& [_, p] : by_permit) {
    add(v.total, p);
    v.permits.push_back(std::move(p));
  }
  std::stable_sort(v.permits.begin(), v.permits.end(),
                   [](const auto& a, const auto& b) { return a.permit_name < b.permit_name; });
  return v;
}

std::string percent(long long part, long long whole) {
  if (whole == 0) return "";
  const long long tenths = (part * 1000 + whole / 2) / whole;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

std::vector<std::string> cells(const std::string& name, const PermitTallyView& t) {
  return {name,
          std::to_string(t.received),
          std::to_string(t.issued),
          std::to_string(t.rejected),
          std::to_string(t.withdrawn),
          std::to_string(t.in_progress),
          std::to_string(t.decided_on_time),
          percent(t.decided_on_time, t.decided())};
}

// "November 2026" when the period is one whole month; otherwise its first and last day.
std::string period_words(const Date& first, const Date& last) {
  const std::string first_long = format_date_long_id(first);
  if (first.day == 1 && last == last_of_month(first)) return first_long.substr(first_long.find(' ') + 1);
  return first_long + " s.d. " + format_date_long_id(last);
}

reports::TableLayout layout(const MonthlyReportView& v) {
  const Date first = *parse_date(v.from), last = *parse_date(v.to);
  reports::TableLayout l;
  l.title = "Laporan Pelayanan Perizinan";
  l.sheet_name = "Laporan";
  l.subtitle.push_back(v.office_name);
  // The counts are as of when the report was made: a month still running grows.
  const auto made = parse_date(v.as_of.substr(0, 10));
  l.subtitle.push_back("Periode: " + period_words(first, last) + "; keadaan per " +
                       (made ? format_date_long_id(*made) : v.as_of.substr(0, 10)) + " pukul " + v.as_of.substr(11, 5));
  l.subtitle.push_back("Diterima: " + std::to_string(v.total.received) + "; izin terbit: " +
                       std::to_string(v.total.issued) + "; ditolak: " + std::to_string(v.total.rejected) +
                       "; selesai tepat waktu: " +
                       (v.total.decided() ? percent(v.total.decided_on_time, v.total.decided()) + "%" : "-"));
  l.subtitle.push_back(complaint_tally_words(v.complaints));
  l.columns = {{"Jenis Izin", 34, false},        {"Diterima", 10, true},
               {"Izin Terbit", 10, true},        {"Ditolak", 10, true},
               {"Ditarik Pemohon", 10, true},    {"Dalam Proses (akhir periode)", 12, true},
               {"Selesai Tepat Waktu", 11, true}, {"% Selesai Tepat Waktu", 11, true}};
  reports::BarChart chart;
  chart.title = "Permohonan per jenis izin";
  chart.series = {{"Diterima", {}}, {"Izin terbit", {}}, {"Ditolak", {}}, {"Ditarik", {}}, {"Dalam proses", {}}};
  for (const auto& p : v.permits) {
    chart.categories.push_back(p.permit_name);
    const long long figures[] = {p.received, p.issued, p.rejected, p.withdrawn, p.in_progress};
    for (std::size_t s = 0; s < chart.series.size(); ++s)
      chart.series[s].values.push_back(static_cast<double>(figures[s]));
  }
  l.chart = std::move(chart);
  return l;
}

}  // namespace

Result<MonthlyReportView> monthly_report(AppContext& ctx, const std::string& office, const MonthlyReportFilter& filter) {
  return build(ctx, office, filter);
}

Result<MonthlyReportView> monthly_report_for(AppContext& ctx, const Principal& who, const MonthlyReportFilter& filter) {
  if (auto ok = check_office_reader(who, "the monthly report is"); !ok) return ok.error();
  return build(ctx, who.office, filter);
}

Result<MonthlyReportExport> export_monthly_report(AppContext& ctx, const std::string& office,
                                                  const MonthlyReportFilter& filter, reports::TableFormat format,
                                                  const std::string& path) {
  auto view = build(ctx, office, filter);
  if (!view) return view.error();
  MonthlyReportExport out;
  out.filename = "laporan-bulanan-" + office + "-" + view->from + "-" + view->to + "." +
                 std::string(reports::format_key(format));
  auto written = reports::write_table(format, path, layout(*view), [&](reports::TableWriter& w) -> Result<bool> {
    for (const auto& p : view->permits) {
      if (auto ok = w.row(cells(p.permit_name, p)); !ok) return ok.error();
      ++out.lines;
    }
    ++out.lines;
    return w.row(cells("Jumlah", view->total));
  });
  if (!written) return written.error();
  return out;
}

Result<MonthlyReportExport> export_monthly_report_for(AppContext& ctx, const Principal& who,
                                                      const MonthlyReportFilter& filter, reports::TableFormat format,
                                                      const std::string& path) {
  if (auto ok = check_office_reader(who, "the monthly report is"); !ok) return ok.error();
  return export_monthly_report(ctx, who.office, filter, format, path);
}

}  // namespace sp::service

#include "service/register_book.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "auth/nik.hpp"
#include "catalog/catalog.hpp"
#include "core/civil_time.hpp"
#include "service/report_period.hpp"
#include "service/sop_publishing.hpp"
#include "store/register_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

// Rows read per query while exporting: large enough that round trips do not count, small enough
// that a page's memory does not.
constexpr int kExportPage = 500;

bool known_status(const std::string& s) {
  return s.empty() || s == "in_progress" || s == "with_applicant" || s == "issued" || s == "rejected" ||
         s == "withdrawn";
}

std::string status_label(const std::string& status) {
  if (status == "in_progress") return "Dalam proses";
  if (status == "with_applicant") return "Dikembalikan ke pemohon";
  if (status == "issued") return "Izin terbit";
  if (status == "rejected") return "Ditolak";
  if (status == "withdrawn") return "Ditarik pemohon";
  return "Semua";
}

// "02-12-2026": the date as the office writes it in its books.
std::string book_date(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4);
}

// The query and the words that head the register, from the request: one place checks both.
struct Prepared {
  store::RegisterQuery query;
  ReportPeriod period;
  const Office* office = nullptr;
  std::string permit_name;
};

Result<Prepared> prepare(AppContext& ctx, const std::string& office, const RegisterFilter& f) {
  Prepared p;
  auto period = report_period(ctx.catalog, office, f.from, f.to, kMaxRegisterDays);
  if (!period) return period.error();
  p.period = *period;
  p.office = ctx.catalog.office(office);
  if (!known_status(f.status))
    return field_error("status", "not_allowed", "one of in_progress, with_applicant, issued, rejected, withdrawn");
  p.query.office = office;
  p.query.from = p.period.start;
  p.query.to = p.period.end;
  p.query.status = f.status;
  if (!f.permit.empty()) {
    auto permit = permit_sops(ctx.catalog, office, f.permit);
    if (!permit) return permit.error();
    p.query.sop_codes = std::move(permit->sop_codes);
    p.permit_name = std::move(permit->name);
  }
  return p;
}

// Turns stored entries into register lines (the caller numbers them). The SOP totals are kept
// per version, since an export meets the same few versions a hundred thousand times.
class LineMaker {
 public:
  LineMaker(AppContext& ctx, const std::string& office, bool full_nik, Instant now)
      : ctx_(ctx), cal_(ctx.catalog.calendar(office)), full_nik_(full_nik), now_(now) {}

  RegisterLineView line(store::Transaction& tx, const store::RegisterEntry& e, long long no) {
    const store::ApplicationRow& a = e.app;
    RegisterLineView v;
    v.no = no;
    v.id = a.id;
    v.registration_number = a.registration_number;
    if (a.submitted) v.registered = date_of(*a.submitted);
    v.applicant = a.applicant_name;
    if (!e.applicant_nik.empty()) v.nik = full_nik_ ? e.applicant_nik : auth::mask_nik(e.applicant_nik);
    v.status = a.phase == "at_step" ? "in_progress" : a.phase == "with_applicant" ? "with_applicant" : a.outcome;
    v.status_label = status_label(v.status);
    v.permit_number = a.permit_number;
    v.office_minutes = a.office_minutes;
    v.permit_code = a.sop_code;
    const Sop* sop = sop_version_in(tx, ctx_.catalog, a.sop_code, a.sop_version);
    bool overdue = false;
    for (const auto& s : e.steps) {
      RegisterStepView sv{s.step, "", date_of(s.at), s.overdue};
      overdue = overdue || s.overdue;
      if (sop)
        if (auto i = sop->step_by_number(s.step)) {
          sv.title = sop->steps[*i].title;
          if (sop->steps[*i].signs && (v.status == "issued" || v.status == "rejected")) v.decided = sv.date;
        }
      v.steps.push_back(std::move(sv));
    }
    if (v.status == "withdrawn" && !e.steps.empty()) v.decided = v.steps.back().date;
    if (v.decided.empty() && (v.status == "issued" || v.status == "rejected") && !v.steps.empty())
      v.decided = v.steps.back().date;
    if (v.status == "in_progress" || v.status == "with_applicant") {
      v.step = a.step;
      if (sop)
        if (auto i = sop->step_by_number(a.step)) v.step_title = sop->steps[*i].title;
    }
    if (sop) {
      v.permit_code = sop->permit.code;
      v.permit_name = sop->permit.name;
      const TimeTotal& total = standard_of(*sop);
      v.standard = format_time_total(total);
      if (!total.empty()) {
        const bool late_now = v.status == "in_progress" && a.deadline && *a.deadline < now_;
        v.on_time = !overdue && !late_now;
      }
    }
    return v;
  }

 private:
  std::string date_of(Instant t) const { return format_date(to_local(t, cal_->zone()).date); }

  // The office's steps' standards added up (the applicant's own steps are not office time).
  const TimeTotal& standard_of(const Sop& sop) {
    const auto key = std::make_pair(sop.code, sop.version);
    auto it = totals_.find(key);
    if (it != totals_.end()) return it->second;
    TimeTotal t;
    for (const Step& s : sop.steps)
      if (s.scope == StepScope::Application && s.actor != sop.applicant) t.add(s.time);
    return totals_.emplace(key, t).first->second;
  }

  AppContext& ctx_;
  const WorkingCalendar* cal_;
  bool full_nik_;
  Instant now_;
  std::map<std::pair<std::string, int>, TimeTotal> totals_;
};

std::string encode_cursor(const store::RegisterEntry& e, long long no) {
  return std::to_string(e.app.submitted ? e.app.submitted->unix_seconds : 0) + "." + std::to_string(e.app.id) + "." +
         std::to_string(no);
}

// "SUBMITTED.ID.NO": where the previous page ended and the number of its last line.
std::optional<std::pair<store::RegisterCursor, long long>> decode_cursor(const std::string& s) {
  long long v[3] = {0, 0, 0};
  const char* p = s.data();
  const char* end = s.data() + s.size();
  for (int i = 0; i < 3; ++i) {
    auto [next, ec] = std::from_chars(p, end, v[i]);
    if (ec != std::errc() || v[i] < 0) return std::nullopt;
    p = next;
    if (i < 2) {
      if (p == end || *p != '.') return std::nullopt;
      ++p;
    }
  }
  if (p != end) return std::nullopt;
  return std::make_pair(store::RegisterCursor{v[0], v[1]}, v[2]);
}

std::vector<std::string> cells(const RegisterLineView& v) {
  std::string steps;
  for (const auto& s : v.steps) {
    if (!steps.empty()) steps += "; ";
    steps += std::to_string(s.step) + ": " + book_date(s.date) + (s.overdue ? " (terlambat)" : "");
  }
  const std::string where = v.step ? std::to_string(v.step) + ". " + v.step_title : "";
  const std::string on_time = !v.on_time ? "-" : *v.on_time ? "Ya" : "Tidak";
  return {std::to_string(v.no), v.registration_number, book_date(v.registered), v.applicant, v.nik,
          v.permit_name.empty() ? v.permit_code : v.permit_name, where, v.status_label, steps,
          v.permit_number, book_date(v.decided), std::to_string(v.office_minutes), v.standard, on_time};
}

reports::TableLayout layout(const Prepared& p, const RegisterFilter& f, long long total) {
  reports::TableLayout l;
  l.title = "Buku Registrasi Permohonan Izin";
  l.sheet_name = "Buku Registrasi";
  l.subtitle.push_back(p.office->name);
  l.subtitle.push_back("Periode registrasi: " + format_date_long_id(p.period.first) + " s.d. " +
                       format_date_long_id(p.period.last));
  l.subtitle.push_back("Jenis izin: " + (f.permit.empty() ? std::string("Semua") : p.permit_name) +
                       "; status: " + status_label(f.status) + "; jumlah: " + std::to_string(total) + " permohonan");
  l.columns = {{"No", 5, true},
               {"No. Registrasi", 18, false},
               {"Tgl. Registrasi", 14, false},
               {"Pemohon", 20, false},
               {"NIK", 20, false},
               {"Jenis Izin", 20, false},
               {"Tahap Saat Ini", 20, false},
               {"Status", 14, false},
               {"Tahap Selesai (No: Tanggal)", 30, false},
               {"No. Izin", 20, false},
               {"Tgl. Izin/ Penolakan", 14, false},
               {"Waktu Proses (menit kerja)", 12, true},
               {"Standar Waktu SOP", 14, false},
               {"Sesuai Standar", 10, false}};
  return l;
}

}  // namespace

Result<RegisterPageView> register_page(AppContext& ctx, const Principal& who, const RegisterFilter& filter,
                                       const std::string& after, int limit) {
  if (auto ok = check_office_reader(who, "the register is"); !ok) return ok.error();
  auto prepared = prepare(ctx, who.office, filter);
  if (!prepared) return prepared.error();
  std::optional<std::pair<store::RegisterCursor, long long>> cursor;
  if (!after.empty()) {
    cursor = decode_cursor(after);
    if (!cursor) return field_error("after", "wrong_format", "the `next` of a previous page");
  }
  limit = std::clamp(limit, 1, kRegisterPageSize);
  const Instant now = ctx.clock.now();
  return ctx.store.read([&](store::Transaction& tx) -> Result<RegisterPageView> {
    RegisterPageView v;
    v.office = who.office;
    v.from = format_date(prepared->period.first);
    v.to = format_date(prepared->period.last);
    v.permit = filter.permit;
    v.status = filter.status;
    v.total = tx.register_book().count(prepared->query);
    const auto entries = tx.register_book().page(
        prepared->query, cursor ? std::optional(cursor->first) : std::nullopt, limit + 1);
    LineMaker make(ctx, who.office, who.kind == UserKind::Admin, now);
    long long no = cursor ? cursor->second : 0;
    for (std::size_t i = 0; i < entries.size() && static_cast<int>(i) < limit; ++i)
      v.items.push_back(make.line(tx, entries[i], ++no));
    if (static_cast<int>(entries.size()) > limit) v.next = encode_cursor(entries[static_cast<std::size_t>(limit) - 1], no);
    return v;
  });
}

Result<RegisterExport> export_register(AppContext& ctx, const std::string& office, const RegisterFilter& filter,
                                       reports::TableFormat format, bool full_nik, const std::string& path) {
  auto prepared = prepare(ctx, office, filter);
  if (!prepared) return prepared.error();
  const Instant now = ctx.clock.now();
  RegisterExport out;
  out.filename = "buku-registrasi-" + office + "-" + format_date(prepared->period.first) + "-" +
                 format_date(prepared->period.last) + "." + std::string(reports::format_key(format));
  // One snapshot for the whole file, so its count and its lines agree.
  auto written = ctx.store.read([&](store::Transaction& tx) -> Result<bool> {
    const long long total = tx.register_book().count(prepared->query);
    if (format == reports::TableFormat::Pdf && total > kMaxPdfRegisterLines)
      return make_error("too_large", "a PDF register holds at most " + std::to_string(kMaxPdfRegisterLines) +
                                         " lines and this one has " + std::to_string(total) +
                                         ": choose a shorter period, or export XLSX or CSV");
    return reports::write_table(format, path, layout(*prepared, filter, total), [&](reports::TableWriter& w) -> Result<bool> {
      LineMaker make(ctx, office, full_nik, now);
      std::optional<store::RegisterCursor> after;
      for (;;) {
        const auto entries = tx.register_book().page(prepared->query, after, kExportPage);
        for (const auto& e : entries)
          if (auto ok = w.row(cells(make.line(tx, e, ++out.lines))); !ok) return ok.error();
        if (static_cast<int>(entries.size()) < kExportPage) return true;
        const auto& last = entries.back().app;
        after = store::RegisterCursor{last.submitted ? last.submitted->unix_seconds : 0, last.id};
      }
    });
  });
  if (!written) return written.error();
  return out;
}

Result<RegisterExport> export_register_for(AppContext& ctx, const Principal& who, const RegisterFilter& filter,
                                           reports::TableFormat format, const std::string& path) {
  if (auto ok = check_office_reader(who, "the register is"); !ok) return ok.error();
  return export_register(ctx, who.office, filter, format, who.kind == UserKind::Admin, path);
}

}  // namespace sp::service

// The monthly report (service/monthly_report) on the in-memory store: which files count as
// received, decided and still in progress in a month, at the office's month boundaries, each
// figure computed by hand from the constructed files below; ended months and days counted once
// and kept, the rest live; the reader check; the CSV export.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "office_fixture.hpp"
#include "service/monthly_report.hpp"
#include "service/report_period.hpp"

namespace sp::service {
namespace {

constexpr long long kHour = 3600, kDay = 86400;
// Tuesday 1 December 2026, 00:00 in Kampar (WIB, UTC+7).
constexpr long long kDec1 = 1'796'058'000;

class MonthlyReportTest : public testing::OfficeFixture {
 protected:
  // A registered file of `sop` submitted at `submitted`; closed files closed at `closed`.
  long long file(const std::string& sop, long long submitted, const std::string& phase, const std::string& outcome,
                 long long closed = 0, const std::string& office = "kampar") {
    store::ApplicationRow r;
    r.id = next_id++;
    r.office = office;
    r.sop_code = sop;
    r.sop_version = 2;
    r.applicant_id = kRina;
    r.step = phase == "closed" ? 6 : 2;
    r.phase = phase;
    r.outcome = outcome;
    r.created = Instant{submitted - kHour};
    r.submitted = Instant{submitted};
    r.step_started = Instant{phase == "closed" ? closed : submitted};
    r.registration_number = "REG-" + std::to_string(r.id);
    store.data.applications[r.id] = r;
    step(r.id, 1, submitted, false);
    return r.id;
  }
  void step(long long id, int number, long long at, bool overdue) {
    store::AuditRecord e;
    e.office = "kampar";
    e.seq = static_cast<long long>(store.data.events.size()) + 1;
    e.application_id = id;
    e.kind = "acted";
    e.step = number;
    e.at = at;
    e.overdue = overdue;
    store.data.events.push_back(e);
  }
  const PermitTallyView& permit(const MonthlyReportView& v, const std::string& code) {
    for (const auto& p : v.permits)
      if (p.permit_code == code) return p;
    ADD_FAILURE() << "no line for " << code;
    return v.total;
  }
  long long next_id = 300;
};

TEST_F(MonthlyReportTest, CountsTheMonthsFilesByHand) {
  // A: submitted 20 Nov, issued 2 Dec, every step in time.
  const long long a = file("kpr-dokter", kDec1 - 11 * kDay, "closed", "issued", kDec1 + kDay + 10 * kHour);
  step(a, 2, kDec1 - 10 * kDay, false);
  // B: submitted 1 Dec, refused 4 Dec; its check at the counter was late.
  const long long b = file("kpr-dokter", kDec1 + 9 * kHour, "closed", "rejected", kDec1 + 3 * kDay + 9 * kHour);
  step(b, 2, kDec1 + 11 * kHour, true);
  // C: submitted 3 Dec, at the counter.
  file("kpr-dokter", kDec1 + 2 * kDay + 8 * kHour, "at_step", "none");
  // D: submitted 3 Dec, withdrawn 5 Dec.
  file("kpr-dokter", kDec1 + 2 * kDay + 9 * kHour, "closed", "withdrawn", kDec1 + 4 * kDay + 9 * kHour);
  // E: submitted 10 Nov, issued 30 Nov at 23:30 WIB (16:30 UTC): November's, in the office's time.
  file("kpr-dokter", kDec1 - 21 * kDay, "closed", "issued", kDec1 - 30 * 60);
  // H: an apoteker file submitted 4 Dec, returned to the applicant.
  file("kpr-apoteker", kDec1 + 3 * kDay + 8 * kHour, "with_applicant", "none");
  // Counted nowhere: a draft never submitted; another office's file.
  const long long draft = file("kpr-dokter", kDec1 + kDay, "at_step", "none");
  store.data.applications[draft].submitted.reset();
  store.data.applications[draft].registration_number.clear();
  file("pwk-iptk", kDec1 + kDay, "at_step", "none", 0, "purwakarta");

  // December: dokter received B, C, D; issued A; refused B; withdrawn D; in progress C; of the two
  // decided (A, B) one on time: 50.0 %. Apoteker: H received and in progress.
  auto dec = monthly_report_for(*ctx, person(kKepala), {"2026-12-01", "2026-12-31"});
  ASSERT_TRUE(dec.ok()) << dec.error().message;
  ASSERT_EQ(dec->permits.size(), 4u) << "every permit Kampar issues has its line";
  EXPECT_EQ(dec->permits[0].permit_name, "Surat Izin Praktik Apoteker");
  const auto& dokter = permit(*dec, "SIP-DOKTER");
  EXPECT_EQ(dokter.received, 3);
  EXPECT_EQ(dokter.issued, 1);
  EXPECT_EQ(dokter.rejected, 1);
  EXPECT_EQ(dokter.withdrawn, 1);
  EXPECT_EQ(dokter.in_progress, 1);
  EXPECT_EQ(dokter.decided(), 2);
  EXPECT_EQ(dokter.decided_on_time, 1);
  const auto& apoteker = permit(*dec, "SIPA");
  EXPECT_EQ(apoteker.received, 1);
  EXPECT_EQ(apoteker.in_progress, 1);
  EXPECT_EQ(permit(*dec, "SIP-OT").received, 0);
  EXPECT_EQ(dec->total.received, 4);
  EXPECT_EQ(dec->total.issued, 1);
  EXPECT_EQ(dec->total.rejected, 1);
  EXPECT_EQ(dec->total.withdrawn, 1);
  EXPECT_EQ(dec->total.in_progress, 2);
  EXPECT_EQ(dec->total.decided_on_time, 1);

  // November: received A and E; issued E (its last half hour); still open at the month's end: A,
  // decided only in December.
  auto nov = monthly_report_for(*ctx, person(kLoket), {"2026-11-01", "2026-11-30"});
  ASSERT_TRUE(nov.ok()) << nov.error().message;
  const auto& nov_dokter = permit(*nov, "SIP-DOKTER");
  EXPECT_EQ(nov_dokter.received, 2);
  EXPECT_EQ(nov_dokter.issued, 1);
  EXPECT_EQ(nov_dokter.decided_on_time, 1);
  EXPECT_EQ(nov_dokter.in_progress, 1);
  EXPECT_EQ(nov->total.withdrawn, 0);
}

TEST(PeriodPieces, EndedMonthsWholeThenEndedDaysThenTheRestLive) {
  const ZoneOffset wib{7 * 3600};
  const auto midnight = [&](int y, int m, int d) { return from_local(Date{y, m, d}, 0, wib); };
  // 15 October to 31 December, asked on Monday 7 December at 09:00 WIB.
  const ReportPeriod p{Date{2026, 10, 15}, Date{2026, 12, 31}, midnight(2026, 10, 15), midnight(2027, 1, 1)};
  const PeriodPieces pieces = period_pieces(p, wib, Instant{1'796'608'800});
  std::vector<std::string> keys;
  for (const auto& e : pieces.ended) keys.push_back(e.key);
  // October is a part month: its 17 days one by one; November whole; December's six ended days.
  std::vector<std::string> want;
  for (int d = 15; d <= 31; ++d) want.push_back("2026-10-" + std::to_string(d));
  want.push_back("2026-11");
  for (int d = 1; d <= 6; ++d) want.push_back("2026-12-0" + std::to_string(d));
  EXPECT_EQ(keys, want);
  EXPECT_EQ(pieces.ended[17].from.unix_seconds, midnight(2026, 11, 1).unix_seconds);
  EXPECT_EQ(pieces.ended[17].to.unix_seconds, midnight(2026, 12, 1).unix_seconds);
  ASSERT_EQ(pieces.live.size(), 1u) << "today and the days after, as one range";
  EXPECT_EQ(pieces.live[0].first.unix_seconds, midnight(2026, 12, 7).unix_seconds);
  EXPECT_EQ(pieces.live[0].second.unix_seconds, p.end.unix_seconds);

  // Within the hour after midnight the day before still counts live (servers' clocks differ).
  const PeriodPieces early = period_pieces(p, wib, Instant{midnight(2026, 12, 7).unix_seconds + 1800});
  EXPECT_EQ(early.ended.back().key, "2026-12-05");
  EXPECT_EQ(early.live[0].first.unix_seconds, midnight(2026, 12, 6).unix_seconds);
  // A period wholly in the past is all kept pieces; one wholly ahead all live.
  const ReportPeriod sep{Date{2026, 9, 1}, Date{2026, 9, 30}, midnight(2026, 9, 1), midnight(2026, 10, 1)};
  EXPECT_EQ(period_pieces(sep, wib, Instant{1'796'608'800}).ended.size(), 1u);
  EXPECT_TRUE(period_pieces(sep, wib, Instant{1'796'608'800}).live.empty());
  EXPECT_TRUE(period_pieces(sep, wib, midnight(2026, 9, 1)).ended.empty());
}

TEST_F(MonthlyReportTest, EndedMonthsAndDaysAreCountedOnceAndTheRestLive) {
  // The clock: Monday 7 December 2026, 09:00 WIB. November has ended, and December's first six days.
  file("kpr-dokter", kDec1 - 20 * kDay, "closed", "issued", kDec1 - 10 * kDay);           // N1: 11 Nov to 21 Nov
  file("kpr-dokter", kDec1 - 5 * kDay, "at_step", "none");                                 // N2: 26 Nov, open
  file("kpr-dokter", kDec1 + 2 * kDay, "closed", "rejected", kDec1 + 3 * kDay);            // D1: 3 Dec to 4 Dec
  file("kpr-dokter", kDec1 + 6 * kDay + kHour, "closed", "withdrawn", kDec1 + 6 * kDay + 90 * 60);  // T1: today
  const MonthlyReportFilter both{"2026-11-01", "2026-12-31"};
  auto first = monthly_report_for(*ctx, person(kKepala), both);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->total.received, 4);
  EXPECT_EQ(first->total.issued, 1);
  EXPECT_EQ(first->total.rejected, 1);
  EXPECT_EQ(first->total.withdrawn, 1);
  EXPECT_EQ(first->total.in_progress, 1) << "N2";

  // Files written into the store behind the service's back (as no transition could: into ended
  // periods) show what is kept: November and 3 December were counted once, today and what is open
  // at the period's end are counted on every request.
  file("kpr-dokter", kDec1 - 15 * kDay, "closed", "issued", kDec1 - 14 * kDay);   // in November: kept, not seen
  file("kpr-dokter", kDec1 + 2 * kDay, "closed", "issued", kDec1 + 2 * kDay + kHour);  // 3 Dec: kept, not seen
  file("kpr-dokter", kDec1 + 6 * kDay + kHour, "closed", "issued", kDec1 + 6 * kDay + 2 * kHour);  // today: live
  file("kpr-dokter", kDec1 - 3 * kDay, "at_step", "none");  // open: its registration not seen, its being open is
  auto second = monthly_report_for(*ctx, person(kKepala), both);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->total.received, 5) << "today's new file only";
  EXPECT_EQ(second->total.issued, 2) << "today's issue only";
  EXPECT_EQ(second->total.in_progress, 2);

  // Another reader and another period of the office share what was kept.
  auto nov = monthly_report_for(*ctx, person(kLoket), {"2026-11-01", "2026-11-30"});
  ASSERT_TRUE(nov.ok());
  EXPECT_EQ(nov->total.received, 2) << "November as first counted";
  EXPECT_EQ(nov->total.issued, 1);

  // A day later, 7 December has ended: it is counted (with both of today's files) and kept.
  clock.advance(25 * kHour);
  auto later = monthly_report_for(*ctx, person(kKepala), both);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->total.received, 5);
  EXPECT_EQ(later->total.issued, 2);
  EXPECT_EQ(later->total.withdrawn, 1);
  EXPECT_EQ(ctx->closed_month_reports.size(), 8u) << "November, then 1 to 7 December";
}

TEST_F(MonthlyReportTest, DefaultsToTheCurrentMonthAndChecksItsReader) {
  auto v = monthly_report_for(*ctx, person(kLoket), {});
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->from, "2026-12-01");
  EXPECT_EQ(v->to, "2026-12-31");
  EXPECT_EQ(v->office_name.empty(), false);
  EXPECT_EQ(monthly_report_for(*ctx, person(kRina), {}).error().code, "forbidden");
  EXPECT_EQ(monthly_report_for(*ctx, person(kLoket), {"2025-01-01", "2026-12-31"}).error().code, "invalid_field")
      << "a year at most";
  EXPECT_EQ(monthly_report_for(*ctx, person(kLoket), {"2026-12-31", "2026-12-01"}).error().code, "invalid_field");
  EXPECT_EQ(monthly_report_for(*ctx, person(kOtherOffice), {})->office, "purwakarta");
}

TEST_F(MonthlyReportTest, ExportsTheReportAsCsv) {
  const long long a = file("kpr-dokter", kDec1 + 9 * kHour, "closed", "issued", kDec1 + 2 * kDay);
  step(a, 2, kDec1 + 10 * kHour, false);
  const auto dir = std::filesystem::temp_directory_path() / ("monthly-report-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "out.csv").string();
  auto done = export_monthly_report_for(*ctx, person(kAdmin), {}, reports::TableFormat::Csv, path);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->filename, "laporan-bulanan-kampar-2026-12-01-2026-12-31.csv");
  EXPECT_EQ(done->lines, 5) << "four permits, then the total";
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(text.find("Surat Izin Praktik Dokter,1,1,0,0,0,1,100.0\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Surat Izin Praktik Apoteker,0,0,0,0,0,0,\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Jumlah,1,1,0,0,0,1,100.0\r\n"), std::string::npos) << text;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sp::service

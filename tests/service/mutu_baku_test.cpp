// The Mutu Baku dashboard (service/mutu_baku) on the in-memory store, with files driven through
// the application service so that every working time is the engine's own: figures computed by
// hand across the Christmas holidays, a lunch break and a return to the applicant.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "forms/form_examples.hpp"
#include "kampar_files.hpp"
#include "service/applications.hpp"
#include "service/mutu_baku.hpp"

namespace sp::service {
namespace {

// kpr-dokter v2: step 2 (loket) has 15 minutes, step 3 (bidang) 1 hour, step 4 (kepala dinas)
// 1 hour. Kampar works 07:30-12:00 and 13:00-16:00 Monday to Thursday; 24 and 25 December 2026
// are holidays (Thursday, Friday), then a weekend.
class MutuBakuTest : public testing::KamparFiles {
 protected:
  struct Files {
    ApplicationId a, b, c;
  };
  // The files behind the hand computation: A, B and C driven through December, ending Tuesday
  // 29 December 11:00 with a draft at the applicant's own step.
  Files december() {
    ApplicationId a, b, c;
    // File A: submitted Wed 23 Dec 15:50; checked Mon 28 Dec 07:40: 10 + 10 = 20 minutes (late);
    // verified at 08:30: 50 minutes.
    at(23, 15, 50);
    a = submitted();
    at(28, 7, 40);
    act_ok(kLoket, a, "lengkap");
    at(28, 8, 30);
    act_ok(kBidang, a, "terverifikasi");
    // File B: submitted Mon 28 Dec 08:00, returned at 08:05 (5 minutes); resubmitted Tue 29 Dec
    // 10:00, when the step starts again: checked at 10:12 (12 minutes), verified at 10:30 (18).
    at(28, 8, 0);
    b = submitted();
    at(28, 8, 5);
    ActRequest back;
    back.reasons = {{"str", "STR sudah tidak berlaku"}};
    act_ok(kLoket, b, "tidak_lengkap", back);
    // File C: submitted Mon 28 Dec 11:55, checked at 13:06 across lunch: 5 + 6 = 11 minutes;
    // verified Tue 29 Dec 08:00: 13:06-16:00 and 07:30-08:00, 174 + 30 = 204 minutes (late).
    at(28, 11, 55);
    c = submitted();
    at(28, 13, 6);
    act_ok(kLoket, c, "lengkap");
    at(29, 8, 0);
    act_ok(kBidang, c, "terverifikasi");
    at(29, 10, 0);
    upload(b, "str");
    act_ok(kRina, b, "resubmitted");
    at(29, 10, 12);
    act_ok(kLoket, b, "lengkap");
    at(29, 10, 30);
    act_ok(kBidang, b, "terverifikasi");
    // A draft at the applicant's own step, past its ten minutes, is no delay of the office's.
    at(29, 9, 0);
    const auto form = forms::example_data(loaded.catalog.form(*loaded.catalog.sop("kpr-dokter")));
    EXPECT_TRUE(create_draft(*ctx, person(kRina), "kpr-dokter", form, std::nullopt).ok());
    at(29, 11, 0);
    return {a, b, c};
  }
  // Tuesday 5 January 2027: file D submitted at 10:00, checked at 10:14 (14 minutes, on time).
  void january() {
    clock.at = from_local(Date{2027, 1, 5}, 10 * 60, ZoneOffset{7 * 3600});
    const ApplicationId d = submitted();
    clock.at = from_local(Date{2027, 1, 5}, 10 * 60 + 14, ZoneOffset{7 * 3600});
    act_ok(kLoket, d, "lengkap");
  }
};

TEST_F(MutuBakuTest, FiguresMatchTheHandComputation) {
  const auto [a, b, c] = december();
  auto v = mutu_baku_dashboard(*ctx, person(kKepala), {"2026-12-01", "2026-12-31", ""});
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->from, "2026-12-01");
  EXPECT_EQ(v->handled, 7) << "the office's seven steps; the applicant's submissions are not office work";
  EXPECT_EQ(v->on_time, 5);
  ASSERT_EQ(v->steps.size(), 2u);
  const auto& check = v->steps[0];
  EXPECT_EQ(check.step, 2);
  EXPECT_EQ(check.permit_code, "SIP-DOKTER");
  EXPECT_EQ(check.standard, "15 menit");
  EXPECT_EQ(check.standard_minutes, 15);
  // {20, 5, 12, 11} sorted {5, 11, 12, 20}: median the 2nd (ceil 4 x 0.5), p90 the 4th (ceil 3.6).
  EXPECT_EQ(check.times.handled, 4);
  EXPECT_EQ(check.times.on_time, 3);
  EXPECT_EQ(check.times.median_minutes, 11);
  EXPECT_EQ(check.times.p90_minutes, 20);
  ASSERT_EQ(check.officers.size(), 1u);
  EXPECT_EQ(check.officers[0].name, "Lusi Loket");
  EXPECT_EQ(check.officers[0].times.handled, 4);
  const auto& verify = v->steps[1];
  EXPECT_EQ(verify.step, 3);
  EXPECT_EQ(verify.standard_minutes, 60);
  // {50, 204, 18} sorted {18, 50, 204}: median the 2nd (ceil 1.5), p90 the 3rd (ceil 2.7).
  EXPECT_EQ(verify.times.handled, 3);
  EXPECT_EQ(verify.times.on_time, 2);
  EXPECT_EQ(verify.times.median_minutes, 50);
  EXPECT_EQ(verify.times.p90_minutes, 204);
  EXPECT_EQ(verify.officers[0].name, "Bambang Bidang");

  // The trend: January to December 2026, everything in December.
  ASSERT_EQ(v->trend.size(), 12u);
  EXPECT_EQ(v->trend.front().month, "2026-01");
  EXPECT_EQ(v->trend.back().month, "2026-12");
  EXPECT_EQ(v->trend.back().handled, 7);
  EXPECT_EQ(v->trend.back().on_time, 5);
  EXPECT_EQ(v->trend[10].handled, 0);

  // Overdue now (Tue 29 Dec 11:00), at the kepala dinas's step with its hour:
  // A since Mon 09:30: 09:30-12:00, 13:00-16:00, 07:30-11:00 = 150 + 180 + 210 = 540 minutes;
  // C since Tue 09:00: 120 minutes; B's hour ends at 11:30.
  EXPECT_EQ(v->overdue_total, 2);
  ASSERT_EQ(v->overdue.size(), 2u);
  EXPECT_EQ(v->overdue[0].id, a.value);
  EXPECT_EQ(v->overdue[0].overdue_minutes, 540);
  EXPECT_EQ(v->overdue[0].step, 4);
  EXPECT_EQ(v->overdue[0].deadline, "2026-12-28T09:30:00+07:00");
  EXPECT_EQ(v->overdue[1].id, c.value);
  EXPECT_EQ(v->overdue[1].overdue_minutes, 120);

  // A period that ends before the holidays holds only file A's submission: no office step.
  auto before = mutu_baku_dashboard(*ctx, person(kKepala), {"2026-12-01", "2026-12-24", ""});
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->handled, 0);
  EXPECT_TRUE(before->steps.empty());
  EXPECT_EQ(before->overdue_total, 2) << "overdue is about now, whatever the period";
}

// December's steps once it has ended come from its kept counts, merged exactly with January's
// read live: the figures are the hand computation's, whichever permit filter asks.
TEST_F(MutuBakuTest, AnEndedMonthsKeptCountsMergeWithTheCurrentMonth) {
  december();
  january();
  auto v = mutu_baku_dashboard(*ctx, person(kKepala), {"2026-12-01", "2027-01-31", ""});
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->handled, 8);
  EXPECT_EQ(v->on_time, 6);
  ASSERT_EQ(v->steps.size(), 2u);
  // Step 2: December's {5, 11, 12, 20} and January's {14}: sorted {5, 11, 12, 14, 20}, the median
  // the 3rd (ceil 2.5) = 12, p90 the 5th (ceil 4.5) = 20. Neither month's median (11; 14) is it.
  EXPECT_EQ(v->steps[0].times.handled, 5);
  EXPECT_EQ(v->steps[0].times.on_time, 4);
  EXPECT_EQ(v->steps[0].times.median_minutes, 12);
  EXPECT_EQ(v->steps[0].times.p90_minutes, 20);
  ASSERT_EQ(v->steps[0].officers.size(), 1u);
  EXPECT_EQ(v->steps[0].officers[0].times.median_minutes, 12);
  EXPECT_EQ(v->steps[1].times.median_minutes, 50);
  EXPECT_EQ(v->steps[1].times.p90_minutes, 204);
  EXPECT_GT(ctx->closed_month_steps.bytes(), 0u) << "December is kept";

  // A step put into December behind the service's back (none can be recorded in an ended
  // month) is not seen: December is not read again, for this filter or the permit's.
  store::AuditRecord late = store.data.events.back();
  late.seq += 100;
  late.at = from_local(Date{2026, 12, 30}, 9 * 60, ZoneOffset{7 * 3600}).unix_seconds;
  late.elapsed_minutes = 1;
  store.data.events.push_back(late);
  for (const char* permit : {"", "SIP-DOKTER"}) {
    auto again = mutu_baku_dashboard(*ctx, person(kKepala), {"2026-12-01", "2027-01-31", permit});
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->handled, 8) << permit;
    EXPECT_EQ(again->steps[0].times.median_minutes, 12) << permit;
  }
  // A period starting inside December reads that part live, and so sees it.
  auto part = mutu_baku_dashboard(*ctx, person(kKepala), {"2026-12-15", "2027-01-31", ""});
  ASSERT_TRUE(part.ok());
  EXPECT_EQ(part->handled, 9);
}

// Within the current month each ended day is kept too: a step put behind the service's back
// into yesterday is not seen, one into today is.
TEST_F(MutuBakuTest, TheCurrentMonthsEndedDaysAreKeptAndTodayIsReadLive) {
  december();  // now Tuesday 29 December 11:00
  auto v = mutu_baku_dashboard(*ctx, person(kKepala), {"2026-12-01", "2026-12-31", ""});
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->handled, 7);
  auto loket = std::find_if(store.data.events.rbegin(), store.data.events.rend(),
                           [](const auto& e) { return e.kind == "acted" && e.role == "loket"; });
  ASSERT_NE(loket, store.data.events.rend());
  store::AuditRecord late = *loket;
  late.seq = store.data.events.back().seq + 100;
  late.at = from_local(Date{2026, 12, 28}, 9 * 60, ZoneOffset{7 * 3600}).unix_seconds;
  store.data.events.push_back(late);
  auto kept = mutu_baku_dashboard(*ctx, person(kKepala), {"2026-12-01", "2026-12-31", ""});
  EXPECT_EQ(kept->handled, 7) << "28 December ended and was kept";
  EXPECT_EQ(kept->trend.back().handled, 7) << "the trend's December too";
  late.seq += 1;
  late.at = from_local(Date{2026, 12, 29}, 10 * 60 + 45, ZoneOffset{7 * 3600}).unix_seconds;
  store.data.events.push_back(late);
  auto live = mutu_baku_dashboard(*ctx, person(kKepala), {"2026-12-01", "2026-12-31", ""});
  EXPECT_EQ(live->handled, 8) << "today is read live";
  EXPECT_EQ(live->trend.back().handled, 8);
  EXPECT_EQ(live->trend.back().on_time, 6);
}

// What a server counts when it starts: the quarter to date's ended months and the trend, so
// that the dashboard then reads only the current month.
TEST_F(MutuBakuTest, WarmingCountsTheEndedMonthsOfTheViewsHeadsOpen) {
  december();
  january();
  // Wednesday 10 February 2027: the quarter to date holds January, ended.
  clock.at = from_local(Date{2027, 2, 10}, 9 * 60, ZoneOffset{7 * 3600});
  EXPECT_EQ(ctx->closed_month_steps.bytes(), 0u);
  EXPECT_TRUE(warm_dashboards(*ctx).empty());
  EXPECT_GT(ctx->closed_month_steps.bytes(), 0u);
  // A January step behind the service's back is not seen: January was counted by the warming.
  store::AuditRecord late = store.data.events.back();
  late.seq += 100;
  late.at = from_local(Date{2027, 1, 6}, 9 * 60, ZoneOffset{7 * 3600}).unix_seconds;
  store.data.events.push_back(late);
  auto v = mutu_baku_dashboard(*ctx, person(kKepala), {"2027-01-01", "2027-02-10", ""});
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->handled, 1);
  EXPECT_EQ(v->steps[0].times.median_minutes, 14);
  ASSERT_EQ(v->trend.size(), 12u);
  EXPECT_EQ(v->trend[10].month, "2027-01");
  EXPECT_EQ(v->trend[10].handled, 1);
  EXPECT_EQ(v->trend[9].handled, 7) << "December's seven office steps";
  std::stop_source stopped;
  stopped.request_stop();
  EXPECT_TRUE(warm_dashboards(*ctx, stopped.get_token()).empty()) << "stops before the first office";
}

TEST_F(MutuBakuTest, DefaultsToTheCurrentMonthAndChecksItsReader) {
  auto v = mutu_baku_dashboard(*ctx, person(kLoket), {});
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->from, "2026-12-01");
  EXPECT_EQ(v->to, "2026-12-31");
  EXPECT_EQ(mutu_baku_dashboard(*ctx, person(kRina), {}).error().code, "forbidden");
  EXPECT_EQ(mutu_baku_dashboard(*ctx, person(kLoket), {"2026-01-01", "2026-12-31", ""}).error().code, "invalid_field")
      << "a quarter at most";
  EXPECT_EQ(mutu_baku_dashboard(*ctx, person(kLoket), {"", "", "SIP-TIDAK-ADA"}).error().code, "invalid_field");
  // Another office sees only its own steps.
  EXPECT_EQ(mutu_baku_dashboard(*ctx, person(kOtherOffice), {})->office, "purwakarta");
}

TEST_F(MutuBakuTest, CountsAnEndedMonthOnceAndTheCurrentMonthLive) {
  const ApplicationId a = submitted();
  clock.advance(10 * 60);
  act_ok(kLoket, a, "lengkap");
  // Tuesday 5 January 2027, 10:00: December is over.
  clock.at = from_local(Date{2027, 1, 5}, 10 * 60, ZoneOffset{7 * 3600});
  auto first = mutu_baku_dashboard(*ctx, person(kKepala), {});
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->trend[10].month, "2026-12");
  EXPECT_EQ(first->trend[10].handled, 1);
  // A step that could not be recorded in an ended month (steps are recorded when done): put in
  // the store behind the service's back, it shows the figure is not counted again...
  store::AuditRecord late = store.data.events.back();
  late.seq += 100;
  late.role = "loket";
  late.kind = "acted";
  store.data.events.push_back(late);
  // ...while the current month is counted on every request.
  late.seq += 1;
  late.at = clock.at.unix_seconds - 60;
  store.data.events.push_back(late);
  auto second = mutu_baku_dashboard(*ctx, person(kKepala), {});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->trend[10].handled, 1) << "December was counted once";
  EXPECT_EQ(second->trend[11].month, "2027-01");
  EXPECT_EQ(second->trend[11].handled, 1) << "January is counted live";
}

TEST_F(MutuBakuTest, ExportsTheStepTableAsCsv) {
  const ApplicationId a = submitted();
  clock.advance(10 * 60);
  act_ok(kLoket, a, "lengkap");
  const auto dir = std::filesystem::temp_directory_path() / ("mutu-baku-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "out.csv").string();
  auto done = export_mutu_baku_for(*ctx, person(kAdmin), {}, reports::TableFormat::Csv, path);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->filename, "mutu-baku-kampar-2026-12-01-2026-12-31.csv");
  EXPECT_EQ(done->lines, 2) << "the step, then its one officer";
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(text.find("Surat Izin Praktik Dokter,2,"), std::string::npos) << text;
  EXPECT_NE(text.find(",Semua petugas,15 menit,15,1,1,100.0,10,10\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find(",Lusi Loket,15 menit,15,1,1,100.0,10,10\r\n"), std::string::npos) << text;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sp::service

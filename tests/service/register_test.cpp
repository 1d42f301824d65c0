// The Buku Registrasi (service/register_book) on the in-memory store: which files it lists and in
// what order, each line's facts from its stored state and events, paging, the NIK shown only to
// the office admin in full, and the CSV export's lines.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "office_fixture.hpp"
#include "service/register_book.hpp"

namespace sp::service {
namespace {

constexpr long long kHour = 3600, kDay = 86400;
// Monday 7 December 2026, 09:00 in Kampar (WIB): the fixture's clock.
constexpr long long kMonday0900 = 1'796'608'800;

class RegisterTest : public testing::OfficeFixture {
 protected:
  // A registered Kampar file (kpr-dokter v2: steps 2 loket 15 min, 3 bidang 1 h, 4 kepala signs
  // 1 h, 5 loket 10 min; the applicant's steps 1 and 6).
  long long file(long long submitted, const std::string& phase, const std::string& outcome, int step,
                 const std::string& office = "kampar") {
    store::ApplicationRow r;
    r.id = next_id++;
    r.office = office;
    r.sop_code = office == "kampar" ? "kpr-dokter" : "pwk-iptk";
    r.sop_version = office == "kampar" ? 2 : 1;
    r.applicant_id = kRina;
    r.step = step;
    r.phase = phase;
    r.outcome = outcome;
    r.created = r.step_started = Instant{submitted - kHour};
    r.submitted = Instant{submitted};
    r.registration_number = "REG-" + std::to_string(r.id);
    store.data.applications[r.id] = r;
    done(r.id, 1, submitted, false);
    return r.id;
  }
  void done(long long id, int step, long long at, bool overdue) {
    store::AuditRecord e;
    e.office = "kampar";
    e.seq = static_cast<long long>(store.data.events.size()) + 1;
    e.application_id = id;
    e.kind = "acted";
    e.step = step;
    e.at = at;
    e.overdue = overdue;
    store.data.events.push_back(e);
  }
  long long next_id = 200;
};

TEST_F(RegisterTest, ListsTheOfficesRegisteredFilesWithTheirSteps) {
  store.data.users[kRina].nik = "1401014107900001";
  const long long t = kMonday0900;
  // Issued: signed on Tuesday, handed over on Wednesday; every step in time.
  const long long issued = file(t, "closed", "issued", 6);
  store.data.applications[issued].permit_number = "503/001/SIP/2026";
  store.data.applications[issued].office_minutes = 140;
  done(issued, 2, t + kHour, false);
  done(issued, 3, t + kDay, false);
  done(issued, 4, t + kDay + kHour, false);
  done(issued, 5, t + 2 * kDay, false);
  // Returned to the applicant after the counter took too long.
  const long long returned = file(t + 60, "with_applicant", "none", 2);
  done(returned, 2, t + 2 * kHour, true);
  // Still at the bidang's step, its deadline passed an hour ago.
  const long long late = file(t + 120, "at_step", "none", 3);
  store.data.applications[late].deadline = Instant{t - kHour};
  // Not in the register: another office, registered in November, a draft never submitted.
  file(t, "at_step", "none", 4, "purwakarta");
  file(t - 30 * kDay, "at_step", "none", 2);
  store.data.applications[next_id - 1].submitted.reset();
  file(t - 30 * kDay, "at_step", "none", 2);
  store.data.applications[next_id - 1].submitted = Instant{t - 30 * kDay};

  const RegisterFilter december{"2026-12-01", "2026-12-31", "", ""};
  auto page = register_page(*ctx, person(kLoket), december, "", 100);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_TRUE(page->next.empty());
  const auto& a = page->items[0];
  EXPECT_EQ(a.no, 1);
  EXPECT_EQ(a.id, issued);
  EXPECT_EQ(a.registered, "2026-12-07");
  EXPECT_EQ(a.applicant, "Rina Marlina");
  EXPECT_EQ(a.nik, "1401********0001") << "an officer sees the NIK masked";
  EXPECT_EQ(a.permit_code, "SIP-DOKTER");
  EXPECT_EQ(a.status, "issued");
  EXPECT_EQ(a.status_label, "Izin terbit");
  EXPECT_EQ(a.step, 0) << "a closed file stands at no step";
  EXPECT_EQ(a.permit_number, "503/001/SIP/2026");
  EXPECT_EQ(a.decided, "2026-12-08") << "the permit's date is the day it was signed, not handed over";
  ASSERT_EQ(a.steps.size(), 5u);
  EXPECT_EQ(a.steps[3].step, 4);
  EXPECT_EQ(a.steps[4].date, "2026-12-09");
  EXPECT_EQ(a.office_minutes, 140);
  EXPECT_EQ(a.standard, "2 jam 25 menit") << "15 + 60 + 60 + 10 minutes of the office's steps";
  EXPECT_EQ(a.on_time, true);
  const auto& b = page->items[1];
  EXPECT_EQ(b.status, "with_applicant");
  EXPECT_EQ(b.step, 2);
  EXPECT_EQ(b.on_time, false) << "a step went over its standard";
  EXPECT_TRUE(b.steps.back().overdue);
  const auto& c = page->items[2];
  EXPECT_EQ(c.status, "in_progress");
  EXPECT_EQ(c.on_time, false) << "its deadline has passed";
  EXPECT_TRUE(c.decided.empty());

  // The office admin sees the NIK whole; applicants and other offices see nothing.
  EXPECT_EQ(register_page(*ctx, person(kAdmin), december, "", 100)->items[0].nik, "1401014107900001");
  EXPECT_EQ(register_page(*ctx, person(kRina), december, "", 100).error().code, "forbidden");
  EXPECT_EQ(register_page(*ctx, person(kOtherOffice), december, "", 100)->total, 1)
      << "Purwakarta's register holds only its own file, registered in its zone's December";

  // Pages continue the numbering.
  auto first = register_page(*ctx, person(kLoket), december, "", 2);
  ASSERT_EQ(first->items.size(), 2u);
  ASSERT_FALSE(first->next.empty());
  auto second = register_page(*ctx, person(kLoket), december, first->next, 2);
  ASSERT_TRUE(second.ok()) << second.error().message;
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].no, 3);
  EXPECT_EQ(second->items[0].id, late);
  EXPECT_EQ(register_page(*ctx, person(kLoket), december, "1.2", 2).error().fields.at(0).field, "after");

  // Filters.
  EXPECT_EQ(register_page(*ctx, person(kLoket), {"2026-12-01", "2026-12-31", "", "issued"}, "", 100)->total, 1);
  EXPECT_EQ(register_page(*ctx, person(kLoket), {"2026-12-01", "2026-12-31", "", "with_applicant"}, "", 100)->total, 1);
  EXPECT_EQ(register_page(*ctx, person(kLoket), {"2026-12-01", "2026-12-31", "SIP-DOKTER", ""}, "", 100)->total, 3);
  EXPECT_EQ(register_page(*ctx, person(kLoket), {"2026-12-01", "2026-12-31", "SIPA", ""}, "", 100)->total, 0);
  EXPECT_EQ(register_page(*ctx, person(kLoket), {"2026-12-01", "2026-12-31", "SIM", ""}, "", 100).error().fields.at(0).field,
            "permit");
  EXPECT_EQ(register_page(*ctx, person(kLoket), {"2026-12-01", "2026-12-31", "", "lost"}, "", 100).error().fields.at(0).field,
            "status");
  EXPECT_EQ(register_page(*ctx, person(kLoket), {"2026-12-31", "2026-12-01", "", ""}, "", 100).error().fields.at(0).field,
            "to");
  EXPECT_EQ(register_page(*ctx, person(kLoket), {"2026-11-01", "2026-11-30", "", ""}, "", 100)->total, 1);

  // The export writes the same lines.
  const auto path = std::filesystem::temp_directory_path() / ("sp_register_" + std::to_string(::getpid()) + ".csv");
  auto exported = export_register(*ctx, "kampar", december, reports::TableFormat::Csv, false, path.string());
  ASSERT_TRUE(exported.ok()) << exported.error().message;
  EXPECT_EQ(exported->lines, 3);
  EXPECT_EQ(exported->filename, "buku-registrasi-kampar-2026-12-01-2026-12-31.csv");
  std::ifstream in(path, std::ios::binary);
  const std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  EXPECT_NE(csv.find("\r\n1,REG-" + std::to_string(issued) +
                     ",07-12-2026,Rina Marlina,1401********0001,Surat Izin Praktik Dokter,,Izin terbit,"
                     "1: 07-12-2026; 2: 07-12-2026; 3: 08-12-2026; 4: 08-12-2026; 5: 09-12-2026,503/001/SIP/2026,"
                     "08-12-2026,140,2 jam 25 menit,Ya\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("2: 07-12-2026 (terlambat),"), std::string::npos) << csv;
}

TEST_F(RegisterTest, APdfRegisterHasABoundAndAFailedExportLeavesAnExistingFileAlone) {
  for (long long i = 0; i <= kMaxPdfRegisterLines; ++i) {
    store::ApplicationRow r;
    r.id = next_id++;
    r.office = "kampar";
    r.sop_code = "kpr-dokter";
    r.sop_version = 2;
    r.applicant_id = kRina;
    r.created = r.step_started = Instant{kMonday0900};
    r.submitted = Instant{kMonday0900 + i};
    r.registration_number = "REG-" + std::to_string(r.id);
    store.data.applications[r.id] = r;
  }
  const auto path = std::filesystem::temp_directory_path() / ("sp_register_" + std::to_string(::getpid()) + ".pdf");
  { std::ofstream(path) << "kept"; }
  auto refused = export_register(*ctx, "kampar", {"2026-12-01", "2026-12-31", "", ""}, reports::TableFormat::Pdf, false,
                                 path.string());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "too_large");
  EXPECT_NE(refused.error().message.find("export XLSX or CSV"), std::string::npos);
  std::ifstream in(path);
  const std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(kept, "kept") << "refused before writing: the file already there stays";
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace sp::service

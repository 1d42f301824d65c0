// Complaints (service/complaints) on the in-memory Kampar office: filing with and without an
// account, the answer's deadline on the working calendar across the Christmas holidays, the
// per-contact limit, attachments through the upload checks, the public lookup without personal
// data, and the office's assignment, answer and closure with every refusal.
#include <gtest/gtest.h>

#include <regex>

#include "kampar_files.hpp"
#include "service/complaints.hpp"
#include "service/monthly_report.hpp"
#include "service/mutu_baku.hpp"

namespace sp::service {
namespace {

class ComplaintTest : public testing::KamparFiles {
 protected:
  ComplaintForm anonymous(std::string email = "warga@contoh.id") {
    ComplaintForm f;
    f.office = "kampar";
    f.subject = "Loket tutup lebih awal";
    f.body = "Saya datang pukul 15.00 hari Senin, loket sudah tutup.";
    f.name = "Warga Kampar";
    f.email = std::move(email);
    return f;
  }
  ComplaintReceiptView filed(const ComplaintForm& f, const std::optional<Principal>& who = std::nullopt) {
    auto r = file_complaint(*ctx, who, f);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : ComplaintReceiptView{};
  }
  long long id_of(const std::string& number) {
    for (const auto& c : store.data.complaints)
      if (c.number == number) return c.id;
    return 0;
  }
  static std::string field_of(const Error& e) { return e.fields.empty() ? "" : e.fields[0].field; }
};

TEST_F(ComplaintTest, AnAnonymousComplaintGetsANumberAReceiptAndItsDeadline) {
  at(23, 10, 0);  // Wednesday 23 December 2026
  const auto r = filed(anonymous());
  EXPECT_TRUE(std::regex_match(r.number, std::regex("ADU-KAMPAR-2026-0001-[A-HJ-NP-Z2-9]{5}"))) << r.number;
  // Five working days: 24 (cuti bersama) and 25 December, the weekend and 1 January are closed,
  // so 28, 29, 30, 31 December and Monday 4 January, at the same point of the day.
  EXPECT_EQ(format_instant(r.due, r.zone), "2027-01-04T10:00:00+07:00");
  EXPECT_FALSE(r.attachment_key.empty());
  ASSERT_EQ(subjects_to("warga@contoh.id").size(), 1u);
  EXPECT_NE(subjects_to("warga@contoh.id")[0].find(r.number), std::string::npos);
  EXPECT_EQ(event_kinds().back(), "complaint_filed");
  const auto& stored = store.data.complaints.back();
  EXPECT_NE(stored.key_hash, r.attachment_key) << "only the key's hash is kept";

  // The second of the year counts on.
  EXPECT_NE(filed(anonymous("lain@contoh.id")).number.find("-0002-"), std::string::npos);
}

TEST_F(ComplaintTest, BadInputIsRefusedByField) {
  auto f = anonymous("");
  auto r = file_complaint(*ctx, std::nullopt, f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(field_of(r.error()), "email") << "an e-mail address or a phone number is needed to answer";
  f.phone = "0812-3456-7890";
  EXPECT_TRUE(file_complaint(*ctx, std::nullopt, f).ok()) << "a phone number is enough";
  f = anonymous("bukan-surel");
  EXPECT_EQ(field_of(file_complaint(*ctx, std::nullopt, f).error()), "email");
  f = anonymous();
  f.subject = "  ok ";
  EXPECT_EQ(field_of(file_complaint(*ctx, std::nullopt, f).error()), "subject");
  f = anonymous();
  f.registration_number = "9999/REG/TIDAK/ADA";
  EXPECT_EQ(field_of(file_complaint(*ctx, std::nullopt, f).error()), "registration_number");
  f = anonymous();
  f.office = "atlantis";
  EXPECT_EQ(field_of(file_complaint(*ctx, std::nullopt, f).error()), "office");
  f = anonymous();
  f.body = "Baris satu\u0007 dengan karakter kendali";
  EXPECT_EQ(field_of(file_complaint(*ctx, std::nullopt, f).error()), "body");
  auto officer = file_complaint(*ctx, person(kLoket), anonymous());
  ASSERT_FALSE(officer.ok());
  EXPECT_EQ(officer.error().code, "forbidden");
}

TEST_F(ComplaintTest, EachContactFilesAFewAnHour) {
  at(7, 9, 0);
  for (int i = 0; i < kComplaintsPerContactHour; ++i) filed(anonymous());
  auto fourth = file_complaint(*ctx, std::nullopt, anonymous());
  ASSERT_FALSE(fourth.ok());
  EXPECT_EQ(fourth.error().code, "rate_limited");
  auto upper = anonymous("WARGA@contoh.id");
  EXPECT_EQ(file_complaint(*ctx, std::nullopt, upper).error().code, "rate_limited") << "the address in any case";
  at(7, 10, 1);
  EXPECT_TRUE(file_complaint(*ctx, std::nullopt, anonymous()).ok()) << "an hour later";
}

TEST_F(ComplaintTest, TheOfficeAssignsAnswersAndClosesItAndTheLookupShowsNoPersonalData) {
  at(7, 9, 0);
  const ApplicationId app = submitted();
  auto f = anonymous();
  f.registration_number = store.data.applications.at(app.value).registration_number;
  const auto receipt = filed(f);
  const long long id = id_of(receipt.number);

  auto open = public_complaint(*ctx, receipt.number);
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->status, "received");
  EXPECT_TRUE(open->about_a_file);
  EXPECT_TRUE(open->answer.empty());
  EXPECT_EQ(public_complaint(*ctx, "ADU-KAMPAR-2026-0001-XXXXX").error().code, "not_found");

  // Another office's officer does not see it; an applicant has no office list.
  EXPECT_EQ(office_complaint(*ctx, person(kOtherOffice), id).error().code, "not_found");
  EXPECT_EQ(office_complaints(*ctx, person(kRina), "").error().code, "forbidden");
  auto list = office_complaints(*ctx, person(kLoket), "open");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].filer_email, "warga@contoh.id") << "the office sees how to reach the filer";
  EXPECT_EQ((*list)[0].registration_number, f.registration_number);

  // Only the admin assigns, to an officer of the office.
  EXPECT_EQ(assign_complaint(*ctx, person(kLoket), id, kLoket, std::nullopt).error().code, "forbidden");
  EXPECT_EQ(field_of(assign_complaint(*ctx, person(kAdmin), id, kOtherOffice, std::nullopt).error()), "officer_id");
  auto assigned = assign_complaint(*ctx, person(kAdmin), id, kLoket, 0);
  ASSERT_TRUE(assigned.ok()) << assigned.error().message;
  EXPECT_EQ(assigned->assigned_name, "Lusi Loket");
  EXPECT_EQ(assign_complaint(*ctx, person(kAdmin), id, kBidang, 0).error().code, "complaint_changed")
      << "an assignment made on a stale read";

  // The assignee (or the admin) answers; someone else of the office may not.
  at(8, 10, 0);
  const std::string answer = "Mohon maaf, loket kini buka sampai pukul 16.00 sesuai jam kerja.";
  EXPECT_EQ(answer_complaint(*ctx, person(kBidang), id, answer, std::nullopt).error().code, "forbidden");
  EXPECT_EQ(field_of(answer_complaint(*ctx, person(kLoket), id, "ok", std::nullopt).error()), "answer");
  EXPECT_EQ(close_complaint(*ctx, person(kLoket), id, std::nullopt).error().code, "conflict") << "answer first";
  auto answered = answer_complaint(*ctx, person(kLoket), id, answer, std::nullopt);
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  EXPECT_EQ(answered->status, "answered");
  EXPECT_FALSE(answered->overdue) << "answered on the next working day, within five";
  const auto mails = subjects_to("warga@contoh.id");
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_NE(mails[1].find("Jawaban atas pengaduan"), std::string::npos);
  EXPECT_EQ(answer_complaint(*ctx, person(kLoket), id, answer, std::nullopt).error().code, "conflict");

  auto seen = public_complaint(*ctx, receipt.number);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->status, "answered");
  EXPECT_EQ(seen->answer, answer);
  EXPECT_EQ(format_instant(*seen->answered, seen->zone), "2026-12-08T10:00:00+07:00");

  auto closed = close_complaint(*ctx, person(kLoket), id, std::nullopt);
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->status, "closed");
  const auto kinds = event_kinds();
  EXPECT_EQ(std::vector<std::string>(kinds.end() - 4, kinds.end()),
            (std::vector<std::string>{"complaint_filed", "complaint_assigned", "complaint_answered", "complaint_closed"}));
}

TEST_F(ComplaintTest, AttachmentsNeedTheReceiptsKeyAndPassTheUploadChecks) {
  const auto r = filed(anonymous());
  EXPECT_EQ(attach_to_complaint(*ctx, r.number, "salah", "a.pdf", small_pdf()).error().code, "not_found");
  EXPECT_EQ(attach_to_complaint(*ctx, r.number, "", "a.pdf", small_pdf()).error().code, "not_found");
  EXPECT_EQ(attach_to_complaint(*ctx, r.number, r.attachment_key, "a.pdf", "bukan pdf").error().code, "unsupported_file");
  for (int i = 0; i < kComplaintAttachments; ++i) {
    auto a = attach_to_complaint(*ctx, r.number, r.attachment_key, "bukti.pdf", small_pdf());
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->content_type, "application/pdf");
  }
  EXPECT_EQ(attach_to_complaint(*ctx, r.number, r.attachment_key, "d.pdf", small_pdf()).error().code, "conflict");
  const long long id = id_of(r.number);
  auto v = office_complaint(*ctx, person(kLoket), id);
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->attachments.size(), 3u);
  auto file = complaint_attachment(*ctx, person(kLoket), id, v->attachments[0].id);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->bytes, small_pdf());
  EXPECT_EQ(complaint_attachment(*ctx, person(kOtherOffice), id, v->attachments[0].id).error().code, "not_found");
}

TEST_F(ComplaintTest, AnApplicantFilesFromTheirAccountAndReadsTheAnswerThere) {
  at(7, 9, 0);
  const auto r = filed(anonymous(), person(kRina));
  const auto& stored = store.data.complaints.back();
  EXPECT_EQ(stored.filer_id, kRina);
  EXPECT_EQ(stored.filer_email, "rina@contoh.id") << "the account's name and address, not the form's";
  ASSERT_TRUE(answer_complaint(*ctx, person(kAdmin), id_of(r.number), "Terima kasih, sudah kami tindak lanjuti.",
                               std::nullopt).ok());
  auto mine = my_complaints(*ctx, person(kRina));
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].answer, "Terima kasih, sudah kami tindak lanjuti.");
  EXPECT_TRUE((*mine)[0].filer_email.empty());
  EXPECT_TRUE(my_complaints(*ctx, person(kBudi))->empty());
}

// The figures the dashboard and the monthly report give, by hand.
TEST_F(ComplaintTest, TheReportsCountComplaintsByHand) {
  at(7, 9, 0);  // Monday
  const long long a = id_of(filed(anonymous("a@contoh.id")).number);
  at(7, 9, 30);
  const long long b = id_of(filed(anonymous("b@contoh.id")).number);
  at(7, 10, 0);
  filed(anonymous("c@contoh.id"));
  // A answered at 11:00: 120 working minutes. B on Tuesday at 08:00: 09:30-12:00, 13:00-16:00 and
  // 07:30-08:00, 150 + 180 + 30 = 360. C stays open, due Monday 14 December 10:00.
  at(7, 11, 0);
  ASSERT_TRUE(answer_complaint(*ctx, person(kAdmin), a, "Sudah kami perbaiki, terima kasih.", std::nullopt).ok());
  at(8, 8, 0);
  ASSERT_TRUE(answer_complaint(*ctx, person(kAdmin), b, "Sudah kami perbaiki, terima kasih.", std::nullopt).ok());
  auto report = monthly_report(*ctx, "kampar", {"2026-12-01", "2026-12-31"});
  ASSERT_TRUE(report.ok()) << report.error().message;
  const auto& c = report->complaints;
  EXPECT_EQ(c.filed, 3);
  EXPECT_EQ(c.answered, 2);
  EXPECT_EQ(c.answered_on_time, 2);
  EXPECT_EQ(c.median_answer_minutes, 120) << "nearest rank of {120, 360}: the first";
  EXPECT_EQ(c.open, 1);
  EXPECT_EQ(c.overdue, 0);
  EXPECT_EQ(complaint_tally_words(c),
            "Pengaduan: diterima 3, dijawab 2 (2 tepat waktu, median 2 jam kerja), belum dijawab 1 (0 terlambat)");
  // November knew none of them.
  auto november = monthly_report(*ctx, "kampar", {"2026-11-01", "2026-11-30"});
  ASSERT_TRUE(november.ok());
  EXPECT_EQ(november->complaints.filed + november->complaints.answered + november->complaints.open, 0);

  at(14, 10, 1);  // C is a minute past its five working days
  auto board = mutu_baku_dashboard(*ctx, person(kLoket), {});
  ASSERT_TRUE(board.ok()) << board.error().message;
  EXPECT_EQ(board->complaints.open, 1);
  EXPECT_EQ(board->complaints.overdue, 1);
  EXPECT_EQ(board->complaints.filed, 3);
}

}  // namespace
}  // namespace sp::service

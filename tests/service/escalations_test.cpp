// Escalation (service/escalations) on the in-memory store, with Kampar's files driven through the
// application service: each overdue step visit goes once to the next role up the office's chain
// (loket -> bidang -> kepala_dinas), by mail, as a notice and in the file's history; a file back at
// a step after a return is a new visit; the head of office gets one digest per working day once
// the office opens. The service keeps nothing in the process, so running it again is what a
// restart (or a second server) does.
#include <gtest/gtest.h>

#include "catalog/escalation_chain.hpp"
#include "forms/form_examples.hpp"
#include "kampar_files.hpp"
#include "service/applications.hpp"
#include "service/escalations.hpp"
#include "service/notifications.hpp"

namespace sp::service {
namespace {

class EscalationTest : public testing::KamparFiles {
 protected:
  EscalationRound run() {
    auto r = escalate_overdue(*ctx);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : EscalationRound{};
  }
  std::vector<std::string> escalated_events() const {
    std::vector<std::string> out;
    for (const auto& e : store.data.events)
      if (e.kind == "escalated") out.push_back(std::to_string(e.step) + ":" + nlohmann::json::parse(e.payload)["to_role"].get<std::string>());
    return out;
  }
  std::string body_to(const std::string& recipient) const {
    std::string out;
    for (const auto& m : store.data.outbox)
      if (m.mail.recipient == recipient) out = m.mail.body;
    return out;
  }
};

TEST(EscalationChain, TheNextRoleUp) {
  const std::vector<std::string> chain{"kasi", "kabid", "kepala_dinas"};
  EXPECT_EQ(next_role_up(chain, "front_office"), "kasi") << "a role below the chain goes to its first";
  EXPECT_EQ(next_role_up(chain, "tim_teknis"), "kasi");
  EXPECT_EQ(next_role_up(chain, "kasi"), "kabid");
  EXPECT_EQ(next_role_up(chain, "kabid"), "kepala_dinas");
  EXPECT_EQ(next_role_up(chain, "kepala_dinas"), std::nullopt) << "nobody above the head of office";
  EXPECT_EQ(next_role_up({}, "kasi"), std::nullopt);
}

TEST_F(EscalationTest, OfficesGetTheirChainFromOfficeYaml) {
  const auto* kampar = loaded.catalog.office("kampar");
  ASSERT_NE(kampar, nullptr);
  EXPECT_EQ(kampar->escalation, (std::vector<std::string>{"bidang", "kepala_dinas"}));
  EXPECT_EQ(loaded.catalog.office("purwakarta")->escalation,
            (std::vector<std::string>{"kasi", "kabid", "kepala_dinas"}));
}

// kpr-dokter: step 2 (loket) 15 minutes, step 3 (bidang) 1 hour, step 4 (kepala dinas) 1 hour.
// Kampar works 07:30-12:00 and 13:00-16:00 Monday to Thursday.
TEST_F(EscalationTest, EachOverdueStepGoesOnceToTheNextRoleUp) {
  at(7, 9, 0);  // Monday
  const ApplicationId a = submitted();
  at(7, 9, 10);
  EXPECT_EQ(run().escalated, 0) << "ten minutes of fifteen: not yet overdue";

  at(7, 9, 16);  // the deadline was 09:15
  auto first = run();
  EXPECT_EQ(first.escalated, 1);
  EXPECT_EQ(first.notified, 1) << "the one bidang officer";
  ASSERT_EQ(subjects_to("bidang@kpr").size(), 1u);
  EXPECT_NE(subjects_to("bidang@kpr")[0].find("melewati batas waktu"), std::string::npos);
  const std::string body = body_to("bidang@kpr");
  EXPECT_NE(body.find("Yth. Bambang Bidang"), std::string::npos) << body;
  EXPECT_NE(body.find("Waktu standarnya 15 menit"), std::string::npos) << body;
  EXPECT_NE(body.find("terlambat 1 menit"), std::string::npos) << body;
  EXPECT_NE(body.find("/permohonan/" + std::to_string(a.value)), std::string::npos) << body;
  EXPECT_TRUE(subjects_to("loket@kpr").empty()) << "the late officer is not told of their own step";
  EXPECT_EQ(escalated_events(), (std::vector<std::string>{"2:bidang"}));

  // Again a little later, as after a restart or on a second server: nothing new.
  at(7, 9, 30);
  EXPECT_EQ(run().escalated, 0);
  EXPECT_EQ(subjects_to("bidang@kpr").size(), 1u);

  // At the bidang's step (one hour from 09:40): overdue at 10:41 goes to the kepala dinas.
  at(7, 9, 40);
  act_ok(kLoket, a, "lengkap");
  at(7, 10, 41);
  EXPECT_EQ(run().escalated, 1);
  EXPECT_EQ(subjects_to("kepala@kpr").size(), 1u);
  EXPECT_EQ(subjects_to("bidang@kpr").size(), 1u);

  // At the kepala dinas's own step nobody is above: the visit is recorded, nobody mailed.
  at(7, 10, 45);
  act_ok(kBidang, a, "terverifikasi");
  at(7, 11, 46);
  auto top = run();
  EXPECT_EQ(top.escalated, 1);
  EXPECT_EQ(top.notified, 0);
  EXPECT_EQ(subjects_to("kepala@kpr").size(), 1u);
  EXPECT_EQ(escalated_events(), (std::vector<std::string>{"2:bidang", "3:kepala_dinas", "4:"}));
  EXPECT_EQ(run().escalated, 0);
}

TEST_F(EscalationTest, AFileBackAtAStepIsANewVisit) {
  at(7, 9, 0);
  const ApplicationId a = submitted();
  at(7, 9, 20);
  EXPECT_EQ(run().escalated, 1);
  // Returned to the applicant, fixed and resubmitted: at the counter again, fifteen more minutes.
  ActRequest back;
  back.reasons = {{"str", "STR sudah tidak berlaku"}};
  act_ok(kLoket, a, "tidak_lengkap", back);
  at(7, 10, 0);
  upload(a, "str");
  act_ok(kRina, a, "resubmitted");
  at(7, 10, 10);
  EXPECT_EQ(run().escalated, 0);
  at(7, 10, 16);
  EXPECT_EQ(run().escalated, 1) << "the second visit of step 2 is escalated in its own right";
  EXPECT_EQ(subjects_to("bidang@kpr").size(), 2u);
}

TEST_F(EscalationTest, TheHeadOfOfficeGetsOneDigestPerWorkingDayOnceTheOfficeOpens) {
  at(7, 9, 0);
  const ApplicationId a = submitted();
  const ApplicationId b = submitted();
  at(7, 9, 5);
  EXPECT_EQ(run().digests, 0) << "nothing overdue this morning: no digest";
  EXPECT_TRUE(subjects_to("kepala@kpr").empty());

  at(8, 7, 0);  // Tuesday, before the office opens at 07:30
  auto early = run();
  EXPECT_EQ(early.escalated, 2);
  EXPECT_EQ(early.digests, 0);
  at(8, 7, 31);
  EXPECT_EQ(run().digests, 1);
  const auto subjects = subjects_to("kepala@kpr");
  ASSERT_EQ(subjects.size(), 1u);
  EXPECT_NE(subjects[0].find("Ringkasan harian: 2 berkas"), std::string::npos) << subjects[0];
  // Both files: due Monday 09:15, late 09:15-12:00, 13:00-16:00 and 07:30-07:31 = 165 + 180 + 1.
  const std::string body = body_to("kepala@kpr");
  EXPECT_NE(body.find("terlambat 5 jam 46 menit"), std::string::npos) << body;
  EXPECT_NE(body.find("/kantor/mutu-baku"), std::string::npos);
  at(8, 15, 0);
  EXPECT_EQ(run().digests, 0) << "one digest a day";
  EXPECT_EQ(subjects_to("kepala@kpr").size(), 1u);

  at(12, 9, 0);  // Saturday: closed
  EXPECT_EQ(run().digests, 0);
  at(14, 7, 30);  // Monday at opening
  EXPECT_EQ(run().digests, 1);
  EXPECT_EQ(subjects_to("kepala@kpr").size(), 2u);
  auto unread = my_notifications(*ctx, person(kKepala), true);
  ASSERT_TRUE(unread.ok());
  ASSERT_EQ(unread->items.size(), 1u) << "today's digest replaces the last one among the unread";
  EXPECT_EQ(unread->items[0].facts["total"], 2);
  (void)a, (void)b;
}

TEST_F(EscalationTest, NoticesAreTheirReadersOwn) {
  at(7, 9, 0);
  const ApplicationId a = submitted();
  at(7, 9, 20);
  run();
  auto mine = my_notifications(*ctx, person(kBidang), false);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->unread, 1);
  ASSERT_EQ(mine->items.size(), 1u);
  const auto& n = mine->items[0];
  EXPECT_EQ(n.kind, "escalation");
  EXPECT_EQ(n.application_id, a.value);
  EXPECT_EQ(n.facts["step"]["number"], 2);
  EXPECT_EQ(n.facts["to_role"], "bidang");
  EXPECT_FALSE(n.facts["registration_number"].get<std::string>().empty());

  auto others = my_notifications(*ctx, person(kLoket), false);
  ASSERT_TRUE(others.ok());
  EXPECT_TRUE(others->items.empty());
  auto theft = mark_notification_read(*ctx, person(kLoket), n.id);
  ASSERT_FALSE(theft.ok());
  EXPECT_EQ(theft.error().code, "not_found");

  auto left = mark_notification_read(*ctx, person(kBidang), n.id);
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(*left, 0);
  auto unread = my_notifications(*ctx, person(kBidang), true);
  ASSERT_TRUE(unread.ok());
  EXPECT_TRUE(unread->items.empty());
  EXPECT_EQ(my_notifications(*ctx, person(kBidang), false)->items.size(), 1u) << "read, still listed";
}

}  // namespace
}  // namespace sp::service

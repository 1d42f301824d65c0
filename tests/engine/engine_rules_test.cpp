// Engine rules that hold for any SOP: failed commands change nothing, events say who did what
// when, the engine is deterministic.
#include <gtest/gtest.h>

#include "engine/engine.hpp"
#include "test_data.hpp"

namespace sp {
namespace {

struct Fixture {
  const Sop& sop = *test::seed_catalog().catalog.sop("pwk-iptk");
  const WorkingCalendar& cal = *test::seed_catalog().catalog.calendar("purwakarta");
  RoleIndex role(const char* c) const { return *sop.role_by_code(c); }
  static Instant at(const char* s) { return *parse_instant(s); }
};

bool same(const ApplicationState& a, const ApplicationState& b) {
  return a.step == b.step && a.phase == b.phase && a.outcome == b.outcome && a.verdict == b.verdict &&
         a.step_started == b.step_started && a.deadline == b.deadline && a.office_time == b.office_time &&
         a.applicant_time == b.applicant_time && a.version == b.version;
}

TEST(EngineRules, FailedCommandsLeaveTheStateUntouched) {
  Fixture f;
  ApplicationState s;
  ASSERT_TRUE(start_application(f.sop, f.cal, UserId{7}, Fixture::at("2026-11-23T08:00+07:00"), s));
  const ApplicationState before = s;
  Command wrong_role{Command::Kind::Act, 0, UserId{8}, f.role("kasi"), Fixture::at("2026-11-23T09:00+07:00"), ""};
  EXPECT_EQ(apply(f.sop, f.cal, s, wrong_role).error().code, "not_your_step");
  Command bad_outcome{Command::Kind::Act, 9, UserId{7}, f.role("pemohon"), Fixture::at("2026-11-23T09:00+07:00"), ""};
  EXPECT_EQ(apply(f.sop, f.cal, s, bad_outcome).error().code, "unknown_action");
  Command too_early{Command::Kind::Act, 0, UserId{7}, f.role("pemohon"), Fixture::at("2026-11-23T07:00+07:00"), ""};
  EXPECT_EQ(apply(f.sop, f.cal, s, too_early).error().code, "time_before_step");
  EXPECT_TRUE(same(s, before));
}

TEST(EngineRules, EventsRecordWhoWhatWhenAndHowLong) {
  Fixture f;
  ApplicationState s;
  auto created = start_application(f.sop, f.cal, UserId{7}, Fixture::at("2026-11-23T08:00+07:00"), s);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->kind, EventKind::Created);
  EXPECT_EQ(created->actor, UserId{7});
  Command submit{Command::Kind::Act, 0, UserId{7}, f.role("pemohon"), Fixture::at("2026-11-23T08:30+07:00"), "ok"};
  auto e = apply(f.sop, f.cal, s, submit);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, EventKind::Acted);
  EXPECT_EQ(e->actor, UserId{7});
  EXPECT_EQ(e->role, f.role("pemohon"));
  EXPECT_EQ(f.sop.steps[e->step].number, 3);
  EXPECT_EQ(f.sop.steps[e->step_after].number, 4);
  EXPECT_EQ(e->action, "selesai");
  EXPECT_EQ(e->note, "ok");
  EXPECT_EQ(e->at, Fixture::at("2026-11-23T08:30+07:00"));
  EXPECT_EQ(e->elapsed.count, 30);
  EXPECT_TRUE(e->allowed.is_none());
}

TEST(EngineRules, IsDeterministic) {
  Fixture f;
  auto run = [&] {
    ApplicationState s;
    (void)start_application(f.sop, f.cal, UserId{7}, Fixture::at("2026-12-23T15:00+07:00"), s);
    Command c{Command::Kind::Act, 0, UserId{7}, f.role("pemohon"), Fixture::at("2026-12-23T15:30+07:00"), ""};
    (void)apply(f.sop, f.cal, s, c);
    return s;
  };
  const auto a = run(), b = run();
  EXPECT_TRUE(same(a, b));
  // Step 4 (1 hari kerja) from Wednesday 23 Dec 15:30 skips cuti bersama and Christmas.
  EXPECT_EQ(format_instant(*a.deadline, f.cal.zone()), "2026-12-28T15:30:00+07:00");
}

TEST(EngineRules, OverdueAndTimeLeft) {
  Fixture f;
  ApplicationState s;
  (void)start_application(f.sop, f.cal, UserId{7}, Fixture::at("2026-11-23T08:00+07:00"), s);
  Command c{Command::Kind::Act, 0, UserId{7}, f.role("pemohon"), Fixture::at("2026-11-23T08:00+07:00"), ""};
  ASSERT_TRUE(apply(f.sop, f.cal, s, c));  // step 4: due Tuesday 08:00
  EXPECT_FALSE(is_overdue(s, Fixture::at("2026-11-24T08:00+07:00")));
  EXPECT_TRUE(is_overdue(s, Fixture::at("2026-11-24T08:01+07:00")));
  EXPECT_EQ(time_left(s, f.cal, Fixture::at("2026-11-23T15:00+07:00"))->count, 90);
  EXPECT_EQ(time_left(s, f.cal, Fixture::at("2026-11-24T09:00+07:00"))->count, -60);
}

TEST(EngineRules, AClosedFileRecordsWhenItClosed) {
  // The monthly report counts a decision in the month the file closed: step_started then.
  Fixture f;
  ApplicationState s;
  (void)start_application(f.sop, f.cal, UserId{7}, Fixture::at("2026-11-23T08:00+07:00"), s);
  Command withdraw{Command::Kind::Withdraw, 0, UserId{7}, f.role("pemohon"), Fixture::at("2026-11-25T10:15+07:00"), ""};
  ASSERT_TRUE(apply(f.sop, f.cal, s, withdraw));
  EXPECT_EQ(s.phase, Phase::Closed);
  EXPECT_EQ(s.step_started, Fixture::at("2026-11-25T10:15+07:00"));
}

TEST(EngineRules, AssistedStepsAcceptTheAssistant) {
  const Sop& sop = *test::seed_catalog().catalog.sop("kpr-dokter");
  ApplicationState s;
  s.step = *sop.step_by_number(6);
  const RoleSet roles = acting_roles(sop, s);
  EXPECT_TRUE(roles & role_bit(*sop.role_by_code("pemohon")));
  EXPECT_TRUE(roles & role_bit(*sop.role_by_code("loket")));
  EXPECT_FALSE(roles & role_bit(*sop.role_by_code("bidang")));
}

}  // namespace
}  // namespace sp

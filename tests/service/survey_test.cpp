// The satisfaction survey (service/survey) on the in-memory store: who may answer and when, once
// only, and the office's results against a hand computation.
#include <gtest/gtest.h>

#include "office_fixture.hpp"
#include "service/survey.hpp"

namespace sp::service {
namespace {

class SurveyTest : public testing::OfficeFixture {
 protected:
  // A Kampar file of `applicant`, closed as issued (handed over) unless `phase` says otherwise.
  ApplicationId file(long long applicant, const std::string& phase = "closed", const std::string& outcome = "issued") {
    store::ApplicationRow r;
    r.id = next_id++;
    r.office = "kampar";
    r.sop_code = "kpr-dokter";
    r.sop_version = 2;
    r.applicant_id = applicant;
    r.step = phase == "closed" ? 6 : 2;
    r.phase = phase;
    r.outcome = outcome;
    r.created = r.step_started = clock.now();
    store.data.applications[r.id] = r;
    return ApplicationId{r.id};
  }
  static SurveyAnswer answer(std::array<int, 9> scores, std::string comment = "") {
    return {scores, std::move(comment), "perempuan", "30_39", "s1", "tenaga_kesehatan"};
  }
  long long next_id = 100;
};

TEST_F(SurveyTest, TheApplicantAnswersOnceAfterHandover) {
  const ApplicationId mine = file(kRina);
  auto wrong_person = answer_survey(*ctx, person(kBudi), mine, answer({4, 4, 4, 4, 4, 4, 4, 4, 4}));
  ASSERT_FALSE(wrong_person.ok());
  EXPECT_EQ(wrong_person.error().code, "not_found") << "another applicant does not see the file";
  EXPECT_EQ(answer_survey(*ctx, person(kLoket), mine, answer({4, 4, 4, 4, 4, 4, 4, 4, 4})).error().code, "forbidden");
  const ApplicationId running = file(kRina, "at_step", "none");
  EXPECT_EQ(answer_survey(*ctx, person(kRina), running, answer({4, 4, 4, 4, 4, 4, 4, 4, 4})).error().code,
            "not_at_step");
  const ApplicationId withdrawn = file(kRina, "closed", "withdrawn");
  EXPECT_EQ(answer_survey(*ctx, person(kRina), withdrawn, answer({4, 4, 4, 4, 4, 4, 4, 4, 4})).error().code,
            "not_at_step");
  auto out_of_scale = answer_survey(*ctx, person(kRina), mine, answer({4, 4, 4, 4, 5, 4, 4, 4, 4}));
  ASSERT_FALSE(out_of_scale.ok());
  EXPECT_EQ(out_of_scale.error().fields.at(0).field, "scores[4]");
  SurveyAnswer odd = answer({4, 4, 4, 4, 4, 4, 4, 4, 4});
  odd.education = "phd";
  EXPECT_EQ(answer_survey(*ctx, person(kRina), mine, odd).error().fields.at(0).field, "education");

  ASSERT_TRUE(answer_survey(*ctx, person(kRina), mine, answer({4, 4, 4, 4, 4, 4, 4, 4, 4})).ok());
  auto again = answer_survey(*ctx, person(kRina), mine, answer({1, 1, 1, 1, 1, 1, 1, 1, 1}));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "conflict");
  EXPECT_EQ(store.data.survey.at(mine.value).scores[0], 4) << "the first answer stands";
  EXPECT_EQ(event_kinds().back(), "survey_answered");
  EXPECT_EQ(store.data.events.back().payload.find("scores"), std::string::npos) << "the audit keeps no answer";
}

TEST_F(SurveyTest, TheOfficesResultsMatchAHandComputation) {
  // The worked set of survey/ikm_test.cpp: IKM 84.64, B (Baik).
  const std::array<std::array<int, 9>, 4> sets{{{4, 4, 3, 4, 3, 4, 4, 3, 4},
                                                {3, 3, 3, 4, 3, 3, 4, 3, 3},
                                                {4, 3, 2, 4, 3, 4, 4, 2, 3},
                                                {3, 4, 3, 4, 4, 3, 3, 3, 4}}};
  const long long people[] = {kRina, kBudi, kRina, kBudi};
  for (std::size_t i = 0; i < sets.size(); ++i) {
    auto done = answer_survey(*ctx, person(people[i]), file(people[i]), answer(sets[i], i == 1 ? "Loket ramah." : ""));
    ASSERT_TRUE(done.ok()) << done.error().message;
  }
  auto report = survey_report_for(*ctx, person(kKepala), "2026-12-01", "2026-12-31", "");
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->respondents, 4);
  EXPECT_EQ(report->ikm_hundredths, 8464);
  EXPECT_EQ(report->grade, "B");
  EXPECT_EQ(report->grade_label, "Baik");
  ASSERT_EQ(report->elements.size(), 9u);
  EXPECT_DOUBLE_EQ(report->elements[2].nrr, 2.75);
  EXPECT_EQ(report->elements[2].name, "Waktu Penyelesaian");
  ASSERT_EQ(report->comments.size(), 1u);
  EXPECT_EQ(report->comments[0].text, "Loket ramah.");
  EXPECT_EQ(report->comments[0].date, "2026-12-07");
  EXPECT_EQ(report->profile.at(0).key, "gender");
  EXPECT_EQ(report->profile.at(0).counts.at(1).count, 4) << "perempuan";
  // Another period, another office, another permit: none of these answers.
  EXPECT_EQ(survey_report_for(*ctx, person(kKepala), "2026-11-01", "2026-11-30", "")->respondents, 0);
  EXPECT_EQ(survey_report(*ctx, "purwakarta", "2026-12-01", "2026-12-31", "")->respondents, 0);
  EXPECT_EQ(survey_report(*ctx, "kampar", "2026-12-01", "2026-12-31", "SIPA")->respondents, 0);
  EXPECT_EQ(survey_report(*ctx, "kampar", "2026-12-01", "2026-12-31", "SIP-DOKTER")->respondents, 4);
  // Only the office's officers see them.
  EXPECT_EQ(survey_report_for(*ctx, person(kRina), "2026-12-01", "2026-12-31", "").error().code, "forbidden");
  EXPECT_EQ(survey_report_for(*ctx, person(kKepala), "2026-12-31", "2026-12-01", "").error().code, "invalid_field");
  EXPECT_EQ(survey_report_for(*ctx, person(kKepala), "2025-01-01", "2026-12-31", "").error().code, "invalid_field");
  EXPECT_EQ(survey_report_for(*ctx, person(kKepala), "kemarin", "2026-12-31", "").error().code, "invalid_field");
}

}  // namespace
}  // namespace sp::service

#pragma once
// The satisfaction survey (Survei Kepuasan Masyarakat, PermenPAN-RB 14/2017). Once a file is
// closed and handed over, its applicant may rate the 9 elements of the service once, with an
// optional comment and the respondent profile the regulation asks for. Officers see the results
// per period only in aggregate (survey/ikm.hpp): the IKM, its grade, each element's NRR, the
// profile counts and the comments, never with names.
#include <array>
#include <string>

#include "core/result.hpp"
#include "service/app_context.hpp"
#include "service/application_record.hpp"
#include "service/principal.hpp"
#include "service/views.hpp"
#include "store/records.hpp"
#include "store/transaction.hpp"

namespace sp::service {

inline constexpr std::size_t kMaxSurveyComment = 1000;
// A report covers at most a year and a day: offices publish the IKM yearly, and the answers of a
// period are read whole.
inline constexpr int kMaxSurveyReportDays = 366;

struct SurveyAnswer {
  std::array<int, 9> scores{};  // 1 to 4 each, in the regulation's order of the elements
  std::string comment;
  std::string gender, age_band, education, occupation;  // codes of survey/respondent.hpp
};

// Whether a file is closed and handed over (issued or refused): its applicant is asked to rate it.
bool survey_due(const ApplicationRecord& r);

// Whether the applicant of a closed file may still answer: "open", "answered", or "" when the
// survey is not for this file or this person.
std::string survey_state(store::Transaction& tx, const Principal& who, const ApplicationRecord& r);

// The applicant answers for their file, once, after it is closed as issued or refused.
Result<bool> answer_survey(AppContext& ctx, const Principal& who, ApplicationId app_id, const SurveyAnswer& answer);

// A period's answers with the results computed from them (the export needs both).
struct SurveyPeriod {
  SurveyReportView report;
  std::vector<store::SurveyAnswerRecord> answers;  // oldest first
};
Result<SurveyPeriod> survey_period(AppContext& ctx, const std::string& office, const std::string& from,
                                   const std::string& to, const std::string& permit);

// The results of `office` for answers given from `from` to `to` (YYYY-MM-DD, inclusive, the
// office's dates), for one permit (its code) or all. For the CLI; the API asks survey_report_for.
Result<SurveyReportView> survey_report(AppContext& ctx, const std::string& office, const std::string& from,
                                       const std::string& to, const std::string& permit);
// The index the office publishes (PermenPAN-RB 14/2017 asks it to): its results from the first
// of January of the office's current year to today. Public: callers show only the index, its
// grade and the count of respondents, never the comments.
Result<SurveyReportView> published_ikm(AppContext& ctx, const std::string& office);
// The same for an officer or admin of the office.
Result<SurveyReportView> survey_report_for(AppContext& ctx, const Principal& who, const std::string& from,
                                           const std::string& to, const std::string& permit);

}  // namespace sp::service

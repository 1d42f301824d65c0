#include "service/survey.hpp"

#include <map>

#include "core/civil_time.hpp"
#include "service/application_record.hpp"
#include "service/audit_log.hpp"
#include "service/report_period.hpp"
#include "store/store.hpp"
#include "store/survey_repository.hpp"
#include "survey/ikm.hpp"
#include "survey/respondent.hpp"

namespace sp::service {

namespace {

Result<bool> check_answer(const SurveyAnswer& a) {
  for (std::size_t i = 0; i < a.scores.size(); ++i)
    if (a.scores[i] < 1 || a.scores[i] > 4)
      return field_error("scores[" + std::to_string(i) + "]", "below_minimum",
                         "each element is scored from 1 to 4 (" + std::string(survey::unsur_name(static_cast<int>(i))) + ")",
                         1, 4);
  if (a.comment.size() > kMaxSurveyComment)
    return field_error("comment", "too_long", "at most " + std::to_string(kMaxSurveyComment) + " characters", {},
                       static_cast<long long>(kMaxSurveyComment));
  const std::pair<const char*, const std::string*> profile[] = {
      {"gender", &a.gender}, {"age_band", &a.age_band}, {"education", &a.education}, {"occupation", &a.occupation}};
  for (const auto& [key, value] : profile) {
    const survey::ProfileQuestion* q = survey::profile_question(key);
    if (q && !survey::is_option(*q, *value)) {
      std::string options;
      for (const auto& o : q->options) options += (options.empty() ? "" : ", ") + std::string(o.code);
      return field_error(key, "not_an_option", "one of " + options);
    }
  }
  return true;
}

}  // namespace

bool survey_due(const ApplicationRecord& r) {
  return r.state.phase == Phase::Closed &&
         (r.state.outcome == FinalOutcome::Issued || r.state.outcome == FinalOutcome::Rejected);
}

std::string survey_state(store::Transaction& tx, const Principal& who, const ApplicationRecord& r) {
  if (!survey_due(r) || who.kind != UserKind::Applicant || who.user_id.value != r.applicant_id) return "";
  return tx.survey().answered(r.id) ? "answered" : "open";
}

Result<bool> answer_survey(AppContext& ctx, const Principal& who, ApplicationId app_id, const SurveyAnswer& answer) {
  if (auto ok = check_answer(answer); !ok) return ok.error();
  const Instant now = ctx.clock.now();
  return ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    auto rec = load_application(tx, ctx.catalog, app_id.value);
    if (!rec || !may_view(who, *rec)) return application_not_found();
    if (who.kind != UserKind::Applicant || who.user_id.value != rec->applicant_id)
      return make_error("forbidden", "the survey is answered by the applicant");
    if (!survey_due(*rec))
      return make_error("not_at_step", "the survey opens once the file is closed and its letter handed over");
    if (tx.survey().answered(app_id.value))
      return make_error("conflict", "this application's survey has been answered already");
    store::SurveyAnswerRecord a;
    a.application_id = app_id.value;
    a.office = rec->office;
    a.permit = rec->sop->permit.code;
    a.answered = now;
    a.scores = answer.scores;
    a.comment = answer.comment;
    a.gender = answer.gender;
    a.age_band = answer.age_band;
    a.education = answer.education;
    a.occupation = answer.occupation;
    tx.survey().add(a);
    // That the survey was answered, not how: the answers stay anonymous.
    AuditEvent e;
    e.office = rec->office;
    e.application_id = app_id.value;
    e.kind = "survey_answered";
    e.action = "survey_answered";
    e.actor_id = who.user_id.value;
    e.role = rec->sop->roles[rec->sop->applicant].code;
    e.at = now;
    append_event(tx, e);
    return true;
  });
}

Result<SurveyPeriod> survey_period(AppContext& ctx, const std::string& office, const std::string& from,
                                   const std::string& to, const std::string& permit) {
  auto found = report_period(ctx.catalog, office, from, to, kMaxSurveyReportDays);
  if (!found) return found.error();
  const ReportPeriod& period = *found;
  const WorkingCalendar* cal = ctx.catalog.calendar(office);
  const Instant start = period.start, end = period.end;
  auto answers = ctx.store.read([&](store::Transaction& tx) -> Result<std::vector<store::SurveyAnswerRecord>> {
    return tx.survey().of_office(office, start, end, permit);
  });
  if (!answers) return answers.error();

  SurveyReportView v;
  v.office = office;
  v.from = format_date(period.first);
  v.to = format_date(period.last);
  v.permit = permit;
  std::vector<survey::Scores> scores;
  scores.reserve(answers->size());
  std::map<std::string, std::map<std::string, int>> counts;
  for (const auto& ans : *answers) {
    survey::Scores s{};
    for (std::size_t i = 0; i < s.size(); ++i) s[i] = static_cast<std::uint8_t>(ans.scores[i]);
    scores.push_back(s);
    ++counts["gender"][ans.gender];
    ++counts["age_band"][ans.age_band];
    ++counts["education"][ans.education];
    ++counts["occupation"][ans.occupation];
    if (ans.comment.find_first_not_of(" \t\r\n") != std::string::npos)
      v.comments.push_back({format_date(to_local(ans.answered, cal->zone()).date), ans.permit, ans.comment});
  }
  const survey::Ikm ikm = survey::compute_ikm(scores);
  v.respondents = ikm.respondents;
  v.ikm_hundredths = ikm.hundredths;
  if (ikm.grade) {
    v.grade = std::string(1, ikm.grade);
    v.grade_label = std::string(survey::grade_label(ikm.grade));
  }
  for (int i = 0; i < survey::kUnsurCount; ++i)
    v.elements.push_back({i + 1, std::string(survey::unsur_name(i)), ikm.nrr[static_cast<std::size_t>(i)],
                          ikm.nrr_weighted[static_cast<std::size_t>(i)]});
  for (const auto& q : survey::profile_questions()) {
    SurveyProfileView p{std::string(q.key), std::string(q.label), {}};
    for (const auto& o : q.options) p.counts.push_back({std::string(o.code), std::string(o.label), counts[std::string(q.key)][std::string(o.code)]});
    v.profile.push_back(std::move(p));
  }
  return SurveyPeriod{std::move(v), std::move(*answers)};
}

Result<SurveyReportView> survey_report(AppContext& ctx, const std::string& office, const std::string& from,
                                       const std::string& to, const std::string& permit) {
  auto p = survey_period(ctx, office, from, to, permit);
  if (!p) return p.error();
  return std::move(p->report);
}

Result<SurveyReportView> published_ikm(AppContext& ctx, const std::string& office) {
  const WorkingCalendar* cal = ctx.catalog.calendar(office);
  if (!cal) return make_error("not_found", "no office with code '" + office.substr(0, 60) + "'");
  const Date today = to_local(ctx.clock.now(), cal->zone()).date;
  return survey_report(ctx, office, format_date(Date{today.year, 1, 1}), format_date(today), "");
}

Result<SurveyReportView> survey_report_for(AppContext& ctx, const Principal& who, const std::string& from,
                                           const std::string& to, const std::string& permit) {
  if (auto ok = check_office_reader(who, "the survey's results are"); !ok) return ok.error();
  return survey_report(ctx, who.office, from, to, permit);
}

}  // namespace sp::service

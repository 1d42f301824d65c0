// The satisfaction survey: its questions (public), the applicant's answer for a closed file,
// and the office's results per period.
#include <map>
#include <mutex>

#include "http/api.hpp"
#include "http/export_response.hpp"
#include "http/handler_support.hpp"
#include "http/json_body.hpp"
#include "http/view_json.hpp"
#include "service/survey.hpp"
#include "service/survey_export.hpp"
#include "survey/ikm.hpp"
#include "survey/respondent.hpp"

namespace sp::http {

namespace {

HttpResponse questions(RequestContext&) {
  nlohmann::json elements = nlohmann::json::array();
  for (int i = 0; i < survey::kUnsurCount; ++i) elements.push_back({{"no", i + 1}, {"name", survey::unsur_name(i)}});
  nlohmann::json profile = nlohmann::json::array();
  for (const auto& q : survey::profile_questions()) {
    nlohmann::json options = nlohmann::json::array();
    for (const auto& o : q.options) options.push_back({{"code", o.code}, {"label", o.label}});
    profile.push_back({{"key", q.key}, {"label", q.label}, {"options", options}});
  }
  HttpResponse res = json_response({{"elements", elements}, {"scale", {1, 2, 3, 4}}, {"profile", profile}});
  res.headers.emplace_back("Cache-Control", "public, max-age=86400");
  return res;
}

Result<service::SurveyAnswer> answer_from(const std::string& body) {
  auto j = parse_object(body, {"scores", "comment", "gender", "age_band", "education", "occupation"},
                        {"scores", "gender", "age_band", "education", "occupation"});
  if (!j) return j.error();
  const nlohmann::json& scores = (*j)["scores"];
  if (!scores.is_array() || scores.size() != service::SurveyAnswer{}.scores.size())
    return field_error("scores", "wrong_type", "a list of 9 scores from 1 to 4, one per element in order");
  service::SurveyAnswer a;
  for (std::size_t i = 0; i < a.scores.size(); ++i) {
    if (!scores[i].is_number_integer())
      return field_error("scores[" + std::to_string(i) + "]", "wrong_type", "a whole number from 1 to 4");
    const auto v = scores[i].get<long long>();
    a.scores[i] = v < 0 ? 0 : v > 9 ? 9 : static_cast<int>(v);  // out of range either way; checked by the service
  }
  auto comment = string_field(*j, "comment", false, service::kMaxSurveyComment);
  if (!comment) return comment.error();
  a.comment = *comment;
  const std::pair<const char*, std::string*> profile[] = {
      {"gender", &a.gender}, {"age_band", &a.age_band}, {"education", &a.education}, {"occupation", &a.occupation}};
  for (const auto& [name, into] : profile) {
    auto v = string_field(*j, name, true, 40);
    if (!v) return v.error();
    *into = *v;
  }
  return a;
}

HttpResponse answer(RequestContext& ctx) {
  const auto id = id_param(ctx, "id");
  if (!id) return problem(404, "not_found", "no such application");
  SP_TRY(a, answer_from(ctx.request.body));
  SP_TRY(done, service::answer_survey(ctx.app, *ctx.principal, ApplicationId{*id}, a));
  (void)done;
  return json_response({{"survey", "answered"}}, 201);
}

HttpResponse results(RequestContext& ctx) {
  return respond(service::survey_report_for(ctx.app, *ctx.principal, query_param(ctx, "from"), query_param(ctx, "to"),
                                            query_param(ctx, "permit")));
}

// The published index of each office, recomputed at most every five minutes: the page is
// public and reads a year of answers, so a burst of requests costs one computation.
class PublishedIkmCache {
 public:
  Result<nlohmann::json> get(service::AppContext& app, const std::string& office) {
    const Instant now = app.clock.now();
    {
      std::lock_guard lock(mutex_);
      auto it = cache_.find(office);
      if (it != cache_.end() && now.unix_seconds - it->second.first.unix_seconds < kSeconds) return it->second.second;
    }
    auto r = service::published_ikm(app, office);
    if (!r) return r.error();
    const bool any = r->respondents > 0;
    nlohmann::json j = {{"office", r->office},
                        {"from", r->from},
                        {"to", r->to},
                        {"respondents", r->respondents},
                        {"ikm", any ? nlohmann::json(static_cast<double>(r->ikm_hundredths) / 100.0) : nlohmann::json()},
                        {"grade", any ? nlohmann::json(r->grade) : nlohmann::json()},
                        {"grade_label", any ? nlohmann::json(r->grade_label) : nlohmann::json()}};
    std::lock_guard lock(mutex_);
    cache_[office] = {now, j};  // offices are the catalog's: the map stays small
    return j;
  }

 private:
  static constexpr long long kSeconds = 300;
  std::mutex mutex_;
  std::map<std::string, std::pair<Instant, nlohmann::json>> cache_;
};

HttpResponse published(RequestContext& ctx) {
  static PublishedIkmCache cache;
  auto j = cache.get(ctx.app, ctx.params.at("office"));
  if (!j) return problem_from(j.error());
  HttpResponse res = json_response(*j);
  res.headers.emplace_back("Cache-Control", "public, max-age=300");
  return res;
}

HttpResponse export_results(RequestContext& ctx) {
  return export_response(query_param(ctx, "format"), [&](reports::TableFormat format, const std::string& path) -> Result<ExportedFile> {
    auto done = service::export_survey_for(ctx.app, *ctx.principal, query_param(ctx, "from"), query_param(ctx, "to"),
                                           query_param(ctx, "permit"), format, path);
    if (!done) return done.error();
    return ExportedFile{done->filename, done->respondents};
  });
}

}  // namespace

void add_survey_routes(Router& r) {
  r.add("GET", "/api/v1/survey/questions", Access::Public, questions);
  r.add("POST", "/api/v1/applications/{id}/survey", Access::SignedIn, answer);
  r.add("GET", "/api/v1/office/survey", Access::SignedIn, results);
  r.add("GET", "/api/v1/offices/{office}/ikm", Access::Public, published);
  r.add("GET", "/api/v1/office/survey/export", Access::SignedIn, export_results);
}

}  // namespace sp::http

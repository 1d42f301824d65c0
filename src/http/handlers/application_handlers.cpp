// Applications: drafts, documents, actions, scheduling, timeline, worklist, public status.
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "http/view_json.hpp"
#include "http/json_body.hpp"
#include "service/applications.hpp"
#include "service/generated_documents.hpp"

namespace sp::http {

namespace {

std::optional<service::IdempotencyClaim> claim_of(const RequestContext& ctx) {
  if (!ctx.idempotency_key || !ctx.principal) return std::nullopt;
  return service::IdempotencyClaim{ctx.principal->user_id.value, *ctx.idempotency_key, ctx.request_hash};
}

HttpResponse create(RequestContext& ctx) {
  SP_TRY(j, parse_object(ctx.request.body, {"sop", "data", "applicant_id"}, {"sop", "data"}));
  SP_TRY(sop, string_field(j, "sop", true, 100));
  // `applicant_id`: the counter opens the file for a walk-in applicant (service/walk_ins.hpp).
  SP_TRY(applicant, int_field(j, "applicant_id", false));
  SP_TRY(view, applicant ? service::create_application_for(ctx.app, *ctx.principal, UserId{*applicant}, sop,
                                                           j["data"], claim_of(ctx))
                         : service::create_application(ctx.app, *ctx.principal, sop, j["data"], claim_of(ctx)));
  const long long id = view.id.value;
  HttpResponse res = json_response(view, 201);
  res.headers.emplace_back("Location", "/api/v1/applications/" + std::to_string(id));
  res.headers.emplace_back("Content-Location", "/api/v1/applications/" + std::to_string(id));
  return res;
}

HttpResponse correct_data(RequestContext& ctx) {
  auto id = id_param(ctx, "id");
  if (!id) return problem(404, "not_found", "no such application");
  SP_TRY(j, parse_object(ctx.request.body, {"data"}, {"data"}));
  return respond(service::correct_form_data(ctx.app, *ctx.principal, ApplicationId{*id}, j["data"]));
}

HttpResponse upload(RequestContext& ctx) {
  auto id = id_param(ctx, "id");
  if (!id) return problem(404, "not_found", "no such application");
  // The file is the request body itself. A multipart form (what most HTTP clients send first)
  // is told so, instead of having its boundary lines judged as a document.
  if (const auto type = ctx.request.header("content-type"); type && type->rfind("multipart/", 0) == 0)
    return problem(415, "unsupported_media_type",
                   "send the file's bytes as the request body, with Content-Type application/pdf, image/jpeg or "
                   "image/png and its name in ?filename=; multipart/form-data is not accepted here");
  service::DocumentUpload doc;
  doc.requirement = ctx.params["requirement"];
  auto f = ctx.request.query.find("filename");
  if (f != ctx.request.query.end()) doc.filename = f->second;
  doc.content = ctx.request.body;
  SP_TRY(stored, service::attach_document(ctx.app, *ctx.principal, ApplicationId{*id}, doc));
  HttpResponse res = json_response(stored, 201);
  res.headers.emplace_back("Content-Location", "/api/v1/applications/" + std::to_string(*id));
  return res;
}

template <class DocId, class Fetch>
HttpResponse send_document(RequestContext& ctx, Fetch fetch) {
  auto id = id_param(ctx, "id");
  auto doc = id_param(ctx, "doc");
  if (!id || !doc) return problem(404, "not_found", "no such document");
  SP_TRY(content, fetch(ctx.app, *ctx.principal, ApplicationId{*id}, DocId{*doc}));
  HttpResponse res;
  res.content_type = content.content_type;
  res.body = std::move(content.bytes);
  res.headers.emplace_back("Content-Disposition", content_disposition("inline", content.filename));
  res.headers.emplace_back("Cache-Control", "private, no-store");
  res.same_origin_frame = true;  // viewed inline in the application page
  return res;
}

HttpResponse download(RequestContext& ctx) { return send_document<DocumentId>(ctx, service::document_content); }
HttpResponse download_generated(RequestContext& ctx) { return send_document<GeneratedDocumentId>(ctx, service::generated_document_content); }

// A field problem of a nested object, named by its full path ("report.findings").
Error within(const std::string& parent, Error e) {
  e.message = parent + "." + e.message;
  for (auto& f : e.fields) f.field = parent + "." + f.field;
  return e;
}

// {findings: [text, ...], conclusion: text, members: [name, ...] (optional)}
Result<nlohmann::json> parse_report(const nlohmann::json& r) {
  if (!r.is_object()) return field_error("report", "wrong_type", "an object {findings, conclusion, members}");
  for (const auto& [k, _] : r.items())
    if (k != "findings" && k != "conclusion" && k != "members")
      return field_error("report." + k, "unknown_field", "unknown field");
  auto findings = string_list_field(r, "findings", true, 50, 1000);
  if (!findings) return within("report", findings.error());
  auto conclusion = string_field(r, "conclusion", true, 2000);
  if (!conclusion) return within("report", conclusion.error());
  auto members = string_list_field(r, "members", false, 30, 200);
  if (!members) return within("report", members.error());
  if (findings->empty()) return field_error("report.findings", "required", "give at least one finding");
  if (conclusion->find_first_not_of(" \t\n") == std::string::npos)
    return field_error("report.conclusion", "required", "give the conclusion");
  return nlohmann::json{{"findings", *findings}, {"conclusion", *conclusion}, {"members", *members}};
}

HttpResponse act(RequestContext& ctx) {
  auto id = id_param(ctx, "id");
  if (!id) return problem(404, "not_found", "no such application");
  SP_TRY(j, parse_object(ctx.request.body, {"action", "note", "version", "reasons", "report"}, {"action"}));
  service::ActRequest req;
  SP_TRY(action, string_field(j, "action", true, 100));
  SP_TRY(note, string_field(j, "note", false, 4000));
  SP_TRY(version, int_field(j, "version", false));
  req.action = action;
  req.note = note;
  if (version) req.expected_version = static_cast<int>(*version);
  // If-Match: "7" (or W/"7") is the same check as "version": 7.
  if (auto m = ctx.request.header("if-match")) {
    std::string v = *m;
    if (v.rfind("W/", 0) == 0) v = v.substr(2);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
      return problem_from(field_error("If-Match", "wrong_type", "the application's version, e.g. \"7\""));
    req.expected_version = std::stoi(v);
  }
  if (j.contains("reasons")) {
    if (!j["reasons"].is_array()) return problem_from(field_error("reasons", "wrong_type", "a list of {requirement, reason}"));
    for (const auto& r : j["reasons"]) {
      if (!r.is_object() || r.size() != 2 || !r.contains("requirement") || !r.contains("reason") ||
          !r["requirement"].is_string() || !r["reason"].is_string())
        return problem_from(field_error("reasons", "wrong_type", "each is {requirement, reason}"));
      req.reasons.push_back({r["requirement"].get<std::string>(), r["reason"].get<std::string>()});
    }
  }
  if (j.contains("report")) {
    SP_TRY(report, parse_report(j["report"]));
    req.report = report;
  }
  req.idempotency = claim_of(ctx);
  SP_TRY(view, service::act(ctx.app, *ctx.principal, ApplicationId{*id}, req));
  HttpResponse res = json_response(view);
  res.headers.emplace_back("ETag", "\"" + std::to_string(view.version()) + "\"");
  res.headers.emplace_back("Content-Location", "/api/v1/applications/" + std::to_string(*id));
  return res;
}

HttpResponse schedule(RequestContext& ctx) {
  auto id = id_param(ctx, "id");
  if (!id) return problem(404, "not_found", "no such application");
  SP_TRY(j, parse_object(ctx.request.body, {"kind", "at", "place", "members", "outside_hours_confirmed"},
                         {"kind", "at", "place", "members"}));
  service::ScheduleRequest req;
  SP_TRY(kind, string_field(j, "kind", true, 50));
  SP_TRY(at, string_field(j, "at", true, 60));
  SP_TRY(place, string_field(j, "place", true, 300));
  auto when = parse_instant(at);
  if (!when) return problem_from(field_error("at", "not_a_time", when.error().message));
  SP_TRY(members, string_list_field(j, "members", true, 30, 200));
  req.members = members;
  req.kind = kind;
  req.at = *when;
  req.place = place;
  SP_TRY(confirmed, bool_field(j, "outside_hours_confirmed", false));
  req.outside_hours_confirmed = confirmed.value_or(false);
  SP_TRY(made, service::schedule_review(ctx.app, *ctx.principal, ApplicationId{*id}, req));
  HttpResponse res = json_response(made, 201);
  res.headers.emplace_back("Content-Location", "/api/v1/applications/" + std::to_string(*id));
  return res;
}

HttpResponse current_schedule(RequestContext& ctx) {
  auto id = id_param(ctx, "id");
  if (!id) return problem(404, "not_found", "no such application");
  SP_TRY(found, service::current_schedule(ctx.app, *ctx.principal, ApplicationId{*id}));
  return json_response(nlohmann::json{{"schedule", found ? nlohmann::json(*found) : nlohmann::json(nullptr)}});
}

template <class F>
Handler by_id(F f) {
  return [f](RequestContext& ctx) {
    auto id = id_param(ctx, "id");
    if (!id) return problem(404, "not_found", "no such application");
    return respond(f(ctx.app, *ctx.principal, ApplicationId{*id}));
  };
}

// A bodiless record about one generated document of one application (a print, a handover).
template <class F>
Handler by_document(F f) {
  return [f](RequestContext& ctx) {
    auto id = id_param(ctx, "id");
    auto doc = id_param(ctx, "doc");
    if (!id || !doc) return problem(404, "not_found", "no such document");
    return respond(f(ctx.app, *ctx.principal, ApplicationId{*id}, GeneratedDocumentId{*doc}));
  };
}

}  // namespace

void add_application_routes(Router& r) {
  r.add("POST", "/api/v1/applications", Access::SignedIn, create);
  r.add("GET", "/api/v1/applications", Access::SignedIn,
        [](RequestContext& ctx) {
          SP_TRY(items, service::my_applications(ctx.app, *ctx.principal));
          return json_response({{"items", items}});
        });
  r.add("GET", "/api/v1/applications/{id}", Access::SignedIn, by_id(service::get_application));
  r.add("GET", "/api/v1/applications/{id}/status", Access::SignedIn, by_id(service::application_status));
  r.add("GET", "/api/v1/applications/{id}/timeline", Access::SignedIn, by_id(service::timeline));
  r.add("PUT", "/api/v1/applications/{id}/data", Access::SignedIn, correct_data);
  r.add("POST", "/api/v1/applications/{id}/documents/{requirement}", Access::SignedIn, upload);
  r.add("GET", "/api/v1/applications/{id}/documents/{doc}", Access::SignedIn, download);
  r.add("GET", "/api/v1/applications/{id}/generated-documents/{doc}", Access::SignedIn, download_generated);
  r.add("POST", "/api/v1/applications/{id}/generated-documents/{doc}/printed", Access::SignedIn,
        by_document(service::record_print));
  r.add("POST", "/api/v1/applications/{id}/generated-documents/{doc}/handover", Access::SignedIn,
        by_document(service::record_handover));
  r.add("POST", "/api/v1/applications/{id}/generated-documents/{doc}/revocation", Access::SignedIn,
        [](RequestContext& ctx) {
          auto id = id_param(ctx, "id");
          auto doc = id_param(ctx, "doc");
          if (!id || !doc) return problem(404, "not_found", "no such document");
          SP_TRY(j, parse_object(ctx.request.body, {"reason"}, {"reason"}));
          SP_TRY(reason, string_field(j, "reason", true, 1000));
          return respond(service::revoke_document(ctx.app, *ctx.principal, ApplicationId{*id}, GeneratedDocumentId{*doc}, reason));
        });
  r.add("POST", "/api/v1/applications/{id}/actions", Access::SignedIn, act);
  r.add("POST", "/api/v1/applications/{id}/schedule", Access::SignedIn, schedule);
  r.add("GET", "/api/v1/applications/{id}/schedule", Access::SignedIn, current_schedule);
  r.add("GET", "/api/v1/worklist", Access::SignedIn,
        [](RequestContext& ctx) {
          SP_TRY(items, service::worklist(ctx.app, *ctx.principal));
          return json_response({{"items", items}, {"count", items.size()}});
        });
  // The office's files: a search by number or name, or a list of letters to print or hand over.
  r.add("GET", "/api/v1/office-files", Access::SignedIn, [](RequestContext& ctx) {
    const auto param = [&](const char* name) {
      auto it = ctx.request.query.find(name);
      return it == ctx.request.query.end() ? std::string() : it->second;
    };
    SP_TRY(items, service::office_files(ctx.app, *ctx.principal, {param("q"), param("list")}));
    return json_response({{"items", items}, {"count", items.size()}, {"limit", service::kOfficeFilesLimit}});
  });
  r.add("GET", "/api/v1/status", Access::Public, [](RequestContext& ctx) {
    auto it = ctx.request.query.find("registration");
    if (it == ctx.request.query.end())
      return problem_from(field_error("registration", "required", "give the registration number"));
    return respond(service::public_status(ctx.app, it->second));
  });
}

}  // namespace sp::http
